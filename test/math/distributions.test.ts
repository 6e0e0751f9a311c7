// The normal and Student-t distributions against 50-digit reference values (test/fixtures/distributions: computed with
// mpmath by make_reference.py, independently of this code), to 1e-12 relative or better everywhere tabulated: the
// bounds of the censored scale likelihood lie up to ~40 standard deviations out, and every t interval's width is a
// t quantile.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { logNormalCdf } from "../../src/math/normalDistribution";
import { studentTCdf, studentTQuantile } from "../../src/math/studentT";

interface Reference {
  readonly normalCdf: [string, string][];
  readonly logNormalCdf: [string, string][];
  readonly studentTCdf: [string, number, string][];
  readonly studentTQuantile: [string, number, string][];
}
const ref = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "distributions", "reference.json"), "utf8"),
) as Reference;

const REL = 1e-12;
function assertRel(actual: number, expected: string, what: string): void {
  const e = Number(expected);
  const err = Math.abs(actual - e) / Math.abs(e);
  assert.ok(err <= REL, `${what} = ${actual}, reference ${expected} (relative error ${err.toExponential(2)})`);
}

describe("normal and Student-t distributions against 50-digit reference values", () => {
  it("Phi(z) from z = -37.5 (4.6e-308) to 8, through exp(logNormalCdf)", () => {
    assert.equal(ref.normalCdf.length, 18);
    for (const [z, v] of ref.normalCdf) assertRel(Math.exp(logNormalCdf(Number(z))), v, `Phi(${z})`);
  });

  it("ln Phi(z) from z = -1000 to 10, finite where Phi itself underflows", () => {
    for (const [z, v] of ref.logNormalCdf) assertRel(logNormalCdf(Number(z)), v, `ln Phi(${z})`);
    assert.equal(logNormalCdf(Infinity), 0);
    assert.equal(logNormalCdf(-Infinity), -Infinity);
    assert.throws(() => logNormalCdf(NaN), /logNormalCdf: z is NaN/);
  });

  it("the Student-t CDF, fractional degrees of freedom and far tails included", () => {
    for (const [t, dof, v] of ref.studentTCdf) assertRel(studentTCdf(Number(t), dof), v, `P(T_${dof} <= ${t})`);
  });

  it(
    "Student-t quantiles at p = 0.6, 0.9, 0.975 and 0.995 for 1 to 100 degrees of freedom, symmetric " + "below 1/2",
    () => {
      assert.equal(ref.studentTQuantile.length, 28);
      for (const [p, dof, v] of ref.studentTQuantile) {
        assertRel(studentTQuantile(Number(p), dof), v, `t_${dof}(${p})`);
        assert.equal(studentTQuantile(1 - Number(p), dof), -studentTQuantile(Number(p), dof));
      }
    },
  );
});

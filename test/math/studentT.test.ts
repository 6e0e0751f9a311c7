import assert from "node:assert/strict";
import { studentTCdf, studentTQuantile } from "../../src/math/studentT";

describe("studentT", () => {
  it("reproduces the two-sided 95% t table at 1, 2, 10 and 30 degrees of freedom", () => {
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [10, 2.2281],
      [30, 2.0423],
    ];
    for (const [dof, t] of table) assert.ok(Math.abs(studentTQuantile(0.975, dof) - t) < 1e-4, `dof ${dof}`);
  });
  it("is symmetric and inverts its CDF", () => {
    assert.ok(Math.abs(studentTQuantile(0.025, 5) + studentTQuantile(0.975, 5)) < 1e-10);
    assert.ok(Math.abs(studentTCdf(studentTQuantile(0.9, 7), 7) - 0.9) < 1e-10);
  });
  it("rejects p outside (0, 1) naming the value", () => {
    assert.throws(() => studentTQuantile(1, 3), /invalid p: 1/);
  });
});

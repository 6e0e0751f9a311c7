import { strict as assert } from "node:assert";
import { fitScaleModel } from "../../src/analysis/fitScaleModel";
import { logNormalCdf, chiSquare1Tail } from "../../src/analysis/normalDistribution";
import { pairLogLikelihood } from "../../src/analysis/scaleModelLikelihood";
import { scalePairs } from "../../src/analysis/scalePairs";
import { mulberry32 } from "../../src/fit/random";
import type { MeasurementKind, TransferMeasurement } from "../../src/types";

function row(pairId: string, flops: number, multiplier: number, kind: MeasurementKind = "estimate", logSd: number | null = null): TransferMeasurement {
  return {
    pairId, innovation: pairId, category: "optimizer", scaleLabel: `${flops}`, nParamsMatmul: null, flopsPerToken: null, flops,
    targetLoss: null, targetRule: "", multiplier, lo: kind === "lower_bound" ? multiplier : null, hi: kind === "upper_bound" ? multiplier : null,
    kind, logSd, origin: "logs", method: "synthetic", source: "test", note: "",
  };
}

/** Brute-force double integral of a pair's likelihood over (a, c) on a fine grid. */
function bruteForce(obs: { x: number; y: number; kind: string; s: number }[], b: number, tau: number): number {
  let total = 0;
  const da = 0.01, dc = 0.01;
  for (let a = -4; a <= 6; a += da) for (let c = b - 8 * tau; c <= b + 8 * tau; c += dc) {
    let l = Math.exp(-0.5 * ((c - b) / tau) ** 2) / (tau * Math.sqrt(2 * Math.PI));
    for (const o of obs) {
      const m = a + c * o.x;
      if (o.kind === "point") l *= Math.exp(-0.5 * ((o.y - m) / o.s) ** 2) / (o.s * Math.sqrt(2 * Math.PI));
      else if (o.kind === "lower") l *= Math.exp(logNormalCdf((m - o.y) / o.s));
      else l *= Math.exp(logNormalCdf((o.y - m) / o.s));
    }
    total += l * da * dc;
  }
  return Math.log(total);
}

describe("normal distribution helpers", () => {
  it("gives ln Phi in both tails and the chi-square(1) tail", () => {
    assert.ok(Math.abs(logNormalCdf(0) - Math.log(0.5)) < 1e-7);
    assert.ok(Math.abs(Math.exp(logNormalCdf(1.959963984540054)) - 0.975) < 1e-7);
    assert.ok(Math.abs(logNormalCdf(-40) - -804.608) < 1e-2);
    assert.ok(Math.abs(chiSquare1Tail(3.841458820694124) - 0.05) < 1e-6);
  });
});

describe("scaleModelLikelihood", function () {
  this.timeout(20000);
  const pairOf = (rows: TransferMeasurement[]) => scalePairs(rows).pairs[0];
  it("matches a brute-force integral for two points", () => {
    const p = pairOf([row("p", 1e18, 3, "estimate", 0.1), row("p", 1e20, 2, "estimate", 0.1)]);
    const got = pairLogLikelihood(p, { b: -0.1, tau: 0.2, sigma: 0.1 });
    const s = Math.hypot(0.1, 0.1);
    const want = bruteForce([{ x: 0, y: Math.log(3), kind: "point", s }, { x: 2, y: Math.log(2), kind: "point", s }], -0.1, 0.2);
    assert.ok(Math.abs(got - want) < 2e-3, `${got} vs ${want}`);
  });
  it("matches a brute-force integral with one and with two lower bounds", () => {
    const one = pairOf([row("p", 1e18, 3), row("p", 1e19, 4, "lower_bound")]);
    const want1 = bruteForce([{ x: 0, y: Math.log(3), kind: "point", s: 0.2 }, { x: 1, y: Math.log(4), kind: "lower", s: 0.2 }], 0, 0.3);
    assert.ok(Math.abs(pairLogLikelihood(one, { b: 0, tau: 0.3, sigma: 0.2 }) - want1) < 2e-3);
    const two = pairOf([row("p", 1e18, 3), row("p", 1e19, 4, "lower_bound"), row("p", 1e20, 2, "upper_bound")]);
    const want2 = bruteForce([{ x: 0, y: Math.log(3), kind: "point", s: 0.2 }, { x: 1, y: Math.log(4), kind: "lower", s: 0.2 }, { x: 2, y: Math.log(2), kind: "upper", s: 0.2 }], 0, 0.3);
    assert.ok(Math.abs(pairLogLikelihood(two, { b: 0, tau: 0.3, sigma: 0.2 }) - want2) < 2e-3);
  });
  it("gives a single point a likelihood of exactly 1 (the free intercept absorbs it)", () => {
    const p = { pairId: "p", category: "optimizer" as const, origin: "logs" as const, observations: [{ pairId: "p", x: 0, kind: "point" as const, y: 1.3, knownSd: 0, measurement: row("p", 1e18, 1) }] };
    assert.ok(Math.abs(pairLogLikelihood(p, { b: 0.4, tau: 0.2, sigma: 0.3 })) < 1e-12);
  });
});

describe("scalePairs", () => {
  it("keeps bounds-only pairs out of the fit and counts censored observations", () => {
    const set = scalePairs([
      row("a", 1e18, 3), row("a", 1e19, 5, "lower_bound"),
      row("b", 1e18, 2, "lower_bound"), row("b", 1e19, 2, "lower_bound"),
      row("c", 1e18, 2), { ...row("c", 1e19, 2), flops: null },
    ]);
    assert.deepEqual(set.pairs.map((p) => p.pairId), ["a"]);
    assert.deepEqual(set.boundsOnlyPairs, ["b"]);
    assert.equal(set.nCensored, 1);
    assert.deepEqual(set.excluded.map((e) => `${e.pairId}: ${e.reason}`), [
      "b: bounds only at every scale: cannot inform a slope",
      "c: no compute to place on the x axis (context only)",
      "c: measured at one compute only: no slope",
    ]);
  });
  it("fits only the catalogue's preferred reading per pair and scale", () => {
    const set = scalePairs([row("a", 1e18, 3), { ...row("a", 1e18, 9), preferred: false, measurementId: "a@124M/3.28" }, row("a", 1e19, 2)]);
    assert.equal(set.pairs[0].observations.length, 2);
    assert.deepEqual(set.excluded.map((e) => e.reason), ["not the preferred measurement at 1000000000000000000 (a@124M/3.28): kept in the table, not fitted"]);
  });
  it("rejects a pair whose rows disagree on the category", () => {
    assert.throws(() => scalePairs([row("a", 1e18, 2), { ...row("a", 1e19, 2), category: "architecture" }]), /transfer pair a: rows disagree on the category \(optimizer, architecture\)/);
  });
});

describe("fitScaleModel", function () {
  this.timeout(20000);
  // Pairs: two points each with a shrinking multiplier, plus one pair whose large-scale value is a bound.
  const base = [
    row("p1", 1e18, 4), row("p1", 1e20, 3),
    row("p2", 1e18, 2), row("p2", 1e19, 1.8),
    row("p3", 1e18, 6), row("p3", 1e20, 4.2),
  ];
  it("is not moved by a lower bound deeper inside the fitted region, but is moved by a point", () => {
    const fitWith = (extra: TransferMeasurement[]) => { const s = scalePairs([...base, ...extra]); return fitScaleModel(s.pairs, s.nCensored); };
    const bound2 = fitWith([row("p4", 1e18, 3), row("p4", 1e20, 1.2, "lower_bound")]);
    const bound1 = fitWith([row("p4", 1e18, 3), row("p4", 1e20, 1.01, "lower_bound")]);
    assert.equal(bound1.nCensored, 1);
    assert.ok(Math.abs((bound2.slope.estimate as number) - (bound1.slope.estimate as number)) < 1e-4, `${bound2.slope.estimate} vs ${bound1.slope.estimate}`);
    const point2 = fitWith([row("p4", 1e18, 3), row("p4", 1e20, 1.2)]);
    const point1 = fitWith([row("p4", 1e18, 3), row("p4", 1e20, 1.01)]);
    assert.ok((point1.slope.estimate as number) < (point2.slope.estimate as number) - 0.02, `${point1.slope.estimate} vs ${point2.slope.estimate}`);
  });
  it("recovers a known common slope from synthetic censored pairs (seed 11)", () => {
    const rnd = mulberry32(11);
    const gauss = () => Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());
    const rows: TransferMeasurement[] = [];
    for (let i = 0; i < 40; i++) {
      const a = 1 + 0.5 * gauss();
      const bi = -0.2 + 0.05 * gauss();
      for (const x of [18, 19, 20]) {
        const y = a + bi * (x - 18) + 0.05 * gauss();
        // Every third pair's largest run stops short: recorded as a lower bound 0.2 below the truth.
        const bound = i % 3 === 0 && x === 20;
        rows.push(row(`s${String(i).padStart(2, "0")}`, 10 ** x, Math.exp(bound ? y - 0.2 : y), bound ? "lower_bound" : "estimate"));
      }
    }
    const s = scalePairs(rows);
    const fit = fitScaleModel(s.pairs, s.nCensored);
    assert.equal(fit.nPairs, 40);
    assert.equal(fit.nCensored, 14);
    assert.equal(fit.status, "ok");
    assert.ok(Math.abs((fit.slope.estimate as number) - -0.2) < 0.03, `slope ${fit.slope.estimate}`);
    assert.ok((fit.slope.lo as number) < -0.2 && (fit.slope.hi as number) > -0.2, `interval ${fit.slope.lo}..${fit.slope.hi}`);
    assert.ok((fit.lrPValue as number) < 1e-6);
  });
  it("returns not identified without pairs, and rejects bad options by name", () => {
    const fit = fitScaleModel([], 0);
    assert.equal(fit.status, "not_identified");
    assert.equal(fit.slope.estimate, null);
    assert.throws(() => fitScaleModel([], 0, { tauRange: [0, 1] }), /fitScaleModel: invalid tauRange: \[0, 1\]/);
  });
  it("without profile intervals still says not identified when a bound leaves the slope open, and otherwise gives the estimate", () => {
    const open = scalePairs([row("a", 1e18, 3), row("a", 1e20, 5, "lower_bound")]);
    const quick = fitScaleModel(open.pairs, open.nCensored, { profileIntervals: false });
    assert.deepEqual([quick.status, quick.slope.estimate, quick.lrPValue], ["not_identified", null, null]);
    const s = scalePairs(base);
    const full = fitScaleModel(s.pairs, 0);
    const fast = fitScaleModel(s.pairs, 0, { profileIntervals: false });
    assert.equal(fast.status, "ok");
    assert.deepEqual([fast.slope.lo, fast.slope.hi], [null, null]);
    assert.ok(Math.abs((fast.slope.estimate as number) - (full.slope.estimate as number)) < 1e-3);
  });
  it("is deterministic: two fits give identical numbers", () => {
    const s = scalePairs(base);
    assert.deepEqual(fitScaleModel(s.pairs, 0), fitScaleModel(s.pairs, 0));
  });
});

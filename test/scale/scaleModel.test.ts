import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { logNormalCdf } from "../../src/math/normalDistribution";
import { loadAnalysisInput } from "../../src/analysis/io/analysisIo";
import {
  calibrate,
  currentScalePairs,
  groupScalePairs,
  pairLogLikelihood,
  parseScaleCatalogue,
  scaleAnswer,
  A_SD,
  type CalibrationRow,
  type ScalePair,
  type ScaleTruth,
} from "../../src/scale";
import type { MeasurementKind, TransferMeasurement } from "../../src/types";
import { runCli } from "../helpers/cli";
import { tempDir } from "../helpers/tempDir";

function row(
  pairId: string,
  flops: number,
  multiplier: number,
  kind: MeasurementKind = "estimate",
  logSd: number | null = null,
): TransferMeasurement {
  return {
    pairId,
    innovation: pairId,
    category: "optimizer",
    scaleLabel: `${flops}`,
    nParamsMatmul: null,
    flopsPerToken: null,
    flops,
    targetLoss: null,
    targetRule: "",
    multiplier,
    lo: null,
    hi: null,
    kind,
    logSd,
    origin: "logs",
    method: "synthetic",
    source: "test",
    note: "",
  };
}

/**
 * A catalogue shaped like ours, small: gains near 1x and large ones, 124M-350M points, one 1.5B point, one-sided pairs.
 */
const SHAPE: TransferMeasurement[] = [
  row("small_a", 5e17, 1.05, "estimate", 0.003),
  row("small_a", 5e18, 1.2),
  row("small_b", 4.6e17, 1.17, "estimate", 0.002),
  row("small_b", 4.6e18, 1.07),
  row("small_c", 4e17, 1.03, "estimate", 0.003),
  row("small_c", 4.5e18, 1.0),
  row("opt", 1.2e18, 1.4),
  row("opt", 1.7e20, 1.1),
  row("mid", 5e17, 1.8, "estimate", 0.01),
  row("mid", 6e18, 1.7),
  row("mid", 7e19, 1.6),
  row("recipe_a", 5.5e17, 15, "upper_bound"),
  row("recipe_a", 4.7e18, 15.1),
  row("recipe_b", 3.5e17, 23, "upper_bound"),
  row("recipe_b", 3.4e18, 21.1),
];

describe("scale model (src/scale)", function () {
  this.timeout(120_000);

  it("integrates each pair's line in closed form: matches a brute-force double integral, bound included", () => {
    const pair = groupScalePairs([
      row("p", 1e18, 2),
      row("p", 1e19, 2.5, "estimate", 0.05),
      row("p", 1e20, 4, "lower_bound", 0.1),
    ]).pairs[0];
    const p = { beta0: 0.05, beta1: -0.2, tau: 0.15, sigma: 0.1 };
    const c = Math.log(2);
    let total = 0;
    const da = 0.004,
      db = 0.004;
    for (let a = c - 1.5; a <= c + 1.5; a += da)
      for (let b = -1.2; b <= 1.2; b += db) {
        let l = Math.exp(-0.5 * ((a - c) / A_SD) ** 2) / (A_SD * Math.sqrt(2 * Math.PI));
        const m = p.beta0 + p.beta1 * a;
        l *= Math.exp(-0.5 * ((b - m) / p.tau) ** 2) / (p.tau * Math.sqrt(2 * Math.PI));
        for (const o of pair.observations) {
          const s = Math.hypot(o.knownSd, o.kind === "point" ? p.sigma : 0);
          const mean = a + b * o.x;
          if (o.kind === "point") l *= Math.exp(-0.5 * ((o.y - mean) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
          else l *= Math.exp(logNormalCdf((mean - o.y) / s));
        }
        total += l * da * db;
      }
    assert.ok(
      Math.abs(pairLogLikelihood(pair, p) - Math.log(total)) < 2e-3,
      `${pairLogLikelihood(pair, p)} vs ${Math.log(total)}`,
    );
  });

  it("keeps one-sided pairs (a point at one compute, bounds elsewhere) out of the fit and predicts them", () => {
    const set = groupScalePairs(SHAPE);
    assert.deepEqual(
      set.pairs.map((p) => p.pairId),
      ["mid", "opt", "small_a", "small_b", "small_c"],
    );
    assert.deepEqual(
      set.oneSided.map((p) => p.pairId),
      ["recipe_a", "recipe_b"],
    );
    const a = scaleAnswer("shape", SHAPE, 1e24, { draws: 1500, warmup: 1000 });
    assert.equal(a.pairs.length, 7);
    assert.deepEqual(
      a.pairs.filter((p) => p.role === "one-sided").map((p) => p.pair_id),
      ["recipe_a", "recipe_b"],
    );
    for (const p of a.pairs)
      assert.ok(
        (p.lo as number) < (p.multiplier as number) && (p.multiplier as number) < (p.hi as number) && p.extrapolated,
      );
    // Six decades beyond a ~2-decade catalogue: the recipe's interval is wide, not a point.
    const r = a.pairs.find((p) => p.pair_id === "recipe_b")!;
    assert.ok((r.hi as number) / (r.lo as number) > 5, `${r.lo} .. ${r.hi}`);
  });

  it("says not identified, never a number, when no pair has points at two compute values", () => {
    const a = scaleAnswer("bounds", [row("x", 1e18, 3, "upper_bound"), row("x", 1e19, 2.5), row("y", 1e18, 2)], 1e24);
    assert.equal(a.verdict, "not identified");
    assert.equal(a.parameters, null);
    assert.deepEqual(
      a.pairs.map((p) => [p.pair_id, p.multiplier, p.lo, p.hi]),
      [["x", null, null, null]],
    );
  });

  it(
    "is calibrated on a few seeded catalogues: covers the drift, finds its direction, no direction under no " +
      "change",
    () => {
      // Shaped like the current catalogue: measured from the committed data by the catalogue code, never a frozen copy.
      const set = currentScalePairs(loadAnalysisInput());
      assert.ok(set.pairs.length >= 5 && set.oneSided.length >= 1, `${set.pairs.length} + ${set.oneSided.length}`);
      const template: ScalePair[] = [...set.pairs, ...set.oneSided];
      const truths: ScaleTruth[] = [
        { name: "no change", beta0: 0, beta1: 0, tau: 0.05, sigma: 0.03, direction: "none" },
        { name: "drift +0.15", beta0: 0.15, beta1: 0, tau: 0.05, sigma: 0.03, direction: "grows" },
      ];
      const streamed: CalibrationRow[] = [];
      const rows = calibrate(
        template,
        truths,
        4,
        7,
        { draws: 1500, warmup: 1000 },
        { onTruth: (r) => streamed.push(r) },
      );
      assert.deepEqual(streamed, rows);
      assert.equal(rows[0].wrongDirection, 0);
      assert.ok(rows[0].coverBeta0 >= 0.75 && rows[1].coverBeta0 >= 0.75, JSON.stringify(rows));
      assert.ok(rows[0].coverTypicalSlope >= 0.75 && rows[1].coverTypicalSlope >= 0.75, JSON.stringify(rows));
      assert.equal(rows[1].rightDirection, rows[1].verdicts.grows / 4);
      assert.equal(rows[1].se.rightDirection, Math.sqrt((rows[1].rightDirection * (1 - rows[1].rightDirection)) / 4));
      assert.ok(rows[1].verdicts.grows >= 3 && rows[1].verdicts.shrinks === 0, JSON.stringify(rows[1].verdicts));
      assert.ok(
        rows.every((r) => r.coverPairAt1e24 >= 0.75 && r.se.coverPairAt1e24 < 0.25),
        JSON.stringify(rows),
      );
      assert.deepEqual(
        calibrate(template, truths.slice(0, 1), 2, 7, { draws: 500, warmup: 500 }).map((r) => ({ ...r, msPerFit: 0 })),
        calibrate(template, truths.slice(0, 1), 2, 7, { draws: 500, warmup: 500 }).map((r) => ({ ...r, msPerFit: 0 })),
      );
    },
  );

  it("reads a catalogue CSV and names file, line and column on a bad cell", () => {
    const head = "pair_id,category,flops,multiplier,lo,hi,kind,log_sd\n";
    const ok = parseScaleCatalogue(
      `${head}a,optimizer,1e18,1.5,,,estimate,0.01\na,optimizer,1e19,1.4,,,estimate,\n`,
      "c.csv",
    );
    assert.deepEqual(
      ok.map((m) => [m.pairId, m.flops, m.multiplier, m.logSd, m.preferred]),
      [
        ["a", 1e18, 1.5, 0.01, true],
        ["a", 1e19, 1.4, null, true],
      ],
    );
    assert.throws(
      () => parseScaleCatalogue(`${head}a,optimizer,1e18,1.5,,,estimate,\na,optimizer,ten,1.4,,,estimate,\n`, "c.csv"),
      /^CatalogueError: c\.csv:3: column flops: "ten" is not a number$/,
    );
    assert.throws(
      () => parseScaleCatalogue(`${head}a,optimiser,1e18,1.5,,,estimate,\n`, "c.csv"),
      /c\.csv:2: column category: "optimiser" is not one of/,
    );
    assert.throws(
      () => parseScaleCatalogue("pair_id,category,flops\n", "c.csv"),
      /c\.csv:1: missing column\(s\) multiplier, lo, hi, kind, log_sd/,
    );
  });

  it(
    "npm run scale: fits catalogues in order as one process, --out writes the same JSON, errors name file and " +
      "line",
    () => {
      const dir = tempDir("scale-cli-");
      const csv = (rows: TransferMeasurement[]) =>
        "pair_id,category,flops,multiplier,lo,hi,kind,log_sd\n" +
        rows
          .map((m) => [m.pairId, m.category, m.flops, m.multiplier, "", "", m.kind, m.logSd ?? ""].join(","))
          .join("\n") +
        "\n";
      writeFileSync(join(dir, "a.csv"), csv(SHAPE));
      writeFileSync(join(dir, "b.csv"), csv([row("x", 1e18, 3, "upper_bound"), row("x", 1e19, 2.5)]));
      writeFileSync(
        join(dir, "bad.csv"),
        "pair_id,category,flops,multiplier,lo,hi,kind,log_sd\nx,optimizer,1e18,3,,,maybe,\n",
      );
      const help = runCli("src/cli/scale.ts", ["--help"]);
      assert.equal(help.status, 0);
      for (const o of ["--catalogue", "--at", "--out", "--seed", "not identified", "log_sd"])
        assert.ok(help.stdout.includes(o), o);
      const run = runCli("src/cli/scale.ts", [
        "--catalogue",
        join(dir, "a.csv"),
        "--catalogue",
        join(dir, "b.csv"),
        "--at",
        "1e24",
      ]);
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as {
        catalogue: string;
        verdict: string;
        pairs: { pair_id: string; multiplier: number | null }[];
      }[];
      assert.deepEqual(
        out.map((o) => o.catalogue),
        [join(dir, "a.csv"), join(dir, "b.csv")],
      );
      assert.ok(["grows", "shrinks", "flat", "not identified"].includes(out[0].verdict));
      assert.equal(out[1].verdict, "not identified");
      assert.equal(out[1].pairs[0].multiplier, null);
      const written = runCli("src/cli/scale.ts", [
        "--catalogue",
        join(dir, "a.csv"),
        "--catalogue",
        join(dir, "b.csv"),
        "--out",
        join(dir, "r.json"),
      ]);
      assert.equal(written.status, 0, written.stderr);
      assert.equal(readFileSync(join(dir, "r.json"), "utf8"), run.stdout);
      const bad = runCli("src/cli/scale.ts", ["--catalogue", join(dir, "a.csv"), "--catalogue", join(dir, "bad.csv")]);
      assert.equal(bad.status, 1);
      assert.match(
        bad.stderr,
        /bad\.csv:2: column kind: "maybe" is not one of estimate, lower_bound, upper_bound, interval/,
      );
      assert.equal(bad.stdout, "");
      assert.equal(runCli("src/cli/scale.ts", ["--at", "1e24"]).status, 2);
    },
  );
});

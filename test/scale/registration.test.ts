import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readRegistration, scoreRegistration, type Registration } from "../../src/scale/registration";
import { REPO, runCli } from "../helpers/cli";
import { tempDir } from "../helpers/tempDir";

const FILE = join(REPO, "data", "preregistration", "2026-12-07-recipe-3B.json");

/** A log in the speedrun format: 524,288 tokens per step (8*64 sequences x 1,024), validation lines as given. */
function log(evals: readonly [number, number][], total: number): string {
  return [
    "    batch_size : int = 8*64 # batch size, in sequences, across all devices",
    "    sequence_length : int = 1024 # sequence length, in tokens",
    ...evals.map(
      ([step, loss]) => `step:${step}/${total} val_loss:${loss.toFixed(4)} train_time:${step}ms step_avg:1ms`,
    ),
  ].join("\n");
}

describe("pre-registration (data/preregistration)", function () {
  this.timeout(60_000);
  it("is frozen: the registered file's bytes never change (a new registration is a new file)", () => {
    const hash = createHash("sha256").update(readFileSync(FILE)).digest("hex");
    assert.equal(hash, "7600fa8a8845deee07baabe26af1ca6090e9955d6849a022356c2d102730c7db");
    const reg = readRegistration(FILE);
    assert.equal(reg.registered_on, "2026-12-07");
    assert.equal(reg.experiment.decisive_size, "3B");
    for (const k of [
      "tokens_per_parameter",
      "data",
      "seeds",
      "learning_rate_tuning",
      "flops_convention",
      "target",
    ] as const)
      assert.ok(reg.experiment[k].length > 20, k);
    assert.ok(reg.prediction.lo < reg.prediction.multiplier && reg.prediction.multiplier < reg.prediction.hi);
  });

  describe("scoring on small synthetic logs", () => {
    const reg: Registration = {
      ...readRegistration(FILE),
      prediction: { ...readRegistration(FILE).prediction, lo: 1.05, hi: 1.3 },
    };
    const size = reg.experiment.sizes.find((s) => s.name === "3B")!;
    const ratio = size.baseline.flops_per_token / size.treatment.flops_per_token;
    const base = (final: number) => ({
      path: "b.txt",
      text: log(
        [
          [0, 10.8],
          [100, 3.6],
          [200, 3.3],
          [250, final],
        ],
        250,
      ),
    });

    it(
      "reads the treatment where it crosses the baseline's final loss and confirms an estimate inside the " +
        "interval",
      () => {
        // The treatment (220 steps) crosses 3.27 between step 200 (3.29) and 220 (3.25): step 210, at 95% of its run.
        const s = scoreRegistration(
          reg,
          [base(3.27)],
          [
            {
              path: "t.txt",
              text: log(
                [
                  [0, 10.8],
                  [100, 3.5],
                  [200, 3.29],
                  [220, 3.25],
                ],
                220,
              ),
            },
          ],
        );
        assert.equal(s.target, 3.27);
        assert.equal(s.kind, "estimate");
        assert.ok(Math.abs(s.multiplier - (250 / 210) * ratio) < 1e-9, String(s.multiplier));
        assert.equal(s.verdict, "confirmed");
      },
    );
    it("refutes an estimate outside the interval, and calls a mid-schedule crossing a lower bound", () => {
      const far = scoreRegistration(
        reg,
        [base(3.27)],
        [
          {
            path: "t.txt",
            text: log(
              [
                [0, 10.8],
                [100, 3.29],
                [120, 3.25],
              ],
              120,
            ),
          },
        ],
      );
      assert.deepEqual([far.kind, far.verdict], ["estimate", "refuted"]);
      assert.ok(Math.abs(far.multiplier - (250 / 110) * ratio) < 1e-9);
      const early = scoreRegistration(
        reg,
        [base(3.27)],
        [
          {
            path: "t.txt",
            text: log(
              [
                [0, 10.8],
                [100, 3.29],
                [120, 3.25],
                [240, 3.1],
              ],
              240,
            ),
          },
        ],
      );
      assert.deepEqual([early.kind, early.verdict], ["lower_bound", "refuted"], "at least 2.27x, above hi 1.3");
    });
    it("takes the median over seeds and refuses to score when most treatment runs never reach the target", () => {
      const t = (end: number) => ({
        path: `t${end}.txt`,
        text: log(
          [
            [0, 10.8],
            [200, 3.29],
            [220, end],
          ],
          220,
        ),
      });
      const s = scoreRegistration(reg, [base(3.27), base(3.28), base(3.26)], [t(3.25), t(3.25)]);
      assert.equal(s.target, 3.27);
      assert.throws(
        () => scoreRegistration(reg, [base(3.27)], [t(3.28), t(3.28), t(3.25)]),
        /most treatment runs never reach the baseline's final loss 3\.27/,
      );
    });
    it("npm run score-registration prints the verdict as a process, and names an unreadable log", () => {
      const dir = tempDir("score-");
      writeFileSync(join(dir, "reg.json"), JSON.stringify(reg));
      writeFileSync(join(dir, "b.txt"), base(3.27).text);
      writeFileSync(
        join(dir, "t.txt"),
        log(
          [
            [0, 10.8],
            [100, 3.5],
            [200, 3.29],
            [220, 3.25],
          ],
          220,
        ),
      );
      const r = runCli("src/cli/scoreRegistration.ts", [
        "--registration",
        join(dir, "reg.json"),
        "--baseline",
        join(dir, "b.txt"),
        "--treatment",
        join(dir, "t.txt"),
      ]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stdout,
        /^2026-12-07-recipe-3B: measured 1\.19\d*x at 3B .* against the predicted 1\.05x to 1\.3x: confirmed\.\n$/,
      );
      const bad = runCli("src/cli/scoreRegistration.ts", [
        "--registration",
        join(dir, "reg.json"),
        "--baseline",
        join(dir, "nope.txt"),
        "--treatment",
        join(dir, "t.txt"),
      ]);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /nope\.txt: cannot read \(ENOENT\)/);
      assert.equal(runCli("src/cli/scoreRegistration.ts", ["--help"]).status, 0);
    });
  });
});

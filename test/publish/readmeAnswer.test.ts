// The README's answer block is what results/ says (npm start rewrites it), and the answer reads bounds as bounds.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { answerFacts, formatMeasured, readAnswerInputs } from "../../src/publish/answerFacts";
import { SCALE_ASSUMPTION } from "../../src/scale/answer";
import { committedSummary, recipeRows, summaryWith } from "../helpers/summary";
import {
  currentAnswerBlock,
  HEADLINE_PNG,
  renderAnswerMarkdown,
  replaceAnswerBlock,
  ANSWER_BEGIN,
  ANSWER_END,
} from "../../src/publish/readmeAnswer";

const root = join(__dirname, "..", "..");

describe("README answer block", () => {
  it("README.md's block is the one the committed results give (run `npm run readme` after `npm start`)", () => {
    const { summary, pairRows } = readAnswerInputs(join(root, "results"));
    const block = renderAnswerMarkdown(answerFacts(summary, pairRows));
    assert.equal(
      currentAnswerBlock(readFileSync(join(root, "README.md"), "utf8")),
      block,
      "README.md answer block is stale: run `npm run readme`",
    );
    assert.ok(existsSync(join(root, HEADLINE_PNG)), `${HEADLINE_PNG} is missing: run \`npm run readme\``);
  });

  it("reads each size's measurement with its kind, and the extrapolation with its bound and assumption", () => {
    const base = committedSummary();
    const credible = (estimate: number, lower: number, upper: number) =>
      ({ estimate, lower, upper, kind: "credible" }) as const;
    const summary = summaryWith({
      track1: {
        ...base.track1,
        flops_ratio: { estimate: null, lower: null, upper: 26.77, kind: "upper_bound" },
        latest_record: 89,
        latest_date: "2026-07-17",
      },
      track2: {
        ...base.track2,
        flops_ratio: { estimate: null, lower: 20.53, upper: null, kind: "lower_bound" },
        latest_record: 18,
        latest_date: null,
      },
      scale_dependence: {
        trend: "not identified",
        n_pairs: 3,
        measured_from: "124M",
        measured_to: "1.5B",
        parameters: {
          typical_slope: credible(0.01, -0.06, 0.09),
          beta1: credible(-0.1, -0.6, 0.5),
          beta0: credible(0, -0.1, 0.1),
          tau: credible(0.05, 0.01, 0.2),
          sigma: credible(0.05, 0.01, 0.1),
        },
      },
      extrapolation: recipeRows([1e24, 1e26], (i) => ({ estimate: null, lower: null, upper: [126, 202][i] })),
    });
    const row = (pair: string, size: string, m: string, kind: string, preferred = "true") => ({
      pair_id: pair,
      innovation: pair,
      scale_params: size,
      multiplier: m,
      lo: "",
      hi: "",
      kind,
      preferred,
    });
    const pairs = [
      row("a", "124M", "10", "upper_bound"),
      row("a", "350M", "8", "estimate"),
      row("a", "350M", "99", "estimate", "false"),
      row("b", "124M", "1.2", "estimate"),
      row("b", "350M", "1.5", "estimate"),
      row("muon", "124M", "1.18", "lower_bound"),
      row("muon", "1.5B", "1.33", "lower_bound"),
    ];
    const facts = answerFacts(summary, pairs);
    assert.deepEqual(facts.sizes, ["124M", "350M", "1.5B"]);
    assert.deepEqual(
      facts.rows.map((r) => [r.size, r.value, r.kind]),
      [
        ["124M", "≤ 26.8×", "measured, upper bound"],
        ["124M → 350M", "1.25× to 1.25×", "measured, 1 estimates; 1 more involve a bound (not in the range)"],
        ["350M", "≥ 20.5×", "measured, lower bound"],
        ["1.5B", "≥ 1.33×", "measured, lower bound"],
        [
          "1e26 FLOPs (frontier)",
          "not identified; ≤ 202× (95% upper limit) under the assumption",
          "extrapolated (assumption below)",
        ],
      ],
    );
    assert.match(facts.rows[3].comparison, /≥ 1\.18× at 124M/);
    assert.equal(facts.assumption, SCALE_ASSUMPTION, "the scale model's own statement of its assumption");
    assert.match(
      facts.verdict,
      /^Measured from 124M to 1\.5B, the data cannot yet tell whether the gains keep their size\./,
    );
    assert.match(
      facts.verdict,
      /×1\.01 per tenfold compute \(95% interval ×0\.942 to ×1\.09\); a gain changes by -10% /,
    );
    assert.match(
      facts.verdict,
      /Beyond 1\.5B: not identified\. .* at 1e26 FLOPs would be ≤ 202× \(95% upper limit\), which rules out little\.$/,
    );
    assert.equal(formatMeasured({ multiplier: 1.0051, lo: 0.992, hi: 1.013, kind: "estimate" }), "1.01× (0.992–1.01)");
  });

  it("replaces only what lies between the markers, and refuses a README without them", () => {
    const readme = `# t\n\n${ANSWER_BEGIN}\nold\n${ANSWER_END}\n\n## rest\n`;
    assert.equal(replaceAnswerBlock(readme, "new"), `# t\n\n${ANSWER_BEGIN}\nnew\n${ANSWER_END}\n\n## rest\n`);
    assert.equal(currentAnswerBlock(replaceAnswerBlock(readme, "a\nb")), "a\nb");
    assert.throws(() => replaceAnswerBlock("# no markers\n", "x"), /answer markers are missing/);
  });
});

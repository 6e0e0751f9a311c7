// Writes a new pre-registered prediction (data/preregistration/<date>-<name>.json) from the scale model fitted to the
// committed catalogue, once: it refuses to overwrite an existing file (a new registration is a new file), and
// `npm start` never runs it. Usage: npx tsx scripts/register-prediction.ts --date 2026-12-07 --name recipe-3B
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";
import { loadAnalysisInput } from "../src/analysis/io/analysisIo";
import { measureTransferPairs } from "../src/scale/measureTransferPairs";
import { flopsPerTokenOf } from "../src/ingest/flopsPerToken";
import { fitScaleModel, groupScalePairs, predictPairs, scaleFitDefaults, SCALE_ASSUMPTION } from "../src/scale";
import type { Registration } from "../src/scale/registration";

const spec = defineCommand({
  command: "npx tsx scripts/register-prediction.ts --",
  summary: "Writes a new pre-registration file from the current scale model; never overwrites one.",
  options: {
    date: { type: "string", value: "YYYY-MM-DD", description: "registration date (required)" },
    name: { type: "string", value: "name", description: "file name part (required)" },
  },
});
const { values } = parseCommandOrExit(spec, process.argv.slice(2));
if (!values.date || !/^\d{4}-\d{2}-\d{2}$/.test(values.date) || !values.name || !/^[A-Za-z0-9-]+$/.test(values.name)) {
  console.error("--date YYYY-MM-DD and --name [A-Za-z0-9-]+ are required");
  process.exit(2);
}
const file = join("data", "preregistration", `${values.date}-${values.name}.json`);
if (existsSync(file)) {
  console.error(`${file} exists: a registration is written once; register a new file instead`);
  process.exit(1);
}

// GPT-2 family shapes (llm.c's 124M/350M/760M/1.5B) and a 3B shape of the same family; vocabulary padded to 50304 as
// llm.c does; attention over 1,024-token sequences (dense causal, K = 512.5 keys) for the baseline, and a 1,024-token
// window (K = 512, src/ingest/flopsPerToken.ts ASSUMED_WINDOW_TOKENS) for the treatment.
const V = 50_304;
// [name, layers, d_model, heads]: llm.c's GPT-2 shapes use 64-wide heads; the 3B shape 22 heads of 128.
const sizes = [
  ["124M", 12, 768, 12],
  ["350M", 24, 1024, 16],
  ["760M", 36, 1280, 20],
  ["1.5B", 48, 1600, 25],
  ["3B", 32, 2816, 22],
] as const;
const shapes = sizes.map(([name, L, d, heads]) => {
  const nMatmul = L * 12 * d * d + V * d;
  return {
    name,
    shape:
      `${L} layers, d_model ${d}, ${heads} heads of ${d / heads}, vocabulary ${V}; N_matmul = 12 L ` +
      `d^2 + ${V} d = ${nMatmul}`,
    nMatmul,
    baseline: {
      recipe: "llm.c GPT-2 AdamW recipe (run_gpt2_1558M.sh settings, sequence 1,024, dense causal attention)",
      flops_per_token: flopsPerTokenOf(nMatmul, L, d, (1024 + 1) / 2),
    },
    treatment: {
      recipe:
        "track-2 record 18 script (records/track_2_medium/2025-12-31_BulkSmallTrackTransfer) with its width and " +
        "depth set to this shape",
      flops_per_token: flopsPerTokenOf(nMatmul, L, d, 1024 / 2),
    },
  };
});

const input = loadAnalysisInput();
const logs = measureTransferPairs(input, input.transferPairs ?? []).measurements;
const set = groupScalePairs([...logs, ...(input.literatureTransfer ?? [])]);
const fit = fitScaleModel(set.pairs, scaleFitDefaults);
const pairId = "recipe_vs_llmc_2025-12";
const pair = set.oneSided.find((p) => p.pairId === pairId) ?? set.pairs.find((p) => p.pairId === pairId);
if (!pair || fit.status !== "ok") throw new Error(`cannot predict ${pairId}: ${fit.reason}`);
const three = shapes[shapes.length - 1];
const baselineFlops = three.baseline.flops_per_token * 20 * three.nMatmul;
// x = the treatment's FLOPs to the target = baselineFlops / M: a fixed point in the predicted (median) multiplier.
let flops = baselineFlops / 20;
let pred = predictPairs(fit, Math.log10(flops), { pairs: [pair] })[0];
for (let i = 0; i < 50; i++) {
  const next = baselineFlops / pred.multiplier;
  if (Math.abs(Math.log(next / flops)) < 1e-6) break;
  flops = next;
  pred = predictPairs(fit, Math.log10(flops), { pairs: [pair] })[0];
}
const r3 = (x: number) => Number(x.toPrecision(3));
const registration: Registration = {
  id: `${values.date}-${values.name}`,
  registered_on: values.date,
  question:
    "Does the speedrun's December 2025 recipe keep its compute multiplier over the llm.c GPT-2 AdamW recipe at " +
    "3B parameters?",
  experiment: {
    sizes: shapes.map((s) => ({ name: s.name, shape: s.shape, baseline: s.baseline, treatment: s.treatment })),
    decisive_size: "3B",
    tokens_per_parameter:
      "baseline: 20 training tokens per N_matmul parameter, run to completion; treatment: its own schedule " +
      "scaled to the same 20 tokens per parameter, run to completion, and read where it crosses the baseline's " +
      "final loss",
    data:
      "FineWeb sample-100BT (HuggingFaceFW/fineweb), GPT-2 tokenizer, the speedrun's shard order, no shard " +
      "repeated; validation on the speedrun's fixed FineWeb validation shard",
    seeds: "3 seeds per side at 3B (1 per side at the smaller sizes)",
    learning_rate_tuning:
      "each side's learning rates scaled by one factor from {0.5, 1, 2} chosen at 760M on validation loss after " +
      "20 tokens per parameter, then fixed for 1.5B and 3B; nothing tuned at 3B",
    flops_convention:
      "FLOPs = flops_per_token x tokens, flops_per_token = 6 N_matmul + 12 L d K (src/ingest/flopsPerToken.ts): " +
      "N_matmul counts attention, MLP and LM-head weights (embedding lookups excluded); K = 512.5 keys for " +
      "dense causal 1,024-token sequences (baseline), 512 for the treatment's 1,024-token window",
    target: "the baseline's own final validation loss, median over its seeds",
    logs:
      "the modded-nanogpt log format (script printed at the top, `step:N/M val_loss:X train_time:Yms` " +
      "lines, validation at least every 1% of the run and at its last step)",
  },
  prediction: {
    pair_id: pairId,
    quantity: "compute multiplier M = baseline FLOPs / treatment FLOPs to the target at 3B",
    treatment_flops: r3(flops),
    baseline_flops: r3(baselineFlops),
    multiplier: r3(pred.multiplier),
    lo: r3(pred.lo),
    hi: r3(pred.hi),
    assumption: SCALE_ASSUMPTION,
    model:
      `src/scale fit of ${set.pairs.length} pairs (+ ${set.oneSided.length} one-sided) on the ` +
      `catalogue of ${values.date}, seed ${scaleFitDefaults.seed}; posterior median and 95% interval of ` +
      `pair ${pairId} at the treatment's FLOPs`,
  },
  rule: {
    end_fraction: 0.9,
    confirm:
      "the measured multiplier is an estimate (most treatment seeds cross the target after 90% of their tokens) " +
      "and lies inside [lo, hi]",
    refute: "an estimate outside [lo, hi], or a lower bound (most treatment seeds cross mid-schedule) above hi",
    not_decisive: "a lower bound at or below hi; runs that never reach the target are re-run longer, not scored",
  },
};
writeFileSync(file, `${JSON.stringify(registration, null, 2)}\n`, { flag: "wx" });
console.log(
  `wrote ${file}: ${pairId} at 3B predicted ${registration.prediction.multiplier}x ` +
    `(95% ${registration.prediction.lo}x to ${registration.prediction.hi}x)`,
);

// The attention window a modded-nanogpt script schedules, step by step and layer by layer, read from its printed
// source, so attention FLOPs follow the run's own schedule (flopsPerToken.ts). Forms read (FACTS.md eras):
//   - 2024-11-24: `attn_blocksize = torch.tensor(64*((step/args.num_iterations * (1792 - 64) + 64)//64), ...)` (tokens)
//   - 2024-12-08: `sw_size =  64 * int((64 + (1792 - 64) * step / args.num_iterations) // 64)` (tokens)
//   - 2024-12-10 to 2024-12-17: `frac_done = step / args.num_iterations` then
//     `sw_num_blocks = int(((1 - frac_done) * 64 + frac_done * 1792 + 64) // 128)` (128-token blocks)
//   - 2025-01-04: `def get_sliding_window_blocks(it):` / `x = it / args.num_iterations` / `return int(...)` (blocks)
//   - 2025-01-13 to 2025-09: `window_size = next_multiple_of_n(1728 * x, n=128)` (tokens), with `x = step / ...` and
//     an optional `factor = 4 * x ** 3 - 6 * x ** 2 + 3 * x` (track 2 record 8's cubic schedule)
//   - 2025-05 to 2025-12 (FlashAttention-3): `ws_schedule: tuple = (3, 7, 11)` in blocks of `block_size: int = 128`,
//     `def get_ws(step)` with `x = step / (1 + args.num_iterations)` or `x = step / args.num_scheduled_iterations`,
//     `ws_idx = int(len(args.ws_schedule) * x)`, `return args.ws_schedule[ws_idx]` (or `... // 2, ...[ws_idx]` for
//     (short, long); track 2 2025-12-31 caps the short one, `min(11,args.ws_schedule[ws_idx] // 2)`, and writes the
//     tuple over several lines); from 2025-11-29 steps past `num_scheduled_iterations` use `ws_final`.
// Where the forward pass builds `long_bm, short_bm` with `return build_bm(n), build_bm(n // 2)` (or
// `long_bm, short_bm = ws * args.block_size, (ws // 2) * args.block_size`) and lists them per layer
// (`block_masks = [..]` or `bm_sizes = [...]`; `None` = a layer without attention, `final_bm` = the long window while
// training), short layers get half the long window in whole blocks. FlashAttention-3's `window_size=(bm, 0)` attends
// bm + 1 keys; the extra key is left out.
//   - 2026-01-30 on (stageWindowSchedule): each `TrainingStage(..., window_sizes=(short, long), ...)` gives the
//     (short, long) window in blocks of `self.block_size = 128` for the stage's steps (boundaries as the token
//     schedule:
//     tokenSchedule.ts stageBoundaries); the forward pass takes `ws_short = self.ws_short * self.block_size` and lists
//     the layers as `bm_sizes = [ws_short, ..., ws_long, None, ...]`. 2026-02-10_ShortWindow overrides the short window
//     in a step range (`if 1010 <= step < 1515:` / `self.ws_short = self._WS_SHORT_STAGE3`, `self._WS_SHORT_STAGE3 =
//     2`). `self.ws_long = training_schedule.ws_post_yarn_ext` is the final validation's window, not training's.
// A window that changes with the batch (an index or stage batch schedule) is averaged over training tokens, not steps,
// so that flops_per_token x tokens is the run's attention FLOPs. Lists written any other way, or another assignment to
// the window state, are not read: the caller falls back to an assumed window and says so in the run's note.
// Track 3 (fixed GPT-2 architecture) attends densely: `F.scaled_dot_product_attention(..., is_causal=True)` over the
// `seq_len=1024` sequences of its `distributed_data_generator` (denseCausalSequence).
import { compilePython, evalExpression } from "./evalExpression";
import type { ScriptAssignment, ScriptStage } from "./scanScript";

/** FlexAttention's block of keys (BLOCK_SIZE / the `// 128` of every block-valued window in these scripts). */
const WINDOW_BLOCK = 128;

export interface WindowSchedule {
  /** Mean over the scheduled steps and over attention layers of the window in tokens (keys a query may attend to). */
  readonly meanWindow: number;
  /** Share of layers with the long window (1 when the script has no long/short split). */
  readonly longShare: number;
  /** Long-layer window in tokens at the first and last scheduled step. */
  readonly first: number;
  readonly last: number;
  readonly how: string;
}

type Unit = "tokens" | "blocks";

/** Training tokens of step s (s from 0), where the batch changes over the run; null: the batch is constant. */
export type StepTokens = (step: number) => number;

interface WindowForm {
  readonly expr: string;
  readonly unit: Unit;
  readonly line: number;
}

/**
 * Reads the window schedule from the script's window lines over `steps` scheduled steps; null when no known form is
 * present or its expression does not evaluate at every step.
 */
export function windowScheduleOf(
  lines: readonly ScriptAssignment[],
  env: ReadonlyMap<string, number>,
  stepTokens: StepTokens | null = null,
): WindowSchedule | null {
  const tuple = tupleSchedule(lines, env, stepTokens);
  if (tuple !== "absent") return tuple;
  const steps = env.get("num_iterations") ?? null;
  if (steps === null || !Number.isInteger(steps) || steps <= 0) return null;
  const form = windowForm(lines);
  if (form === null) return null;
  const progress = lines.find((l) => /^x = (step|it) \/ /.test(l.expr) || l.expr.startsWith("frac_done = "));
  const factorLine = lines.find((l) => l.expr.startsWith("factor = "));
  const layers = layerSplit(lines);
  if (layers === null) return null;
  let sumLong = 0;
  let sumMean = 0;
  let first = 0;
  let last = 0;
  // The lines are compiled once and read these names only: the step's, the progress line's and the factor's (set at
  // every step before they are read).
  const progressOf = progress === undefined ? null : compilePython(rhs(progress.expr));
  const progressName = progress?.expr.startsWith("x ") ? "x" : "frac_done";
  const factorOf = factorLine === undefined ? null : compilePython(rhs(factorLine.expr));
  const windowOf = compilePython(form.expr);
  const stepEnv = new Map([
    ["step", 0],
    ["it", 0],
    ["num_iterations", steps],
    ["train_steps", steps],
  ]);
  for (let step = 0; step < steps; step++) {
    stepEnv.set("step", step).set("it", step);
    if (progressOf !== null) {
      const v = progressOf(stepEnv);
      if (v === null) return null;
      stepEnv.set(progressName, v);
    }
    if (factorOf !== null) {
      const f = factorOf(stepEnv);
      if (f === null) return null;
      stepEnv.set("factor", f);
    }
    const raw = windowOf(stepEnv);
    if (raw === null || raw < 0) return null;
    // Block windows are whole blocks; token windows given to a block mask (`window_size // 128`) are floored to blocks.
    // `build_bm` keeps at least the query's own block (`clamp_min(..., 1)`), so a 0-block window (step 0) is 1 block.
    const blocks = Math.max(1, Math.floor(form.unit === "blocks" ? raw : raw / WINDOW_BLOCK));
    const long = form.unit === "tokens" && !layers.blockHelper ? Math.max(1, raw) : blocks * WINDOW_BLOCK;
    const short = Math.max(1, Math.floor(blocks / 2)) * WINDOW_BLOCK;
    const mean = layers.longShare * long + (1 - layers.longShare) * short;
    if (step === 0) first = long;
    last = long;
    sumLong += long;
    sumMean += mean;
  }
  const meanWindow = sumMean / steps;
  const split = layers.longShare < 1 ? `, ${layers.description}` : "";
  return {
    meanWindow,
    longShare: layers.longShare,
    first,
    last,
    how:
      `window schedule of line ${form.line} (${form.expr}) over ${steps} steps: long ${first} -> ${last} tokens, ` +
      `mean ${round1(sumLong / steps)}${split}; mean over layers and steps ${round1(meanWindow)}`,
  };
}

function windowForm(lines: readonly ScriptAssignment[]): WindowForm | null {
  for (const [k, l] of lines.entries()) {
    const e = l.expr;
    if (e.startsWith("attn_blocksize = torch.tensor(")) {
      const arg = firstArgument(e, "attn_blocksize = torch.tensor(".length);
      if (arg !== null) return { expr: arg, unit: "tokens", line: l.line };
    } else if (e.startsWith("sw_size = ")) {
      return { expr: rhs(e), unit: "tokens", line: l.line };
    } else if (e.startsWith("sw_num_blocks = ")) {
      return { expr: rhs(e), unit: "blocks", line: l.line };
    } else if (e.startsWith("window_size = next_multiple_of_n(")) {
      return { expr: rhs(e), unit: "tokens", line: l.line };
    } else if (e.startsWith("def get_sliding_window_blocks(")) {
      const ret = lines.slice(k + 1).find((r) => r.expr.startsWith("return int(") && r.line - l.line <= 6);
      if (ret !== undefined) return { expr: ret.expr.slice("return ".length), unit: "blocks", line: ret.line };
    }
  }
  return null;
}

interface LayerSplit {
  readonly longShare: number;
  readonly description: string;
  /** The window reaches the mask as whole blocks (`window_size // 128`, `build_bm`). */
  readonly blockHelper: boolean;
}

/** A continuation line of a layer list or of `build_bm(`; of a window tuple. */
const LIST_ITEMS = /^(?:(?:long_bm|short_bm|final_bm|None),? ?)+\]?$|^\w+ \/\/ 2$/;
const TUPLE_ITEMS = /^[\d, ]+\)$|^(?:\d+, ?)+$/;

/** Joins a list or call the script wrote over several lines (black-formatted) from the kept lines that follow it. */
function joined(lines: readonly ScriptAssignment[], k: number, item = LIST_ITEMS): string {
  let text = lines[k].expr;
  for (let m = k + 1; m < lines.length && lines[m].line === lines[m - 1].line + 1; m++) {
    if (!item.test(lines[m].expr)) break;
    text += " " + lines[m].expr;
  }
  return text;
}

/** Long/short layers; null when the script lists them in a way not read. */
function layerSplit(lines: readonly ScriptAssignment[], pairHalves = false): LayerSplit | null {
  const halves =
    pairHalves ||
    lines.some(
      (l, k) =>
        /^return build_bm\((\w+)\), build_bm\(\s*\1 \/\/ 2\s*\)?$/.test(joined(lines, k)) ||
        /^long_bm, short_bm = (\w+) \* args\.block_size, \(\1 \/\/ 2\) \* args\.block_size$/.test(l.expr),
    );
  const k = lines.findIndex((l) => /^(?:block_masks|bm_sizes) = \[/.test(l.expr));
  const blockHelper = halves || lines.some((l) => l.expr.startsWith("window_size = next_multiple_of_n("));
  if (!halves || k < 0) return { longShare: 1, description: "every layer long", blockHelper };
  const text = joined(lines, k);
  const open = text.indexOf("[");
  const close = text.indexOf("]");
  // A list written one item a line ends on a `]` line of its own, which is not kept: the items are all there.
  const names = text
    .slice(open + 1, close < 0 ? undefined : close)
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  const long = names.filter((n) => n === "long_bm" || n === "final_bm").length;
  const short = names.filter((n) => n === "short_bm").length;
  const none = names.filter((n) => n === "None").length;
  if (long + short + none !== names.length || long + short === 0) return null;
  return {
    longShare: long / (long + short),
    description:
      `${long} long and ${short} short (half-window) layers` +
      `${none > 0 ? `, ${none} without attention` : ""} of line ${lines[k].line}`,
    blockHelper,
  };
}

/**
 * The FlashAttention-3 window tuple (see the file comment): "absent" when the script has no `def get_ws(`, null when
 * it has one this reader does not follow.
 */
function tupleSchedule(
  lines: readonly ScriptAssignment[],
  env: ReadonlyMap<string, number>,
  stepTokens: StepTokens | null,
): WindowSchedule | null | "absent" {
  const def = lines.findIndex((l) => l.expr.startsWith("def get_ws("));
  if (def < 0) return "absent";
  const near = lines.slice(def + 1).filter((l) => l.line - lines[def].line <= 12);
  const progress = near.find((l) => /^x = (?:min\()?step \/ /.test(l.expr));
  const index = near.find((l) => l.expr === "ws_idx = int(len(args.ws_schedule) * x)");
  const ret = near.find((l) => /^return (?:min\(\d+, ?)?args\.ws_schedule\[/.test(l.expr));
  const tupleAt = lines.findIndex((l) => /^ws_schedule: tuple = \([\d, ]+\)?$/.test(l.expr.replace(/\s*#.*$/, "")));
  const tupleLine = tupleAt < 0 ? undefined : lines[tupleAt];
  const blockLine = lines.find((l) => /^block_size: int = \d+/.test(l.expr));
  if (progress === undefined || index === undefined || ret === undefined || tupleLine === undefined) return null;
  const retText = ret.expr.replace(/\s+/g, "");
  // (short, long) = (ws // 2, ws), or track 2's `min(11,args.ws_schedule[ws_idx] // 2)` short cap (2025-12-31).
  const capped = /^returnmin\((\d+),args\.ws_schedule\[ws_idx\]\/\/2\),args\.ws_schedule\[ws_idx\]$/.exec(retText);
  const shortCap = capped === null ? Infinity : Number(capped[1]);
  const pair = capped !== null || retText === "returnargs.ws_schedule[ws_idx]//2,args.ws_schedule[ws_idx]";
  if (!pair && !/^returnargs\.ws_schedule\[ws_idx\](,args\.ws_schedule\[ws_idx\])?$/.test(retText)) return null;
  const tupleText = joined(lines, tupleAt, TUPLE_ITEMS);
  if (!tupleText.includes(")")) return null;
  const tuple = tupleText
    .slice(tupleText.indexOf("(") + 1, tupleText.indexOf(")"))
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map(Number);
  const block = blockLine === undefined ? null : Number(/\d+/.exec(blockLine.expr)?.[0]);
  if (block === null || tuple.length === 0 || tuple.some((t) => !Number.isInteger(t) || t <= 0)) return null;
  const scheduledOnly = progress.expr.includes("num_scheduled_iterations");
  const scheduled = env.get(scheduledOnly ? "num_scheduled_iterations" : "num_iterations") ?? null;
  if (scheduled === null || !Number.isInteger(scheduled) || scheduled <= 0) return null;
  // 2025-09-21 to 2025-10-24: `iteration_extension` steps past num_iterations, the index held by `min(x, 0.9999)`.
  const held = progress.expr.startsWith("x = min(") ? (env.get("iteration_extension") ?? 0) : 0;
  // 2025-11-29 on: steps past the schedule (the extension) train at ws_final.
  const extensionGuard = near.find((l) => l.expr === "if step >= args.num_scheduled_iterations:");
  let extension = 0;
  let finalWs: number | null = null;
  if (extensionGuard !== undefined) {
    const finalLine = lines.find((l) => /^ws_final: int = \d+/.test(l.expr));
    const finalRet = near.find((l) => l.expr === "return args.ws_final // 2, args.ws_final");
    extension = env.get("num_extension_iterations") ?? 0;
    if (finalLine === undefined || finalRet === undefined) return null;
    finalWs = Number(/\d+/.exec(finalLine.expr.slice(finalLine.expr.indexOf("=")))?.[0]);
  }
  const layers = layerSplit(lines, pair);
  if (layers === null) return null;
  const steps = scheduled + extension + held;
  let sumLong = 0;
  let sumMean = 0;
  let sumWeight = 0;
  let first = 0;
  let last = 0;
  const progressOf = compilePython(rhs(progress.expr));
  const stepEnv = new Map([
    ["step", 0],
    ["num_iterations", env.get("num_iterations") ?? NaN],
    ["num_scheduled_iterations", scheduled],
  ]);
  for (let step = 0; step < steps; step++) {
    let ws: number;
    let cap = shortCap;
    if (step >= scheduled && finalWs !== null && held === 0) {
      ws = finalWs;
      cap = Infinity; // `return args.ws_final // 2, args.ws_final`: no cap on the extension
    } else {
      const x = progressOf(stepEnv.set("step", step));
      if (x === null || x < 0 || x >= 1) return null;
      ws = tuple[Math.floor(tuple.length * x)];
    }
    const long = ws * block;
    const short = Math.max(1, Math.min(cap, Math.floor(ws / 2))) * block;
    if (step === 0) first = long;
    last = long;
    const weight = stepTokens === null ? 1 : stepTokens(step);
    sumWeight += weight;
    sumLong += weight * long;
    sumMean += weight * (layers.longShare * long + (1 - layers.longShare) * short);
  }
  const meanWindow = stepTokens === null ? sumMean / steps : sumMean / sumWeight;
  const over = stepTokens === null ? "steps" : "training tokens";
  const split = layers.longShare < 1 ? `, ${layers.description}` : "";
  const ext =
    finalWs !== null && extension > 0
      ? ` then ws_final ${finalWs} for ${extension} extension steps`
      : held > 0
        ? ` then the last window for ${held} extension steps`
        : "";
  return {
    meanWindow,
    longShare: layers.longShare,
    first,
    last,
    how:
      `window tuple of line ${tupleLine.line} (${tuple.join(", ")} x ${block} tokens` +
      `${Number.isFinite(shortCap) ? `, short at most ${shortCap} blocks` : ""}) over ${scheduled} steps${ext}: ` +
      `long ${first} -> ${last} tokens, mean ${round1(sumLong / (stepTokens === null ? steps : sumWeight))}` +
      `${split}; mean over layers and ${over} ${round1(meanWindow)}`,
  };
}

/** Assignments to the 2026 window state that follow the stage list (see the file comment). */
const STAGE_WINDOW_ASSIGNMENTS = new Set([
  "self.ws_short, new_ws_long = stage.window_sizes",
  "self.ws_short, self.ws_long = stage.window_sizes",
  "self.ws_long = new_ws_long",
  "self.ws_long = training_schedule.ws_post_yarn_ext",
]);

/**
 * The `TrainingStage(window_sizes=(short, long))` schedule (2026-01-30 on, see the file comment) over the stages' steps
 * `ends` (stage i over [ends[i], ends[i+1]), the last the extension), weighted by `stepTokens`. "absent" when no stage
 * states window_sizes; null when the script sets the window in a way not read here.
 */
export function stageWindowSchedule(
  stages: readonly ScriptStage[],
  ends: readonly number[],
  lines: readonly ScriptAssignment[],
  env: ReadonlyMap<string, number>,
  stepTokens: StepTokens | null,
): WindowSchedule | null | "absent" {
  if (stages.every((st) => st.windowSizes === null)) return "absent";
  const sizes: (readonly [number, number])[] = [];
  for (const st of stages) {
    const m = /^\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*,?\s*\)$/.exec(st.windowSizes ?? "");
    const pair = m === null ? null : [evalExpression(m[1], env), evalExpression(m[2], env)];
    if (pair === null || pair.some((v) => v === null || !Number.isInteger(v) || v <= 0)) return null;
    sizes.push(pair as [number, number]);
  }
  if (ends.length !== stages.length + 1) return null;
  const blockLines = new Set(lines.filter((l) => l.expr.startsWith("self.block_size = ")).map((l) => rhs(l.expr)));
  const block = blockLines.size === 1 ? Number([...blockLines][0]) : NaN;
  if (!Number.isInteger(block) || block <= 0) return null;
  // The forward pass receives both windows in tokens, block count x block size.
  for (const w of ["ws_short", "ws_long"]) {
    const re = new RegExp(`^${w} = self\\.${w} \\* self\\.block_size,?$`);
    if (!lines.some((l) => re.test(l.expr))) return null;
  }
  // A short-window override in a step range: `if A <= step < B:` then `self.ws_short = self._NAME`, `self._NAME = k`.
  let override: { from: number; to: number; blocks: number; line: number } | null = null;
  for (const [k, l] of lines.entries()) {
    if (!/^self\.(?:ws_short|ws_long)\b/.test(l.expr) || STAGE_WINDOW_ASSIGNMENTS.has(l.expr.replace(/\s*#.*$/, ""))) {
      continue;
    }
    const named = /^self\.ws_short = self\.(_WS_\w+)$/.exec(l.expr);
    const guard = k > 0 ? /^if (\d+) <= step < (\d+):$/.exec(lines[k - 1].expr) : null;
    const value = named === null ? undefined : lines.find((d) => d.expr.startsWith(`self.${named[1]} = `));
    const blocks = value === undefined ? NaN : Number(rhs(value.expr));
    if (guard === null || lines[k - 1].line !== l.line - 1 || override !== null || !Number.isInteger(blocks)) {
      return null;
    }
    override = { from: Number(guard[1]), to: Number(guard[2]), blocks, line: l.line };
  }
  const layers = stageLayers(lines);
  if (layers === null) return null;
  let sumWeight = 0;
  let sumLong = 0;
  let sumMean = 0;
  const total = ends[ends.length - 1];
  for (let i = 0; i < stages.length; i++) {
    const [short, long] = sizes[i];
    for (let step = ends[i]; step < ends[i + 1]; step++) {
      const s = override !== null && step >= override.from && step < override.to ? override.blocks : short;
      const weight = stepTokens === null ? 1 : stepTokens(step);
      sumWeight += weight;
      sumLong += weight * long * block;
      sumMean += weight * block * (layers.longShare * long + (1 - layers.longShare) * s);
    }
  }
  if (total <= 0 || sumWeight <= 0) return null;
  const meanWindow = sumMean / sumWeight;
  const over = stepTokens === null ? "steps" : "training tokens";
  const parts = sizes.map(([a, b], i) => `(${a}, ${b})@[${ends[i]},${ends[i + 1]})`).join(" ");
  const ov =
    override === null
      ? ""
      : `, short ${override.blocks} blocks in steps [${override.from},${override.to}) (line ${override.line})`;
  return {
    meanWindow,
    longShare: layers.longShare,
    first: sizes[0][1] * block,
    last: sizes[sizes.length - 1][1] * block,
    how:
      `stage windows (short, long) x ${block} tokens ${parts}${ov} over ${total} steps: long ` +
      `${sizes[0][1] * block} -> ${sizes[sizes.length - 1][1] * block} tokens, mean ${round1(sumLong / sumWeight)}, ` +
      `${layers.description}; mean over layers and ${over} ${round1(meanWindow)}`,
  };
}

/** `bm_sizes = [ws_short, ..., ws_long, None, ...]` (2026): the share of attention layers with the long window. */
function stageLayers(lines: readonly ScriptAssignment[]): LayerSplit | null {
  const at = lines.filter((l) => l.expr.startsWith("bm_sizes = ["));
  if (at.length !== 1) return null;
  const text = at[0].expr;
  const close = text.indexOf("]");
  if (close < 0) return null;
  const names = text
    .slice(text.indexOf("[") + 1, close)
    .split(",")
    .map((n) => n.trim());
  const long = names.filter((n) => n === "ws_long").length;
  const short = names.filter((n) => n === "ws_short").length;
  const none = names.filter((n) => n === "None").length;
  if (long + short + none !== names.length || long + short === 0) return null;
  return {
    longShare: long / (long + short),
    description:
      `${long} long and ${short} short layers${none > 0 ? `, ${none} without attention` : ""} of ` +
      `line ${at[0].line}`,
    blockHelper: false,
  };
}

/**
 * Track 3's dense causal attention: the sequence length T of `def distributed_data_generator(..., seq_len=T)` when
 * the training loader is called without a seq_len and the attention is `F.scaled_dot_product_attention(q, k, v, ...,
 * is_causal=True)` without a mask; null otherwise.
 */
export function denseCausalSequence(lines: readonly ScriptAssignment[]): { T: number; line: number } | null {
  const def = lines.filter((l) => l.expr.startsWith("def distributed_data_generator("));
  const sdpa = lines.findIndex((l) => l.expr.startsWith("y = F.scaled_dot_product_attention("));
  const call = lines.findIndex((l) => l.expr.startsWith("train_loader = distributed_data_generator("));
  if (def.length !== 1 || sdpa < 0 || call < 0) return null;
  const T = /\bseq_len=(\d+)\b/.exec(def[0].expr);
  const attention = lines[sdpa].expr + (lines[sdpa + 1]?.line === lines[sdpa].line + 1 ? lines[sdpa + 1].expr : "");
  if (T === null || !/\bis_causal=True\b/.test(attention) || /attn_mask|window/.test(attention)) return null;
  let args = lines[call].expr;
  for (let k = call + 1; k < lines.length && lines[k].line === lines[k - 1].line + 1 && !args.endsWith(")"); k++) {
    args += " " + lines[k].expr;
  }
  if (!args.endsWith(")") || /\bseq_len\b/.test(args)) return null;
  return { T: Number(T[1]), line: def[0].line };
}

/** Right-hand side of `name = expr  # comment`. */
function rhs(line: string): string {
  const eq = line.indexOf(" = ");
  const hash = line.indexOf("#");
  return line.slice(eq + 3, hash > eq ? hash : undefined).trim();
}

/** First top-level argument of a call whose `(` ends at `from`. */
function firstArgument(s: string, from: number): string | null {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) return s.slice(from, i).trim();
      depth--;
    } else if (c === "," && depth === 0) return s.slice(from, i).trim();
  }
  return null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

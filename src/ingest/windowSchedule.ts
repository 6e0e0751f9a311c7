// The attention window a modded-nanogpt script schedules, step by step and layer by layer, read from its printed
// source, so attention FLOPs follow the run's own schedule (flopsPerToken.ts). Forms read (FACTS.md eras):
//   - 2024-11-24: `attn_blocksize = torch.tensor(64*((step/args.num_iterations * (1792 - 64) + 64)//64), ...)` (tokens)
//   - 2024-12-08: `sw_size =  64 * int((64 + (1792 - 64) * step / args.num_iterations) // 64)` (tokens)
//   - 2024-12-10 to 2024-12-17: `frac_done = step / args.num_iterations` then
//     `sw_num_blocks = int(((1 - frac_done) * 64 + frac_done * 1792 + 64) // 128)` (128-token blocks)
//   - 2025-01-04: `def get_sliding_window_blocks(it):` / `x = it / args.num_iterations` / `return int(...)` (blocks)
//   - 2025-01-13 to 2025-09: `window_size = next_multiple_of_n(1728 * x, n=128)` (tokens), with `x = step / ...` and
//     an optional `factor = 4 * x ** 3 - 6 * x ** 2 + 3 * x` (track 2 record 8's cubic schedule)
// Where the forward pass builds `long_bm, short_bm` with `return build_bm(n), build_bm(n // 2)` and lists them per layer
// (`block_masks = [long_bm, short_bm, ...]`), short layers get half the long window in whole blocks.
// Later forms (window tuples `ws_schedule`, `TrainingStage(window_sizes=...)`, YaRN extensions) are not read: the
// caller falls back to an assumed window and says so in the run's note.
import { evalExpression } from "./evalExpression";
import type { ScriptAssignment } from "./parseLog";

/** FlexAttention's block of keys (BLOCK_SIZE / the `// 128` of every block-valued window in these scripts). */
export const WINDOW_BLOCK = 128;

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

interface WindowForm {
  readonly expr: string;
  readonly unit: Unit;
  readonly line: number;
}

/**
 * Reads the window schedule from the script's window lines over `steps` scheduled steps; null when no known form is
 * present or its expression does not evaluate at every step.
 */
export function windowScheduleOf(lines: readonly ScriptAssignment[], steps: number | null): WindowSchedule | null {
  if (steps === null || !Number.isInteger(steps) || steps <= 0) return null;
  const form = windowForm(lines);
  if (form === null) return null;
  const progress = lines.find((l) => /^x = (step|it) \/ /.test(l.expr) || l.expr.startsWith("frac_done = "));
  const factorLine = lines.find((l) => l.expr.startsWith("factor = "));
  const layers = layerSplit(lines);
  let sumLong = 0;
  let sumMean = 0;
  let first = 0;
  let last = 0;
  for (let step = 0; step < steps; step++) {
    const env = new Map<string, number>([
      ["step", step],
      ["it", step],
      ["num_iterations", steps],
      ["train_steps", steps],
    ]);
    if (progress !== null && progress !== undefined) {
      const v = evalPython(rhs(progress.expr), env);
      if (v === null) return null;
      env.set(progress.expr.startsWith("x ") ? "x" : "frac_done", v);
    }
    if (factorLine !== undefined) {
      const f = evalPython(rhs(factorLine.expr), env);
      if (f === null) return null;
      env.set("factor", f);
    }
    const raw = evalPython(form.expr, env);
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

function layerSplit(lines: readonly ScriptAssignment[]): LayerSplit {
  const halves = lines.some((l) => /^return build_bm\(\w+\), build_bm\(\w+ \/\/ 2\)/.test(l.expr));
  const list = lines.find((l) => l.expr.startsWith("block_masks = ["));
  const blockHelper = halves || lines.some((l) => l.expr.startsWith("window_size = next_multiple_of_n("));
  if (!halves || list === undefined) return { longShare: 1, description: "every layer long", blockHelper };
  const names = list.expr.slice(list.expr.indexOf("[") + 1, list.expr.lastIndexOf("]")).split(",").map((s) => s.trim());
  const long = names.filter((n) => n === "long_bm").length;
  const short = names.filter((n) => n === "short_bm").length;
  if (long + short !== names.length || long + short === 0) return { longShare: 1, description: "every layer long", blockHelper };
  return {
    longShare: long / (long + short),
    description: `${long} long and ${short} short (half-window) layers of line ${list.line}`,
    blockHelper,
  };
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

/**
 * Evaluates the Python arithmetic of a window line: `args.` attributes, `int(e)` (e >= 0 here, so floor),
 * `next_multiple_of_n(e, n=k)` (ceil to a multiple of k) and `name ** k` for a small integer k, over evalExpression.
 */
export function evalPython(source: string, env: ReadonlyMap<string, number>): number | null {
  let s = source.replace(/\bargs\./g, "");
  s = s.replace(/\b([A-Za-z_]\w*) \*\* (\d)\b/g, (_m, name: string, k: string) =>
    `(${Array.from({ length: Number(k) }, () => name).join(" * ")})`,
  );
  for (;;) {
    const m = /\b(int|next_multiple_of_n)\(/.exec(s);
    if (m === null) break;
    const open = m.index + m[0].length;
    const inner = callArguments(s, open);
    if (inner === null) return null;
    let replacement: string;
    if (m[1] === "int") {
      if (inner.args.length !== 1) return null;
      const v = evalPython(inner.args[0], env);
      if (v === null || v < 0) return null;
      replacement = String(Math.floor(v));
    } else {
      const n = inner.args[1] === undefined ? null : evalPython(inner.args[1].replace(/^n\s*=\s*/, ""), env);
      const v = evalPython(inner.args[0], env);
      if (n === null || v === null || n <= 0) return null;
      replacement = String(Math.ceil(v / n) * n);
    }
    s = s.slice(0, m.index) + replacement + s.slice(inner.end + 1);
  }
  return evalExpression(s, env);
}

function callArguments(s: string, open: number): { args: string[]; end: number } | null {
  let depth = 0;
  let start = open;
  const args: string[] = [];
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) {
        args.push(s.slice(start, i).trim());
        return { args, end: i };
      }
      depth--;
    } else if (c === "," && depth === 0) {
      args.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  return null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

// Tokens per optimizer step, read from the printed training script (FACTS.md "Tokens per step"), so every evaluation
// point can say how many training tokens came before it. Where the script does not pin the value down the schedule is
// null with the reason; it never falls back to a typical value.
import type { LogFormat, TokenScheduleKind } from "../types";
import { evalExpression, pythonRound } from "./evalExpression";
import type { ParsedLog } from "./parseLog";
import type { ScriptFacts } from "./scanScript";

export interface TokenSchedule {
  readonly kind: TokenScheduleKind;
  /** Human-readable derivation, e.g. `constant 524288 = batch_size 512 seqs x sequence_length 1024`. */
  readonly description: string;
  /** Training tokens consumed by the first `step` optimizer steps. */
  readonly tokensBefore: (step: number) => number;
}

export type TokenScheduleResult =
  { readonly schedule: TokenSchedule; readonly reason: null } | { readonly schedule: null; readonly reason: string };

/** llm.c runs print no script; their batch is the command-line flag quoted in FACTS.md (-b 64 -t 1024 on 8 GPUs). */
const LLMC_TOKENS_PER_STEP: Readonly<Record<string, number>> = { llmc_cuda: 524_288, llmc_pytorch: 524_288 };

/** A world of 8 GPUs: before gradient accumulation (`8 // world_size`) the batch was one `seq_len` sequence per GPU. */
const REFERENCE_WORLD_SIZE = 8;

/** The script facts the token schedule reads. */
export type BatchFacts = Pick<ScriptFacts, "assignments" | "stages">;

export function tokenScheduleFor(
  log: Pick<ParsedLog, "format" | "declaredSteps"> & { readonly script: BatchFacts },
): TokenScheduleResult {
  const format: LogFormat | null = log.format;
  if (format === "llmc_cuda" || format === "llmc_pytorch") {
    const perStep = LLMC_TOKENS_PER_STEP[format];
    return ok("constant", `constant ${perStep} (llm.c -b 64 -t 1024 on 8 GPUs; no script in log)`, (s) => s * perStep);
  }
  if (format !== "modded_nanogpt") return fail(`no token schedule for format ${format ?? "unknown"}`);
  const facts = log.script;
  const env = constants(facts);
  const num = (name: string): number | null => env.get(name) ?? null;

  if (facts.stages.length > 0) return stageSchedule(facts);
  if (facts.assignments.has("train_bs_schedule")) return indexSchedule(facts, num);

  const extension = num("iteration_extension") ?? num("num_extension_iterations");
  const ext = extension !== null && extension > 0 ? ` + ${extension} extension iterations at the same batch` : "";
  const trainBatch = num("train_batch_size");
  if (trainBatch !== null) return constant(trainBatch, `train_batch_size ${trainBatch} tokens${ext}`);
  const batch = num("batch_size");
  const seqLength = num("sequence_length");
  if (batch !== null && seqLength !== null) {
    return constant(batch * seqLength, `batch_size ${batch} seqs x sequence_length ${seqLength}${ext}`);
  }
  if (batch !== null && seqLength === null && !facts.assignments.has("sequence_length")) {
    return constant(batch, `batch_size ${batch} tokens${ext}`);
  }
  const seqLen = num("train_seq_len") ?? num("seq_len");
  if (seqLen !== null) {
    return constant(REFERENCE_WORLD_SIZE * seqLen, `${REFERENCE_WORLD_SIZE} GPUs x train_seq_len ${seqLen}${ext}`);
  }
  return fail(
    "script defines no batch size this parser understands (batch_size, train_batch_size, train_seq_len, " +
      "train_bs_schedule, TrainingStage)",
  );
}

function constant(perStep: number, how: string): TokenScheduleResult {
  if (!Number.isInteger(perStep) || perStep <= 0)
    return fail(`tokens per step is not a positive integer: ${perStep} (${how})`);
  return ok("constant", `constant ${perStep} = ${how}`, (s) => s * perStep);
}

/**
 * FACTS: batch at step s = schedule[floor(len * s / num_scheduled_iterations)] below the scheduled count, then the
 * extension batch.
 */
function indexSchedule(facts: BatchFacts, num: (n: string) => number | null): TokenScheduleResult {
  const raw = firstExpr(facts, "train_bs_schedule");
  const list = raw === null ? null : parseTuple(raw, facts);
  const scheduled = num("num_scheduled_iterations");
  const extensionBatch = num("train_bs_extension");
  if (list === null) return fail(`train_bs_schedule not readable: ${raw ?? "missing"}`);
  if (scheduled === null) return fail("train_bs_schedule without a readable num_scheduled_iterations");
  if (extensionBatch === null) return fail("train_bs_schedule without a readable train_bs_extension");
  // The script's own float arithmetic, int(len(schedule) * (step / scheduled)), decides each step's entry.
  const indexAt = (s: number): number => Math.floor(list.length * (s / scheduled));
  const starts: number[] = [0];
  for (let k = 1; k < list.length; k++) {
    let b = Math.ceil((k * scheduled) / list.length);
    while (b > 0 && indexAt(b - 1) >= k) b--;
    while (b < scheduled && indexAt(b) < k) b++;
    starts.push(b);
  }
  const segments = list.map((batch, k) => ({
    start: starts[k],
    end: k + 1 < list.length ? starts[k + 1] : scheduled,
    batch,
  }));
  segments.push({ start: scheduled, end: Infinity, batch: extensionBatch });
  return ok(
    "index_schedule",
    `index schedule (${list.join(", ")}) over ${scheduled} scheduled steps, then ${extensionBatch} per extension step`,
    segmentSums(segments),
  );
}

/**
 * FACTS: stage boundaries at round(cumulative duration x num_scheduled_iterations); the last stage is the extension.
 */
function stageSchedule(facts: BatchFacts): TokenScheduleResult {
  const bounds = stageBoundaries(facts);
  if (typeof bounds === "string") return fail(bounds);
  const { ends } = bounds;
  const env = constants(facts);
  const batches: number[] = [];
  for (const st of facts.stages) {
    const b = st.batchSize === null ? null : evalExpression(st.batchSize, env);
    if (b === null)
      return fail(`TrainingStage at line ${st.line}: batch_size not readable (${st.batchSize ?? "missing"})`);
    batches.push(b);
  }
  const segments = batches.map((batch, i) => ({
    start: ends[i],
    end: i === batches.length - 1 ? Infinity : ends[i + 1],
    batch,
  }));
  const parts = batches.map((b, i) => `${b}@[${ends[i]},${ends[i + 1]})`).join(" ");
  return ok("stage_schedule", `stage schedule ${parts}`, segmentSums(segments));
}

/**
 * Step boundaries of a `TrainingStage` list: stage i runs over steps [ends[i], ends[i+1]); ends[0] = 0, the scheduled
 * stages end at round(cumulative duration x num_scheduled_iterations) and the last (extension) stage at scheduled +
 * num_extension_iterations. A string says what is not readable.
 */
export function stageBoundaries(
  facts: BatchFacts,
): { readonly ends: readonly number[]; readonly scheduled: number } | string {
  const env = constants(facts);
  const scheduled = env.get("num_scheduled_iterations") ?? null;
  const extension = env.get("num_extension_iterations") ?? 0;
  if (scheduled === null) return "TrainingStage list without a readable num_scheduled_iterations";
  const ends: number[] = [0];
  let cumulative = 0;
  for (const st of facts.stages.slice(0, -1)) {
    const d = st.duration === null ? null : evalExpression(st.duration, env);
    if (d === null) return `TrainingStage at line ${st.line}: duration not readable (${st.duration ?? "missing"})`;
    cumulative += d;
    ends.push(pythonRound(cumulative * scheduled));
  }
  ends.push(scheduled + extension);
  return { ends, scheduled };
}

interface Segment {
  readonly start: number;
  /** Exclusive; Infinity for the last (extension) segment, which runs on past the schedule. */
  readonly end: number;
  readonly batch: number;
}

/** Tokens before `step` for a piecewise-constant batch: a sum over segments, no per-step loop. */
function segmentSums(segments: readonly Segment[]): (step: number) => number {
  return (step: number): number => {
    let tokens = 0;
    for (const seg of segments) {
      if (step <= seg.start) break;
      tokens += (Math.min(step, seg.end) - seg.start) * seg.batch;
    }
    return tokens;
  };
}

function ok(kind: TokenScheduleKind, description: string, tokensBefore: (s: number) => number): TokenScheduleResult {
  return { schedule: { kind, description, tokensBefore }, reason: null };
}

function fail(reason: string): TokenScheduleResult {
  return { schedule: null, reason };
}

function firstExpr(facts: BatchFacts, name: string): string | null {
  return facts.assignments.get(name)?.[0]?.expr ?? null;
}

const constantsCache = new WeakMap<Pick<ScriptFacts, "assignments">, ReadonlyMap<string, number>>();

/**
 * The first evaluable candidate of each watched name, resolving names defined earlier (`a + b`). Memoized per script.
 */
export function constants(facts: Pick<ScriptFacts, "assignments">): ReadonlyMap<string, number> {
  const cached = constantsCache.get(facts);
  if (cached !== undefined) return cached;
  const env = new Map<string, number>();
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, candidates] of facts.assignments) {
      if (env.has(name)) continue;
      for (const c of candidates) {
        const v = evalExpression(c.expr, env);
        if (v !== null) {
          env.set(name, v);
          break;
        }
      }
    }
  }
  constantsCache.set(facts, env);
  return env;
}

function parseTuple(expr: string, facts: BatchFacts): number[] | null {
  const inner = expr.trim().replace(/^\(/, "").replace(/\)$/, "");
  const env = constants(facts);
  const items = inner
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const values = items.map((s) => evalExpression(s, env));
  if (values.length === 0 || values.some((v) => v === null || !Number.isInteger(v) || v <= 0)) return null;
  return values as number[];
}

// Text of one training log -> typed points and the script facts needed for token accounting. Pure: no file system.
//
// Speed matters (860 logs, 152 MB; bench/ingest.ts holds it to 1.5x a bare read), so the text is walked once with
// indexOf("\n") and each line is dispatched on its first characters; no regex runs over the bulk of the text.
import type { EvalPointWithSource, IngestWarning, IngestWarningKind, LogFormat } from "../types";

/** A value assigned in the printed script, kept as source text until the token schedule evaluates it. */
export interface ScriptAssignment {
  readonly expr: string;
  readonly line: number;
}

interface ScriptStage {
  /** `duration=` as written (`1/3`), null for the extension stage. */
  readonly duration: string | null;
  readonly batchSize: string | null;
  readonly line: number;
}

interface PrintedParams {
  readonly total: number;
  readonly embedding: number | null;
  readonly nonEmbedding: number | null;
  readonly line: number;
}

export interface TrainSeries {
  readonly steps: readonly number[];
  readonly losses: readonly number[];
  readonly lines: readonly number[];
}

/** What the printed training script says about batches and the model. */
export interface ScriptFacts {
  /** Every candidate assignment per watched name, in file order (the first that evaluates wins). */
  readonly assignments: ReadonlyMap<string, readonly ScriptAssignment[]>;
  /** Entries of the first `TRAINING_STAGES = [...]` list. */
  readonly stages: readonly ScriptStage[];
  /** The model construction call (`model = GPT(...)` / `model: nn.Module = GPT(...)`), joined onto one line. */
  readonly modelCall: ScriptAssignment | null;
  /** The script ties lm_head to the token embedding (`wte.weight = ...lm_head.weight` or the reverse). */
  readonly headTied: boolean;
  /** Markers of architecture beyond a plain GPT-2 block stack. */
  readonly hasValueEmbeddings: boolean;
  readonly hasBigramHash: boolean;
  /** Right-hand sides of the first `self.attn =`, `self.mlp =`, `self.value_embeds =`, `self.bigram_embed =`, `self.lm_head =`. */
  readonly modelLines: ReadonlyMap<string, string>;
  /** Indentation of each kept model line's first occurrence (8: directly in `__init__`; deeper: inside an `if`/`dict`). */
  readonly modelLineIndents: ReadonlyMap<string, number>;
  /** Every distinct right-hand side of each kept model line, in file order (modelLines holds AMBIGUOUS for two). */
  readonly modelLineVariants: ReadonlyMap<string, readonly string[]>;
  /** Every `self.<name> = nn.Embedding(...)` in the script (first right-hand side per name), to account for each table. */
  readonly embeddingTables: ReadonlyMap<string, string>;
  /** Names of `self.<name>_bank = nn.Parameter(...)` tensors (2026: the weights of all layers in a few stacked tensors). */
  readonly parameterBanks: readonly string[];
  /** Every `self.<name> = nn.Parameter(`, `= nn.Linear(`, `= CastedLinear...(` name, to check a layout holds nothing else. */
  readonly weightNames: readonly string[];
  /** Right-hand sides of `hdim = ...` lines (the MLP's hidden width is `4 * dim`). */
  readonly hiddenDims: readonly string[];
  /** The forward pass embeds tokens with the lm_head weight (`x = F.embedding(input_seq, self.lm_head.weight)`). */
  readonly embedFromHead: boolean;
  /** A fixed attention window the mask states as a literal (2024-11-19: `window_mask = q_idx - kv_idx < 1024`), else null. */
  readonly attentionWindowLiteral: number | null;
  /** Script lines that may state the attention window schedule (windowSchedule.ts reads them), trimmed, in order. */
  readonly windowLines: readonly ScriptAssignment[];
  readonly printedParams: PrintedParams | null;
}

export interface ParsedLog {
  readonly path: string;
  readonly format: LogFormat | null;
  readonly evals: readonly Omit<EvalPointWithSource, "tokens">[];
  /**
   * Where each run printed in this file starts in `evals` ([0] for one run). Some track 3 files hold several runs of
   * one printed script back to back (record 12's file: its n=20 runs); a `step:0/N val_loss` line after a later step
   * starts the next run.
   */
  readonly runStarts: readonly number[];
  /** Train losses as parallel arrays (one object per point would be 200K allocations per ingest). */
  readonly trains: TrainSeries;
  /** `M` of `step:N/M` (the script's total step count), null for llm.c logs. */
  readonly declaredSteps: number | null;
  /** Highest step of any step line (training progress, even when the last evaluation is missing). */
  readonly lastStepSeen: number | null;
  /** GPUs listed by the log's nvidia-smi block, null when the log has none. */
  readonly gpus: number | null;
  readonly script: ScriptFacts;
  readonly sawNonFiniteLoss: boolean;
  readonly warnings: readonly IngestWarning[];
}

/** Script names whose constant values feed the token schedule and the model shape. */
const WATCHED = new Set([
  "batch_size",
  "device_batch_size",
  "sequence_length",
  "seq_len",
  "train_seq_len",
  "train_batch_size",
  "num_iterations",
  "num_scheduled_iterations",
  "num_extension_iterations",
  "iteration_extension",
  "train_bs_schedule",
  "train_bs_extension",
  "num_vocab",
  "vocab_size",
  "bigram_vocab_size",
  "bigram_dim",
]);

/** Script lines that state an attention window schedule (FACTS.md eras 2024-11-24 to 2025-12; windowSchedule.ts). */
const WINDOW_LINE = new RegExp(
  "^(?:(?:attn_blocksize|sw_size|sw_num_blocks|window_size|factor|frac_done|ws_idx) += |" +
    "x = (?:min\\()?(?:step|it) / |" +
    "(?:block_masks|bm_sizes) = \\[|def get_(?:sliding_window_blocks|ws)\\(|" +
    "return (?:int\\(|build_bm\\(|args\\.ws_|min\\(\\d+,)|" +
    "(?:ws_schedule|ws_final|block_size): \\w+ = |long_bm, short_bm = |(?:long|short)_bm = \\w+ \\* |" +
    "if step >= args\\.num_scheduled_iterations:|(?:(?:long_bm|short_bm|final_bm|None),? ?)+\\]?$|\\w+ // 2$|" +
    "[\\d, ]+\\)$|(?:\\d+, ?)+$)",
);

/** First characters (char codes) of WINDOW_LINE's lines and their prefixes, tested before the regex. */
const WINDOW_PREFIXES: ReadonlyMap<number, readonly string[]> = new Map(
  [
    ["attn_blocksize "],
    ["block_masks = [", "bm_sizes = [", "block_size: "],
    ["def get_sliding_window_blocks(", "def get_ws("],
    ["factor ", "frac_done "],
    ["final_bm"],
    ["if step >= args.num_scheduled_iterations:"],
    ["long_bm"],
    ["None"],
    ["return int(", "return build_bm(", "return args.ws_", "return min("],
    ["sw_size ", "sw_num_blocks ", "short_bm", "sliding_window_num_blocks // 2"],
    ["window_size ", "ws_schedule: ", "ws_final: ", "ws_idx "],
    ["x = step / ", "x = it / ", "x = min(step / "],
  ].reduce((m, ps) => {
    const k = ps[0].charCodeAt(0);
    m.set(k, [...(m.get(k) ?? []), ...ps]);
    return m;
  }, new Map<number, string[]>()),
);

/** Marks a model line assigned differently in two places. */
const AMBIGUOUS = "<assigned differently in two places>";

/** Model-definition lines kept (first occurrence) for the parameter count of blocks with skipped layers. */
const MODEL_LINE_KEYS = [
  "self.attn",
  "self.mlp",
  "self.value_embeds",
  "self.bigram_embed",
  "self.lm_head",
  "self.embed",
  "self.c_fc",
  "self.num_encoder_layers",
  "self.embed1",
  "self.embed2",
  "self.lm_head_w",
  "self.paired_head_layers",
  "self.qkvo_w",
  "self.blocks",
  "self.attn_bank",
  "self.mlp_bank",
  "self.qk_bank",
  "self.vo_bank",
  "self.attn_layer_indices",
  "self.mlp_layer_indices",
  "self.vocab_size",
  "self.mudd_w1",
  "self.mudd_w2",
];

/** Local sizes of 2026's bank layouts (`num_mlp_with_padding = len(self.mlp_layer_indices) + 1`), kept like model lines. */
const BANK_LOCALS = [
  "num_mlp_with_padding = ",
  "num_attn_layers = ",
  "num_mlp_layers = ",
  "mlp_hdim = ",
  "num_qk_groups = ",
  "num_qk_padded = ",
  "num_vo_real = ",
  "num_vo_padded = ",
  // 2026-06-11 on: MUDD dense connections, two small per-token MLPs (`self.mudd_w1`, `self.mudd_w2`)
  "num_mudd_layers = ",
  "mudd_dim = ",
  "max_num_coef = ",
];

const MODEL_LINE_KEY_SET = new Set(MODEL_LINE_KEYS);
const MODEL_LINE_LENGTHS = new Set(MODEL_LINE_KEYS.map((k) => k.length));

/** `self.embed = nn.ModuleList([...])` (the tables of a ValueEmbedding class) is kept under this key, apart from GPT's `self.embed`. */
export const VALUE_EMBEDDING_TABLES = "ValueEmbedding.embed";

const WATCHED_LENGTHS = new Set([...WATCHED].map((n) => n.length));

/** First three characters of the watched names as one number: most script lines (`def`, `if`, `import`) fail this. */
const WATCHED_PREFIXES = new Set([...WATCHED].map((n) => prefix3(n, 0)));

function prefix3(text: string, i: number): number {
  return (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
}

const MAX_CONTINUATION_LINES = 12;

/**
 * Reads `[-]digits[.digits]` between `from` and `to` without allocating; NaN for anything else (`nan`, `inf`, `1e-3`
 * fall back to Number()). The mantissa / 10^k division is correctly rounded, so the result equals Number(text).
 */
function readDecimal(text: string, from: number, to: number): number {
  let i = from;
  let negative = false;
  if (text.charCodeAt(i) === 45 /* - */) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 /* . */ && fraction < 0) {
      fraction = 0;
    } else {
      return Number(text.slice(from, to));
    }
  }
  if (digits === 0) return NaN;
  if (digits > 15) return Number(text.slice(from, to));
  const v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  return negative ? -v : v;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export function parseLog(text: string, path: string): ParsedLog {
  const parser = createLogParser(path);
  parser.feed(text);
  return parser.finish();
}

/** Feeds a log to the parser piece by piece; every piece must end at a line break (except the file's last). */
interface LogParser {
  feed(piece: string): void;
  finish(): ParsedLog;
}

/** NUL bytes this early mark a binary file. */
const BINARY_PROBE_CHARS = 65536;

/**
 * text.indexOf(needle, from), searching only up to `end` (the end of the current line): -1 when not found there. A
 * plain indexOf would search on through the rest of the piece (64 KiB) on every line that lacks the needle, so a log
 * of millions of such lines cost minutes (issue 21); this costs at most the line's length.
 */
function indexWithin(text: string, needle: string, from: number, end: number): number {
  if (from >= end) return -1;
  const i = text.slice(from, end).indexOf(needle);
  return i < 0 ? -1 : from + i;
}

/**
 * The parser behind parseLog, fed in pieces so that a reader can decode a file in small strings (see loadRun.ts): the
 * result equals parseLog of the whole text. Positions are relative to the current piece; lines never straddle two.
 */
export function createLogParser(path: string): LogParser {
  const warnings: IngestWarning[] = [];
  const warn = (kind: IngestWarningKind, line: number | null, message: string): void => {
    warnings.push({ kind, file: path, line, message });
  };
  const assignments = new Map<string, ScriptAssignment[]>();
  const stages: ScriptStage[] = [];
  const modelLines = new Map<string, string>();
  const modelLineIndents = new Map<string, number>();
  const modelLineVariants = new Map<string, string[]>();
  const embeddingTables = new Map<string, string>();
  const parameterBanks: string[] = [];
  const weightNames: string[] = [];
  let lineIndent = 0;
  const hiddenDims: string[] = [];
  let embedFromHead = false;
  let attentionWindowLiteral: number | null = null;
  const windowLines: ScriptAssignment[] = [];
  let stagesState: "before" | "inside" | "done" = "before";
  let modelCall: ScriptAssignment | null = null;
  let headTied = false;
  let hasValueEmbeddings = false;
  let hasBigramHash = false;
  let printedTotal: number | null = null;
  let printedEmbedding: number | null = null;
  let printedNonEmbedding: number | null = null;
  let printedLine = 0;

  const evals: Omit<EvalPointWithSource, "tokens">[] = [];
  const runStarts: number[] = [0];
  const trainSteps: number[] = [];
  const trainLosses: number[] = [];
  const trainLines: number[] = [];
  let declaredSteps: number | null = null;
  let lastStepSeen: number | null = null;
  let lastProgressLine = -1;
  let gpus = 0;
  let sawLlmc = false;
  let llmcHasLr = false;
  let llmcSixDecimals = false;
  let sawModded = false;
  let sawNonFiniteLoss = false;
  /** Step of the last val_loss line, whatever its value (a final `val_loss:-inf` still means the log is complete). */
  let lastEvalLineStep: number | null = null;

  // A multi-line construct being collected (a tuple, a TrainingStage(...) call, the model call).
  let pending: {
    kind: "assign" | "stage" | "model" | "line";
    name: string;
    text: string;
    line: number;
    indent: number;
    depth: number;
    n: number;
  } | null = null;

  let text = "";
  let lineNo = 0;
  let charsSeen = 0;
  let sawContent = false;
  let binary = false;
  let lastProgressStep: number | null = null;
  let held: string | null = null;
  return { feed, finish: end };

  function feed(piece: string): void {
    // Pieces are held until the binary probe can look at the file's first BINARY_PROBE_CHARS at once: a binary file
    // yields nothing but its warning, as if it had been seen whole.
    if (held !== null || charsSeen === 0) {
      held = held === null ? piece : held + piece;
      if (held.length < BINARY_PROBE_CHARS) return;
      piece = held;
      held = null;
    }
    scanPiece(piece);
  }

  function scanPiece(piece: string): void {
    if (binary || piece.length === 0) return;
    if (!sawContent && piece.trim().length > 0) sawContent = true;
    if (charsSeen < BINARY_PROBE_CHARS) {
      const nul = piece.indexOf("\u0000");
      if (nul >= 0 && charsSeen + nul < BINARY_PROBE_CHARS) {
        binary = true;
        return;
      }
    }
    charsSeen += piece.length;
    text = piece;
    scanLines();
    text = "";
  }

  function scanLines(): void {
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let end = text.indexOf("\n", pos);
      if (end < 0) end = n;
      lineNo++;
      const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end; // tolerate CRLF
      const c0 = text.charCodeAt(pos);
      // Step lines come first: 1.6M of the 3.2M lines. A multi-line script construct (pending) never continues on one.
      if (c0 === 115 /* s */ && pending === null) {
        const c1 = text.charCodeAt(pos + 1);
        if (c1 === 116 /* t */ && text.charCodeAt(pos + 4) === 58 /* step: */ && text.charCodeAt(pos + 3) === 112) {
          parseStepLine(pos, lineEnd);
        } else if (c1 === 58 /* s: */) {
          parseLlmcLine(pos, lineEnd);
        } else {
          scanScriptLine(pos, lineEnd);
        }
      } else if (pending !== null) {
        handlePending(text.slice(pos, lineEnd));
      } else if (c0 === 124 /* | */) {
        if (isGpuRow(text.slice(pos, lineEnd))) gpus++;
      } else if (lineEnd > pos) {
        scanScriptLine(pos, lineEnd);
      }
      pos = end + 1;
    }
    // Only the last progress-only line of the file is read (see parseStepLine); keep this piece's last one.
    if (lastProgressLine >= 0) {
      let step = 0;
      let i = lastProgressLine + 5;
      for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) step = step * 10 + (c - 48);
      lastProgressStep = i > lastProgressLine + 5 ? step : null;
      lastProgressLine = -1;
    }
  }

  function end(): ParsedLog {
    if (held !== null) {
      const last = held;
      held = null;
      scanPiece(last);
    }
    if (!sawContent) {
      warnings.length = 0;
      warn("empty_file", null, "file is empty");
      return finish();
    }
    if (binary) {
      warnings.length = 0;
      warn("binary_file", null, "file holds NUL bytes (binary, not a text log)");
      return finish();
    }
    if (pending !== null) flushPending();
    if (lastProgressStep !== null && (lastStepSeen === null || lastProgressStep > lastStepSeen))
      lastStepSeen = lastProgressStep;

    if (!sawLlmc && !sawModded) {
      warn("unknown_format", null, "no `step:N/M val_loss:` or llm.c `s:N tel:` lines");
    } else if (sawModded && declaredSteps !== null) {
      const lastEval = evals.length > 0 ? evals[evals.length - 1].step : null;
      if (lastEvalLineStep === null || lastEvalLineStep < declaredSteps) {
        warn(
          "truncated_file",
          lineNo,
          `log ends before the final evaluation: last val_loss at step ${lastEval ?? "none"} of ${declaredSteps}` +
            ` (last step line ${lastStepSeen ?? "none"})`,
        );
      }
    }
    return finish();
  }

  function finish(): ParsedLog {
    const format: LogFormat | null = sawModded
      ? "modded_nanogpt"
      : sawLlmc
        ? llmcHasLr || !llmcSixDecimals
          ? "llmc_cuda"
          : "llmc_pytorch"
        : null;
    return {
      path,
      format,
      evals,
      runStarts,
      trains: { steps: trainSteps, losses: trainLosses, lines: trainLines },
      declaredSteps,
      lastStepSeen,
      gpus: gpus > 0 ? gpus : null,
      script: {
        assignments,
        stages,
        modelCall,
        headTied,
        hasValueEmbeddings,
        hasBigramHash,
        modelLines,
        modelLineIndents,
        modelLineVariants,
        embeddingTables,
        parameterBanks,
        weightNames,
        hiddenDims,
        embedFromHead,
        attentionWindowLiteral,
        windowLines,
        printedParams:
          printedTotal === null
            ? null
            : {
                total: printedTotal,
                embedding: printedEmbedding,
                nonEmbedding: printedNonEmbedding,
                line: printedLine,
              },
      },
      sawNonFiniteLoss,
      warnings,
    };
  }

  /** Adds an evaluation unless it repeats (the final one is often printed twice) or goes backwards. */
  function addEval(step: number, from: number, to: number, trainTimeMs: number | null): void {
    const valLoss = readDecimal(text, from, to);
    if (!Number.isFinite(valLoss)) {
      // A final `val_loss:-inf` is a complete log of a run that blew up; a cut-off value is not an evaluation.
      if (badLoss("val", step, from, to) && (lastEvalLineStep === null || step > lastEvalLineStep))
        lastEvalLineStep = step;
      return;
    }
    if (lastEvalLineStep === null || step > lastEvalLineStep) lastEvalLineStep = step;
    const prev = evals.length > 0 ? evals[evals.length - 1] : null;
    if (prev !== null && step === prev.step) {
      // FACTS: the final validation line is often printed twice; identical repeats are a quirk, not bad input.
      if (prev.valLoss !== valLoss) {
        warn(
          "duplicate_step",
          lineNo,
          `step ${step} evaluated again with val loss ${text.slice(from, to)} (kept ${prev.valLoss})`,
        );
      }
      return;
    }
    if (prev !== null && step < prev.step && step === 0 && sawModded) {
      // The next run of the same script printed in the same file (evaluation at step 0 again): a run of its own.
      if (declaredSteps !== null && prev.step < declaredSteps) {
        warn(
          "truncated_file",
          lineNo,
          `run ${runStarts.length} in this file ends at step ${prev.step} of ${declaredSteps} before the next run starts`,
        );
      }
      runStarts.push(evals.length);
      lastEvalLineStep = step;
      evals.push({ step, trainTimeMs, valLoss, sourceLine: lineNo });
      return;
    }
    if (prev !== null && step < prev.step) {
      warn("out_of_order_step", lineNo, `val loss at step ${step} after step ${prev.step}; dropped`);
      return;
    }
    evals.push({ step, trainTimeMs, valLoss, sourceLine: lineNo });
  }

  /**
   * A loss that is not a finite number: `nan`/`inf` as PyTorch prints them is a run that blew up (nonfinite_loss, and the
   * run is flagged diverged); anything else (`3.2x8`, a cut-off line) is corrupt text, its own kind, and says nothing
   * about the run.
   */
  function badLoss(which: "val" | "train", step: number, from: number, to: number): boolean {
    const raw = text.slice(from, to);
    if (/^[+-]?(nan|inf|infinity)$/i.test(raw)) {
      sawNonFiniteLoss = true;
      warn("nonfinite_loss", lineNo, `${which} loss ${raw} at step ${step}`);
      return true;
    }
    warn("corrupt_loss", lineNo, `${which} loss ${JSON.stringify(raw)} at step ${step} is not a number; dropped`);
    return false;
  }

  function addTrain(step: number, from: number, to: number): void {
    const trainLoss = readDecimal(text, from, to);
    if (!Number.isFinite(trainLoss)) {
      badLoss("train", step, from, to);
      return;
    }
    const n = trainSteps.length;
    if (n > 0 && step <= trainSteps[n - 1]) {
      const prevStep = trainSteps[n - 1];
      warn(
        step === prevStep ? "duplicate_step" : "out_of_order_step",
        lineNo,
        `train loss at step ${step} after step ${prevStep}; dropped`,
      );
      return;
    }
    trainSteps.push(step);
    trainLosses.push(trainLoss);
    trainLines.push(lineNo);
  }

  /** `step:N/M val_loss:X train_time:Yms step_avg:Zms`, `step:N/M train_loss:X train_time:..`, `step:N/M train_time:..`. */
  function parseStepLine(start: number, end: number): void {
    // 1.4M of the 1.6M step lines are progress only (`step:N/M train_time:..`): once the first step line has set the
    // declared step count, such a line costs one indexOf and two character checks. Its step number is read only for
    // the last one (lastProgressLine), which tells how far a truncated run got.
    if (declaredSteps !== null) {
      const sp = indexWithin(text, " ", start + 5, end);
      if (sp > 0 && sp < end) {
        const c = text.charCodeAt(sp + 1);
        if (c !== 118 /* v */ && !(c === 116 /* t */ && text.charCodeAt(sp + 7) === 108 /* train_l */)) {
          lastProgressLine = start;
          return;
        }
      }
    }
    // Digits are read from char codes, without slicing.
    let i = start + 5;
    let step = 0;
    const stepStart = i;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && i < end; c = text.charCodeAt(++i))
      step = step * 10 + (c - 48);
    if (i === stepStart || text.charCodeAt(i) !== 47 /* / */) {
      warn("malformed_line", lineNo, `unreadable step line: ${text.slice(start, Math.min(end, start + 80))}`);
      return;
    }
    const totalStart = ++i;
    if (declaredSteps === null) {
      let total = 0;
      for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && i < end; c = text.charCodeAt(++i))
        total = total * 10 + (c - 48);
      declaredSteps = total;
    } else {
      for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && i < end; c = text.charCodeAt(++i));
    }
    if (i === totalStart || (i < end && text.charCodeAt(i) !== 32)) {
      warn("malformed_line", lineNo, `unreadable step line: ${text.slice(start, Math.min(end, start + 80))}`);
      return;
    }
    sawModded = true;
    if (lastStepSeen === null || step > lastStepSeen) lastStepSeen = step;
    const space = i;
    if (space >= end) return;
    const c = text.charCodeAt(space + 1);
    if (c === 118 /* v */ && text.startsWith("val_loss:", space + 1)) {
      const vEnd = nextSpace(space + 10, end);
      if (vEnd === space + 10) {
        warn("malformed_line", lineNo, `val_loss without a value: ${text.slice(start, end)}`);
        return;
      }
      addEval(step, space + 10, vEnd, readTrainTime(vEnd, end));
    } else if (
      c === 116 /* t */ &&
      text.charCodeAt(space + 7) === 108 /* train_l */ &&
      text.startsWith("train_loss:", space + 1)
    ) {
      const vEnd = nextSpace(space + 12, end);
      addTrain(step, space + 12, vEnd);
    }
    // `step:N/M train_time:..` lines carry no loss: progress only.
  }

  function readTrainTime(from: number, end: number): number | null {
    const i = indexWithin(text, "train_time:", from, end);
    if (i < 0 || i > end) return null;
    // `train_time:1234ms` (tracks 1 and 2) or `train_time:22.151s` (track 3's scripts print seconds).
    let vEnd = nextSpace(i + 11, end);
    while (vEnd > i + 11 && (text.charCodeAt(vEnd - 1) === 13 || text.charCodeAt(vEnd - 1) === 10)) vEnd--;
    if (text.startsWith("ms", vEnd - 2)) {
      const v = readDecimal(text, i + 11, vEnd - 2);
      return Number.isFinite(v) ? v : null;
    }
    if (text.charCodeAt(vEnd - 1) === 115 /* s */) {
      const v = readDecimal(text, i + 11, vEnd - 1);
      return Number.isFinite(v) ? Math.round(v * 1e6) / 1e3 : null;
    }
    return null;
  }

  /** llm.c: `s:N tel:X` (val loss at step N) and `s:N trl:X [lr:.. norm:..]` (train loss). */
  function parseLlmcLine(start: number, end: number): void {
    const space = indexWithin(text, " ", start + 2, end);
    if (space < 0 || space > end) return; // `s:` at the start of a script line, not a log line
    const step = toInt(text.slice(start + 2, space));
    if (step === null) return;
    const isTel = text.startsWith("tel:", space + 1);
    const isTrl = text.startsWith("trl:", space + 1);
    if (!isTel && !isTrl) return;
    sawLlmc = true;
    const vEnd = nextSpace(space + 5, end);
    if (isTel) {
      const dot = indexWithin(text, ".", space + 5, end);
      if (dot >= 0 && dot < vEnd && vEnd - dot - 1 >= 6) llmcSixDecimals = true;
      addEval(step, space + 5, vEnd, null);
    } else {
      if (vEnd < end && text.startsWith(" lr:", vEnd)) llmcHasLr = true;
      addTrain(step, space + 5, vEnd);
    }
  }

  /** Lines of the window schedule forms windowSchedule.ts knows (prefixes checked before any slice or regex). */
  function keepWindowLine(start: number, end: number): void {
    let j = start;
    while (j < end && j - start < 32 && text.charCodeAt(j) === 32) j++;
    const c = text.charCodeAt(j);
    const prefixes = WINDOW_PREFIXES.get(c);
    let hit = false;
    if (prefixes !== undefined) {
      for (const p of prefixes) {
        if (text.startsWith(p, j)) {
          hit = true;
          break;
        }
      }
    } else if (c >= 48 && c <= 57) {
      // a window tuple's continuation line, right after a kept line
      const last = windowLines.length > 0 ? windowLines[windowLines.length - 1].line : -1;
      hit = last === lineNo - 1;
    }
    if (!hit) return;
    const line = text.slice(j, end);
    if (WINDOW_LINE.test(line)) windowLines.push({ expr: line.trim(), line: lineNo });
  }

  function nextSpace(from: number, end: number): number {
    const i = indexWithin(text, " ", from, end);
    return i < 0 || i > end ? end : i;
  }

  /** Script lines and the free-text lines of the body (`Model parameters:` block). */
  function scanScriptLine(start: number, end: number): void {
    keepWindowLine(start, end);
    // Every fact we read sits at indentation 0 (model call, TRAINING_STAGES), 4 (Hyperparameters fields, stages, the
    // parameter block), 8 (`self.` lines in __init__) or 12 (2024-12's `vte = nn.Embedding(...)`) of the printed
    // 4-space-indented Python; deeper lines are skipped without a character loop.
    let i = start;
    if (text.charCodeAt(i) === 32) {
      if (text.charCodeAt(i + 1) !== 32)
        i += 1; // `  Total parameters:` (2 spaces) and odd indents
      else if (text.charCodeAt(i + 2) !== 32) i += 2;
      else if (text.charCodeAt(i + 4) !== 32) i += 4;
      else if (text.charCodeAt(i + 8) !== 32) i += 8;
      else if (text.charCodeAt(i + 10) !== 32) {
        // 2024-11-19's mask function, nested 10 deep: `window_mask = q_idx - kv_idx < 1024` (the attention window).
        if (attentionWindowLiteral === null && text.startsWith("window_mask = q_idx - kv_idx < ", i + 10)) {
          const w = /^\d+$/.exec(text.slice(i + 41, end).trim());
          if (w !== null) attentionWindowLiteral = Number(w[0]);
        }
        return;
      } else if (text.charCodeAt(i + 12) !== 32)
        i += 12; // `vte = nn.Embedding(...)` inside 2024-12's ModuleDict
      else return;
      if (text.charCodeAt(i - 1) !== 32 || text.charCodeAt(i) === 32) return;
    }
    lineIndent = i - start;
    if (i >= end) return;
    const c = text.charCodeAt(i);
    switch (c) {
      case 98: // b
      case 100: // d
      case 105: // i
      case 110: // n
      case 115: // s
      case 116: // t
      case 118: // v
        if (c === 118 && text.startsWith("vte = nn.Embedding(", i)) {
          hasValueEmbeddings = true;
          keepModelLine("vte", text.slice(i + 6, end).trim(), false);
        }
        if (c === 115 && text.startsWith("self.", i)) {
          scanSelfLine(i, end);
        } else if (c === 110 && lineIndent === 8 && keepBankLocal(i, end)) {
          // a bank size, not a watched constant
        } else {
          maybeAssignment(i, end);
        }
        break;
      case 83: // S
        // 2025-09-05_SkipMLPBlocks: `SKIPPED_MLP_BLOCKS = [0, 12]` then `self.mlp = None if layer_idx in SKIPPED_MLP_BLOCKS else MLP(dim)`
        if (text.startsWith("SKIPPED_MLP_BLOCKS = [", i)) {
          const hash = indexWithin(text, "#", i, end);
          keepModelLine("SKIPPED_MLP_BLOCKS", text.slice(i + 21, hash >= 0 && hash < end ? hash : end).trim(), true);
        }
        break;
      case 84: // T
        if (text.startsWith("TrainingStage(", i)) {
          if (stagesState === "inside") startPending("stage", "", text.slice(i, end));
        } else if (text.startsWith("TRAINING_STAGES", i) && stagesState === "before") {
          stagesState = "inside";
        } else if (text.startsWith("Total parameters:", i)) {
          printedTotal = toInt(
            text
              .slice(i + 17, end)
              .replace(/,/g, "")
              .trim(),
          );
          printedLine = lineNo;
        }
        break;
      case 93: // ]
        if (stagesState === "inside") stagesState = "done";
        break;
      case 69: // E
        if (text.startsWith("Embedding parameters:", i)) {
          printedEmbedding = toInt(
            text
              .slice(i + 21, end)
              .replace(/,/g, "")
              .trim(),
          );
        }
        break;
      case 78: // N
        if (text.startsWith("Non-embedding parameters:", i)) {
          printedNonEmbedding = toInt(
            text
              .slice(i + 25, end)
              .replace(/,/g, "")
              .trim(),
          );
        }
        break;
      case 119: // w
        // 2024-11/12: `wte = nn.Embedding(config.vocab_size, config.n_embd),` inside `self.transformer = nn.ModuleDict(dict(`
        if (text.startsWith("wte = nn.Embedding(", i)) keepModelLine("wte", text.slice(i + 6, end).trim(), false);
        break;
      case 120: // x
        if (!embedFromHead && text.startsWith("x = F.embedding(", i)) {
          const close = indexWithin(text, ")", i, end);
          if (close > 0 && close < end && text.slice(i, close).includes("lm_head.weight")) embedFromHead = true;
        }
        break;
      case 104: // h
        if (text.startsWith("hdim = ", i)) hiddenDims.push(text.slice(i + 7, end).trim());
        break;
      case 109: // m
        if (lineIndent === 8) keepBankLocal(i, end);
        if (
          modelCall === null &&
          (text.startsWith("model = GPT(", i) || text.startsWith("model: nn.Module = GPT(", i))
        ) {
          startPending("model", "", text.slice(i, end));
        }
        break;
      default:
        break;
    }
  }

  /** `self.value_embeds = ...`, `self.vte = ...`, `self.bigram_embed = ...`, and head/embedding weight tying. */
  function scanSelfLine(i: number, end: number): void {
    let j = i + 5;
    for (
      let c = text.charCodeAt(j);
      (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
      c = text.charCodeAt(++j)
    );
    if (j < end && text.startsWith(" = nn.Embedding(", j)) {
      const name = text.slice(i + 5, j);
      if (!embeddingTables.has(name)) embeddingTables.set(name, text.slice(j + 3, end).trim());
    } else if (
      j < end &&
      (text.startsWith(" = nn.Parameter(", j) ||
        text.startsWith(" = nn.Linear(", j) ||
        text.startsWith(" = CastedLinear", j))
    ) {
      const name = text.slice(i + 5, j);
      if (!weightNames.includes(name)) weightNames.push(name);
      if (text.startsWith("_bank", j - 5) && text.charCodeAt(j + 3) === 110 && !parameterBanks.includes(name))
        parameterBanks.push(name);
    }
    // The name is read once; only names of a kept length are sliced and looked up.
    if (MODEL_LINE_LENGTHS.has(j - i)) {
      const key = text.slice(i, j);
      if (MODEL_LINE_KEY_SET.has(key)) captureModelLine(key, j, end);
    }
    const c5 = text.charCodeAt(i + 5);
    if (c5 === 118 /* v */) {
      if (
        !hasValueEmbeddings &&
        (text.startsWith("self.value_emb", i) || text.startsWith("self.vte", i) || text.startsWith("self.ve", i))
      ) {
        const eq = indexWithin(text, "=", i, end);
        if (eq >= 0 && eq < end) hasValueEmbeddings = true;
      }
    } else if (c5 === 98 /* b */) {
      if (text.startsWith("self.bigram", i)) hasBigramHash = true;
    } else if (c5 === 116 /* t */ || c5 === 108 /* l */ || c5 === 101 /* e */) {
      maybeTie(i, end);
    }
  }

  /** First `self.attn = ...`, `self.mlp = ...`, `self.value_embeds = ...`, `self.bigram_embed = ...`, `self.lm_head = ...`. */
  /** `key` (`self.attn`) ends at `j`; keeps the right-hand side of `key = ...` (comment dropped). */
  function captureModelLine(key: string, j: number, end: number): void {
    while (text.charCodeAt(j) === 32) j++;
    if (text.charCodeAt(j) !== 61 /* = */ || text.charCodeAt(j + 1) === 61) return;
    const hash = indexWithin(text, "#", j + 1, end);
    const rhs = text.slice(j + 1, hash >= 0 && hash < end ? hash : end).trim();
    const name = key === "self.embed" && rhs.startsWith("nn.ModuleList(") ? VALUE_EMBEDDING_TABLES : key;
    if (depthOf(rhs) > 0)
      startPending("line", name, rhs); // `nn.ModuleList([` continued on the next lines
    else keepModelLine(name, rhs, true);
  }

  function keepBankLocal(i: number, end: number): boolean {
    for (const prefix of BANK_LOCALS) {
      if (text.startsWith(prefix, i)) {
        const hash = indexWithin(text, "#", i, end);
        keepModelLine(
          prefix.slice(0, -3),
          text.slice(i + prefix.length, hash >= 0 && hash < end ? hash : end).trim(),
          true,
        );
        return true;
      }
    }
    return false;
  }

  function keepModelLine(key: string, rhs: string, firstOnly: boolean): void {
    const variants = modelLineVariants.get(key);
    if (variants === undefined) modelLineVariants.set(key, [rhs]);
    else if (!variants.includes(rhs)) variants.push(rhs);
    const seen = modelLines.get(key);
    if (seen === undefined) {
      modelLines.set(key, rhs);
      modelLineIndents.set(key, lineIndent);
    } else if (firstOnly && seen !== rhs) {
      // Two different right-hand sides (e.g. `if use_paired_head: ... else: ...`) leave the layer set undecided.
      modelLines.set(key, AMBIGUOUS);
    }
  }

  function maybeTie(i: number, end: number): void {
    if (headTied || end - i > 120) return;
    if (
      !text.startsWith("self.transformer.wte.weight", i) &&
      !text.startsWith("self.lm_head.weight", i) &&
      !text.startsWith("self.embed.weight", i)
    )
      return;
    const line = text.slice(i, end);
    if (
      /^self\.(transformer\.wte|lm_head|embed)\.weight\s*=\s*self\.(transformer\.wte|lm_head|embed)\.weight/.test(line)
    )
      headTied = true;
  }

  /** `name = value`, `name : type = value`, `name: type = value  # comment` for the watched names. */
  function maybeAssignment(i: number, end: number): void {
    if (end - i < 3 || !WATCHED_PREFIXES.has(prefix3(text, i))) return;
    let j = i;
    while (j < end) {
      const c = text.charCodeAt(j);
      const isWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
      if (!isWord) break;
      j++;
    }
    if (j === i || j - i > 40) return;
    const after = text.charCodeAt(j);
    if (after !== 32 && after !== 58 /* : */ && after !== 61 /* = */) return;
    if (!WATCHED_LENGTHS.has(j - i)) return;
    const name = text.slice(i, j);
    if (!WATCHED.has(name)) return;
    const eq = indexWithin(text, "=", j, end);
    if (eq < 0 || eq >= end || text.charCodeAt(eq + 1) === 61 /* == */) return;
    const between = text.slice(j, eq).trim();
    if (between !== "" && !between.startsWith(":")) return; // `batch_size * x`, a call, not an assignment
    let value = text.slice(eq + 1, end);
    const hash = value.indexOf("#");
    if (hash >= 0) value = value.slice(0, hash);
    value = value.trim();
    if (value.length === 0 || (value.includes(".") && !/^[0-9.\s*+\-/()]+$/.test(value))) return; // attribute access or calls
    if (value.startsWith("(") && depthOf(value) > 0) {
      startPending("assign", name, value);
      return;
    }
    pushAssignment(name, value, lineNo);
  }

  function pushAssignment(name: string, expr: string, line: number): void {
    const list = assignments.get(name);
    if (list === undefined) assignments.set(name, [{ expr, line }]);
    else list.push({ expr, line });
  }

  function startPending(kind: "assign" | "stage" | "model" | "line", name: string, first: string): void {
    const depth = depthOf(first);
    if (depth <= 0) {
      pending = { kind, name, text: first, line: lineNo, indent: lineIndent, depth, n: 0 };
      flushPending();
      return;
    }
    pending = { kind, name, text: first, line: lineNo, indent: lineIndent, depth, n: 0 };
  }

  function handlePending(line: string): void {
    if (pending === null) return;
    const hash = line.indexOf("#");
    const code = (hash >= 0 ? line.slice(0, hash) : line).trim();
    pending.text += " " + code;
    pending.depth += depthOf(code);
    pending.n++;
    if (pending.depth <= 0 || pending.n >= MAX_CONTINUATION_LINES) flushPending();
  }

  function flushPending(): void {
    const p = pending;
    pending = null;
    if (p === null) return;
    if (p.kind === "assign") {
      pushAssignment(p.name, p.text.replace(/,\s*\)/, ")"), p.line);
    } else if (p.kind === "model") {
      modelCall = { expr: p.text, line: p.line };
    } else if (p.kind === "line") {
      lineIndent = p.indent;
      keepModelLine(p.name, p.text.replace(/([[(])\s+/g, "$1").replace(/\s+([\])])/g, "$1"), true);
    } else {
      stages.push({
        duration: keywordArg(p.text, "duration"),
        batchSize: keywordArg(p.text, "batch_size"),
        line: p.line,
      });
    }
  }
}

/** The text of `name=...` inside a call, up to the next top-level comma or closing parenthesis. */
export function keywordArg(call: string, name: string): string | null {
  const re = new RegExp(`[(,\\s]${name}\\s*=`);
  const m = re.exec(call);
  if (m === null) return null;
  let i = m.index + m[0].length;
  let depth = 0;
  const start = i;
  for (; i < call.length; i++) {
    const c = call[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) break;
  }
  return call.slice(start, i).trim();
}

function depthOf(s: string): number {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91) d++;
    else if (c === 41 || c === 93) d--;
  }
  return d;
}

function toInt(s: string): number | null {
  if (s.length === 0 || s.length > 15) return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(s);
}

/** A GPU row of an nvidia-smi table: `|   0  NVIDIA H100 80GB HBM3   On  | 00000000:61:00.0 Off |   0 |`. */
function isGpuRow(line: string): boolean {
  const bar = line.indexOf("|", 1);
  if (bar < 0) return false;
  const head = line.slice(1, bar).trim();
  if (!/^\d+\s+\S/.test(head)) return false;
  return /^\s*[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d/.test(line.slice(bar + 1));
}

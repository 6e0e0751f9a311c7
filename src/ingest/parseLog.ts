// Text of one training log -> typed points and the script facts needed for token accounting. Pure: no file system.
// This file reads the log lines (`step:N/M val_loss:..`, llm.c's `s:N tel:..`, the nvidia-smi block); every other line
// goes to the script scanner (scanScript.ts), which gathers what the printed training script says.
//
// Speed matters (1,568 logs, 239 MB in the full clone; bench/ingest.ts holds the ingest to 1.5x a bare read), so the
// text is walked once with indexOf("\n") and each line is dispatched on its first characters; no regex runs over the
// bulk of the text, and the same pass notes where the printed script ends (scriptChars).
import type { EvalPointWithSource, IngestWarning, IngestWarningKind, LogFormat } from "../types";
import { createScriptScanner, indexWithin, toInt, type ScriptFacts } from "./scanScript";

export interface TrainSeries {
  readonly steps: readonly number[];
  readonly losses: readonly number[];
  readonly lines: readonly number[];
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
  /**
   * Characters (bytes: the log is read as Latin-1) before the first SCRIPT_RULE line, which ends the printed script;
   * null when no line is one. The record-defect checks read that head again (recordDefects.printedScriptBefore).
   */
  readonly scriptChars: number | null;
  readonly warnings: readonly IngestWarning[];
}

/** The line of `=` that ends the script printed at the top of a modded-nanogpt log. */
export const SCRIPT_RULE = /^={20,}\s*$/;

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
export interface LogParser {
  feed(piece: string): void;
  finish(): ParsedLog;
}

/** NUL bytes this early mark a binary file. */
const BINARY_PROBE_CHARS = 65536;

/**
 * The parser behind parseLog, fed in pieces so that a reader can decode a file in small strings (see loadRun.ts): the
 * result equals parseLog of the whole text. Positions are relative to the current piece; lines never straddle two.
 */
export function createLogParser(path: string): LogParser {
  const warnings: IngestWarning[] = [];
  const warn = (kind: IngestWarningKind, line: number | null, message: string): void => {
    warnings.push({ kind, file: path, line, message });
  };

  const script = createScriptScanner();
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
  let scriptChars: number | null = null;
  /** Step of the last val_loss line, whatever its value (a final `val_loss:-inf` still means the log is complete). */
  let lastEvalLineStep: number | null = null;

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
      if (c0 === 61 /* = */ && scriptChars === null && SCRIPT_RULE.test(text.slice(pos, end)))
        scriptChars = charsSeen - n + pos; // charsSeen already counts this piece
      // Step lines come first: 1.6M of the 3.2M lines. A multi-line script construct (pending) never continues on one.
      if (c0 === 115 /* s */ && !script.isPending()) {
        const c1 = text.charCodeAt(pos + 1);
        if (c1 === 116 /* t */ && text.charCodeAt(pos + 4) === 58 /* step: */ && text.charCodeAt(pos + 3) === 112) {
          parseStepLine(pos, lineEnd);
        } else if (c1 === 58 /* s: */) {
          parseLlmcLine(pos, lineEnd);
        } else {
          script.scanLine(text, pos, lineEnd, lineNo);
        }
      } else if (script.isPending()) {
        script.continueLine(text.slice(pos, lineEnd));
      } else if (c0 === 124 /* | */) {
        if (isGpuRow(text.slice(pos, lineEnd))) gpus++;
      } else if (lineEnd > pos) {
        script.scanLine(text, pos, lineEnd, lineNo);
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
      script: script.facts(),
      sawNonFiniteLoss,
      scriptChars,
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
          `run ${runStarts.length} in this file ends at step ${prev.step} of ${declaredSteps} before the next ` +
            `run starts`,
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
   * A loss that is not a finite number: `nan`/`inf` as PyTorch prints them is a run that blew up (nonfinite_loss, and
   * the run is flagged diverged); anything else (`3.2x8`, a cut-off line) is corrupt text, its own kind, and says
   * nothing about the run.
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

  /**
   * `step:N/M val_loss:X train_time:Yms step_avg:Zms`, `step:N/M train_loss:X train_time:..`, `step:N/M train_time:..`.
   */
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

  function nextSpace(from: number, end: number): number {
    const i = indexWithin(text, " ", from, end);
    return i < 0 || i > end ? end : i;
  }
}

/** A GPU row of an nvidia-smi table: `|   0  NVIDIA H100 80GB HBM3   On  | 00000000:61:00.0 Off |   0 |`. */
function isGpuRow(line: string): boolean {
  const bar = line.indexOf("|", 1);
  if (bar < 0) return false;
  const head = line.slice(1, bar).trim();
  if (!/^\d+\s+\S/.test(head)) return false;
  return /^\s*[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d/.test(line.slice(bar + 1));
}

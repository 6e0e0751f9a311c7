// The file-system edge for one log: read it and hand the text to the pure parser.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import type { IngestWarningKind } from "../types";
import { createLogParser, type ParsedLog } from "./parseLog";

/**
 * Largest log read, in bytes. Upstream logs are under 4 MiB, the 50B-token runs (absent from ../shared) some tens of
 * MiB; anything larger is not a training log of this project, and reading it whole would take that much memory.
 */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** Longest line read, in bytes: the longest upstream line is a few KiB (printed script lines, nvidia-smi rows). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A file the ingest cannot read as a log: reported as a warning of its own kind, and the run goes on. */
export class FileProblem extends Error {
  constructor(readonly kind: IngestWarningKind, message: string, readonly line: number | null = null) {
    super(message);
    this.name = "FileProblem";
  }
}

/** The FileProblem for an error thrown by open/read (vanished, no permission, a folder, an I/O error). */
export function fileProblemOf(e: unknown): FileProblem {
  if (e instanceof FileProblem) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new FileProblem("vanished_file", "file vanished before it was read");
  if (code === "ELOOP") return new FileProblem("symlink_loop", "symbolic link loop");
  if (code === "EACCES" || code === "EPERM") return new FileProblem("unreadable_file", `file cannot be read (${code}: permission denied)`);
  return new FileProblem("unreadable_file", `file cannot be read (${code ?? (e as Error).message})`);
}

/**
 * Reads a log as Latin-1. Every token the parser reads (step lines, llm.c lines, script constants, nvidia-smi rows) is
 * ASCII, and Latin-1 maps each byte to one character: no UTF-8 validation, and one-byte strings at half the memory of
 * the two-byte strings that the non-ASCII characters in 591 of the 860 printed scripts (`²`, `→` in comments) would
 * force. Line numbers are unaffected (newlines are single bytes either way).
 */
export function readLogText(path: string): string {
  return readFileSync(path, "latin1");
}

/**
 * Pieces of at most this many characters (cut after a line break) are decoded and parsed one at a time. Why not the
 * whole file as one string: a string over ~128 KB is a V8 large object with pages of its own, mapped and unmapped per
 * file, and in a process with worker threads those page faults and unmaps serialise the threads on the address-space
 * lock (measured: two threads reading whole files ran at the speed of one). Small pieces live and die in the young
 * generation, and the bytes go through one reused buffer. The decoding (Latin-1) and the parse are the same.
 */
const PIECE_CHARS = 64 * 1024; // not below parseLog BINARY_PROBE_CHARS

/** One reused read buffer per thread, grown to the largest file seen (upstream logs are under 4 MiB). */
let buffer = Buffer.allocUnsafe(4 * 1024 * 1024);

/** Reads and parses one log; `displayPath` is how warnings name it (relative to the checkout). */
export function loadRun(path: string, displayPath: string = path): ParsedLog {
  const parser = createLogParser(displayPath);
  readLogPieces(path, parser.feed);
  return parser.finish();
}

/** Reads a log and hands it on as Latin-1 pieces cut after line breaks (the ingest's read path, timed by bench/ingest). */
export function readLogPieces(path: string, onPiece: (piece: string) => void): void {
  const bytes = readWhole(path);
  for (let start = 0; start < bytes; ) {
    // Cut after the first line break past PIECE_CHARS: every piece but the last is long enough for the parser's
    // binary probe (BINARY_PROBE_CHARS), so it never has to join pieces.
    const end = start + PIECE_CHARS >= bytes ? bytes : nextLineEnd(start + PIECE_CHARS, bytes);
    if (end - start > PIECE_CHARS + MAX_LINE_BYTES) tooLongLine(start, end);
    onPiece(buffer.toString("latin1", start, end));
    start = end;
  }
}

/** Throws line_too_long naming the first line of buffer[start, end) longer than MAX_LINE_BYTES. */
function tooLongLine(start: number, end: number): never {
  let line = 1;
  for (let i = buffer.indexOf(10, 0); i >= 0 && i < start; i = buffer.indexOf(10, i + 1)) line++;
  let lineStart = start;
  for (;;) {
    const nl = buffer.indexOf(10, lineStart);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    if (lineEnd - lineStart > MAX_LINE_BYTES) {
      throw new FileProblem("line_too_long", `line ${line} is over ${MAX_LINE_BYTES / 1024 / 1024} MiB (at least ${lineEnd - lineStart} bytes); file skipped`, line);
    }
    lineStart = lineEnd + 1;
    line++;
  }
}

/** The end of the line holding byte `from` (after its line break), or the end of the file. */
function nextLineEnd(from: number, bytes: number): number {
  const nl = buffer.indexOf(10, from);
  return nl < 0 || nl >= bytes ? bytes : nl + 1;
}

/** Reads the file into `buffer`; returns its length in bytes. */
function readWhole(path: string): number {
  // O_NONBLOCK: if a named pipe replaced the file since it was listed, open returns at once instead of waiting for a
  // writer; fstat then says it is not a regular file and nothing is read. (No effect on regular files.)
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fileProblemOf(e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileProblem("special_file", `${stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a named pipe" : "a device or socket"}, not a regular file; not read`);
    let size = stat.size;
    if (size > MAX_LOG_BYTES) throw new FileProblem("file_too_large", `file is ${size} bytes, over the ${MAX_LOG_BYTES / 1024 / 1024} MiB limit for a log; skipped`);
    if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
    let n = 0;
    for (;;) {
      if (n > MAX_LOG_BYTES) throw new FileProblem("file_too_large", `file grew past the ${MAX_LOG_BYTES / 1024 / 1024} MiB limit for a log while it was read; skipped`);
      if (n === buffer.length) {
        // The file grew since fstat: keep reading.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, n);
        buffer = bigger;
      }
      let k: number;
      try {
        k = readSync(fd, buffer, n, buffer.length - n, null);
      } catch (e) {
        throw fileProblemOf(e);
      }
      if (k === 0) break;
      n += k;
    }
    size = n;
    return size;
  } finally {
    closeSync(fd);
  }
}

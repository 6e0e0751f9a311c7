// The file-system edge for one log: read it and hand the text to the pure parser.
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
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
class FileProblem extends Error {
  constructor(
    readonly kind: IngestWarningKind,
    message: string,
    readonly line: number | null = null,
  ) {
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
  if (code === "EACCES" || code === "EPERM")
    return new FileProblem("unreadable_file", `file cannot be read (${code}: permission denied)`);
  return new FileProblem("unreadable_file", `file cannot be read (${code ?? (e as Error).message})`);
}

// Logs are read as Latin-1. Every token the parser reads (step lines, llm.c lines, script constants, nvidia-smi rows)
// is ASCII, and Latin-1 maps each byte to one character: no UTF-8 validation, and one-byte strings at half the memory
// of the two-byte strings that the non-ASCII characters in 591 of the 860 printed scripts (`²`, `→` in comments) would
// force. Line numbers are unaffected (newlines are single bytes either way).

/**
 * Pieces of at most this many characters (cut after a line break) are decoded and parsed one at a time. Why not the
 * whole file as one string: a string over ~128 KB is a V8 large object with pages of its own, mapped and unmapped per
 * file, and in a process with worker threads those page faults and unmaps serialise the threads on the address-space
 * lock (measured: two threads reading whole files ran at the speed of one). Small pieces live and die in the young
 * generation, and the bytes go through one reused buffer. The decoding (Latin-1) and the parse are the same.
 */
const PIECE_CHARS = 64 * 1024; // not below parseLog BINARY_PROBE_CHARS

/**
 * Most lines read from one log. The longest upstream log has 21,108 lines and the 50B-token runs (absent from
 * ../shared) about 200,000 (95,000 steps); a file of millions of lines is not a training log, and its points would take
 * gigabytes (issue 21: a 5-million-line log took 3.8 GB). Together with MAX_LOG_BYTES and the bounded cost of a line,
 * this bounds the time and memory one file can take.
 */
export const MAX_LOG_LINES = 1_000_000;

/** Bytes read per read(2): the file is never held whole, only this buffer (plus at most one long line). */
const READ_BYTES = 4 * 1024 * 1024;

/** One reused read buffer per thread; always READ_BYTES long (holds a piece, a long line and a read's worth). */
const buffer = Buffer.allocUnsafe(READ_BYTES);

/** Which file the listing saw (lstat of the file, or of a link's target): the file read must be that file. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

/**
 * Reads and parses one log; `displayPath` is how warnings name it (relative to the checkout). With `identity`, the file
 * opened must be the one listed (see openLog).
 */
export function loadRun(
  path: string,
  displayPath: string = path,
  identity?: FileIdentity,
  onOpen?: (fd: number) => void,
): ParsedLog {
  const parser = createLogParser(displayPath);
  readLogPieces(path, parser.feed, identity, onOpen);
  return parser.finish();
}

/**
 * Reads a log and hands it on as Latin-1 pieces cut after line breaks (the ingest's read path, timed by bench/ingest).
 * The file is read in READ_BYTES chunks, so memory does not grow with its size; a file over MAX_LOG_BYTES is refused
 * before any byte is read, one over MAX_LOG_LINES lines once the reader gets there, a line over MAX_LINE_BYTES once
 * MAX_LINE_BYTES of it are buffered. `onOpen` is handed the file once it is open and checked (tailKeyOf).
 */
export function readLogPieces(
  path: string,
  onPiece: (piece: string) => void,
  identity?: FileIdentity,
  onOpen?: (fd: number) => void,
): void {
  const fd = openLog(path, identity);
  try {
    onOpen?.(fd); // before any byte is read: it may use the read buffer
    let have = 0; // bytes of buffer holding unread data, from 0
    let start = 0; // first byte not yet handed on
    let eof = false;
    let lines = 0; // line breaks handed on so far
    let read = 0; // bytes read
    for (;;) {
      // Hand on every complete piece in buffer[start, have): cut after the first line break past PIECE_CHARS, so every
      // piece but the last is long enough for the parser's binary probe (BINARY_PROBE_CHARS).
      for (;;) {
        const from = start + PIECE_CHARS;
        let end = -1;
        if (from < have) {
          const nl = buffer.indexOf(10, from);
          if (nl >= 0 && nl < have) end = nl + 1;
        }
        if (end < 0) {
          if (have - start > PIECE_CHARS + MAX_LINE_BYTES) tooLongLine(start, Math.min(from, have - 1), lines);
          if (!eof || start === have) break;
          end = have;
        }
        if (end - start > PIECE_CHARS + MAX_LINE_BYTES) tooLongLine(start, from, lines);
        lines += countLines(start, end);
        if (lines > MAX_LOG_LINES) {
          const limit = MAX_LOG_LINES.toLocaleString("en-US");
          throw new FileProblem("file_too_large", `file has over ${limit} lines, the limit for a log; skipped`);
        }
        onPiece(buffer.toString("latin1", start, end));
        start = end;
      }
      if (eof) return;
      // Keep the unfinished piece, then read more after it.
      if (start > 0) {
        buffer.copy(buffer, 0, start, have);
        have -= start;
        start = 0;
      }
      const k = readChunk(fd, have);
      if (k === 0) eof = true;
      have += k;
      read += k;
      if (read > MAX_LOG_BYTES) {
        const limit = MAX_LOG_BYTES / 1048576;
        throw new FileProblem("file_too_large", `file grew past the ${limit} MiB limit for a log while read; skipped`);
      }
    }
  } finally {
    closeSync(fd);
  }
}

function readChunk(fd: number, at: number): number {
  try {
    return readSync(fd, buffer, at, buffer.length - at, null);
  } catch (e) {
    throw fileProblemOf(e);
  }
}

/** Line breaks in buffer[start, end). */
function countLines(start: number, end: number): number {
  let n = 0;
  for (let i = buffer.indexOf(10, start); i >= 0 && i < end; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}

/** Throws line_too_long naming the line holding buffer[at] (over MAX_LINE_BYTES: no line break in the rest). */
function tooLongLine(start: number, at: number, linesBefore: number): never {
  const line = linesBefore + 1 + countLines(start, at);
  throw new FileProblem("line_too_long", `line ${line} is over ${MAX_LINE_BYTES / 1048576} MiB; file skipped`, line);
}

/**
 * Opens a log for reading without following a link in its last component (O_NOFOLLOW) and without waiting on a named
 * pipe (O_NONBLOCK), and checks what was opened before any byte is read: a regular file, within MAX_LOG_BYTES, and,
 * given `identity`, the very file the listing saw. So a log swapped for a link, a pipe or another file between the
 * listing and the read is reported, never read.
 */
function openLog(path: string, identity?: FileIdentity): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOOP") {
      const message = "file was replaced by a symbolic link after the folder was listed; not read";
      throw new FileProblem("changed_file", message);
    }
    throw fileProblemOf(e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new FileProblem(
        "special_file",
        `${stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a named pipe" : "a device or socket"}, not a ` +
          `regular file; not read`,
      );
    if (identity !== undefined && (stat.dev !== identity.dev || stat.ino !== identity.ino)) {
      throw new FileProblem("changed_file", "file was replaced by another after the folder was listed; not read");
    }
    if (stat.size > MAX_LOG_BYTES) {
      const limit = MAX_LOG_BYTES / 1048576;
      const message = `file is ${stat.size} bytes, over the ${limit} MiB limit for a log; skipped`;
      throw new FileProblem("file_too_large", message);
    }
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * The first `chars` characters of a log as Latin-1 (the printed script before its rule, ParsedLog.scriptChars), read
 * through the parse's checks (openLog); at most what the file holds.
 */
export function readLogHead(path: string, chars: number, identity?: FileIdentity): string {
  const fd = openLog(path, identity);
  try {
    const head = Buffer.allocUnsafe(Math.min(chars, MAX_LOG_BYTES));
    let have = 0;
    while (have < head.length) {
      const k = readSync(fd, head, have, head.length - have, null);
      if (k === 0) break;
      have += k;
    }
    return head.toString("latin1", 0, have);
  } finally {
    closeSync(fd);
  }
}

/** Bytes at the end of a log that tailKey hashes. */
const TAIL_BYTES = 4096;

/**
 * A cheap fingerprint for the duplicate check: the file's size and the SHA-256 of its last TAIL_BYTES bytes, read
 * through the parse's checks (openLog); null when the file cannot be read. Byte-identical files share it; only files
 * that share it need their whole SHA-256 (hashLog) compared. Runs of one script have the same size more often than not
 * (fixed-width lines) and the same head (the printed script), but differ in their last lines (losses, times).
 */
export function tailKey(path: string, identity?: FileIdentity): string | null {
  return readOpenLog(path, identity, tailKeyOf);
}

/** tailKey of a log opened through openLog (the parse takes it through loadRun's `onOpen`, in the same open). */
export function tailKeyOf(fd: number): string {
  const size = fstatSync(fd).size;
  const want = Math.min(size, TAIL_BYTES);
  const k = readSync(fd, buffer, 0, want, size - want);
  return `${size}:${createHash("sha256").update(buffer.subarray(0, k)).digest("hex")}`;
}

/**
 * SHA-256 of a log, read in chunks through the same checks as the parse (openLog: no link, regular, within
 * MAX_LOG_BYTES, the listed file): null when the file cannot be read (the parse then reports why). The duplicate check
 * (logIntegrity.ts) used to read every file whole before any size check (issue 21: a 1.9 GB sparse file, 2.0 GB).
 */
export function hashLog(path: string, identity?: FileIdentity): string | null {
  return readOpenLog(path, identity, (fd) => {
    const hash = createHash("sha256");
    let total = 0;
    for (;;) {
      const k = readSync(fd, buffer, 0, buffer.length, null);
      if (k === 0) break;
      total += k;
      if (total > MAX_LOG_BYTES) return null;
      hash.update(buffer.subarray(0, k));
    }
    return hash.digest("hex");
  });
}

/** `read` of the log opened through openLog, then closed; null when it cannot be opened or read. */
function readOpenLog<T>(path: string, identity: FileIdentity | undefined, read: (fd: number) => T | null): T | null {
  let fd: number;
  try {
    fd = openLog(path, identity);
  } catch {
    return null;
  }
  try {
    return read(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

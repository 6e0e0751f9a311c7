// The file-system edge for one log: read it and hand the text to the pure parser.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { createLogParser, type ParsedLog } from "./parseLog";

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
    onPiece(buffer.toString("latin1", start, end));
    start = end;
  }
}

/** The end of the line holding byte `from` (after its line break), or the end of the file. */
function nextLineEnd(from: number, bytes: number): number {
  const nl = buffer.indexOf(10, from);
  return nl < 0 || nl >= bytes ? bytes : nl + 1;
}

/** Reads the file into `buffer`; returns its length in bytes. */
function readWhole(path: string): number {
  const fd = openSync(path, "r");
  try {
    let size = fstatSync(fd).size;
    if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
    let n = 0;
    for (;;) {
      if (n === buffer.length) {
        // The file grew since fstat: keep reading.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, n);
        buffer = bigger;
      }
      const k = readSync(fd, buffer, n, buffer.length - n, null);
      if (k === 0) break;
      n += k;
    }
    size = n;
    return size;
  } finally {
    closeSync(fd);
  }
}

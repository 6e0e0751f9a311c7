// The file-system edge for one log: read it and hand the text to the pure parser.
import { readFileSync } from "node:fs";
import { parseLog, type ParsedLog } from "./parseLog";

/**
 * Reads a log as Latin-1. Every token the parser reads (step lines, llm.c lines, script constants, nvidia-smi rows) is
 * ASCII, and Latin-1 maps each byte to one character: no UTF-8 validation, and one-byte strings at half the memory of
 * the two-byte strings that the non-ASCII characters in 591 of the 860 printed scripts (`²`, `→` in comments) would
 * force. Line numbers are unaffected (newlines are single bytes either way).
 */
export function readLogText(path: string): string {
  return readFileSync(path, "latin1");
}

/** Reads and parses one log; `displayPath` is how warnings name it (relative to the checkout). */
export function loadRun(path: string, displayPath: string = path): ParsedLog {
  return parseLog(readLogText(path), displayPath);
}

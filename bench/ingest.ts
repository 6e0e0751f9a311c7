// bench/ingest: wall time of ingesting all logs of ../shared/modded-nanogpt (read + parse + token accounting + runs,
// not the CSV writing) as a ratio to a bare Node read (readFileSync utf8) of the same files, in the same process.
// Goal: ratio <= 1.5, peak memory (max RSS) < 300 MB. Usage: npm run bench:ingest [-- --rounds 7]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sharedDir } from "../src/dataset/sharedDir";
import { ingestSource, listLogs } from "../src/ingest/ingestSource";

const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg >= 0 ? Number(process.argv[roundsArg + 1]) : 7;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`invalid --rounds: ${process.argv[roundsArg + 1]} (expected a positive integer)`);

const source = join(sharedDir(), "modded-nanogpt");
const files = listLogs(join(source, "records"));

function bareRead(): number {
  let chars = 0;
  for (const f of files) chars += readFileSync(f, "utf8").length;
  return chars;
}

function ingest(): number {
  return ingestSource({ source, nanochat: null }).runs.length;
}

function timeMs(fn: () => number): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One warm-up of each (JIT, page cache), then alternate so both see the same machine state.
bareRead();
const runs = ingest();
const readMs: number[] = [];
const ingestMs: number[] = [];
for (let i = 0; i < rounds; i++) {
  readMs.push(timeMs(bareRead));
  ingestMs.push(timeMs(ingest));
}
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const maxRssBytes = process.resourceUsage().maxRSS * 1024;
const ratio = median(ingestMs) / median(readMs);
console.log(`files: ${files.length} logs, ${bareRead()} chars; runs built: ${runs}; rounds: ${rounds}`);
console.log(`bare read (reference): median ${median(readMs).toFixed(0)} ms  [${readMs.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`ingest:                median ${median(ingestMs).toFixed(0)} ms  [${ingestMs.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`ratio ingest / bare read: ${ratio.toFixed(2)}x (goal <= 1.5x)`);
console.log(`peak memory (max RSS of this process): ${mb(maxRssBytes)} MB (goal < 300 MB)`);

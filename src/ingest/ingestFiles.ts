// Runs ingestFile over many logs on the main thread plus worker threads, synchronously, with outcomes in job order.
//
// Why this shape: parsing a log costs about as much again as reading it whole as text (the full clone's 239 MB), so on
// the 2-core target machine the ingest can only approach the read time by using the second core. All threads claim
// files from one shared
// counter (Atomics.add), so a worker that is slow to start or still cold (a new thread, the TypeScript loader,
// unoptimised code: its first job runs several times slower) costs little: the main thread takes the files it does not.
// The main thread then sleeps in Atomics.wait until the workers' outcomes are posted and drains them with
// receiveMessageOnPort; the caller sees a plain synchronous function. Outcomes are stored by job index, so the result
// (and every byte written from it) does not depend on which thread parsed which file. The workers are kept between
// calls (unref'd: they never keep the process alive). A worker started within a call did not pay off: on the shared
// 2-core machine a fresh worker (thread, TypeScript loader, unoptimised code) slowed a one-off ingest from about
// 1.2-2.4 s to 2.3-4.7 s (three runs each, load average 6-7). So the first call in a process runs on the main thread
// and starts the workers as it ends; later calls (notebooks re-ingesting, the benchmark's rounds) share their files
// with them. A worker that cannot start (no TypeScript loader, no worker_threads) claims nothing; one that fails on a
// file or stalls leaves that file to the caller, which redoes it on the main thread.
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { forgetAttendedKeys } from "./flopsPerToken";
import { ingestFile, type FileJob, type FileOutcome } from "./ingestFile";
import type { WorkerJob, WorkerMessage } from "./ingestWorker";

/** Extra threads by default: one per spare core, at most 3 (parsing 860 logs gains little beyond that). */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** Below this many files per thread a worker costs more than it saves. */
const MIN_FILES_PER_THREAD = 16;

/** A worker that posts nothing for this long is given up on; its unfinished files are redone on the main thread. */
const STALL_MS = 60_000;

/**
 * `onProgress(done, total)`: called as files finish, from the main thread (its own files, and the workers' outcomes as
 * they are counted), so a progress bar moves while the files are read.
 */
export function ingestFiles(
  jobs: readonly FileJob[],
  workers: number,
  stats?: { byWorkers: number },
  onProgress?: (done: number, total: number) => void,
): (FileOutcome | null)[] {
  forgetAttendedKeys();
  const outcomes: (FileOutcome | null | undefined)[] = new Array(jobs.length).fill(undefined);
  const control = new Int32Array(new SharedArrayBuffer(8)); // [next unclaimed index, outcomes posted by workers]
  const threads = Math.min(workers, Math.floor(jobs.length / MIN_FILES_PER_THREAD) - 1);
  // Only workers that are already running take part (see the header); the first call starts them at its end.
  const started =
    threads > 0 && pool.length > 0
      ? postJob(jobs, control.buffer as SharedArrayBuffer, Math.min(threads, pool.length))
      : [];
  let claimedByMain = 0;
  for (let i = Atomics.add(control, 0, 1); i < jobs.length; i = Atomics.add(control, 0, 1)) {
    outcomes[i] = tryIngest(jobs[i]);
    claimedByMain++;
    onProgress?.(claimedByMain + Atomics.load(control, 1), jobs.length);
  }
  let missing = jobs.length - claimedByMain;
  let lastProgress = Date.now();
  while (missing > 0) {
    const posted = Atomics.load(control, 1); // read before draining: a post after this wakes the wait below at once
    for (const port of started) {
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const msg = m.message as WorkerMessage;
        outcomes[msg.index] = "outcome" in msg ? msg.outcome : null;
        missing--;
        lastProgress = Date.now();
      }
    }
    onProgress?.(jobs.length - missing, jobs.length);
    if (missing === 0 || Date.now() - lastProgress > STALL_MS) break;
    Atomics.wait(control, 1, posted, 1000);
  }
  for (const port of started) port.close();
  if (stats !== undefined) stats.byWorkers = jobs.length - claimedByMain;
  while (threads > 0 && pool.length < threads && startWorker() !== null);
  return outcomes.map((o) => (o === undefined ? null : o));
}

function tryIngest(job: FileJob): FileOutcome | null {
  try {
    return ingestFile(job);
  } catch {
    return null;
  }
}

/** Plain-JS bootstrap: registers tsx's CommonJS hooks when this code runs from .ts sources, then loads the worker. */
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
try {
  if (workerData.tsxApi !== null) require(workerData.tsxApi).register();
  require(workerData.entry);
} catch (e) {
  // Cannot load the worker (no TypeScript loader): it takes no jobs; the main thread parses every file.
}
`;

/** Workers kept between calls; one that exits is dropped and replaced at the next call. */
const pool: Worker[] = [];

/** Posts the job to `count` pooled workers; returns the ports their outcomes arrive on. */
function postJob(jobs: readonly FileJob[], control: SharedArrayBuffer, count: number): MessagePort[] {
  const ports: MessagePort[] = [];
  for (let k = 0; k < count; k++) {
    try {
      const worker = pool[k] ?? startWorker();
      if (worker === null) break;
      const { port1, port2 } = new MessageChannel();
      const job: WorkerJob = { jobs, control, port: port2 };
      worker.postMessage(job, [port2]);
      ports.push(port1);
    } catch {
      break;
    }
  }
  return ports;
}

function startWorker(): Worker | null {
  const ext = extname(__filename);
  let tsxApi: string | null = null;
  if (ext === ".ts") {
    try {
      tsxApi = require.resolve("tsx/cjs/api");
    } catch {
      return null; // sources without a loader to run them in a thread: stay on the main thread
    }
  }
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    // Not the parent's execArgv: under tsx that holds its ESM loader, which a worker would start again (slow).
    execArgv: [],
    workerData: { entry: join(__dirname, `ingestWorker${ext}`), tsxApi },
  });
  worker.on("error", () => undefined); // its files stay unclaimed or are redone on the main thread
  worker.on("exit", () => {
    const k = pool.indexOf(worker);
    if (k >= 0) pool.splice(k, 1);
  });
  worker.unref();
  pool.push(worker);
  return worker;
}

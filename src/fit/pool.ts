// A synchronous worker pool: fitModel stays a plain function (notebook cells and the analysis stage call it without
// await) yet uses both cores. The parent posts a task to each worker, does its own share, then blocks in Atomics.wait
// until each worker sets its flag, and reads the reply with receiveMessageOnPort (the technique of the synckit
// library). Workers are created once, unref'd so they never keep the process alive, and reused across fits.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { runTask, type Task, type TaskResult } from "./runTask";
import type { Problem } from "./problem";

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

const READY_TIMEOUT_MS = 60_000;
const TASK_TIMEOUT_MS = 30 * 60_000;

let pool: PoolWorker[] = [];
let poolError: string | null = null;

function waitReply(w: PoolWorker, timeoutMs: number): { ok: boolean; error?: string; result?: TaskResult } {
  const state = Atomics.wait(w.flag, 0, 0, timeoutMs);
  if (state === "timed-out") return { ok: false, error: `worker did not answer within ${timeoutMs} ms` };
  const msg = receiveMessageOnPort(w.port);
  if (msg === undefined)
    return {
      ok: false,
      error: Atomics.load(w.flag, 0) === 2 ? "worker thread exited" : "worker set its flag without a reply",
    };
  return msg.message as { ok: boolean; error?: string; result?: TaskResult };
}

function spawn(): PoolWorker {
  // A missing entry file would fail inside the new thread, where the blocked parent cannot hear it: it would wait the
  // whole READY_TIMEOUT_MS. Say it at once instead (a build/ compiled without scripts/build.sh lacks worker.js).
  const entry = join(__dirname, "worker.js");
  if (!existsSync(entry)) throw new Error(`worker entry ${entry} is missing (run npm run build)`);
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(entry, {
    workerData: { port: port2, flag },
    transferList: [port2],
    // The kernel needs no loader of the parent's: worker.js registers tsx itself.
    execArgv: [],
  });
  worker.unref();
  port1.unref();
  const w = { worker, port: port1, flag };
  const ready = waitReply(w, READY_TIMEOUT_MS);
  if (!ready.ok) {
    void worker.terminate();
    throw new Error(ready.error ?? "worker failed to start");
  }
  return w;
}

/** Ensures `count` workers exist; returns how many are usable and, if fewer, why. */
function ensureWorkers(count: number): { available: number; note: string | null } {
  if (poolError !== null) return { available: 0, note: poolError };
  try {
    while (pool.length < count) pool.push(spawn());
  } catch (error) {
    poolError = `worker threads unavailable, ran in the calling thread: ${(error as Error).message.split("\n")[0]}`;
    for (const w of pool) void w.worker.terminate();
    pool = [];
    return { available: 0, note: poolError };
  }
  return { available: count, note: null };
}

/** Stops all pooled workers (tests and benches that want a cold start). */
export function shutdownPool(): void {
  for (const w of pool) void w.worker.terminate();
  pool = [];
  poolError = null;
}

export interface ParallelRun {
  readonly results: TaskResult[];
  /** Worker threads used besides the calling thread's share. */
  readonly threads: number;
  readonly note: string | null;
}

/**
 * Runs `makeTask(indices)` for the items 0..count-1 split interleaved over `threads` threads (the calling thread
 * takes share 0), and returns the per-share results, share t holding items t, t + threads, ...
 */
export function runParallel(
  count: number,
  threads: number,
  makeTask: (indices: number[]) => Task,
  problem: Problem,
  canUseWorkers: boolean,
  noteIfNot: string | null,
): ParallelRun {
  let shares = Math.max(1, Math.min(threads, count));
  let note: string | null = null;
  if (shares > 1 && !canUseWorkers) {
    note = noteIfNot;
    shares = 1;
  }
  if (shares > 1) {
    const got = ensureWorkers(shares - 1);
    if (got.available < shares - 1) {
      note = got.note;
      shares = 1;
    }
  }
  const indices: number[][] = Array.from({ length: shares }, () => []);
  for (let i = 0; i < count; i++) indices[i % shares].push(i);
  const tasks = indices.map((ix) => makeTask(ix));
  for (let t = 1; t < shares; t++) {
    const w = pool[t - 1];
    Atomics.store(w.flag, 0, 0);
    w.port.postMessage(tasks[t]);
  }
  const results: TaskResult[] = [runTask(tasks[0], problem)];
  const errors: string[] = [];
  for (let t = 1; t < shares; t++) {
    const reply = waitReply(pool[t - 1], TASK_TIMEOUT_MS);
    if (!reply.ok || reply.result === undefined) errors.push(reply.error ?? "no result");
    else results.push(reply.result);
  }
  if (errors.length > 0) {
    // A worker that failed mid-task is dropped; redo its share here so the result is still complete.
    shutdownPool();
    note = `a worker failed (${errors[0].split("\n")[0]}); its share ran in the calling thread`;
    results.length = 1;
    for (let t = 1; t < shares; t++) results.push(runTask(tasks[t], problem));
  }
  return { results, threads: shares - 1, note };
}

/** Gathers per-share results back into item order. */
export function gather(run: ParallelRun, count: number, p: number): TaskResult {
  const shares = run.results.length;
  const out: TaskResult = {
    theta: new Float64Array(count * p),
    objective: new Float64Array(count),
    iterations: new Int32Array(count),
    status: new Int8Array(count),
  };
  for (let t = 0; t < shares; t++) {
    const r = run.results[t];
    let q = 0;
    for (let i = t; i < count; i += shares, q++) {
      out.theta.set(r.theta.subarray(q * p, (q + 1) * p), i * p);
      out.objective[i] = r.objective[q];
      out.iterations[i] = r.iterations[q];
      out.status[i] = r.status[q];
    }
  }
  return out;
}

/**
 * A list of `count` independent items split interleaved over up to `threads` threads (the calling thread takes share
 * 0): `makeTask(indices)` builds a share's task, `run` runs one in this thread; a worker runs it through worker.js (a
 * task of kind "fitBatch"). Returns one result per item, in item order; a share whose worker fails is redone here.
 */
export function runListParallel<T extends { readonly kind: string }, R>(
  count: number,
  threads: number,
  makeTask: (indices: number[]) => T,
  run: (task: T) => R[],
): R[] {
  let shares = Math.max(1, Math.min(threads, count));
  if (shares > 1 && ensureWorkers(shares - 1).available < shares - 1) shares = 1;
  const indices: number[][] = Array.from({ length: shares }, () => []);
  for (let i = 0; i < count; i++) indices[i % shares].push(i);
  const tasks = indices.map((ix) => makeTask(ix));
  for (let t = 1; t < shares; t++) {
    const w = pool[t - 1];
    Atomics.store(w.flag, 0, 0);
    w.port.postMessage(tasks[t]);
  }
  const results: R[][] = [run(tasks[0])];
  let failed = false;
  let why = "";
  for (let t = 1; t < shares; t++) {
    const reply = waitReply(pool[t - 1], TASK_TIMEOUT_MS) as { ok: boolean; error?: string; result?: unknown };
    if (!reply.ok || !Array.isArray(reply.result)) {
      failed = true;
      why ||= (reply.error ?? "no result").split("\n")[0];
    }
    results.push(reply.ok && Array.isArray(reply.result) ? (reply.result as R[]) : []);
  }
  if (failed) {
    shutdownPool();
    for (let t = 1; t < shares; t++) if (results[t].length !== indices[t].length) results[t] = run(tasks[t]);
    // The results are complete, but a core went unused: say why (a worker that cannot run the task fails every time).
    process.emitWarning(`a worker thread failed its ${tasks[0].kind} share, redone in the calling thread: ${why}`);
  }
  const out: R[] = new Array(count);
  for (let t = 0; t < shares; t++) indices[t].forEach((i, q) => (out[i] = results[t][q]));
  return out;
}

// Worker-thread side of ingestFiles: for each job posted to it, claims files from the job's shared queue until the
// queue is empty and posts each outcome on the job's port. Loaded only inside a worker started by ingestFiles.ts.
import { isMainThread, parentPort, type MessagePort } from "node:worker_threads";
import { forgetAttendedKeys } from "./flopsPerToken";
import { ingestFile, type FileJob, type FileOutcome } from "./ingestFile";

export interface WorkerJob {
  readonly jobs: readonly FileJob[];
  /** Int32 [next unclaimed job index, outcomes posted], shared with the main thread and the other workers. */
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** What a worker posts per file: the outcome, or the error (the main thread then redoes the file itself). */
export type WorkerMessage =
  { readonly index: number; readonly outcome: FileOutcome } | { readonly index: number; readonly error: string };

function runWorkerJob({ jobs, control, port }: WorkerJob): void {
  forgetAttendedKeys(); // a new ingest: nothing carried over from the last (flopsPerToken.ts)
  const ctl = new Int32Array(control);
  for (let i = Atomics.add(ctl, 0, 1); i < jobs.length; i = Atomics.add(ctl, 0, 1)) {
    let message: WorkerMessage;
    try {
      message = { index: i, outcome: ingestFile(jobs[i]) };
    } catch (e) {
      message = { index: i, error: String(e) };
    }
    port.postMessage(message);
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
  port.close();
}

if (!isMainThread && parentPort !== null) {
  parentPort.on("message", (job: WorkerJob) => runWorkerJob(job));
  parentPort.postMessage("ready");
}

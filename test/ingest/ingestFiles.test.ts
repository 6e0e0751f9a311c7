import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { moddedNanogptDir } from "../../src/dataset/sharedDir";
import { assignRoles } from "../../src/ingest/assignRoles";
import type { FileJob } from "../../src/ingest/ingestFile";
import { ingestFiles } from "../../src/ingest/ingestFiles";
import { listLogs } from "../../src/ingest/ingestSource";

describe("ingestFiles", () => {
  const source = moddedNanogptDir();
  // Every 8th log of the full clone's track 1: 139 files of every era, enough for the main thread and a worker to
  // share.
  const paths = listLogs(join(source, "records", "track_1_short"))
    .map((p) => relative(source, p).split("\\").join("/"))
    .filter((_, i) => i % 8 === 0);
  const placements = assignRoles([], paths);
  const jobs: FileJob[] = paths.map((p) => ({ path: join(source, p), sourcePath: p, placement: placements.get(p)! }));

  it("gives the same outcomes, in job order, with worker threads as on the main thread alone", () => {
    const alone = ingestFiles(jobs, 0);
    assert.equal(alone.length, jobs.length);
    assert.ok(alone.every((o) => o !== null && o.runs.length > 0));
    // The first call runs on the main thread and starts the workers; later calls share files with them (a worker
    // still starting may miss a call, so up to 6 rounds for it to take some files).
    let byWorkers = 0;
    for (let round = 0; round < 6 && byWorkers === 0; round++) {
      const stats = { byWorkers: -1 };
      const parallel = ingestFiles(jobs, 2, stats);
      assert.deepEqual(parallel, alone);
      assert.deepEqual(
        parallel.map((o) => o?.runs[0]?.sourcePath),
        paths,
      );
      byWorkers = stats.byWorkers;
    }
    assert.ok(byWorkers > 0, "no file was parsed by a worker thread");
  });

  it("hands back a vanished_file warning for a file that cannot be read, in its place, and goes on", () => {
    const missing: FileJob = { ...jobs[0], path: join(source, "records", "no-such-file.txt") };
    const withMissing = [...jobs.slice(0, 40), missing, ...jobs.slice(40)];
    const out = ingestFiles(withMissing, 1);
    assert.deepEqual(out[40], {
      parseWarnings: [
        { kind: "vanished_file", file: jobs[0].sourcePath, line: null, message: "file vanished before it was read" },
      ],
      runs: [],
      buildWarnings: [],
      tailKey: null,
      scriptChars: null,
    });
    // A file read carries the duplicate check's fingerprint: its size and the SHA-256 of its last 4 KiB.
    const bytes = readFileSync(jobs[40].path);
    const tail = createHash("sha256")
      .update(bytes.subarray(bytes.length - 4096))
      .digest("hex");
    assert.equal(out[41]?.tailKey, `${bytes.length}:${tail}`);
    assert.equal(out.filter((o) => o === null).length, 0);
    assert.equal(out[41]?.runs[0]?.sourcePath, jobs[40].sourcePath);
  });
});

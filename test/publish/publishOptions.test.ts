import { strict as assert } from "node:assert";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { publishDefaults, resolvePublishOptions } from "../../src";

describe("resolvePublishOptions", () => {
  it("defaults to the repository's notebooks, results, records and site folders", () => {
    const { log, ...defaults } = publishDefaults("/repo");
    assert.equal(typeof log, "function");
    assert.deepEqual(defaults, {
      repoRoot: "/repo",
      notebooksDir: join("/repo", "notebooks"),
      outDir: join("/repo", "site"),
      summaryPath: join("/repo", "results", "summary.json"),
      recordsPath: join("/repo", "data", "speedrun", "records.csv"),
      execute: true,
      noInput: false,
      kernelName: null,
      timeoutS: 90,
      concurrency: availableParallelism(),
      title: "Do the NanoGPT speedrun's gains persist at scale?",
    });
    assert.equal(resolvePublishOptions({ repoRoot: "/repo" }).outDir, "/repo/site");
  });

  it("rejects unknown and ill-typed options by name and value", () => {
    assert.throws(
      () => resolvePublishOptions({ outdir: "x" } as object),
      /^Error: invalid publish option: outdir \(expected one of repoRoot, /,
    );
    assert.throws(
      () => resolvePublishOptions({ concurrency: 0 }),
      /^Error: invalid concurrency: 0 \(expected an integer >= 1\)$/,
    );
    assert.throws(() => resolvePublishOptions({ timeoutS: -1 }), /^Error: invalid timeoutS: -1/);
    assert.throws(() => resolvePublishOptions({ kernelName: "ts lab" }), /^Error: invalid kernelName: "ts lab"/);
    assert.throws(
      () => resolvePublishOptions({ noInput: "yes" as unknown as boolean }),
      /^Error: invalid noInput: "yes"/,
    );
  });
});

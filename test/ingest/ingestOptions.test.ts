import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultWorkers } from "../../src/ingest/ingestFiles";
import { ingestSource } from "../../src/ingest/ingestSource";

describe("ingestSource options", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ingest-opt-"));
    mkdirSync(join(dir, "records", "track_1_short", "A"), { recursive: true });
    writeFileSync(
      join(dir, "RECORDS.md"),
      "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n1 | 1 minutes " +
        "| x | - | - | -\n",
    );
    writeFileSync(join(dir, "records", "track_1_short", "A", "e.txt"), "");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("defaults to no nanochat leaderboard and batch (non-strict) mode", () => {
    const r = ingestSource({ source: dir });
    assert.equal(r.runs.filter((x) => x.track === "nanochat").length, 0);
    assert.deepEqual(
      r.warnings.map((w) => w.kind),
      ["empty_file"],
    );
    assert.deepEqual(
      r.sources.map((s) => s.name),
      ["modded-nanogpt"],
    );
  });

  it("defaults to one worker thread per spare core, at most 3", () => {
    assert.equal(defaultWorkers(), Math.max(0, Math.min(3, availableParallelism() - 1)));
  });

  it("names a worker count that is not a non-negative integer", () => {
    assert.throws(
      () => ingestSource({ source: dir, workers: -1 }),
      /^Error: invalid workers: -1 \(expected a non-negative integer\)$/,
    );
    assert.throws(
      () => ingestSource({ source: dir, workers: 1.5 }),
      /^Error: invalid workers: 1.5 \(expected a non-negative integer\)$/,
    );
  });

  it("names a source that is not a directory", () => {
    assert.throws(
      () => ingestSource({ source: join(dir, "missing") }),
      /^Error: invalid source: .*missing is not a directory$/,
    );
  });

  it("names an empty source argument", () => {
    assert.throws(
      () => ingestSource({ source: "" }),
      /^Error: invalid source: {2}\(expected a modded-nanogpt checkout directory\)$/,
    );
  });

  it("says when no record table is found", () => {
    const empty = mkdtempSync(join(tmpdir(), "ingest-none-"));
    try {
      assert.throws(() => ingestSource({ source: empty }), /no README\.md or RECORDS\.md with a record table in /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

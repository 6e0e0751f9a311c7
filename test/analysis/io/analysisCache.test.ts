import assert from "node:assert/strict";
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analysisDefaults, resolveAnalysisOptions } from "../../../src/analysis/analysisOptions";
import type { AnalysisResults } from "../../../src/analysis/runAnalysis";
import { resultFiles } from "../../../src/results/resultFiles";
import {
  analysisCacheKey,
  codeHash,
  hashSourceTree,
  readCachedResults,
  readDataFiles,
  writeCachedResults,
} from "../../../src/analysis/io/analysisCache";
import { analyzeData } from "../../../src/analysis/io/analyzeData";
import { fixtureDir } from "../fixture";
import { memoryStageStore, stageKey, type StageStore } from "../../../src/analysis/stages";
import { runAnalysis } from "../../../src/analysis/runAnalysis";
import { loadAnalysisInput } from "../../../src/analysis/io/analysisIo";
import { tempDir } from "../../helpers/tempDir";

function freshData(): { dataDir: string; cache: string } {
  const root = tempDir("analysis-cache-");
  const dataDir = join(root, "data");
  cpSync(fixtureDir, dataDir, { recursive: true });
  return { dataDir, cache: join(root, "cache") };
}

describe("analysis cache", () => {
  it("reuses results for the same data and options, and gives the same results and bytes as computing them", () => {
    const { dataDir, cache } = freshData();
    const first = analyzeData({ dataDir, cache });
    assert.equal(first.cache.hit, false);
    assert.ok(first.cache.path !== null && existsSync(first.cache.path));
    const second = analyzeData({ dataDir, cache });
    assert.equal(second.cache.hit, true);
    assert.equal(second.cache.key, first.cache.key);
    assert.deepStrictEqual(second.results, first.results);
    assert.deepStrictEqual(second.summary, first.summary);
    assert.deepStrictEqual(second.input, first.input, "input is parsed on demand after a hit");
    const a = resultFiles(first.results);
    const b = resultFiles(second.results);
    for (const name of Object.keys(a)) assert.equal(b[name], a[name], name);
    const uncached = analyzeData({ dataDir, cache: false });
    assert.equal(uncached.cache.hit, false);
    assert.deepStrictEqual(uncached.results, first.results);
  });

  it("recomputes when an option changes, and reuses again when it changes back", () => {
    const { dataDir, cache } = freshData();
    const base = analyzeData({ dataDir, cache });
    const changed = analyzeData({ dataDir, cache, targets: { track1: 3.4 } });
    assert.equal(changed.cache.hit, false);
    assert.notEqual(changed.cache.key, base.cache.key);
    assert.notEqual(changed.results.headlines[0].tokenRatio, base.results.headlines[0].tokenRatio);
    assert.equal(analyzeData({ dataDir, cache, curveFit: { fromFraction: 0.2 } }).cache.hit, false);
    const back = analyzeData({ dataDir, cache, targets: { track1: 3.28 } });
    assert.equal(back.cache.hit, true, "the default written out in full is the same options object");
    assert.deepStrictEqual(back.results, base.results);
  });

  it("a changed target reruns only the stages that read it (no curve refitted) and gives a full run's bytes", () => {
    const { dataDir, cache } = freshData();
    const root = join(dataDir, "..");
    // Categories beside the data, so the per-track attribution stage runs too.
    const input = analyzeData({ dataDir, cache: false }).input;
    const rows = input.records
      .filter((r) => (r.track === "track1" || r.track === "track2") && r.rowIndex > 0)
      .map((r) => `${r.track},${r.record},${r.rowIndex},${r.rowIndex % 2 ? "optimizer" : "systems"},fixture`);
    writeFileSync(
      join(root, "record_categories.csv"),
      ["track,record,record_row,category,reason", ...rows, ""].join("\n"),
    );
    const stagesDir = join(cache, "stages");
    const count = () => (existsSync(stagesDir) ? readdirSync(stagesDir).length : 0);
    // A store that counts what the stages compute (everything not found is computed, then set).
    const computed: string[] = [];
    const counting = (inner: StageStore): StageStore => ({
      get: (k) => inner.get(k),
      set: (k, v) => (computed.push(k), inner.set(k, v)),
    });
    const memory = counting(memoryStageStore());
    const full = runAnalysis(loadAnalysisInput(dataDir), { stages: memory });
    const fits = full.runsToTarget.filter((r) => r.curve !== null).length;
    assert.ok(fits > 0, "the fixture fits curves");
    const firstRun = computed.length;
    assert.ok(firstRun >= fits + 4, `curve fits, three attribution runs and the scale model are stages (${firstRun})`);
    computed.length = 0;
    const moved = runAnalysis(loadAnalysisInput(dataDir), { stages: memory, targets: { track1: 3.4 } });
    const refits = moved.runsToTarget.filter((r) => r.curve !== null).length - fits;
    assert.ok(
      computed.length <= Math.max(0, refits) + 3,
      `only track 1's attribution, the scale model and new curves recomputed (${computed.length})`,
    );
    computed.length = 0;
    runAnalysis(loadAnalysisInput(dataDir), { stages: memory, targets: { track2: 3.05 } });
    // Track 2's attribution and the scale model (its two-pair input reads track 2) at most: track 1's two attribution
    // stages and the curves are reused.
    assert.ok(
      computed.length <= 2 + Math.max(0, refits),
      `a track-2 target reuses track 1's attribution (${computed.length})`,
    );
    // Through analyzeData, with the stages kept on disk beside the cache: same bytes as a run with no stored stages.
    analyzeData({ dataDir, cache });
    const stored = count();
    assert.ok(stored >= fits, `stage entries on disk (${stored})`);
    const reused = analyzeData({ dataDir, cache, targets: { track1: 3.4 } });
    assert.equal(reused.cache.hit, false);
    assert.ok(count() - stored <= 3 + Math.max(0, refits), "few new stage entries");
    const fresh = analyzeData({ dataDir, cache: false, targets: { track1: 3.4 } });
    const a = resultFiles(reused.results);
    const b = resultFiles(fresh.results);
    assert.deepEqual(Object.keys(a), Object.keys(b));
    for (const name of Object.keys(b)) assert.equal(a[name], b[name], name);
    assert.deepStrictEqual(reused.results, fresh.results);
  });

  it("keys stages by every input value: NaN, -0, undefined and typed arrays count", () => {
    const k = (v: unknown) => stageKey("s", v);
    assert.notEqual(k({ a: NaN }), k({ a: null }));
    assert.notEqual(k({ a: -0 }), k({ a: 0 }));
    assert.notEqual(k({ a: undefined }), k({}));
    assert.notEqual(k([1, 2]), k([12]));
    assert.notEqual(k(["1", 2]), k([1, 2]));
    assert.notEqual(k(new Float64Array([1])), k(new Float64Array([2])));
    assert.equal(k({ b: 1, a: [0.1, "x"] }), k({ a: [0.1, "x"], b: 1 }), "key order does not count");
    assert.notEqual(stageKey("s", 1), stageKey("t", 1));
  });

  it("recomputes when a data file changes or a file is added to the data folder", () => {
    const { dataDir, cache } = freshData();
    const base = analyzeData({ dataDir, cache });
    const evals = join(dataDir, "evals.csv");
    const text = readFileSync(evals, "utf8");
    // Change one loss value of the track-1 baseline's curve: the crossing, and so the headline ratio, move.
    const lines = text.split("\n");
    const i = lines.findIndex((l) => l.startsWith("t1-base,"));
    const cells = lines[i].split(",");
    const header = lines[0].split(",");
    const col = header.indexOf("val_loss");
    cells[col] = String(Number(cells[col]) - 0.5);
    lines[i] = cells.join(",");
    writeFileSync(evals, lines.join("\n"));
    const changed = analyzeData({ dataDir, cache });
    assert.equal(changed.cache.hit, false);
    assert.notDeepEqual(changed.results.runsToTarget, base.results.runsToTarget);
    assert.equal(analyzeData({ dataDir, cache }).cache.hit, true);
    appendFileSync(join(dataDir, "new_input.csv"), "a\n1\n");
    assert.equal(analyzeData({ dataDir, cache }).cache.hit, false);
  });

  it(
    "recomputes when an input beside the data folder changes (the record categories in its parent, as data/ " +
      "holds them)",
    () => {
      const { dataDir, cache } = freshData();
      const root = join(dataDir, "..");
      const base = analyzeData({ dataDir, cache });
      assert.equal(base.input.categories, undefined);
      const records = base.input.records.filter(
        (r) => (r.track === "track1" || r.track === "track2") && r.rowIndex > 0,
      );
      const rows = records.map((r) => `${r.track},${r.record},${r.rowIndex},optimizer,fixture`);
      writeFileSync(
        join(root, "record_categories.csv"),
        ["track,record,record_row,category,reason", ...rows, ""].join("\n"),
      );
      assert.deepEqual(readDataFiles(dataDir).has("../record_categories.csv"), true);
      const withCategories = analyzeData({ dataDir, cache });
      assert.equal(withCategories.cache.hit, false, "a new category file is a new key");
      assert.equal(withCategories.input.categories?.length, records.length);
      assert.equal(analyzeData({ dataDir, cache }).cache.hit, true);
      writeFileSync(
        join(root, "record_categories.csv"),
        ["track,record,record_row,category,reason", ...rows.map((r) => r.replace(",optimizer,", ",systems,")), ""].join(
          "\n",
        ),
      );
      const edited = analyzeData({ dataDir, cache });
      assert.equal(edited.cache.hit, false, "an edited category file recomputes");
      assert.deepEqual(
        [...new Set(edited.results.attribution.map((a) => a.category))].filter((c) => c !== "total"),
        ["systems"],
      );
    },
  );

  it("keys on the code: another code hash is another entry", () => {
    const { dataDir } = freshData();
    const files = readDataFiles(dataDir);
    const o = resolveAnalysisOptions({});
    assert.equal(analysisCacheKey(dataDir, files, o, "code-a"), analysisCacheKey(dataDir, files, o, "code-a"));
    assert.notEqual(analysisCacheKey(dataDir, files, o, "code-a"), analysisCacheKey(dataDir, files, o, "code-b"));
    assert.match(codeHash(), /^[0-9a-f]{64}$/);
    // build/SOURCE_HASH (written by scripts/build.sh) is the hash of the src/ tree it was compiled from, so src/ and
    // build/ share entries.
    const src = join(__dirname, "..", "..", "..", "src");
    assert.match(hashSourceTree(src), /^[0-9a-f]{64}$/);
    assert.equal(
      readFileSync(join(__dirname, "..", "..", "..", "build", "SOURCE_HASH"), "utf8").trim(),
      hashSourceTree(src),
      "build/ is current (npm run build)",
    );
    assert.notEqual(
      analysisCacheKey(dataDir, files, o),
      analysisCacheKey(join(dataDir, ".."), files, o),
      "row sources name the folder",
    );
    assert.equal(analysisDefaults.targets.track1, 3.28);
  });

  it("stores NaN, Infinity, -0 and undefined exactly, and recomputes over a damaged entry", () => {
    const dir = tempDir("analysis-cache-");
    const odd = {
      a: NaN,
      b: -Infinity,
      c: -0,
      d: undefined,
      e: [Infinity, null, 1.5],
      f: { g: "x" },
    } as unknown as AnalysisResults;
    const path = writeCachedResults(dir, "f".repeat(64), { results: odd, summaryJson: "{}\n" });
    const entry = readCachedResults(dir, "f".repeat(64))!;
    assert.equal(entry.summaryJson, "{}\n");
    const back = entry.results as unknown as Record<string, unknown>;
    assert.deepStrictEqual(back, odd as unknown);
    assert.ok("d" in back && Object.is(back.c, -0));
    writeFileSync(path, "{ truncated");
    assert.equal(readCachedResults(dir, "f".repeat(64)), null);
    assert.deepEqual(readdirSync(dir), ["f".repeat(64) + ".json"], "no temp file left behind");
  });
});

// results/summary.json has one description: the Summary type and, beside it, the field reference that checks a summary
// read from a file and writes results/summary_reference.md.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../src/dataset/sharedDir";
import { measuredRatio, shownValue, type Summary } from "../../src/results/summary";
import {
  fieldDoc,
  parseSummary,
  SUMMARY_REFERENCE,
  summaryProblems,
  summaryReferenceMarkdown,
} from "../../src/results/summaryReference";
import { committedSummary } from "../helpers/summary";

const committedText = readFileSync(join(REPO_ROOT, "results", "summary.json"), "utf8");

describe("results/summary.json and its reference", () => {
  it("the committed summary has every described field and no field the reference does not describe", () => {
    assert.deepEqual(summaryProblems(JSON.parse(committedText)), []);
  });

  it("describes every field with a unit or a meaning, and every bounded field with its interval kind", () => {
    for (const f of SUMMARY_REFERENCE) {
      assert.ok(f.meaning.trim() !== "", `${f.path}: no meaning`);
      if (f.type === "bounded" || f.type === "bounded_date") assert.ok(f.interval, `${f.path}: no interval kind`);
    }
    const paths = SUMMARY_REFERENCE.map((f) => f.path);
    assert.equal(new Set(paths).size, paths.length, "each field described once");
    // Every top-level key of the summary is described (16 of 35 were described nowhere before the reference).
    for (const key of Object.keys(committedSummary())) assert.ok(fieldDoc(key), key);
  });

  it("ships the reference beside the summary, a table row per field", () => {
    const md = summaryReferenceMarkdown();
    assert.equal(readFileSync(join(REPO_ROOT, "results", "summary_reference.md"), "utf8"), md);
    assert.match(
      md,
      /^\| `halving_time_months\.track1\.months` \| bounded \| months \| [^|]+ \| newey_west \(the record/m,
    );
    assert.match(md, /^\| `track1` \| object \|/m);
    for (const line of md.split("\n").filter((l) => l.startsWith("| `")))
      assert.equal(line.split(/(?<!\\)\|/).length, 7, line);
  });

  it("names the file, the path and the value that do not fit, and refuses a summary of another version", () => {
    const s = JSON.parse(committedText);
    s.track1.flops_ratio = 26.8;
    delete s.track2.latest_date;
    s.halving_time_months.ho_et_al = { estimate: 8 };
    s.extrapolation[3].multiplier.kind = "guess";
    assert.throws(
      () => parseSummary(JSON.stringify(s), "results/summary.json"),
      (e: Error) => {
        const m = e.message;
        assert.match(m, /^results\/summary\.json: not a summary this version writes \(4 problems; run npm start/);
        assert.match(m, /track1\.flops_ratio: expected bounded, found 26\.8/);
        assert.match(m, /track2\.latest_date: missing/);
        assert.match(m, /halving_time_months\.ho_et_al: not a field of the summary \(value \{"estimate":8\}\)/);
        assert.match(m, /extrapolation\[3\]\.multiplier: expected bounded, found \{"estimate"/);
        return true;
      },
    );
    assert.throws(() => parseSummary("{", "s.json"), /^Error: s\.json: not valid JSON/);
  });

  it("carries a bound as a bound: no point estimate, only its side", () => {
    assert.deepEqual(measuredRatio(26.8, "upper"), { estimate: null, lower: null, upper: 26.8, kind: "upper_bound" });
    assert.deepEqual(measuredRatio(18.8, "lower"), { estimate: null, lower: 18.8, upper: null, kind: "lower_bound" });
    assert.deepEqual(measuredRatio(3, "unbounded"), {
      estimate: null,
      lower: null,
      upper: null,
      kind: "not_identified",
    });
    assert.equal(shownValue(measuredRatio(26.8, "upper")), 26.8);
    assert.equal(shownValue(measuredRatio(3, "unbounded")), null);
    const s: Summary = committedSummary();
    // Each number once: track 1's halving time is in one place, its OLS interval beside it without the estimate.
    const h = s.halving_time_months.track1;
    assert.ok(
      h && h.months.kind === "newey_west" && h.ols_interval?.kind === "ols" && h.ols_interval.estimate === null,
    );
    assert.equal(committedText.split(`${h.months.estimate}`).length - 1, 1, "track 1's halving time appears once");
  });
});

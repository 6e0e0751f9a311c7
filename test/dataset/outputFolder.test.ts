// Items 1 and 4 of issue 12: a command writes only into an absent or empty folder, or one holding its own marker; the
// swap of the new folder is recovered after a kill between its two renames.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../../src/dataset/loadDataset";
import {
  checkOutputFolder,
  MARKER_FILE,
  markerText,
  recoverOutputFolder,
  replaceOutputFolder,
} from "../../src/dataset/outputFolder";
import { hashTree, REPO, runCli, TSX_NODE_ARGS } from "../helpers/cli";

/** A small modded-nanogpt checkout: one record with one log. */
function makeSource(root: string): string {
  const src = join(root, "src");
  mkdirSync(join(src, "records", "track_1_short", "A"), { recursive: true });
  writeFileSync(
    join(src, "README.md"),
    "| # | Record time | Description | Date | Log | Contributors |\n| - | - | - | - | - | - |\n1 | 10 minutes | " +
      "good | 05/28/24 | [log](records/track_1_short/A/good.txt) | @a\n",
  );
  writeFileSync(
    join(src, "records", "track_1_short", "A", "good.txt"),
    "    batch_size = 8*64*1024 # batch size in tokens\nstep:0/10 val_loss:10.9 train_time:0ms " +
      "step_avg:nanms\nstep:10/10 val_loss:3.1 train_time:5ms step_avg:1ms\n",
  );
  return src;
}

/** A folder that looks like a user's checkout: files, a .git folder, no marker. */
function makeCheckout(root: string): string {
  const dir = join(root, "checkout");
  mkdirSync(join(dir, ".git"), { recursive: true });
  writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/main\n");
  writeFileSync(join(dir, "notes.md"), "my notes\n");
  return dir;
}

describe("output folders", function () {
  this.timeout(300_000);
  let root = "";
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "outdir-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it(
    "npm run ingest -- --out . refuses a checkout, exit 1, naming the folder and what it holds, and changes " +
      "nothing",
    () => {
      const src = makeSource(root);
      const checkout = makeCheckout(root);
      const before = hashTree(root);
      const r = runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", "."], { cwd: checkout });
      assert.equal(r.status, 1);
      assert.equal(
        r.stderr,
        `ingest failed: refusing to write the dataset into ${checkout}: the folder is not empty (.git, notes.md) ` +
          `and has no .speedrun-output marker from npm run ingest; give an absent or empty folder\n`,
      );
      assert.equal(hashTree(root), before);
    },
  );

  it("ingest writes into an absent folder, then replaces its own dataset, leaving no temp folder", () => {
    const src = makeSource(root);
    const out = join(root, "ds");
    for (let i = 0; i < 2; i++) {
      const r = runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out]);
      assert.equal(r.status, 0, r.stderr);
    }
    assert.deepEqual(readdirSync(out).sort(), [
      MARKER_FILE,
      "data_issues.csv",
      "evals.csv",
      "provenance.csv",
      "records.csv",
      "runs.csv",
      "sources.csv",
      "train_losses.csv",
    ]);
    // The marker, written last, lists each file with its SHA-256 (readers check one version against it).
    const marker = readFileSync(join(out, MARKER_FILE), "utf8");
    assert.ok(marker.startsWith(markerText("dataset")));
    const listed = marker.slice(markerText("dataset").length).trimEnd().split("\n");
    assert.deepEqual(
      listed.map((l) => l.split(" ")[2]),
      ["data_issues.csv", "evals.csv", "provenance.csv", "records.csv", "runs.csv", "sources.csv", "train_losses.csv"],
    );
    for (const line of listed) {
      const [, hash, name] = line.split(" ");
      assert.equal(
        hash,
        createHash("sha256")
          .update(readFileSync(join(out, name)))
          .digest("hex"),
      );
    }
    assert.deepEqual(readdirSync(root).sort(), ["ds", "src"]);
  });

  it("ingest refuses a results folder as --out (another command's marker)", () => {
    const src = makeSource(root);
    const out = join(root, "results");
    mkdirSync(out);
    writeFileSync(join(out, MARKER_FILE), markerText("results"));
    writeFileSync(join(out, "summary.json"), "{}\n");
    const before = hashTree(root);
    const r = runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `ingest failed: refusing to write the dataset into ${out}: it holds a results written by npm start ` +
        `(src/cli/main.ts), not a dataset (give another folder)\n`,
    );
    assert.equal(hashTree(root), before);
  });

  it("src/cli/main.ts --out refuses a folder that is not a results folder before running the analysis, exit 1", () => {
    const checkout = makeCheckout(root);
    const before = hashTree(root);
    const r = runCli("src/cli/main.ts", ["--data", join(REPO, "data", "speedrun"), "--out", checkout]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `error: refusing to write the results into ${checkout}: the folder is not empty (.git, notes.md) and has ` +
        `no .speedrun-output marker from npm start (src/cli/main.ts); give an absent or empty folder\n`,
    );
    assert.equal(r.stdout, ""); // refused before reading the dataset
    assert.equal(hashTree(root), before);
  });

  it("refuses a file and a symbolic link as the output folder", () => {
    writeFileSync(join(root, "f"), "x");
    assert.throws(() => checkOutputFolder(join(root, "f"), "dataset"), {
      message: `refusing to write the dataset into ${join(root, "f")}: it is a file, not a folder`,
    });
    symlinkSync(tmpdir(), join(root, "link"));
    assert.throws(() => checkOutputFolder(join(root, "link"), "site"), {
      message: `refusing to write the site into ${join(root, "link")}: it is a symbolic link (give the folder itself)`,
    });
  });

  it(
    "a run killed between the two renames leaves a dataset the next run (or a reader) puts back, and stale " +
      "temp folders are removed",
    () => {
      const src = makeSource(root);
      const out = join(root, "ds");
      assert.equal(runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out]).status, 0);
      const good = readFileSync(join(out, "runs.csv"), "utf8");
      // A stale temp folder of a run killed earlier (pid 999999 is not running).
      mkdirSync(join(root, ".ds.tmp-999999"));
      writeFileSync(join(root, ".ds.tmp-999999", "runs.csv"), "half-written\n");
      const killed = runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out], {
        env: { SPEEDRUN_KILL_AT: "swap" },
      });
      assert.equal(killed.signal, "SIGKILL");
      // The most delicate instant: the old dataset is renamed away, the new one not yet in place.
      assert.equal(existsSync(out), false);
      const left = readdirSync(root).sort();
      // .ds.old-PID, .ds.tmp-PID and src: the killed run itself removed the older run's .ds.tmp-999999 when it started.
      assert.equal(left.length, 3, left.join(", "));
      // The next run puts the old dataset back, removes what the killed runs left, says so, and writes normally.
      const next = runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out]);
      assert.equal(next.status, 0, next.stderr);
      const lines = next.stdout.split("\n").filter((l) => /^ingest: (recovered|removed)/.test(l));
      assert.equal(lines.length, 2, next.stdout);
      assert.match(
        lines[0],
        new RegExp(
          `^ingest: recovered ${out} from ${root}/\\.ds\\.old-\\d+ \\(a run, pid \\d+, was killed while swapping ` +
            `it in\\)$`,
        ),
      );
      assert.ok(
        lines.slice(1).every((l) => /^ingest: removed .*\/\.ds\.tmp-\d+ left by a killed run \(pid \d+\)$/.test(l)),
        lines.join("\n"),
      );
      assert.deepEqual(readdirSync(root).sort(), ["ds", "src"]);
      assert.equal(readFileSync(join(out, "runs.csv"), "utf8"), good);
      // Killed again at the same point: a reader (loadDataset, as a notebook calls it) recovers the dataset and reads
      // it.
      const again = runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out], {
        env: { SPEEDRUN_KILL_AT: "swap" },
      });
      assert.equal(again.signal, "SIGKILL");
      assert.equal(existsSync(out), false);
      assert.equal(loadDataset(out).runs.length, 1);
      assert.equal(readFileSync(join(out, "runs.csv"), "utf8"), good);
    },
  );

  it(
    "recovers the previous folder when the kill came on a first run with no old folder (the complete temp " + "folder)",
    () => {
      const tmp = join(root, ".r.tmp-999999");
      mkdirSync(tmp);
      writeFileSync(join(tmp, "summary.json"), "{}\n");
      writeFileSync(join(tmp, MARKER_FILE), markerText("results"));
      assert.deepEqual(recoverOutputFolder(join(root, "r"), "results"), [
        `recovered ${join(root, "r")} from ${tmp} (a run, pid 999999, was killed while swapping it in)`,
      ]);
      assert.deepEqual(readdirSync(join(root, "r")).sort(), [MARKER_FILE, "summary.json"]);
    },
  );

  it("a write that fails leaves the previous folder and no temp folder", () => {
    const out = join(root, "r");
    replaceOutputFolder(out, "results", (tmp) => writeFileSync(join(tmp, "a.csv"), "1\n"));
    assert.throws(
      () =>
        replaceOutputFolder(out, "results", () => {
          throw new Error("disk full");
        }),
      /disk full/,
    );
    assert.equal(readFileSync(join(out, "a.csv"), "utf8"), "1\n");
    assert.deepEqual(readdirSync(root), ["r"]);
  });

  it("two ingests into the same folder at once leave one readable dataset and no temp folder", async () => {
    const src = makeSource(root);
    const out = join(root, "ds");
    assert.equal(runCli("src/cli/ingest.ts", ["--source", src, "--no-nanochat", "--out", out]).status, 0);
    const good = readFileSync(join(out, "runs.csv"), "utf8");
    const run = () =>
      new Promise<number | null>((done) => {
        const child = spawn(
          process.execPath,
          [...TSX_NODE_ARGS, join(REPO, "src/cli/ingest.ts"), "--source", src, "--no-nanochat", "--out", out],
          { stdio: "ignore" },
        );
        child.on("exit", (code) => done(code));
      });
    const codes = await Promise.all([run(), run(), run()]);
    assert.ok(codes.includes(0), `exit codes ${codes.join(", ")}`);
    assert.ok(
      codes.every((c) => c === 0 || c === 1),
      `exit codes ${codes.join(", ")}`,
    );
    assert.equal(readFileSync(join(out, "runs.csv"), "utf8"), good);
    assert.deepEqual(readdirSync(root).sort(), ["ds", "src"]);
  });

  it("the committed data/speedrun and results/ carry their markers, so the default commands may replace them", () => {
    assert.ok(readFileSync(join(REPO, "data", "speedrun", MARKER_FILE), "utf8").startsWith(markerText("dataset")));
    assert.ok(readFileSync(join(REPO, "results", MARKER_FILE), "utf8").startsWith(markerText("results")));
    checkOutputFolder(join(REPO, "data", "speedrun"), "dataset");
    checkOutputFolder(join(REPO, "results"), "results");
  });
});

describe("output folders: write permission checked before the work (issue 21)", function () {
  this.timeout(60_000);
  it(
    "refuses an --out on a read-only file system before reading any input (EROFS was reported after all the " + "work)",
    function () {
      const root = mkdtempSync(join(tmpdir(), "erofs-"));
      const ro = join(root, "ro");
      mkdirSync(ro);
      // A read-only tmpfs needs the right to mount (root with CAP_SYS_ADMIN); without it there is no EROFS to test.
      const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro], { encoding: "utf8" });
      if (mounted.status !== 0) {
        rmSync(root, { recursive: true, force: true });
        this.test!.title +=
          ` [skipped: cannot mount a read-only tmpfs ` +
          `here (${(mounted.stderr || String(mounted.error)).trim().split("\n")[0]})]`;
        this.skip();
      }
      try {
        assert.throws(() => checkOutputFolder(join(ro, "ds"), "dataset"), {
          message:
            `cannot write the dataset into ${join(ro, "ds")}: ${ro} is not writable (EROFS: it is on a ` +
            `read-only file system)`,
        });
        // The ingest stops before reading a log (it prints no progress and no summary).
        const r = runCli("src/cli/ingest.ts", ["--no-nanochat", "--out", join(ro, "ds")]);
        assert.equal(r.status, 1);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /is not writable \(EROFS: it is on a read-only file system\)/);
      } finally {
        spawnSync("umount", [ro]);
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
});

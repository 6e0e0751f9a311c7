import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run } from "../../src/cli/fit";
import { logspace, synthetic } from "../fit/helpers";
import { runInProcess, TSX_NODE_ARGS } from "../helpers/cli";

const repoRoot = resolve(__dirname, "..", "..");

/** Runs the CLI in-process, capturing stdout and stderr (without their last newline). */
function cli(args: string[]): { code: number; out: string; err: string } {
  const r = runInProcess(run, args);
  return { code: r.status, out: r.stdout.replace(/\n$/, ""), err: r.stderr.replace(/\n$/, "") };
}

describe("npm run fit (src/cli/fit.ts)", () => {
  let dir = "";
  let csv = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "fit-cli-"));
    csv = join(dir, "curve.csv");
    const x = logspace(15, 20, 25);
    const y = synthetic(
      "power",
      [2.5, 3000, 0.2],
      x.map((v) => [v]),
      0.003,
      9,
    );
    writeFileSync(csv, "flops,val loss,note\n" + x.map((v, i) => `${v},${y[i]},"run ${i}, ok"`).join("\n") + "\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("fits, prints a table with parameters, SE, CI, objective and status, and writes the JSON result", () => {
    const out = join(dir, "result.json");
    const r = cli([
      "--data",
      csv,
      "--model",
      "power",
      "--x",
      "flops",
      "--y",
      "val loss",
      "--bootstrap",
      "100",
      "--seed",
      "1",
      "--out",
      out,
      "--workers",
      "1",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^param +estimate +SE +SE \(sandwich\) +95% CI \(bootstrap\)$/m);
    assert.match(r.out, /^alpha +0\.\d+ +\S+ +\S+ +\[\S+, \S+\]$/m);
    assert.match(r.out, /^objective .* status converged/m);
    const json = JSON.parse(readFileSync(out, "utf8"));
    for (const key of ["model", "params", "se", "ci", "objective", "status", "starts", "seconds"])
      assert.ok(key in json, key);
    assert.equal(json.model, "power");
    assert.equal(json.bootstrap.samples, null, "samples only with --samples");
    assert.ok(Math.abs(json.params.alpha - 0.2) < 0.02);
    assert.ok(!existsSync(`${out}.tmp-${process.pid}`));
  });

  it("exits 2 listing the available columns when a column is misspelled", () => {
    const r = cli(["--data", csv, "--model", "power", "--x", "flop", "--y", "val loss"]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `fit: ${csv}: column "flop" not found (available: flops, val loss, note)`);
  });

  it("exits 2 naming file and line for a non-positive input and for a non-number", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "x,y\n1,3\n0,2\n3,1\n4,0.5\n");
    const r = cli(["--data", bad, "--model", "power", "--x", "x", "--y", "y"]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `fit: ${bad}:3: column "x" value 0 must be positive`);
    writeFileSync(bad, "x,y\n1,3\n2,\n3,1\n");
    const r2 = cli(["--data", bad, "--model", "power", "--x", "x", "--y", "y"]);
    assert.equal(r2.err, `fit: ${bad}:3: column "y" value "" is not a decimal number`);
  });

  it("exits 2 naming file and line of an unterminated quoted cell", () => {
    const bad = join(dir, "open-quote.csv");
    writeFileSync(bad, 'x,y\n1,3\n2,"2\n3,1\n');
    const r = cli(["--data", bad, "--model", "power", "--x", "x", "--y", "y"]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `fit: ${bad}:3: unterminated quoted field`);
  });

  it("exits 2 for an unknown model, an unknown loss, too few points and an empty file", () => {
    assert.equal(
      cli(["--data", csv, "--model", "chinchila", "--x", "flops", "--y", "val loss"]).err.split("\n")[0],
      "fit: invalid model: chinchila (expected one of power, chinchilla, kaplan, broken_power)",
    );
    assert.equal(
      cli(["--data", csv, "--model", "power", "--x", "flops", "--y", "val loss", "--loss", "l1"]).err.split("\n")[0],
      'fit: invalid loss: "l1" (expected "ls", "ls_log", "huber:<delta>" or { huber: delta } with delta > 0)',
    );
    const small = join(dir, "small.csv");
    writeFileSync(small, "x,y\n1,3\n2,2\n");
    const r = cli(["--data", small, "--model", "power", "--x", "x", "--y", "y"]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `fit: ${small}: 2 points but model power has 3 parameters`);
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "x,y\n");
    assert.equal(cli(["--data", empty, "--model", "power", "--x", "x", "--y", "y"]).err, `fit: ${empty}: no data rows`);
  });

  it("derives tokens from compute with --tokens-from-compute (D = C / 6N)", () => {
    const chin = join(dir, "chin.csv");
    const rows: string[] = [];
    const truth = [1.69, 406.4, 410.7, 0.34, 0.28];
    const x = logspace(7.5, 10, 6).flatMap((n) => logspace(9, 11.5, 6).map((d) => [n, d]));
    const y = synthetic("chinchilla", truth, x);
    x.forEach(([n, d], i) => rows.push(`${n},${6 * n * d},${y[i]}`));
    writeFileSync(chin, "N,C,loss\n" + rows.join("\n") + "\n");
    const out = join(dir, "chin.json");
    const r = cli([
      "--data",
      chin,
      "--model",
      "chinchilla",
      "--x",
      "N,C",
      "--y",
      "loss",
      "--tokens-from-compute",
      "--out",
      out,
      "--workers",
      "1",
    ]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(readFileSync(out, "utf8"));
    assert.ok(Math.abs(json.params.beta - 0.28) < 1e-6, `beta ${json.params.beta}`);
  });

  it("sets the process exit code to 2 on bad input when run as a command", () => {
    const res = spawnSync(
      process.execPath,
      [
        ...TSX_NODE_ARGS,
        join(repoRoot, "src", "cli", "fit.ts"),
        "--data",
        csv,
        "--model",
        "nope",
        "--x",
        "flops",
        "--y",
        "val loss",
      ],
      { encoding: "utf8", cwd: repoRoot },
    );
    assert.equal(res.status, 2, res.stderr);
    assert.match(res.stderr, /^fit: invalid model: nope/);
  });
});

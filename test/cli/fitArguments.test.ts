// Items 5 and 6 of issue 12: the fit CLI checks every argument before any work, with stated bounds, and refuses
// ambiguous input (duplicate columns, ragged rows, non-decimal numbers, negative weights) naming file and line; data
// that cannot determine the parameters is reported as such, not as "converged". Run through the CLI's run() in this
// process (what `npm run fit` runs; fit.test.ts and help.test.ts start it as a command), in a temp folder.
import assert from "node:assert/strict";
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/fit";
import { hashTree, runInProcess } from "../helpers/cli";

describe("npm run fit: arguments and input checked before work", function () {
  this.timeout(120_000);
  let dir = "";
  let good = "";
  const fit = (args: string[]) => runInProcess(run, args);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "fit-args-"));
    good = join(dir, "good.csv");
    const rows = [1e15, 3e15, 1e16, 3e16, 1e17, 3e17, 1e18].map((x) => `${x},${(2.5 + 3000 * x ** -0.2).toFixed(6)},1`);
    writeFileSync(good, "flops,loss,w\n" + rows.join("\n") + "\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI expecting exit 2 with `message` as the first stderr line, and nothing in `dir` changed. */
  const refuses = (args: string[], message: string) => {
    const before = hashTree(dir);
    const r = fit(args);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.split("\n")[0], message);
    assert.equal(r.stdout, "", "no work done");
    assert.equal(hashTree(dir), before);
  };
  const base = () => ["--data", good, "--model", "power", "--x", "flops", "--y", "loss"];

  it("refuses an --out in a folder that does not exist, before fitting", () => {
    refuses(
      [...base(), "--out", join(dir, "nope", "r.json")],
      `fit: --out ${join(dir, "nope", "r.json")}: folder ${join(dir, "nope")} does not exist`,
    );
  });

  it("refuses to overwrite an --out file that is not an earlier fit result, and an --out that is a folder", () => {
    writeFileSync(join(dir, "notes.md"), "my notes\n");
    refuses(
      [...base(), "--out", join(dir, "notes.md")],
      `fit: --out ${join(dir, "notes.md")}: refusing to overwrite a file that is not an earlier fit result`,
    );
    assert.equal(readFileSync(join(dir, "notes.md"), "utf8"), "my notes\n");
    refuses([...base(), "--out", dir], `fit: --out ${dir}: is a folder or special file, not a result file`);
  });

  it("bounds --bootstrap and --workers, and reads only decimal integers", () => {
    refuses(
      [...base(), "--bootstrap", "1e9"],
      'fit: invalid --bootstrap: "1e9" (expected a decimal integer from 1 to 100000)',
    );
    refuses(
      [...base(), "--bootstrap", "1000000000"],
      "fit: invalid --bootstrap: 1000000000 (expected a decimal integer from 1 to 100000)",
    );
    refuses(
      [...base(), "--workers", "1000"],
      `fit: invalid --workers: 1000 (expected a decimal integer from 1 to ${availableParallelism()})`,
    );
    refuses(
      [...base(), "--workers", "0x2"],
      `fit: invalid --workers: "0x2" (expected a decimal integer from 1 to ${availableParallelism()})`,
    );
  });

  it('refuses a number with spaces or a plus sign around it (issue 21: --bootstrap " 5" was accepted)', () => {
    for (const v of [" 5", "5 ", "+5", "5\n"]) {
      refuses(
        [...base(), "--bootstrap", v],
        `fit: invalid --bootstrap: ${JSON.stringify(v)} (expected a decimal integer from 1 to 100000)`,
      );
    }
  });

  it("refuses an empty --seed instead of reading it as 0", () => {
    refuses([...base(), "--bootstrap", "10", "--seed", ""], "fit: option --seed is empty");
  });

  it("refuses duplicate column names, naming file and line 1", () => {
    const f = join(dir, "dup.csv");
    writeFileSync(f, "flops,loss,flops\n1,3,2\n2,2,3\n3,1,4\n");
    refuses(
      ["--data", f, "--model", "power", "--x", "flops", "--y", "loss"],
      `fit: ${f}:1: duplicate column name "flops" (columns 1 and 3)`,
    );
  });

  it("refuses a ragged row, naming file and line", () => {
    const f = join(dir, "ragged.csv");
    writeFileSync(f, "flops,loss\n1,3\n2,2,9\n3,1\n");
    refuses(
      ["--data", f, "--model", "power", "--x", "flops", "--y", "loss"],
      `fit: ${f}:3: 3 cells, but the header has 2`,
    );
  });

  it("refuses a hexadecimal number and an empty cell, naming file and line", () => {
    const f = join(dir, "hex.csv");
    writeFileSync(f, "flops,loss\n1,3\n0x10,2\n3,1\n");
    refuses(
      ["--data", f, "--model", "power", "--x", "flops", "--y", "loss"],
      `fit: ${f}:3: column "flops" value "0x10" is not a decimal number`,
    );
    writeFileSync(f, "flops,loss\n1,3\n2,\n3,1\n");
    refuses(
      ["--data", f, "--model", "power", "--x", "flops", "--y", "loss"],
      `fit: ${f}:3: column "loss" value "" is not a decimal number`,
    );
  });

  it("names a negative weight by file and line", () => {
    const f = join(dir, "weights.csv");
    writeFileSync(f, "flops,loss,w\n1,3,1\n2,2,1\n3,1.5,-0.5\n4,1.2,1\n");
    refuses(
      ["--data", f, "--model", "power", "--x", "flops", "--y", "loss", "--weights", "w"],
      `fit: ${f}:4: column "w" weight -0.5 must be >= 0`,
    );
  });

  it("reports data that cannot determine the parameters (all x equal) as unidentifiable, exit 1", () => {
    const f = join(dir, "flat.csv");
    writeFileSync(f, "flops,loss\n" + [3.1, 3.0, 3.2, 3.05, 3.15].map((y) => `1e18,${y}`).join("\n") + "\n");
    const r = fit(["--data", f, "--model", "power", "--x", "flops", "--y", "loss", "--workers", "1"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        String.raw`status unidentifiable \(all 5 weighted points have the same x \(1000000000000000000\): ` +
          String.raw`the parameters on it cannot be determined\)`,
      ),
    );
    assert.doesNotMatch(r.stdout, /converged/);
    assert.equal(
      r.stderr,
      "fit: the data cannot determine the parameters: all 5 weighted points have the same x " +
        "(1000000000000000000): the parameters on it cannot be determined\n",
    );
  });

  it("reports equal losses as unidentifiable, exit 1, never converged (issue 21: alpha 2.6e-18 'converged')", () => {
    const f = join(dir, "equal.csv");
    writeFileSync(
      f,
      "flops,loss\n" + [1e15, 3e15, 1e16, 3e16, 1e17, 3e17, 1e18].map((x) => `${x},3.1`).join("\n") + "\n",
    );
    const r = fit(["--data", f, "--model", "power", "--x", "flops", "--y", "loss", "--workers", "1"]);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /converged/);
    assert.equal(
      r.stderr,
      "fit: the data cannot determine the parameters: all 7 weighted losses are equal (3.1): a flat curve has " +
        "no exponent or scale to determine\n",
    );
  });

  it("refuses losses outside the range a fit can use (1e300, subnormal), naming file and line", () => {
    for (const [loss, shown] of [
      ["1e300", "1e+300"],
      ["1e-310", "1e-310"],
    ]) {
      const f = join(dir, "range.csv");
      writeFileSync(
        f,
        "flops,loss\n" + [1e15, 3e15, 1e16, 3e16].map((x, i) => `${x},${i === 2 ? loss : 3.1 + i}`).join("\n") + "\n",
      );
      refuses(
        ["--data", f, "--model", "power", "--x", "flops", "--y", "loss"],
        `fit: ${f}:4: column "loss" loss ${shown} is outside the range a fit can use (1e-8 to 1e+8)`,
      );
    }
  });

  it("ends a fit with a parameter at its bound with exit 1 and says why", () => {
    // One high first point, then flat: the best power law is a step, its scale A at the upper bound (e^200).
    const f = join(dir, "step.csv");
    writeFileSync(
      f,
      "flops,loss\n" +
        [1e15, 3e15, 1e16, 3e16, 1e17, 3e17, 1e18].map((x, i) => `${x},${i === 0 ? 3.6 : 3.5}`).join("\n") +
        "\n",
    );
    const r = fit(["--data", f, "--model", "power", "--x", "flops", "--y", "loss", "--workers", "1"]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /status hit_bound/);
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`^fit: a parameter ended at the bound of its range \(.+ at its (lower|upper) ` +
          String.raw`bound .+\): the data do not determine it\n$`,
      ),
    );
  });

  it(
    "refuses a --data file over the size or row limit before reading or parsing it (10M rows ran V8 out of " +
      "memory)",
    () => {
      const f = join(dir, "rows.csv");
      writeFileSync(f, "flops,loss\n" + "1,2\n".repeat(100_001));
      refuses(
        ["--data", f, "--model", "power", "--x", "flops", "--y", "loss"],
        `fit: ${f}: --data has over 100,000 rows, the limit of the fit; not read`,
      );
      const big = join(dir, "big.csv");
      const fd = openSync(big, "w");
      ftruncateSync(fd, 64 * 1024 * 1024 + 1); // sparse
      closeSync(fd);
      refuses(
        ["--data", big, "--model", "power", "--x", "flops", "--y", "loss"],
        `fit: ${big}: --data is 67108865 bytes, over the 64 MiB limit of the fit; not read`,
      );
      rmSync(big);
      rmSync(f);
    },
  );

  it("writes --out whole on success and leaves no temp file", () => {
    const out = join(dir, "r.json");
    const r = fit([...base(), "--out", out, "--workers", "1"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(readFileSync(out, "utf8")).status, "converged");
    // An earlier result may be replaced.
    assert.equal(fit([...base(), "--out", out, "--workers", "1"]).status, 0);
    rmSync(out);
  });
});

import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fitCsvDefaults, loadFitCsv, parseFitCsv } from "../../src/dataset/fitCsv";
import { tempDir } from "../helpers/tempDir";

const csv = [
  "x,Model Size,Training FLOP,loss",
  "1,1e8,6e17,3.5",
  "2,2e8,2.4e18,3.1",
  "3,1e8,1.2e18,3.5",
  "4,4e8,9.6e18,2.9",
  "",
].join("\n");

describe("parseFitCsv", () => {
  it("pins its defaults", () => {
    assert.deepEqual(fitCsvDefaults, { tokensFromCompute: false, dropHighestLoss: 0 });
  });

  it("derives tokens D = C / (6 N) and keeps each point's file line", () => {
    const d = parseFitCsv(csv, "u.csv", { x: ["Model Size", "Training FLOP"], y: "loss", tokensFromCompute: true });
    assert.deepEqual(d.x, [
      [1e8, 1e9],
      [2e8, 2e9],
      [1e8, 2e9],
      [4e8, 4e9],
    ]);
    assert.deepEqual(d.y, [3.5, 3.1, 3.5, 2.9]);
    assert.deepEqual(d.lines, [2, 3, 4, 5]);
  });

  it("drops the highest-loss rows, ties broken by file order", () => {
    const d = parseFitCsv(csv, "u.csv", { x: ["Model Size"], y: "loss", dropHighestLoss: 1 });
    assert.deepEqual(d.lines, [3, 4, 5]);
    assert.equal(d.dropped, 1);
  });

  it("names the file, line, column and value of bad input", () => {
    assert.throws(
      () => parseFitCsv(csv, "u.csv", { x: ["N"], y: "loss" }),
      /u.csv: column "N" not found \(available: x, Model Size, Training FLOP, loss\)/,
    );
    assert.throws(
      () => parseFitCsv(csv.replace("2.9", "-1"), "u.csv", { x: ["Model Size"], y: "loss" }),
      /u.csv:5: column "loss" value "-1" is not a positive decimal number/,
    );
    assert.throws(
      () => parseFitCsv(csv, "u.csv", { x: ["Model Size"], y: "loss", tokensFromCompute: true }),
      /tokensFromCompute needs x = \[parameters column, compute column\]/,
    );
    assert.throws(
      () => parseFitCsv(csv, "u.csv", { x: ["Model Size"], y: "loss", dropHighestLoss: 4 }),
      /dropHighestLoss 4 leaves no rows of 4/,
    );
  });

  it("refuses duplicate column names and non-decimal numbers, as npm run fit does", () => {
    assert.throws(() => parseFitCsv("N,loss,N\n1,3,2\n", "d.csv", { x: ["N"], y: "loss" }), {
      message: 'd.csv:1: duplicate column name "N" (columns 1 and 3)',
    });
    assert.throws(() => parseFitCsv("N,loss\n0x10,3\n", "h.csv", { x: ["N"], y: "loss" }), {
      message: 'h.csv:2: column "N" value "0x10" is not a positive decimal number',
    });
    assert.equal(parseFitCsv("N,loss\n1.5e19,3\n", "e.csv", { x: ["N"], y: "loss" }).x[0][0], 1.5e19);
  });

  it("names a missing file in its error, and reads a present one", () => {
    const dir = tempDir("fitcsv-");
    assert.throws(() => loadFitCsv(join(dir, "absent.csv"), { x: ["Model Size"], y: "loss" }), {
      message: `${join(dir, "absent.csv")}: fit data file not found`,
    });
    writeFileSync(join(dir, "u.csv"), csv);
    assert.equal(loadFitCsv(join(dir, "u.csv"), { x: ["Model Size"], y: "loss" }).y.length, 4);
  });
});

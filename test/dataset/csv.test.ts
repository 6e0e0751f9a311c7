import assert from "node:assert/strict";
import { formatNumber, parseCsv, toCsv } from "../../src/dataset/csv";

describe("csv", () => {
  it("quotes cells holding commas, quotes or newlines and reads them back", () => {
    const text = toCsv(["a", "b", "c"], [["x,y", 'say "hi"', null], ["line\nbreak", 3.5, true]]);
    assert.equal(text, 'a,b,c\n"x,y","say ""hi""",\n"line\nbreak",3.5,true\n');
    assert.deepEqual(parseCsv(text), { header: ["a", "b", "c"], rows: [["x,y", 'say "hi"', ""], ["line\nbreak", "3.5", "true"]] });
  });

  it("formats numbers deterministically with at most 12 significant digits", () => {
    assert.equal(formatNumber(10255073280), "10255073280");
    assert.equal(formatNumber(1 / 3), "0.333333333333");
    assert.equal(formatNumber(3.2722), "3.2722");
  });

  it("refuses to write a non-finite number", () => {
    assert.throws(() => formatNumber(NaN), /cannot write non-finite number NaN to CSV/);
  });

  it("names the file and line of a row with the wrong cell count", () => {
    assert.throws(() => parseCsv("a,b\n1,2\n3\n", "runs.csv"), /^Error: runs\.csv:3: 1 cells, header has 2$/);
  });
});

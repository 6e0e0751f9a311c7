import { strict as assert } from "node:assert";
import { parseCsv } from "../../src/publish/parseCsv";
import { formatSignificant } from "../../src/publish/formatNumber";

describe("parseCsv", () => {
  it("reads quoted fields holding commas, doubled quotes and newlines, with each row's line", () => {
    const table = parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",3\r\n', "t.csv");
    assert.deepEqual(table.header, ["a", "b"]);
    assert.deepEqual(table.rows, [
      { line: 2, fields: { a: "x, y", b: 'say "hi"' } },
      { line: 3, fields: { a: "two\nlines", b: "3" } },
    ]);
  });

  it("names the file and line of a row with the wrong number of fields", () => {
    assert.throws(
      () => parseCsv("a,b\n1,2\n3\n", "data/r.csv"),
      /^Error: data\/r.csv:3: expected 2 fields \(a,b\), got 1$/,
    );
    assert.throws(() => parseCsv('a\n"open\n', "q.csv"), /q.csv:2: unterminated quoted field/);
  });
});

describe("formatSignificant", () => {
  it("formats with three significant digits", () => {
    assert.deepEqual(
      [37.46, 0.012345, 5, 3.8e24, 2.5e-6].map((x) => formatSignificant(x)),
      ["37.5", "0.0123", "5", "3.8e24", "2.5e-6"],
    );
  });
});

import assert from "node:assert/strict";
import { formatNumber, parseCsv, readCsv, toCsv, type CsvRow } from "../../src/dataset/csv";

/**
 * RFC 4180 read one character at a time, the way readCsv worked before it sliced cells from the text: the oracle for
 * the fuzz test below.
 */
function readCsvByCharacter(text: string, skipBlankLines: boolean): { header: string[]; rows: CsvRow[] } {
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let cellStarted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      cellStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      const blank = cells.length === 0 && !cellStarted;
      cells.push(cell);
      if (!(blank && skipBlankLines)) records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      cellStarted = false;
      line++;
      recordLine = line;
    } else {
      cell += c;
      cellStarted = true;
    }
  }
  if (quoted) throw new Error(`x:${recordLine}: unterminated quoted field`);
  if (cellStarted || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  const [header, ...rows] = records;
  return { header: header?.cells ?? [], rows };
}

describe("csv", () => {
  it("quotes cells holding commas, quotes or newlines and reads them back", () => {
    const text = toCsv(
      ["a", "b", "c"],
      [
        ["x,y", 'say "hi"', null],
        ["line\nbreak", 3.5, true],
      ],
    );
    assert.equal(text, 'a,b,c\n"x,y","say ""hi""",\n"line\nbreak",3.5,true\n');
    assert.deepEqual(parseCsv(text), {
      header: ["a", "b", "c"],
      rows: [
        ["x,y", 'say "hi"', ""],
        ["line\nbreak", "3.5", "true"],
      ],
    });
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

  it("reads quoted fields with commas and doubled quotes, each row with its line", () => {
    // moved from test/analysis/inputs.test.ts, whose parseCsv this reader replaced; the line is now checked too
    assert.deepEqual(readCsv('a,b\n"x, y","say ""hi"""\n'), {
      header: ["a", "b"],
      rows: [{ line: 2, cells: ["x, y", 'say "hi"'] }],
    });
  });

  it("gives each row the line where it starts, across quoted line breaks, blank lines and CRLF or CR endings", () => {
    const { rows } = readCsv('a,b\r\n"two\nlines",1\r\n\n3,"x"\r4,5', "t.csv");
    assert.deepEqual(rows, [
      { line: 2, cells: ["two\nlines", "1"] },
      { line: 5, cells: ["3", "x"] },
      { line: 6, cells: ["4", "5"] },
    ]);
  });

  it("keeps blank lines as one-cell rows when asked, as the dataset's parseCsv does", () => {
    assert.deepEqual(
      readCsv("a\n1\n\n2\n", "t.csv", { skipBlankLines: false }).rows.map((r) => r.cells),
      [["1"], [""], ["2"]],
    );
    assert.throws(() => parseCsv("a,b\n1,2\n\n3,4\n", "runs.csv"), /^Error: runs\.csv:3: 1 cells, header has 2$/);
  });

  it("takes a quote inside an unquoted cell literally and names the line of an unterminated quoted cell", () => {
    assert.deepEqual(readCsv('a,b\n5"6,x"y\n').rows, [{ line: 2, cells: ['5"6', 'x"y'] }]);
    assert.throws(
      () => readCsv('a,b\n1,2\n3,"open\n4,5\n', "runs.csv"),
      /^Error: runs\.csv:3: unterminated quoted field$/,
    );
  });

  it(
    "reads 20,000 random texts of quotes, commas, line breaks and letters as the one-character-at-a-time " +
      "reader does",
    () => {
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const pieces = ['"', ",", "\n", "\r", "\r\n", '""', "a", "b", " "];
      const outcome = (read: () => unknown) => {
        try {
          return JSON.stringify(read());
        } catch (e) {
          return `error: ${(e as Error).message}`;
        }
      };
      let errors = 0;
      for (let k = 0; k < 20_000; k++) {
        let text = "";
        for (let n = Math.floor(random() * 14); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
        for (const skipBlankLines of [true, false]) {
          const expected = outcome(() => readCsvByCharacter(text, skipBlankLines));
          if (expected.startsWith("error")) errors++;
          assert.equal(
            outcome(() => readCsv(text, "x", { skipBlankLines })),
            expected,
            JSON.stringify(text),
          );
        }
      }
      assert.ok(errors > 100, `the texts include unterminated quoted cells (${errors})`);
    },
  );

  it("returns an empty header for text with no record", () => {
    assert.deepEqual(readCsv("", "t.csv"), { header: [], rows: [] });
    assert.throws(() => parseCsv("", "t.csv"), /^Error: t\.csv: empty CSV \(no header row\)$/);
  });
});

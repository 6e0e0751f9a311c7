// The result and data files the index links to, copied into the site so the links work wherever the site is opened
// (from disk or from a server that serves only site/).
//
// Only files the project's own commands wrote are copied: those listed in the manifest of the results folder (written
// by `npm start`) and of the dataset folder (written by the ingest), read as one version even while a run replaces
// the folder (readOutputFolder.ts), never through a link and never from a pipe or device. A folder without a manifest
// (made by hand, or by an older version) gives its regular files of the expected names. The bytes are written anew
// into the site, not copied file to file. A CSV cell that a spreadsheet would run as a formula (starting with =, +, -,
// @, tab or carriage return, and not a plain number) is written with a leading apostrophe in the site's CSVs; the
// JSON keeps the raw value.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseCsv, toCsv } from "../dataset/csv";
import { readOutputFolder, readRegularFile, regularFiles } from "../dataset/readOutputFolder";

export interface SiteDownloads {
  /** Site-relative hrefs, e.g. "results/multipliers.csv". */
  readonly results: readonly string[];
  readonly data: readonly string[];
}

/** The inputs of the site read once, each folder as one version. */
export interface SiteInputs {
  /** The results summary's bytes (summary.json or --summary). */
  readonly summary: Buffer;
  /** The records table's bytes (records.csv or --records). */
  readonly records: Buffer;
  /** Files beside the summary to offer: summary file and CSVs. */
  readonly results: ReadonlyMap<string, Buffer>;
  /** Files beside the records table to offer: CSVs. */
  readonly data: ReadonlyMap<string, Buffer>;
  /** The data README one folder above the records table, when there is one. */
  readonly readme: Buffer | null;
}

/** The files of `dir` to offer: the writer's manifest, else its regular files; those matching `pattern`, and `must`. */
function offered(dir: string, pattern: RegExp, must: string) {
  return (manifest: ReadonlyMap<string, string> | null) => {
    const names = manifest !== null ? [...manifest.keys()] : regularFiles(dir);
    return [...new Set([must, ...names.filter((n) => pattern.test(n))])].sort();
  };
}

/** Reads the summary, the records table and the files offered beside them, each folder as one version. */
export function readSiteInputs(summaryPath: string, recordsPath: string): SiteInputs {
  const resultsDir = dirname(summaryPath);
  // The summary with its field reference, and the tables.
  const resultNames = offered(resultsDir, /^summary\.json$|^summary_reference\.md$|\.csv$/, basename(summaryPath));
  const resultsHint = { what: "results file", hint: "run npm start" };
  const results = readOutputFolder(resultsDir, "results", resultNames, resultsHint).files;
  const dataDir = dirname(recordsPath);
  const data = readOutputFolder(dataDir, "dataset", offered(dataDir, /\.csv$/, basename(recordsPath)), {
    what: "data file",
    hint: "run npm run ingest",
  }).files;
  let readme: Buffer | null = null;
  try {
    readme = readRegularFile(join(dataDir, "..", "README.md"));
  } catch {
    readme = null; // absent (or not a regular file): not offered
  }
  const summary = results.get(basename(summaryPath))!;
  return { summary, records: data.get(basename(recordsPath))!, results, data, readme };
}

/** A plain number (`-0.5`, `+3`, `1e-3`): never a formula, kept as it is. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell a spreadsheet would evaluate, prefixed with an apostrophe so it shows as text. */
export function neutralizeCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
}

/** CSV text with every formula-like cell neutralised; the same bytes when there is none. */
function neutralizeCsv(text: string, file: string): string {
  const { header, rows } = parseCsv(text, file);
  const risky = (cells: readonly string[]) => cells.some((c) => neutralizeCell(c) !== c);
  if (!risky(header) && !rows.some(risky)) return text;
  return toCsv(
    header.map(neutralizeCell),
    rows.map((r) => r.map(neutralizeCell)),
  );
}

/**
 * Writes the summary, its reference and the result CSVs into `<site>/results/`, and the dataset's CSV files with the
 * README one folder up
 * into `<site>/data/`. Empty lists when there is nothing to offer.
 */
export function copySiteDownloads(siteDir: string, inputs: SiteInputs): SiteDownloads {
  const write = (files: ReadonlyMap<string, Buffer>, to: string): string[] => {
    if (files.size === 0) return [];
    mkdirSync(join(siteDir, to), { recursive: true });
    const names = [...files.keys()].sort();
    for (const name of names) {
      const bytes = files.get(name)!;
      const text = name.endsWith(".csv") ? neutralizeCsv(bytes.toString("utf8"), name) : bytes;
      writeFileSync(join(siteDir, to, name), text);
    }
    return names.map((name) => `${to}/${name}`);
  };
  const results = write(inputs.results, "results");
  const data = [
    ...(inputs.readme !== null ? write(new Map([["README.md", inputs.readme]]), "data") : []),
    ...write(inputs.data, "data/speedrun"),
  ];
  return { results, data };
}

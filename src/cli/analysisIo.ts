// File I/O of the analysis (the edge of the pipeline): read the embedded CSVs into AnalysisInput, write results/
// whole or not at all. Notebooks use loadAnalysisInput; `npm start` (src/cli/main.ts) uses both.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { replaceOutputFolder } from "../dataset/outputFolder";
import { readInputFile } from "../dataset/readInputFile";
import { DATASET_DIR, REPO_ROOT } from "../dataset/sharedDir";
import { parseDataIssuesCsv, parseEvalsCsv, parseRecordsCsv, parseRunsCsv, type AnalysisInput } from "../analysis/inputs";
import { parseRecordCategories } from "../analysis/recordCategories";
import { parseLiteratureTransfer } from "../analysis/literatureTransfer";
import { parseTransferCatalogue } from "../analysis/transferCatalogue";

/** The transfer catalogue's file name; looked for in the data directory, then in its parent (data/transfer_pairs.csv). */
export const TRANSFER_CATALOGUE_FILE = "transfer_pairs.csv";
/** The literature rows of the scale model, found like the catalogue (data/literature_transfer.csv; data/README.md). */
export const LITERATURE_TRANSFER_FILE = "literature_transfer.csv";

/**
 * Read records.csv, runs.csv and evals.csv from `dataDir` (default data/speedrun), or from `files` (name -> bytes,
 * as read once for the cache key). Row sources name the file relative to the repository
 * (data/speedrun/records.csv:12), so results do not depend on where the checkout lives.
 */
export function loadAnalysisInput(dataDir: string = DATASET_DIR, files?: ReadonlyMap<string, Buffer>): AnalysisInput {
  const read = (f: string) => {
    const bytes = files?.get(f);
    if (bytes !== undefined) return bytes.toString("utf8");
    return readInputFile(join(dataDir, f), "data file", "run the ingest step, or pass another data directory", "dataset");
  };
  const name = (f: string) => relative(REPO_ROOT, join(dataDir, f)).split(sep).join("/");
  const records = parseRecordsCsv(read("records.csv"), name("records.csv"));
  // Optional files: the ingest's data issues beside the tables; the record categories in the data directory, else
  // (for the embedded dataset only) data/record_categories.csv, which describes those record tables.
  const issuesPath = join(dataDir, "data_issues.csv");
  const categoriesPath = [join(dataDir, "record_categories.csv"), ...(resolve(dataDir) === resolve(DATASET_DIR) ? [join(REPO_ROOT, "data", "record_categories.csv")] : [])].find((p) => existsSync(p));
  const rel = (p: string) => relative(REPO_ROOT, p).split(sep).join("/");
  const input: AnalysisInput = {
    records,
    runs: parseRunsCsv(read("runs.csv"), name("runs.csv")),
    evals: parseEvalsCsv(read("evals.csv"), name("evals.csv")),
    ...(existsSync(issuesPath) ? { dataIssues: parseDataIssuesCsv(readFileSync(issuesPath, "utf8"), rel(issuesPath)) } : {}),
    ...(categoriesPath ? { categories: parseRecordCategories(readFileSync(categoriesPath, "utf8"), rel(categoriesPath), records) } : {}),
  };
  const literature = [LITERATURE_TRANSFER_FILE, join("..", LITERATURE_TRANSFER_FILE)].find((f) => existsSync(join(dataDir, f)));
  const withLiterature = literature === undefined ? input : { ...input, literatureTransfer: parseLiteratureTransfer(read(literature), name(literature)) };
  const catalogue = [TRANSFER_CATALOGUE_FILE, join("..", TRANSFER_CATALOGUE_FILE)].find((f) => existsSync(join(dataDir, f)));
  if (catalogue === undefined) return withLiterature;
  return { ...withLiterature, transferPairs: parseTransferCatalogue(read(catalogue), name(catalogue), input) };
}

/**
 * Replace `outDir` by the files as one folder (src/dataset/outputFolder.ts): refused unless `outDir` is absent, empty
 * or an earlier results folder; built beside it and swapped in, so a failure leaves the old results intact.
 */
export function writeResultsAtomically(outDir: string, files: Readonly<Record<string, string>>, log: (line: string) => void = () => {}): void {
  for (const name of Object.keys(files))
    if (name === "" || name.includes("/") || name.includes("\\") || name.startsWith(".")) throw new Error(`writeResultsAtomically: invalid file name: ${name}`);
  replaceOutputFolder(outDir, "results", (tmp) => {
    for (const name of Object.keys(files).sort()) writeFileSync(join(tmp, name), files[name]);
  }, log);
}

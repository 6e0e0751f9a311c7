// File I/O of the analysis (the edge of the pipeline): read the embedded CSVs into AnalysisInput, write results/
// whole or not at all. Notebooks use loadAnalysisInput; `npm start` (src/cli/main.ts) uses both.
import { existsSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { replaceOutputFolder } from "../../dataset/outputFolder";
import { readInputFile } from "../../dataset/readInputFile";
import { readOutputFolder } from "../../dataset/readOutputFolder";
import { DATASET_DIR, REPO_ROOT } from "../../dataset/sharedDir";
import type { AnalysisInput } from "../analysisInput";
import { parseDataIssuesCsv, parseEvalsCsv, parseRecordsCsv, parseRunsCsv } from "../inputs";
import { parseRecordCategories } from "../attribution/recordCategories";
import { parseLiteratureTransfer } from "../../scale/literatureTransfer";
import { parseTransferCatalogue } from "../../scale/transferCatalogue";
import { parseLossLaws } from "../../scale/lossLaws";

/** The transfer catalogue's file name (data/transfer_pairs.csv; data/README.md). */
const TRANSFER_CATALOGUE_FILE = "transfer_pairs.csv";
/** The literature rows of the scale model (data/literature_transfer.csv; data/README.md). */
const LITERATURE_TRANSFER_FILE = "literature_transfer.csv";
/** Published loss-versus-compute laws that convert literature loss differences (data/loss_laws.csv). */
const LOSS_LAWS_FILE = "loss_laws.csv";
/** The hand-made kind of change of every record row (data/record_categories.csv). */
const RECORD_CATEGORIES_FILE = "record_categories.csv";
/** The ingest's file-level issues (data/speedrun/data_issues.csv). */
const DATA_ISSUES_FILE = "data_issues.csv";

/** The three tables every analysis needs, in the data folder. */
const REQUIRED_FILES = ["records.csv", "runs.csv", "evals.csv"] as const;
/**
 * Optional inputs: each looked for in the data folder, then in its parent (the embedded data/speedrun has them in
 * data/).
 */
const OPTIONAL_FILES = [
  DATA_ISSUES_FILE,
  RECORD_CATEGORIES_FILE,
  TRANSFER_CATALOGUE_FILE,
  LITERATURE_TRANSFER_FILE,
  LOSS_LAWS_FILE,
] as const;

/**
 * Every file the analysis of `dataDir` reads, as paths relative to `dataDir` ("runs.csv", "../transfer_pairs.csv"):
 * the three tables, then each optional input where it is found. One rule for the loader and the analysis cache's key,
 * so an edited catalogue or category file recomputes the analysis.
 */
export function analysisInputFiles(dataDir: string): string[] {
  const optional = OPTIONAL_FILES.flatMap((f) => [f, join("..", f)].find((p) => existsSync(join(dataDir, p))) ?? []);
  return [...REQUIRED_FILES, ...optional];
}

/**
 * Read the analysis's input files of `dataDir` (default data/speedrun; analysisInputFiles says which), or take their
 * bytes from `files` (relative path -> bytes, as read once for the cache key). Row sources name the file relative to
 * the repository (data/speedrun/records.csv:12), so results do not depend on where the checkout lives.
 */
export function loadAnalysisInput(dataDir: string = DATASET_DIR, files?: ReadonlyMap<string, Buffer>): AnalysisInput {
  // The folder's files as one version (readOutputFolder.ts), unless the caller read them already.
  const own =
    files ??
    readOutputFolder(
      dataDir,
      "dataset",
      [
        "records.csv",
        "runs.csv",
        "evals.csv",
        DATA_ISSUES_FILE,
        RECORD_CATEGORIES_FILE,
        TRANSFER_CATALOGUE_FILE,
        LITERATURE_TRANSFER_FILE,
        LOSS_LAWS_FILE,
      ],
      {
        optional: true,
        what: "data file",
        hint: "run the ingest step, or pass another data directory",
      },
    ).files;
  const read = (f: string) => {
    const bytes = own.get(f);
    if (bytes !== undefined) return bytes.toString("utf8");
    return readInputFile(
      join(dataDir, f),
      "data file",
      "run the ingest step, or pass another data directory",
      "dataset",
    );
  };
  const name = (f: string) => relative(REPO_ROOT, join(dataDir, f)).split(sep).join("/");
  const found = analysisInputFiles(dataDir);
  const optional = (file: string) => found.find((f) => f === file || f === join("..", file));
  const records = parseRecordsCsv(read("records.csv"), name("records.csv"));
  const issues = optional(DATA_ISSUES_FILE);
  const categories = optional(RECORD_CATEGORIES_FILE);
  const literature = optional(LITERATURE_TRANSFER_FILE);
  const lawsFile = optional(LOSS_LAWS_FILE);
  const laws = lawsFile ? parseLossLaws(read(lawsFile), name(lawsFile)) : [];
  const input: AnalysisInput = {
    records,
    runs: parseRunsCsv(read("runs.csv"), name("runs.csv")),
    evals: parseEvalsCsv(read("evals.csv"), name("evals.csv")),
    ...(issues ? { dataIssues: parseDataIssuesCsv(read(issues), name(issues)) } : {}),
    ...(categories ? { categories: parseRecordCategories(read(categories), name(categories), records) } : {}),
    ...(literature ? { literatureTransfer: parseLiteratureTransfer(read(literature), name(literature), laws) } : {}),
  };
  const catalogue = optional(TRANSFER_CATALOGUE_FILE);
  return catalogue === undefined
    ? input
    : { ...input, transferPairs: parseTransferCatalogue(read(catalogue), name(catalogue), input) };
}

/**
 * Replace `outDir` by the files as one folder (src/dataset/outputFolder.ts): refused unless `outDir` is absent, empty
 * or an earlier results folder; built beside it and swapped in, so a failure leaves the old results intact.
 */
export function writeResultsAtomically(
  outDir: string,
  files: Readonly<Record<string, string>>,
  log: (line: string) => void = () => {},
): void {
  for (const name of Object.keys(files))
    if (name === "" || name.includes("/") || name.includes("\\") || name.startsWith("."))
      throw new Error(`writeResultsAtomically: invalid file name: ${name}`);
  replaceOutputFolder(
    outDir,
    "results",
    (tmp) => {
      for (const name of Object.keys(files).sort()) writeFileSync(join(tmp, name), files[name]);
    },
    log,
  );
}

// File I/O of the analysis (the edge of the pipeline): read the embedded CSVs into AnalysisInput, write results/
// whole or not at all. Notebooks use loadAnalysisInput; `npm start` (src/cli/main.ts) uses both.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DATASET_DIR, REPO_ROOT } from "../dataset/sharedDir";
import { parseEvalsCsv, parseRecordsCsv, parseRunsCsv, type AnalysisInput } from "../analysis/inputs";
import { parseLiteratureTransfer } from "../analysis/literatureTransfer";
import { parseTransferCatalogue } from "../analysis/transferCatalogue";

/** The transfer catalogue's file name; looked for in the data directory, then in its parent (data/transfer_pairs.csv). */
export const TRANSFER_CATALOGUE_FILE = "transfer_pairs.csv";
/** The literature rows of the scale model, found like the catalogue (data/literature_transfer.csv; data/README.md). */
export const LITERATURE_TRANSFER_FILE = "literature_transfer.csv";

/**
 * Read records.csv, runs.csv and evals.csv from `dataDir` (default data/speedrun). Row sources name the file
 * relative to the repository (data/speedrun/records.csv:12), so results do not depend on where the checkout lives.
 */
export function loadAnalysisInput(dataDir: string = DATASET_DIR): AnalysisInput {
  const read = (f: string) => {
    const path = join(dataDir, f);
    if (!existsSync(path)) throw new Error(`${path}: missing (run the ingest step, or pass another data directory)`);
    return readFileSync(path, "utf8");
  };
  const name = (f: string) => relative(REPO_ROOT, join(dataDir, f)).split(sep).join("/");
  const input: AnalysisInput = {
    records: parseRecordsCsv(read("records.csv"), name("records.csv")),
    runs: parseRunsCsv(read("runs.csv"), name("runs.csv")),
    evals: parseEvalsCsv(read("evals.csv"), name("evals.csv")),
  };
  const literature = [LITERATURE_TRANSFER_FILE, join("..", LITERATURE_TRANSFER_FILE)].find((f) => existsSync(join(dataDir, f)));
  const withLiterature = literature === undefined ? input : { ...input, literatureTransfer: parseLiteratureTransfer(read(literature), name(literature)) };
  const catalogue = [TRANSFER_CATALOGUE_FILE, join("..", TRANSFER_CATALOGUE_FILE)].find((f) => existsSync(join(dataDir, f)));
  if (catalogue === undefined) return withLiterature;
  return { ...withLiterature, transferPairs: parseTransferCatalogue(read(catalogue), name(catalogue), input) };
}

/** Replace `outDir` by the files, via a sibling temp dir and renames, so a failure leaves the old results intact. */
export function writeResultsAtomically(outDir: string, files: Readonly<Record<string, string>>): void {
  const tmp = `${outDir}.tmp-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  for (const name of Object.keys(files))
    if (name === "" || name.includes("/") || name.includes("\\")) throw new Error(`writeResultsAtomically: invalid file name: ${name}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const name of Object.keys(files).sort()) writeFileSync(join(tmp, name), files[name]);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
}

// npm run publish: execute every notebook (fresh kernel each), render the pages, the index and the records table, and
// swap the new site into place. Everything is written to a staging folder next to the site and renamed over it only
// when complete, so a failing notebook leaves the previous site untouched.
import { parseSummary } from "../results/summaryReference";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { checkOutputFolder, recoverOutputFolder, replaceOutputFolder } from "../dataset/outputFolder";
import { terminalText } from "../terminalText";
import { executeNotebook } from "../notebook/executeNotebook";
import { closeRenderer } from "../notebook/renderFigurePng";
import { readAnswerInputs } from "./answerFacts";
import { buildInfo } from "./buildInfo";
import { ensureTslabKernel } from "./ensureTslabKernel";
import { parseNotebook, type Notebook } from "./notebook";
import { NotebookExecutionError, notebookExecutionError } from "./notebookExecutionError";
import { parseCsv } from "./parseCsv";
import { resolvePublishOptions, type PublishOptions } from "./publishOptions";
import { renderIndexPage, type NotebookLink } from "./renderIndexPage";
import { renderNotebookPage } from "./renderNotebookPage";
import { renderRecordsPage } from "./renderRecordsPage";
import { sitePlotlyBundles } from "./renderPage";
import { copySiteDownloads, readSiteInputs } from "./siteDownloads";

export interface PublishedPage extends NotebookLink {
  /** Wall time to execute the notebook, null when not executed. */
  readonly executeMs: number | null;
}

export interface PublishResult {
  readonly outDir: string;
  readonly pages: readonly PublishedPage[];
  readonly recordsRows: number | null;
  readonly totalMs: number;
  readonly siteBytes: number;
}

const reservedPages = new Set(["index", "records"]);

export async function publishSite(options: Partial<PublishOptions> = {}): Promise<PublishResult> {
  const opts = resolvePublishOptions(options);
  const started = Date.now();
  // Every input and the output folder are checked before any notebook runs: a mistyped path fails here, naming it, and
  // the previous site stays.
  for (const line of recoverOutputFolder(opts.outDir, "site")) opts.log(line);
  checkOutputFolder(opts.outDir, "site");
  // Inputs left between the two renames of a killed `npm start` or ingest are put back before they are looked for.
  for (const line of recoverOutputFolder(dirname(opts.summaryPath), "results")) opts.log(line);
  for (const line of recoverOutputFolder(dirname(opts.recordsPath), "dataset")) opts.log(line);
  const notebookPaths = listNotebooks(opts.notebooksDir);
  if (notebookPaths.length === 0)
    throw new Error(`${terminalText(opts.notebooksDir)}: no notebooks (*.ipynb) in the --notebooks folder`);
  requireFile(opts.recordsPath, "records table (--records)");
  requireFile(opts.summaryPath, "results summary (--summary)");
  if (opts.execute && notebookPaths.length > 0) {
    const { installed } = ensureTslabKernel(opts.repoRoot);
    if (installed) opts.log("registered the tslab kernel under .jupyter/");
  }

  // executeNotebook draws every notebook's charts in this process's one browser: closed once all have run.
  // One fresh kernel per notebook, each cell type-checked (issue 22, item 6, both alternatives weighed): a warm kernel
  // reused across notebooks cannot promise isolation (resetting tslab's executor forgets declarations, not the module
  // state, globals, timers or require cache a notebook changed). Skipping the check of unchanged cells saves nothing:
  // TypeScript's emit, which tslab needs for each cell's JavaScript and declarations, runs the same check itself
  // (checker getEmitResolver). A memo of clean checks, tried on notebook 02 at load 18-20, cut tslab's check from
  // 1.65 s to 0.10 s and left the cells' conversion at 6.9-8.1 s.
  const notebooks = await mapWithConcurrency(notebookPaths, opts.concurrency, async (path) => {
    const shown = displayPath(opts.repoRoot, path);
    if (!opts.execute)
      return { path, shown, notebook: parseNotebook(readFileSync(path, "utf8"), shown), executeMs: null };
    const t0 = Date.now();
    opts.log(`executing ${shown}`);
    const run = await executeNotebook(path, {
      repoRoot: opts.repoRoot,
      kernelName: opts.kernelName ?? kernelOf(readFileSync(path, "utf8")),
      timeoutS: opts.timeoutS,
      displayName: shown,
    }).catch((error: Error) => {
      throw new NotebookExecutionError(shown, null, "", error.message);
    });
    for (const note of run.notes ?? []) opts.log(note); // outputs cut to the limits, also noted on the page
    const error = notebookExecutionError(run, shown);
    if (error !== null) throw error;
    const notebook = parseNotebook(run.notebookJson, `${shown} (executed)`);
    const executeMs = Date.now() - t0;
    opts.log(`executed ${shown} in ${(executeMs / 1000).toFixed(1)} s`);
    return { path, shown, notebook, executeMs };
  }).finally(closeRenderer);

  // Built in a sibling folder and swapped in (src/dataset/outputFolder.ts), so a failure leaves the previous site.
  let pages: PublishedPage[] = [];
  let recordsRows: number | null = null;
  replaceOutputFolder(
    opts.outDir,
    "site",
    (staging) => {
      pages = notebooks.map(({ path, shown, notebook, executeMs }) =>
        writeNotebookPage(staging, path, shown, notebook, executeMs, opts),
      );
      // Summary, records table and downloads: each folder read once, as one version (siteDownloads.ts).
      const inputs = readSiteInputs(opts.summaryPath, opts.recordsPath);
      recordsRows = writeRecordsPage(staging, opts, inputs.records.toString("utf8"));
      const summary = parseSummary(inputs.summary.toString("utf8"), opts.summaryPath);
      writeFileSync(
        join(staging, "index.html"),
        renderIndexPage({
          title: opts.title,
          summary,
          summaryPath: displayPath(opts.repoRoot, opts.summaryPath),
          notebooks: pages,
          records: recordsRows === null ? null : { href: "records.html", rowCount: recordsRows },
          build: buildInfo(opts.repoRoot),
          downloads: copySiteDownloads(staging, inputs),
          pairRows: readAnswerInputs(dirname(opts.summaryPath)).pairRows,
        }),
      );
      copyAssets(staging);
    },
    opts.log,
  );
  return {
    outDir: opts.outDir,
    pages,
    recordsRows,
    totalMs: Date.now() - started,
    siteBytes: directoryBytes(opts.outDir),
  };
}

/** Throws naming `path` unless it is a regular file. */
function requireFile(path: string, what: string): void {
  let ok = false;
  try {
    ok = statSync(path).isFile();
  } catch {
    ok = false;
  }
  if (!ok) throw new Error(`${terminalText(path)}: ${what} not found`);
}

/** The file in a notebooks folder that names the notebooks to publish (the project's own: notebooks/manifest.json). */
const NOTEBOOK_MANIFEST = "manifest.json";

/**
 * The notebooks to execute and publish from `dir`: those its manifest.json lists (`{ "notebooks": ["01-x.ipynb", ...]
 * }`), so a scratch notebook saved beside them (an Untitled.ipynb) is never run by publishing or `npm start`; a folder
 * without a manifest (a user's own --notebooks folder) publishes every *.ipynb in it. Sorted by name.
 */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`${terminalText(dir)}: notebooks folder (--notebooks) not found`);
  const manifestPath = join(dir, NOTEBOOK_MANIFEST);
  if (existsSync(manifestPath)) {
    let names: unknown;
    try {
      names = (JSON.parse(readFileSync(manifestPath, "utf8")) as { notebooks?: unknown }).notebooks;
    } catch (e) {
      throw new Error(`${terminalText(manifestPath)}: not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(names) || names.some((n) => typeof n !== "string" || !n.endsWith(".ipynb") || n.includes("/")))
      throw new Error(
        `${terminalText(manifestPath)}: expected { "notebooks": ["name.ipynb", ...] } (file names in this folder)`,
      );
    for (const name of names as string[])
      if (!existsSync(join(dir, name)))
        throw new Error(`${terminalText(manifestPath)}: lists ${terminalText(name)}, which is not in the folder`);
    return [...(names as string[])].sort().map((name) => join(dir, name));
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb") && !name.startsWith("."))
    .sort()
    .map((name) => join(dir, name));
}

function writeNotebookPage(
  staging: string,
  path: string,
  shown: string,
  notebook: Notebook,
  executeMs: number | null,
  opts: PublishOptions,
): PublishedPage {
  const stem = basename(path, ".ipynb").replace(/[^A-Za-z0-9._-]+/g, "-");
  if (reservedPages.has(stem.toLowerCase()))
    throw new Error(`${shown}: the page name ${stem}.html is reserved for the site; rename the notebook`);
  const page = renderNotebookPage(notebook, { noInput: opts.noInput, sourcePath: shown, homeHref: "index.html" });
  const href = `${stem}.html`;
  if (existsSync(join(staging, href))) throw new Error(`${shown}: another notebook also maps to ${href}`);
  writeFileSync(join(staging, href), page.html);
  return { href, title: page.title, sourcePath: shown, chartCount: page.chartCount, executeMs };
}

function writeRecordsPage(staging: string, opts: PublishOptions, text: string): number | null {
  const shown = displayPath(opts.repoRoot, opts.recordsPath);
  const records = parseCsv(text, shown);
  writeFileSync(join(staging, "records.html"), renderRecordsPage(records, shown));
  return records.rows.length;
}

// plotly.js is served once from assets/, never inlined per chart and never from a CDN: each bundle that a written page
// loads (renderPage.ts picks it per page), and no other.
function copyAssets(staging: string): void {
  const assets = join(staging, "assets");
  mkdirSync(assets);
  const pages = readdirSync(staging)
    .filter((name) => name.endsWith(".html"))
    .map((name) => readFileSync(join(staging, name), "utf8"));
  for (const { module, file } of Object.values(sitePlotlyBundles)) {
    if (pages.some((html) => html.includes(`<script src="assets/${file}">`)))
      copyFileSync(require.resolve(module), join(assets, file));
  }
  for (const name of ["site.css", "site.js"]) copyFileSync(join(__dirname, "assets", name), join(assets, name));
}

function kernelOf(text: string): string {
  try {
    const name = (JSON.parse(text) as Notebook).metadata?.kernelspec?.name;
    return typeof name === "string" && name !== "" ? name : "tslab";
  } catch {
    return "tslab";
  }
}

function displayPath(repoRoot: string, path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith("..") ? path : rel;
}

export function directoryBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? directoryBytes(path) : stat.size;
  }
  return total;
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: { index: number; error: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        errors.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  // With several workers, report the failure of the first notebook in order, not the first to finish.
  if (errors.length > 0) throw errors.sort((a, b) => a.index - b.index)[0].error;
  return results;
}

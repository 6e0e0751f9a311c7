// `npm run notebooks`: re-executes notebooks (default: every notebooks/*.ipynb) with the tslab kernel and saves them
// with their outputs, so they read well on GitHub. Exits 1 if any notebook has a problem (see notebookProblems).
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { closeRenderer } from "../src/notebook/renderFigurePng";
import { executeNotebook } from "../src/notebook/executeNotebook";
import { repoRoot } from "../src/notebook/jupyterEnv";
import { notebookProblems } from "../src/notebook/notebookProblems";

async function main(): Promise<void> {
  const dir = join(repoRoot, "notebooks");
  const paths = process.argv.length > 2 ? process.argv.slice(2).map((p) => resolve(p)) : readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f));
  let bad = 0;
  for (const path of paths) {
    const run = await executeNotebook(path, { writeTo: path });
    const problems = notebookProblems(run);
    console.log(`${path}: ${run.elapsedS.toFixed(1)} s, ${problems.length} problems`);
    for (const p of problems) console.log(`  cell ${p.cell}: ${p.kind}: ${p.message}`);
    if (problems.length > 0) bad++;
  }
  await closeRenderer();
  process.exitCode = bad > 0 ? 1 : 0;
}

void main();

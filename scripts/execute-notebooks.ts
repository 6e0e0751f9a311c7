// `npm run notebooks`: re-executes notebooks (default: those notebooks/manifest.json lists) with the tslab kernel and
// saves them with their outputs, so they read well on GitHub. Exits 1 if any notebook has a problem (see
// notebookProblems).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { closeRenderer } from "../src/notebook/renderFigurePng";
import { executeNotebook } from "../src/notebook/executeNotebook";
import { repoRoot } from "../src/notebook/jupyterEnv";
import { notebookProblems } from "../src/notebook/notebookProblems";
import { listNotebooks } from "../src/publish/publishSite";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";

const COMMAND = defineCommand({
  command: "npm run notebooks --",
  summary:
    "Re-executes notebooks (default: those notebooks/manifest.json lists) headlessly with the tslab kernel and " +
    "saves each with its " +
    "outputs. Exits 1 if any notebook has a problem (an error output, a failed cell).",
  positionals: "[notebook.ipynb ...]",
  options: {
    build: {
      type: "boolean",
      description: "compile src/ to build/ first, as notebooks import ../build (npm run notebooks passes it)",
    },
  },
});

async function main(): Promise<void> {
  const { values, positionals } = parseCommandOrExit(COMMAND, process.argv.slice(2));
  const dir = join(repoRoot, "notebooks");
  // Default: the project's own notebooks (notebooks/manifest.json), never a scratch notebook saved beside them.
  const paths = positionals.length > 0 ? positionals.map((p) => resolve(p)) : listNotebooks(dir);
  for (const path of paths) if (!existsSync(path)) throw new Error(`${path}: notebook not found`);
  if (values.build) execFileSync("bash", [join(repoRoot, "scripts", "build.sh")], { stdio: "inherit" });
  let bad = 0;
  for (const path of paths) {
    const run = await executeNotebook(path, { writeTo: path });
    const problems = notebookProblems(run);
    console.log(`${path}: ${run.elapsedS.toFixed(1)} s, ${problems.length} problems`);
    for (const p of problems) console.log(`  cell ${p.cell}: ${p.kind}: ${p.message}`);
    for (const note of run.notes ?? []) console.log(`  ${note}`);
    if (problems.length > 0) bad++;
  }
  await closeRenderer();
  process.exitCode = bad > 0 ? 1 : 0;
}

main().catch((e: Error) => {
  console.error(`notebooks: ${e.message}`);
  process.exitCode = 1;
});

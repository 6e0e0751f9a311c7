// Publish time and site size, against a named reference run in the same session: nbconvert's own
// `--execute --to html` (Debian's nbconvert 6.5, lab template) on the same notebooks, one after another.
// Usage: npx tsx bench/publish.ts [notebooksDir=notebooks] [--concurrency N (default: one per core, as npm run
// publish)]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureTslabKernel, listNotebooks, publishSite } from "../src";
import { jupyterEnv, jupyterPython } from "../src/notebook/jupyterEnv";
import { directoryBytes } from "../src/publish/publishSite";
import { defaultConcurrency } from "../src/publish/publishOptions";
import { defineCommand, integerOption, parseCommandOrExit } from "../src/cli/args";

async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, "..");
  const { values, positionals } = parseCommandOrExit(
    defineCommand({
      command: "npx tsx bench/publish.ts",
      summary:
        "Times the publish (execute + render) of a notebooks folder against nbconvert --execute --to html on " +
        "the same notebooks.",
      positionals: "[notebooksDir (default notebooks/)]",
      options: {
        concurrency: {
          type: "string",
          value: "n",
          description: `notebooks executed at the same time, 1 to 16 (default ${defaultConcurrency()}, one per core)`,
        },
      },
    }),
    process.argv.slice(2),
  );
  const concurrency = integerOption("concurrency", values.concurrency, 1, 16) ?? defaultConcurrency();
  const notebooksDir = resolve(positionals[0] ?? join(repoRoot, "notebooks"));
  const notebooks = listNotebooks(notebooksDir);
  if (notebooks.length === 0) throw new Error(`no notebooks in ${notebooksDir}`);
  ensureTslabKernel(repoRoot);
  const tmp = mkdtempSync(join(tmpdir(), "bench-publish-"));
  try {
    const t0 = Date.now();
    const result = await publishSite({ repoRoot, notebooksDir, outDir: join(tmp, "site"), concurrency });
    const publishS = (Date.now() - t0) / 1000;

    const t1 = Date.now();
    for (const notebook of notebooks) {
      execFileSync(
        jupyterPython(),
        ["-m", "nbconvert", "--execute", "--to", "html", "--output-dir", join(tmp, "nbconvert"), notebook],
        {
          env: jupyterEnv(repoRoot),
          stdio: "ignore",
        },
      );
    }
    const referenceS = (Date.now() - t1) / 1000;
    const referenceBytes = directoryBytes(join(tmp, "nbconvert"));

    console.log(`notebooks: ${notebooks.length} in ${notebooksDir}`);
    for (const page of result.pages) {
      console.log(
        `  ${page.sourcePath}: executed in ${((page.executeMs ?? 0) / 1000).toFixed(1)} s, ${page.chartCount} chart(s)`,
      );
    }
    const assetsMb = directoryBytes(join(tmp, "site", "assets")) / 1e6;
    console.log(
      `publishSite ` +
        `(concurrency ${concurrency}): ${publishS.toFixed(1)} s, site ${(result.siteBytes / 1e6).toFixed(2)} MB ` +
        `(assets ${assetsMb.toFixed(2)} MB of it)`,
    );
    console.log(
      `reference nbconvert --execute --to html: ${referenceS.toFixed(1)} s, ${(referenceBytes / 1e6).toFixed(2)} MB`,
    );
    console.log(`ratio publishSite / reference: ${(publishS / referenceS).toFixed(2)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});

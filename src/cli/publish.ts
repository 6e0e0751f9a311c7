// npm run publish [-- --no-input] [--no-execute] [--out DIR] [--concurrency N] (--help lists the options)
// Executes every notebook in notebooks/ and writes site/ (see src/publish/publishSite.ts).
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { publishSite } from "../publish/publishSite";
import { defaultCellTimeoutS } from "../notebook/executeNotebook";
import { defaultConcurrency, defaultRepoRoot, type PublishOptions } from "../publish/publishOptions";
import { terminalText } from "../terminalText";
import { defineCommand, integerOption, nonEmpty, runCommand, UsageError, type ParsedCommand } from "./args";

const PUBLISH_COMMAND = defineCommand({
  command: "npm run publish --",
  summary:
    "Executes the notebooks (those the folder's manifest.json lists, else every *.ipynb) each in a fresh kernel " +
    "and writes the static site (one page per notebook, an index from the results " +
    "summary, the records table), built beside the site folder and swapped in whole; a failure leaves the " +
    "previous site. " +
    "The site folder must be absent, empty or an earlier site.",
  options: {
    out: { type: "string", value: "dir", description: "site folder to write (default site/)" },
    notebooks: {
      type: "string",
      value: "dir",
      description: "folder of the notebooks to publish (default notebooks/, whose manifest.json lists the project's)",
    },
    summary: {
      type: "string",
      value: "file",
      description: "results summary for the index page (default results/summary.json)",
    },
    records: {
      type: "string",
      value: "file",
      description: "records table for records.html (default data/speedrun/records.csv)",
    },
    "no-input": { type: "boolean", description: "leave code cells out of the pages" },
    "no-execute": { type: "boolean", description: "render the notebooks' saved outputs without running them" },
    concurrency: {
      type: "string",
      value: "n",
      description: `notebooks executed at the same time, 1 to 16 (default one per core: ${defaultConcurrency()} here)`,
    },
    timeout: {
      type: "string",
      value: "seconds",
      description:
        `time limit per cell, 1 to 86400 ` +
        `(default ${defaultCellTimeoutS()}` +
        (process.env.SPEEDRUN_CELL_TIMEOUT_S ? ", from SPEEDRUN_CELL_TIMEOUT_S" : "") +
        ")",
    },
    build: {
      type: "boolean",
      description:
        "compile src/ to build/ first, as notebooks import ../build (npm run publish compiles before it starts)",
    },
  },
});

function publishOptions({ values }: ParsedCommand<typeof PUBLISH_COMMAND.options>): Partial<PublishOptions> {
  const options: { -readonly [K in keyof PublishOptions]?: PublishOptions[K] } = {};
  if (values["no-input"]) options.noInput = true;
  if (values["no-execute"]) options.execute = false;
  const path = (name: "out" | "notebooks" | "summary" | "records") => {
    const v = nonEmpty(name, values[name]);
    return v === undefined ? undefined : resolve(v);
  };
  options.outDir = path("out");
  options.notebooksDir = path("notebooks");
  options.summaryPath = path("summary");
  options.recordsPath = path("records");
  options.concurrency = integerOption("concurrency", values.concurrency, 1, 16);
  options.timeoutS = integerOption("timeout", values.timeout, 1, 86_400);
  return options;
}

async function main(args: ParsedCommand<typeof PUBLISH_COMMAND.options>): Promise<void> {
  const options = publishOptions(args);
  if (args.values.build) execFileSync("bash", [resolve(defaultRepoRoot, "scripts", "build.sh")], { stdio: "inherit" });
  const result = await publishSite({ ...options, log: (line) => console.log(`publish: ${terminalText(line)}`) });
  const executedMs = result.pages.reduce((sum, page) => sum + (page.executeMs ?? 0), 0);
  console.log(
    `publish: wrote ${terminalText(result.outDir)}: ${result.pages.length} notebook ` +
      `page(s)${result.recordsRows === null ? "" : `, records table (${result.recordsRows} rows)`}, ` +
      `${(result.siteBytes / 1e6).toFixed(2)} MB; notebooks executed in ${(executedMs / 1000).toFixed(1)} s, ` +
      `total ${(result.totalMs / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  void runCommand(PUBLISH_COMMAND, process.argv.slice(2), main, (error) =>
    error instanceof UsageError ? error.message : `publish failed (the previous site is unchanged): ${error.message}`,
  );
}

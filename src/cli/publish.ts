// npm run publish [-- --no-input] [--no-execute] [--out DIR] [--concurrency N]
// Executes every notebook in notebooks/ and writes site/ (see src/publish/publishSite.ts).
import { publishSite } from "../publish/publishSite";
import type { PublishOptions } from "../publish/publishOptions";

function parseArgs(argv: readonly string[]): Partial<PublishOptions> {
  const options: { -readonly [K in keyof PublishOptions]?: PublishOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value after ${arg}`);
      return v;
    };
    if (arg === "--no-input") options.noInput = true;
    else if (arg === "--no-execute") options.execute = false;
    else if (arg === "--out") options.outDir = value();
    else if (arg === "--notebooks") options.notebooksDir = value();
    else if (arg === "--summary") options.summaryPath = value();
    else if (arg === "--records") options.recordsPath = value();
    else if (arg === "--concurrency") options.concurrency = Number(value());
    else if (arg === "--timeout") options.timeoutS = Number(value());
    else throw new Error(`unknown argument: ${arg} (expected --no-input, --no-execute, --out, --notebooks, --summary, --records, --concurrency, --timeout)`);
  }
  return options;
}

async function main(): Promise<void> {
  const result = await publishSite({ ...parseArgs(process.argv.slice(2)), log: (line) => console.log(`publish: ${line}`) });
  const executedMs = result.pages.reduce((sum, page) => sum + (page.executeMs ?? 0), 0);
  console.log(
    `publish: wrote ${result.outDir}: ${result.pages.length} notebook page(s)${result.recordsRows === null ? "" : `, records table (${result.recordsRows} rows)`}, ` +
      `${(result.siteBytes / 1e6).toFixed(2)} MB; notebooks executed in ${(executedMs / 1000).toFixed(1)} s, total ${(result.totalMs / 1000).toFixed(1)} s`,
  );
}

main().catch((error: Error) => {
  console.error(`publish failed (the previous site is unchanged): ${error.message}`);
  process.exitCode = 1;
});

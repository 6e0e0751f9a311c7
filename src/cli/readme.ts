// npm run readme: rewrites the README's answer block from results/ (summary.json, transfer_pairs.csv) and draws the
// chart beside it (docs/headline.png, the index page's headline chart, by the project's Chromium renderer). `npm start`
// runs it after the analysis. --check only compares and exits 1 when the block is stale.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { closeRenderer, renderFigurePng } from "../notebook/renderFigurePng";
import { headlineFigure } from "../plot/headlineFigure";
import { answerFacts, readAnswerInputs } from "../publish/answerFacts";
import { currentAnswerBlock, HEADLINE_PNG, renderAnswerMarkdown, replaceAnswerBlock } from "../publish/readmeAnswer";
import { defineCommand, nonEmpty, runCommand, type ParsedCommand } from "./args";

const repoRoot = resolve(__dirname, "..", "..");

const README_COMMAND = defineCommand({
  command: "npm run readme --",
  summary: `Rewrites the answer block at the top of README.md from results/ and draws ${HEADLINE_PNG} beside it.`,
  options: {
    results: { type: "string", value: "dir", description: "results folder to read (default results/)" },
    check: { type: "boolean", description: "only compare: exit 1 when README.md's block differs from the results" },
    "no-chart": { type: "boolean", description: `leave ${HEADLINE_PNG} as it is` },
  },
});

async function main({ values }: ParsedCommand<typeof README_COMMAND.options>): Promise<number> {
  const resultsDir = resolve(nonEmpty("results", values.results) ?? join(repoRoot, "results"));
  const { summary, pairRows } = readAnswerInputs(resultsDir);
  const block = renderAnswerMarkdown(answerFacts(summary, pairRows));
  const readmePath = join(repoRoot, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  if (values.check === true) {
    if (currentAnswerBlock(readme) !== block) {
      console.error("README.md: the answer block is stale: run `npm run readme`");
      return 1;
    }
    console.log("README.md: the answer block matches results/");
    return 0;
  }
  const next = replaceAnswerBlock(readme, block);
  if (next !== readme) writeFileSync(readmePath, next);
  console.log(`readme: answer block ${next === readme ? "unchanged" : "rewritten"}`);
  const figure = values["no-chart"] === true || summary === null ? null : headlineFigure(summary);
  if (figure !== null) {
    const png = await renderFigurePng(figure);
    await closeRenderer();
    mkdirSync(dirname(join(repoRoot, HEADLINE_PNG)), { recursive: true });
    writeFileSync(join(repoRoot, HEADLINE_PNG), png);
    console.log(`readme: drew ${HEADLINE_PNG} (${png.length} bytes)`);
  }
  return 0;
}

if (require.main === module) void runCommand(README_COMMAND, process.argv.slice(2), main);

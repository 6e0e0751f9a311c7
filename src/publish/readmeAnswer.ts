// The README's answer block: the first thing a visitor on GitHub reads. Generated from the results through answerFacts
// (the one adapter from the summary to the answer), between two marker comments that `npm start` rewrites
// (src/cli/readme.ts); test/publish/readmeAnswer.test.ts fails when the committed block differs from the results.
import type { AnswerFacts } from "./answerFacts";

export const ANSWER_BEGIN =
  "<!-- answer:begin (generated from results/ by `npm start`; edit src/publish/readmeAnswer.ts) -->";
export const ANSWER_END = "<!-- answer:end -->";
/** The chart beside the answer, relative to the repository root. */
export const HEADLINE_PNG = "docs/headline.png";

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** A prose paragraph wrapped at spaces to lines of at most `width` characters (the README keeps lines short). */
function wrapProse(paragraph: string, width = 118): string {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** The block between the markers (markers excluded). */
export function renderAnswerMarkdown(facts: AnswerFacts): string {
  const out = ["## The answer", ""];
  out.push(facts.verdict === "" ? "No results yet: run `npm start`." : wrapProse(facts.verdict), "");
  if (facts.rows.length > 0) {
    out.push(
      "| model size | what is compared | multiplier (less compute to the same loss) | how it is known |",
      "|---|---|---|---|",
    );
    for (const r of facts.rows)
      out.push(`| ${cell(r.size)} | ${cell(r.comparison)} | ${cell(r.value)} | ${cell(r.kind)} |`);
    out.push("");
  }
  if (facts.assumption !== "") out.push(wrapProse(`Extrapolation: ${facts.assumption}.`), "");
  out.push(
    wrapProse(
      "≥ is a lower bound, ≤ an upper bound (a run that did not reach the target, or reached it mid-schedule): " +
        "the scale model " +
        "uses them as bounds, never as points. Every pair at every size: `results/transfer_pairs.csv` and " +
        "notebook 04; all " +
        "numbers: `results/summary.json`.",
    ),
    "",
    `![Today's recipe carried across compute by the scale model, with its 95% prediction interval](${HEADLINE_PNG})`,
  );
  return out.join("\n");
}

/** `readme` with the block between the markers replaced; throws when the markers are missing or out of order. */
export function replaceAnswerBlock(readme: string, block: string): string {
  const begin = readme.indexOf(ANSWER_BEGIN);
  const end = readme.indexOf(ANSWER_END);
  if (begin < 0 || end < begin)
    throw new Error(`README.md: the answer markers are missing (${ANSWER_BEGIN} ... ${ANSWER_END})`);
  return `${readme.slice(0, begin + ANSWER_BEGIN.length)}\n${block}\n${readme.slice(end)}`;
}

/** The block currently between the markers, or null. */
export function currentAnswerBlock(readme: string): string | null {
  const begin = readme.indexOf(ANSWER_BEGIN);
  const end = readme.indexOf(ANSWER_END);
  if (begin < 0 || end < begin) return null;
  return readme
    .slice(begin + ANSWER_BEGIN.length, end)
    .replace(/^\n/, "")
    .replace(/\n$/, "");
}

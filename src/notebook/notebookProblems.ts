// What is wrong with a notebook run. A zero exit code proves nothing with tslab: it reports errors only as stderr
// text and aborts the cells queued behind a failure, so every cell's status and outputs are inspected.
import type { CellRun, NotebookRun } from "./executeNotebook";
import { plotlyMime } from "./show";
import { stripAnsi } from "./stripAnsi";

export interface NotebookProblem {
  readonly cell: number;
  readonly kind:
    | "failure"
    | "error"
    | "missing-error"
    | "aborted"
    | "not-run"
    | "empty-cell"
    | "stderr"
    | "stderr-error"
    | "missing-chart"
    | "missing-table"
    | "missing-output";
  readonly message: string;
}

// tslab's compile errors: `1:7 - Type 'string' is not assignable ...`; runtime errors print the Error's stack, whose
// header is `Name: message` (`Error [ERR_X]: ...` for Node's coded errors). A warning that merely mentions "error"
// does not match.
const stderrErrorPatterns = [
  /^\s*(?:\S+ )?\d+:\d+ - /m,
  /^\s*(?:Uncaught )?[A-Za-z]*(?:Error|Exception)(?: \[[^\]]*\])?: /m,
];

/** Whether stderr text reads like an error (tslab without the error-output patch reports errors only this way). */
function isErrorText(text: string): boolean {
  const plain = stripAnsi(text);
  return stderrErrorPatterns.some((pattern) => pattern.test(plain));
}

function firstLine(s: string): string {
  const line = s.trim().split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Everything wrong with a run: nbclient failures (at the cell that was running, or cell -1), error replies or outputs,
 * aborted or unexecuted code cells, empty code cells, stderr (tslab's only error channel; tag a cell `allow-stderr` to
 * permit it, though stderr that reads like an error is still reported, as `stderr-error`), a cell tagged
 * `raises-exception` that does not fail, and missing displays: a
 * cell calling `show(` must display a Plotly spec and a non-empty PNG, one calling `showTable(` an HTML table, and a
 * cell tagged `expect-output` any non-empty output.
 */
export function notebookProblems(run: NotebookRun): NotebookProblem[] {
  const problems: NotebookProblem[] = [];
  if (run.failure) problems.push({ cell: run.failureCell ?? -1, kind: "failure", message: run.failure });
  for (const cell of run.cells) {
    if (cell.cellType !== "code") continue;
    const at = (kind: NotebookProblem["kind"], message: string) => problems.push({ cell: cell.index, kind, message });
    if (cell.source.trim() === "") {
      at("empty-cell", "empty code cell");
      continue;
    }
    // nbclient's convention: a cell tagged raises-exception must fail (tslab aborts the cells after it, so put it
    // last).
    const expectsError = cell.tags.includes("raises-exception");
    if (cell.status === null) {
      if (cell.index !== run.failureCell) at("not-run", "never executed"); // the failure already names that cell
    } else if (cell.status === "abort" || cell.status === "aborted")
      at("aborted", "aborted by the kernel (a cell before it failed)");
    else if (expectsError) {
      if (cell.status !== "error") at("missing-error", "tagged raises-exception but did not fail");
    } else if (cell.status !== "ok" && !cell.outputs.some((o) => o.output_type === "error"))
      at("error", `execute_reply status ${cell.status}`);
    for (const out of cell.outputs) {
      if (out.output_type === "error" && !expectsError) at("error", `${out.ename}: ${out.evalue}`);
      if (out.output_type === "stream" && out.name === "stderr" && !expectsError) {
        if (isErrorText(out.text ?? "")) at("stderr-error", firstLine(stripAnsi(out.text ?? "")));
        else if (!cell.tags.includes("allow-stderr")) at("stderr", firstLine(out.text ?? ""));
      }
    }
    const displays = cell.outputs.filter((o) => o.output_type === "display_data" || o.output_type === "execute_result");
    if (/\bshow\(/.test(cell.source)) {
      const ok = displays.some((o) => {
        const spec = o.data?.[plotlyMime] as { data?: unknown[] } | undefined;
        const png = o.data?.["image/png"];
        return (
          !!spec && Array.isArray(spec.data) && spec.data.length > 0 && typeof png === "string" && png.length > 100
        );
      });
      if (!ok) at("missing-chart", "calls show( but displayed no Plotly figure with a PNG");
    }
    if (/\bshowTable\(/.test(cell.source)) {
      const ok = displays.some(
        (o) => typeof o.data?.["text/html"] === "string" && /<td/.test(o.data["text/html"] as string),
      );
      if (!ok) at("missing-table", "calls showTable( but displayed no non-empty HTML table");
    }
    if (cell.tags.includes("expect-output") && cellText(cell).trim() === "")
      at("missing-output", "tagged expect-output but has no output");
  }
  return problems;
}

/**
 * A cell's outputs as text: streams, the text/plain of displays and results, and errors. For finding printed numbers.
 */
export function cellText(cell: CellRun): string {
  return cell.outputs
    .map((o) => {
      if (o.output_type === "stream") return o.text ?? "";
      if (o.output_type === "error") return `${o.ename}: ${o.evalue}\n`;
      const plain = o.data?.["text/plain"];
      return typeof plain === "string" ? `${plain}\n` : "";
    })
    .join("");
}

/** Every code cell's output text, in order (markdown cells give ""), so a test can look for headline numbers. */
export function cellTexts(run: NotebookRun): string[] {
  return run.cells.map((c) => (c.cellType === "code" ? cellText(c) : ""));
}

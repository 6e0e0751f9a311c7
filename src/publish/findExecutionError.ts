// Where did an executed notebook fail? tslab does not always say so through the execute_reply: it writes compile
// and runtime errors to stderr as plain text and then silently skips the remaining cells. So besides the driver's
// verdict, the outputs themselves are inspected: an `error` output, or a stderr stream that reads like an error.
import { stripAnsi } from "./escapeHtml";
import { joinSource, type Notebook } from "./notebook";

export interface ExecutionError {
  /** 0-based index of the failing cell among all cells. */
  readonly cellIndex: number;
  readonly source: string;
  readonly message: string;
}

// tslab's compile errors: `1:7 - Type 'string' is not assignable ...`; runtime errors print the Error's stack, whose
// header is `Name: message` (`Error [ERR_X]: ...` for Node's coded errors). A warning that merely mentions "error"
// does not match.
const stderrErrorPatterns = [/^\s*(?:\S+ )?\d+:\d+ - /m, /^\s*(?:Uncaught )?[A-Za-z]*(?:Error|Exception)(?: \[[^\]]*\])?: /m];

/** The first failing cell, judged from outputs alone; cells tagged raises-exception (nbclient's tag) are exempt. */
export function findExecutionError(notebook: Notebook): ExecutionError | null {
  for (let cellIndex = 0; cellIndex < notebook.cells.length; cellIndex++) {
    const cell = notebook.cells[cellIndex];
    if (cell.cell_type !== "code") continue;
    if (Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes("raises-exception")) continue;
    const source = joinSource(cell.source);
    for (const output of cell.outputs) {
      if (output.output_type === "error") {
        const traceback = stripAnsi(output.traceback.join("\n")).trim();
        return { cellIndex, source, message: traceback !== "" ? traceback : `${output.ename}: ${output.evalue}` };
      }
      if (output.output_type === "stream" && output.name === "stderr") {
        const text = stripAnsi(joinSource(output.text));
        if (stderrErrorPatterns.some((pattern) => pattern.test(text))) return { cellIndex, source, message: text.trim() };
      }
    }
  }
  return null;
}

/** All stderr text and error outputs of one cell: what the user needs to see when that cell failed. */
export function cellErrorText(notebook: Notebook, cellIndex: number): string {
  const cell = notebook.cells[cellIndex];
  if (cell === undefined || cell.cell_type !== "code") return "";
  return cell.outputs
    .map((output) => {
      if (output.output_type === "error") return stripAnsi(output.traceback.join("\n")) || `${output.ename}: ${output.evalue}`;
      if (output.output_type === "stream" && output.name === "stderr") return stripAnsi(joinSource(output.text));
      return "";
    })
    .filter((text) => text.trim() !== "")
    .join("\n")
    .trim();
}

// Why a notebook cannot be published: the first problem of its run (src/notebook's executeNotebook and
// notebookProblems, the same harness the notebook tests use) that means it did not run through, as an error naming the
// notebook, the cell and the error text.
import type { CellRun, NotebookRun } from "../notebook/executeNotebook";
import { notebookProblems, type NotebookProblem } from "../notebook/notebookProblems";
import { stripAnsi } from "../notebook/stripAnsi";

export class NotebookExecutionError extends Error {
  constructor(
    readonly notebookPath: string,
    readonly cellIndex: number | null,
    readonly cellSource: string,
    readonly errorText: string,
  ) {
    super(
      cellIndex === null
        ? `${notebookPath}: execution failed: ${errorText}`
        : `${notebookPath}: cell ${cellIndex + 1} failed:\n--- ` +
            `cell ${cellIndex + 1} ---\n${cellSource.trim()}\n--- error ---\n${errorText}`,
    );
    this.name = "NotebookExecutionError";
  }
}

// What stops a publish: the notebook did not run through. Stray stderr warnings, empty cells, an unmet
// raises-exception and missing charts, tables or outputs make the notebook tests fail but still leave a page that
// shows what the notebook did, so they do not.
const stoppingKinds: ReadonlySet<NotebookProblem["kind"]> = new Set([
  "failure",
  "error",
  "aborted",
  "not-run",
  "stderr-error",
]);

/** The error for the first stopping problem of `run` (lowest cell first), or null if the notebook ran through. */
export function notebookExecutionError(run: NotebookRun, notebookName: string): NotebookExecutionError | null {
  const problem = notebookProblems(run)
    .filter((p) => stoppingKinds.has(p.kind))
    .sort((a, b) => a.cell - b.cell)[0];
  if (problem === undefined) return null;
  const cell = run.cells[problem.cell];
  if (cell === undefined) return new NotebookExecutionError(notebookName, null, "", problem.message);
  // nbclient's own failure says what happened (a cell timeout, a dead kernel); the cell's error text says why.
  const text = [problem.kind === "failure" ? problem.message.trim() : "", cellErrorText(cell)]
    .filter((part) => part !== "")
    .join("\n");
  return new NotebookExecutionError(notebookName, cell.index, cell.source, text || problem.message);
}

/** A cell's error outputs (their tracebacks) and stderr text: what the user needs to see when that cell failed. */
function cellErrorText(cell: CellRun): string {
  return cell.outputs
    .map((output) => {
      if (output.output_type === "error")
        return stripAnsi((output.traceback ?? []).join("\n")) || `${output.ename}: ${output.evalue}`;
      if (output.output_type === "stream" && output.name === "stderr") return stripAnsi(output.text ?? "");
      return "";
    })
    .filter((text) => text.trim() !== "")
    .join("\n")
    .trim();
}

// The slice of nbformat v4 (https://nbformat.readthedocs.io/en/latest/format_description.html) that the publisher
// reads. Multi-line strings may be stored as arrays of lines; `joinSource` undoes that.

export type MultilineString = string | readonly string[];

export interface StreamOutput {
  readonly output_type: "stream";
  readonly name: "stdout" | "stderr";
  readonly text: MultilineString;
}

export interface DisplayOutput {
  readonly output_type: "display_data" | "execute_result";
  /** The MIME bundle: text types may be line arrays, binary images are base64, JSON types are objects. */
  readonly data: { readonly [mimeType: string]: unknown };
  readonly metadata?: { readonly [key: string]: unknown };
  readonly execution_count?: number | null;
}

export interface ErrorOutput {
  readonly output_type: "error";
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}

export type Output = StreamOutput | DisplayOutput | ErrorOutput;

export interface CellMetadata {
  readonly tags?: readonly string[];
  readonly [key: string]: unknown;
}

export interface CodeCell {
  readonly cell_type: "code";
  readonly source: MultilineString;
  readonly metadata: CellMetadata;
  readonly execution_count: number | null;
  readonly outputs: readonly Output[];
}

export interface TextCell {
  readonly cell_type: "markdown" | "raw";
  readonly source: MultilineString;
  readonly metadata: CellMetadata;
  /** Images pasted into a markdown cell: name -> MIME bundle (base64). */
  readonly attachments?: { readonly [name: string]: { readonly [mimeType: string]: unknown } };
}

export type Cell = CodeCell | TextCell;

export interface Notebook {
  readonly cells: readonly Cell[];
  readonly metadata: {
    readonly kernelspec?: { readonly name?: string; readonly display_name?: string };
    readonly [key: string]: unknown;
  };
  readonly nbformat: number;
  readonly nbformat_minor: number;
}

export function joinSource(source: MultilineString | undefined): string {
  if (source === undefined) return "";
  return typeof source === "string" ? source : source.join("");
}

/** Parses notebook JSON, checking just enough structure that rendering cannot trip over it. */
export function parseNotebook(text: string, file: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const nb = json as Partial<Notebook>;
  if (typeof nb !== "object" || nb === null || nb.nbformat !== 4) {
    throw new Error(`${file}: expected an nbformat 4 notebook, got nbformat ${JSON.stringify(nb?.nbformat)}`);
  }
  if (!Array.isArray(nb.cells)) throw new Error(`${file}: "cells" is not an array`);
  nb.cells.forEach((cell: Partial<Cell>, index: number) => {
    const where = `${file}: cell ${index + 1}`;
    if (cell.cell_type !== "code" && cell.cell_type !== "markdown" && cell.cell_type !== "raw") {
      throw new Error(`${where}: unknown cell_type ${JSON.stringify(cell.cell_type)}`);
    }
    if (cell.cell_type === "code" && !Array.isArray((cell as Partial<CodeCell>).outputs)) {
      throw new Error(`${where}: code cell without an "outputs" array`);
    }
  });
  return {
    cells: nb.cells.map((cell) => ({ ...cell, metadata: cell.metadata ?? {} }) as Cell),
    metadata: nb.metadata ?? {},
    nbformat: 4,
    nbformat_minor: nb.nbformat_minor ?? 0,
  };
}

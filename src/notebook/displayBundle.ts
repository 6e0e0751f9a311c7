// Sends one multi-MIME display_data message to the notebook. tslab's public `display` sends one MIME type per call, so
// this uses the writer tslab's kernel installs for the running cell (`lastWriteDisplayData` in tslab/dist/jupyter),
// taken from the module cache: the kernel has already loaded it, and loading it ourselves would pull in a TypeScript
// compiler. Outside a kernel (a tsx script, a test) the text/plain part is printed instead.
import { sep } from "node:path";

export interface MimeBundle {
  /** MIME type -> content: strings (base64 for images) or JSON for `application/*+json` types. */
  readonly data: { readonly [mime: string]: unknown };
  readonly metadata?: { readonly [mime: string]: unknown };
}

type WriteDisplayData = (message: { data: unknown; metadata: unknown; transient: unknown }, update: boolean) => void;

const jupyterModuleSuffix = ["tslab", "dist", "jupyter.js"].join(sep);

/**
 * The running cell's display writer, or null outside a tslab kernel. Take it before any await: it follows the running
 * cell.
 */
export function currentDisplayWriter(): ((bundle: MimeBundle) => void) | null {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.endsWith(jupyterModuleSuffix) || !mod) continue;
    const write = (mod.exports as { lastWriteDisplayData?: WriteDisplayData | null }).lastWriteDisplayData;
    if (typeof write === "function") {
      return (bundle) => write({ data: bundle.data, metadata: bundle.metadata ?? {}, transient: {} }, false);
    }
  }
  return null;
}

/** Displays `bundle` in the running cell, or prints its text/plain part outside a kernel. */
export function displayBundle(bundle: MimeBundle, writer = currentDisplayWriter()): void {
  if (writer) writer(bundle);
  else console.log(String(bundle.data["text/plain"] ?? ""));
}

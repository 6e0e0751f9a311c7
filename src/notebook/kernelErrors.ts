// Errors as Jupyter error outputs. tslab 1.0.22 prints a failing cell's error (message and stack) to stderr and replies
// `status: "error"` with no ename, evalue or traceback, so front ends show no error output, nbclient reports an empty
// error, and the cells queued behind it are aborted without a word. Inside a tslab kernel, importing the library
// patches tslab's ZmqServer.handleExecute (from the next cell on) so that the error text tslab writes last becomes an
// `error` output (ename, evalue, traceback = the stack) and the execute_reply carries the same fields. Other stderr
// output passes through unchanged; each stderr write is held back only until the next output or the end of the cell.
import { sep } from "node:path";

/** The tslab version whose internals this patch was written against; any other version is left alone. */
export const patchedTslabVersion = "1.0.22";

export interface ErrorFields {
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}

/** Splits the text tslab prints for a failed cell (util.inspect of the error, or a type-check diagnostic). */
/** Stack frames of the kernel itself (node:vm, tslab, this patch): noise below the user's own frames. */
const kernelFrame = /^\s+at (?:.*\(node:vm:|.*[\\/]tslab[\\/]dist[\\/]|.*kernelErrors\.[jt]s:|sigintHandlersWrap )/;

export function parseErrorText(text: string): ErrorFields {
  const lines = text
    .replace(/\s+$/, "")
    .split("\n")
    .filter((l) => !kernelFrame.test(l));
  const first = lines[0] ?? "";
  const diagnostic = /^(?:\S+ )?\d+:\d+ - (.*)$/.exec(first);
  if (diagnostic) return { ename: "TypeScriptError", evalue: diagnostic[1], traceback: lines };
  // util.inspect of a synchronously thrown error may open with the source location, the code line and a caret; the
  // "Name: message" line is the one followed by the stack.
  const named = /^([A-Za-z_$][\w$]*)(?: \[[^\]]*\])?: (.*)$/;
  const at = lines.findIndex((l, i) => named.test(l) && (lines[i + 1] ?? "").startsWith("    at "));
  const header = at >= 0 ? at : lines.findIndex((l) => named.test(l));
  if (header >= 0) {
    const m = named.exec(lines[header]) as RegExpExecArray;
    return { ename: m[1], evalue: m[2], traceback: lines };
  }
  return { ename: "Error", evalue: first, traceback: lines };
}

interface ZmqMessageLike {
  content: unknown;
  createReply(): { header: { msg_type: string }; content: unknown; signAndSend(key: string, sock: unknown): void };
}
interface ZmqServerLike {
  connInfo: { key: string };
  iopub: unknown;
  handler: {
    handleExecute(
      req: unknown,
      writeStream: (name: string, text: string) => void,
      writeDisplayData: (data: unknown, update: boolean) => void,
    ): Promise<{ status: string; [key: string]: unknown }>;
  };
}

let installed = false;

function loadedTslab(): { jupyter: { ZmqServer: { prototype: unknown } }; version: string } | null {
  const suffix = ["tslab", "dist", "jupyter.js"].join(sep);
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.endsWith(suffix) || !mod) continue;
    const exports = mod.exports as { ZmqServer?: { prototype: unknown }; lastWriteDisplayData?: unknown };
    if (typeof exports.lastWriteDisplayData !== "function" || !exports.ZmqServer) continue;
    const pkg = file.slice(0, -["dist", "jupyter.js"].join(sep).length) + "package.json";
    const version = (require(pkg) as { version: string }).version;
    return { jupyter: exports as { ZmqServer: { prototype: unknown } }, version };
  }
  return null;
}

/**
 * Installs the patch if this process is a tslab kernel of the known version. Returns whether it is (now) installed.
 * Idempotent; called when the library is imported.
 */
export function installKernelErrorOutputs(): boolean {
  if (installed) return true;
  const tslab = loadedTslab();
  if (!tslab || tslab.version !== patchedTslabVersion) return false;
  const proto = tslab.jupyter.ZmqServer.prototype as { handleExecute: (this: ZmqServerLike, sock: unknown, msg: ZmqMessageLike) => Promise<void> };
  proto.handleExecute = async function (this: ZmqServerLike, sock: unknown, msg: ZmqMessageLike): Promise<void> {
    const send = (msgType: string, content: unknown, to: unknown) => {
      const m = msg.createReply();
      m.header.msg_type = msgType;
      m.content = content;
      m.signAndSend(this.connInfo.key, to);
    };
    let heldStderr: string | null = null;
    let done = false; // output written after the cell finished passes straight through
    const flush = () => {
      if (heldStderr !== null) send("stream", { name: "stderr", text: heldStderr }, this.iopub);
      heldStderr = null;
    };
    const writeStream = (name: string, text: string) => {
      flush();
      if (name === "stderr" && !done) heldStderr = text;
      else send("stream", { name, text }, this.iopub);
    };
    const writeDisplayData = (data: unknown, update: boolean) => {
      flush();
      send(update ? "update_display_data" : "display_data", data, this.iopub);
    };
    const content = await this.handler.handleExecute(msg.content, writeStream, writeDisplayData);
    if (content.status === "error" && heldStderr !== null) {
      const fields = parseErrorText(heldStderr);
      heldStderr = null;
      send("error", fields, this.iopub);
      Object.assign(content, fields);
    }
    flush();
    done = true;
    send("execute_reply", content, sock);
  };
  installed = true;
  return true;
}

// Importing the library in a notebook is enough: no set-up cell to forget.
installKernelErrorOutputs();

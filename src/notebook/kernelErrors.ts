// Errors as Jupyter error outputs. tslab 1.0.22 prints a failing cell's error (message and stack) to stderr and replies
// `status: "error"` with no ename, evalue or traceback, so front ends show no error output, nbclient reports an empty
// error, and the cells queued behind it are aborted without a word. Inside a tslab kernel, importing the library
// patches tslab's ZmqServer.handleExecute (from the next cell on) so that the error text tslab writes last becomes an
// `error` output (ename, evalue, traceback = the stack) and the execute_reply carries the same fields. Other stderr
// output passes through unchanged; each stderr write is held back only until the next output or the end of the cell.
import { realpathSync } from "node:fs";
import { join, resolve, sep } from "node:path";

/** The tslab version whose internals this patch was written against; any other version is left alone. */
const patchedTslabVersion = "1.0.22";

interface ErrorFields {
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}

/** Splits the text tslab prints for a failed cell (util.inspect of the error, or a type-check diagnostic). */
/** Stack frames of the kernel itself (node:vm, tslab, this patch): noise below the user's own frames. */
const kernelFrame =
  /^\s+at (?:.*\(node:vm:|.*[\\/]tslab[\\/]dist[\\/]|.*kernel(?:Errors|Executor)\.[jt]s:|sigintHandlersWrap )/;

/**
 * Shows paths relative to the repository (node_modules by its name even where it is a symlink, as in worktrees), so
 * committed error outputs read the same on every machine.
 */
function shortenPaths(line: string): string {
  const root = resolve(__dirname, "..", "..");
  let out = line;
  try {
    const modules = realpathSync(join(root, "node_modules"));
    out = out.split(`${modules}${sep}`).join(`node_modules${sep}`);
  } catch {
    // no node_modules: nothing to shorten
  }
  return out.split(`${root}${sep}`).join("");
}

export function parseErrorText(text: string): ErrorFields {
  const lines = text
    .replace(/\s+$/, "")
    .split("\n")
    .filter((l) => !kernelFrame.test(l))
    .map(shortenPaths);
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

const patchedMark = Symbol.for("speedrun-scaling.kernelErrorOutputs");

type TslabJupyter = { ZmqServer: { prototype: unknown } };

function loadedTslab(): { jupyter: TslabJupyter; version: string } | null {
  const suffix = ["tslab", "dist", "jupyter.js"].join(sep);
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.endsWith(suffix) || !mod) continue;
    const exports = mod.exports as { ZmqServer?: { prototype: unknown }; lastWriteDisplayData?: unknown };
    if (typeof exports.lastWriteDisplayData !== "function" || !exports.ZmqServer) continue;
    return { jupyter: exports as TslabJupyter, version: tslabVersion(file) };
  }
  return null;
}

function tslabVersion(jupyterJsPath: string): string {
  const pkg = jupyterJsPath.slice(0, -["dist", "jupyter.js"].join(sep).length) + "package.json";
  return (require(pkg) as { version: string }).version;
}

/**
 * Patches the tslab that runs this kernel, if it is the known version. Returns whether the patch is (now) in place.
 * Idempotent. The project's kernelspec starts tslab through scripts/tslab-kernel.js, which patches before the first
 * cell (`startup`); importing the library patches a kernel started any other way, from the next cell on. (Cells
 * already queued by "Run All" when the library is imported were dispatched unpatched.)
 */
export function installKernelErrorOutputs(startup = false): boolean {
  let tslab: { jupyter: TslabJupyter; version: string } | null;
  if (startup) {
    const file = require.resolve("tslab/dist/jupyter.js");
    tslab = { jupyter: require(file) as TslabJupyter, version: tslabVersion(file) };
  } else {
    tslab = loadedTslab();
  }
  if (!tslab || tslab.version !== patchedTslabVersion) return false;
  const proto = tslab.jupyter.ZmqServer.prototype as {
    handleExecute: (this: ZmqServerLike, sock: unknown, msg: ZmqMessageLike) => Promise<void>;
    [patchedMark]?: true;
  };
  if (proto[patchedMark]) return true;
  proto[patchedMark] = true;
  proto.handleExecute = async function (this: ZmqServerLike, sock: unknown, msg: ZmqMessageLike): Promise<void> {
    const send = (msgType: string, content: unknown, to: unknown) => {
      const m = msg.createReply();
      m.header.msg_type = msgType;
      m.content = content;
      m.signAndSend(this.connInfo.key, to);
    };
    let heldStderr: string | null = null;
    let holdTimer: NodeJS.Timeout | null = null;
    let done = false; // output written after the cell finished passes straight through
    const flush = () => {
      if (holdTimer) clearTimeout(holdTimer);
      holdTimer = null;
      if (heldStderr !== null) send("stream", { name: "stderr", text: heldStderr }, this.iopub);
      heldStderr = null;
    };
    const writeStream = (name: string, text: string) => {
      flush();
      if (name === "stderr" && !done) {
        heldStderr = text;
        // tslab replies right after printing a failure; a stderr line still held 250 ms later was a progress
        // message, so show it now rather than when the next output comes.
        holdTimer = setTimeout(flush, 250);
      } else send("stream", { name, text }, this.iopub);
    };
    const writeDisplayData = (data: unknown, update: boolean) => {
      flush();
      send(update ? "update_display_data" : "display_data", data, this.iopub);
    };
    const content = await this.handler.handleExecute(msg.content, writeStream, writeDisplayData);
    if (content.status === "error" && heldStderr !== null) {
      const fields = parseErrorText(heldStderr);
      heldStderr = null;
      if (holdTimer) clearTimeout(holdTimer);
      send("error", fields, this.iopub);
      Object.assign(content, fields);
    }
    flush();
    done = true;
    send("execute_reply", content, sock);
  };
  return true;
}

// Importing the library in a notebook is enough: no set-up cell to forget.
installKernelErrorOutputs();

// Every change the project makes to tslab's internals, in one module. tslab has no plug-in interface, so each patch
// replaces a function of tslab 1.0.22's dist/ files (or of the TypeScript module it loads); each says what it fixes and
// carries "checked against tslab 1.0.22". scripts/tslab-kernel.js installs them before the kernel starts
// (installKernelExecutor, installKernelErrorOutputs(true)) and after tslab's startKernel (takeOverAsyncErrorHandlers);
// any other tslab version is left unpatched and the kernel says so on stderr. Patches, in this file's order:
//
// 1. Cell stack frames (TypeScript module shim, vm.runInThisContext): frames of code typed in a cell name the cell and
//    its line, `at f (In[5]:3:9)`, as library frames already point at src/*.ts. tslab compiles a cell twice (TypeScript
//    to ES modules, then to CommonJS) without source maps; both compilations are asked for one and the two are chained.
// 2. Node's global types only (the same shim, createWatchCompilerHost): a cell's program includes only KERNEL_TYPES,
//    not every package under node_modules/@types (mocha's `describe` among them; about 0.1 s per kernel).
// 3. Declarations kept after a run-time error (createExecutor): tslab type-checks each cell against the declarations of
//    the cells before it (`prevDecl`) and updates them only when a cell succeeds, so after
//    `import { x } from "../build"; throw ...` the import is lost to the type checker ("Cannot find name 'x'") although
//    its value was set. Here the converter is handed our own copy of the declarations; after a run-time failure it
//    keeps each declaration of the cell whose value was assigned before the throw (counted on the exports object the
//    cell writes to) and drops the ones the throw skipped, which hold undefined.
// 4. Asynchronous errors fail a cell (createExecutor, takeOverAsyncErrorHandlers): errors thrown outside the cell's own
//    flow (a throw in a timer or event handler, a promise rejected that nobody awaits) fail the cell that was running,
//    with their stack, instead of going to stderr after the cell "succeeded". One raised while no cell runs fails the
//    next cell, which is then not run, naming the cell it came after; the notebook runner sends `asyncErrorProbe` after
//    the last cell to collect those.
// 5. A cell's value is its result (createExecutor's console): tslab prints a cell's last expression to stdout; here it
//    is the cell's execute_result (Out[n]) when patch 8 is in place, and a danfojs DataFrame or Series is displayed as
//    a table (showTable's rendering, see showFrame.ts), as pandas does, instead of an object dump.
// 6. Shell requests wait for the sockets' binds (ZmqServer.init, handleShellMessage): see holdShellUntilBound.
// 7. The renderer's browser closes on shutdown (ZmqServer.close): see closeRendererOnShutdown.
// 8. Errors as Jupyter error outputs (ZmqServer.handleExecute): see installKernelErrorOutputs.
// 9. No output dropped (ZmqServer.init): a cell printing more than about 500 lines at once lost the rest without a
//    word; see queueIopubSends.
// Besides these patches, the kernel loads the chart renderer's browser driver once it has answered its first request
// (in the renderer's worker thread; afterFirstReply.ts), starts the browser then too when it runs in the project's
// notebooks folder, elsewhere as soon as a cell imports the library (before that cell's type check). displayBundle.ts
// reads tslab's `lastWriteDisplayData` (the running cell's display writer) without patching anything.
import { createHmac } from "node:crypto";
import { SourceMap } from "node:module";
import { dirname, resolve, sep } from "node:path";
import { inspect } from "node:util";
import { KERNEL_PORTS_TAKEN_EXIT } from "./jupyterEnv";
import { parseErrorText } from "./kernelErrors";
import { afterFirstReply } from "./afterFirstReply";
import { frameBundle, isFrameLike } from "./showFrame";
import { keepAssignedDeclarations, type TsModule } from "./keptDeclarations";

/** The code the notebook runner executes after the last cell: fails if an error was raised after a cell finished. */
export const asyncErrorProbe = "// speedrun-scaling: asynchronous errors since the last cell?";
/** How long the probe waits for timers still pending after the last cell. */
const probeWaitMs = 1000;

interface Converted {
  output?: string;
  declOutput?: string;
  diagnostics: unknown[];
  [key: string]: unknown;
}
interface Converter {
  convert(prevDecl: string, src: string): Converted;
  inspect(prevDecl: string, src: string, position: number): unknown;
  complete(prevDecl: string, src: string, position: number): unknown;
  [key: string]: unknown;
}
interface ConverterSet {
  readonly node: Converter;
  readonly browser: Converter;
  close(): void;
}
interface Executor {
  execute(src: string): Promise<boolean>;
  inspect(src: string, position: number): unknown;
  complete(src: string, position: number): unknown;
  reset(): void;
  interrupt(): void;
  locals: Record<string, unknown>;
  [key: string]: unknown;
}
type CreateExecutor = (
  rootDir: string,
  convs: ConverterSet,
  console: { log: (...a: unknown[]) => void; error: (...a: unknown[]) => void },
) => Executor;

/**
 * Source maps of one cell: CommonJS -> ES module JavaScript -> the cell's TypeScript (after tslab's one-line prefix).
 */
interface CellMaps {
  readonly cjs: SourceMap;
  readonly esm: SourceMap;
  readonly source: readonly string[];
  /** Lines of the compiled cell; the line after them is tslab's wrapper call, a frame of no interest. */
  readonly compiledLines: number;
  /** Length of tslab's wrapper prefix on the first line (longer for a cell with top-level await). */
  readonly prefixLength: number;
}

const cellMaps = new Map<number, CellMaps>();
let lastTranspile: { esmMap: string | null; cjsMap: string | null } = { esmMap: null, cjsMap: null };
/** tslab wraps the CommonJS in this on the output's first line (executor.js), shifting its columns. */
const wrapperPrefixes = ["(async function(exports, require) { ", "(function(exports, require) { "];

interface AsyncError {
  readonly error: unknown;
  readonly kind: "exception" | "rejection";
}
let running: { count: number; errors: AsyncError[] } | null = null;
let orphans: { error: AsyncError; afterCount: number }[] = [];
let lastCount = 0;
let theExecutor: Executor | null = null;
let installed = false;

/** The @types packages a cell sees without importing anything: Node's globals (process, Buffer, require, ...). */
const KERNEL_TYPES = ["node"];

const inlineMap = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const fileMap = /\n?\/\/# sourceMappingURL=\S+\s*$/;

/**
 * Patches 1 and 2 (checked against tslab 1.0.22, whose converter loads @tslab/typescript-for-tslab 5.0.4).
 * Replaces the TypeScript module tslab loads with a copy whose watch host emits inline source maps and includes only
 * KERNEL_TYPES' globals, and whose transpileModule (tslab's ES module -> CommonJS step, on "custom.js") returns a
 * source map; both maps are kept for the cell and stripped from the code. Must run before tslab/dist/converter.js is
 * loaded.
 */
function installSourceMaps(): void {
  const tslabDir = dirname(require.resolve("tslab/dist/converter.js"));
  const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });
  const real = require(tsPath) as TsModule;
  const shim: Record<string, unknown> = {};
  for (const key of Object.keys(real)) {
    if (key === "createWatchCompilerHost" || key === "transpileModule") continue;
    Object.defineProperty(shim, key, {
      enumerable: true,
      get: () => (real as unknown as Record<string, unknown>)[key],
    });
  }
  Object.defineProperty(shim, "createWatchCompilerHost", {
    enumerable: true,
    value: (...args: unknown[]) => {
      // (rootFiles, options, system, ...): only the options change. tslab sets no `types`, so TypeScript would load
      // every package under node_modules/@types into each cell's program (15 here, most of them dependencies of
      // dependencies: mocha's, WebGL's and node-fetch's globals); only Node's globals are meant. An imported package
      // still finds its @types package: `types` limits only what is included without an import.
      if (Array.isArray(args[0]) && args[1] && typeof args[1] === "object") {
        const options = args[1] as { types?: string[] };
        args[1] = { ...options, inlineSourceMap: true, sourceMap: false, types: options.types ?? KERNEL_TYPES };
      }
      return (real.createWatchCompilerHost as (...a: unknown[]) => unknown)(...args);
    },
  });
  Object.defineProperty(shim, "transpileModule", {
    enumerable: true,
    value: (input: string, options: import("typescript").TranspileOptions) => {
      if (options.fileName !== "custom.js") return real.transpileModule(input, options);
      const m = inlineMap.exec(input);
      const code = m ? input.slice(0, m.index) : input;
      const out = real.transpileModule(code, {
        ...options,
        compilerOptions: { ...options.compilerOptions, sourceMap: true, inlineSourceMap: false },
      });
      lastTranspile = {
        esmMap: m ? Buffer.from(m[1], "base64").toString("utf8") : null,
        cjsMap: out.sourceMapText ?? null,
      };
      return { ...out, outputText: out.outputText.replace(fileMap, "\n") };
    },
  });
  require.cache[tsPath] = { ...(require.cache[tsPath] as NodeJS.Module), exports: shim } as NodeJS.Module;
}

/** Maps `In[n]:line:column` positions of the compiled cell to the cell's own line and column (1-based). */
function cellPosition(count: number, line: number, column: number): { line: number; column: number } | null {
  const maps = cellMaps.get(count);
  if (!maps) return null;
  let col = column - 1;
  // Column positions on the wrapped first line are shifted by tslab's wrapper prefix.
  if (line === 1) col = Math.max(0, col - maps.prefixLength);
  const a = maps.cjs.findEntry(line - 1, col) as { originalLine?: number; originalColumn?: number };
  if (a.originalLine === undefined || a.originalColumn === undefined) return null;
  const b = maps.esm.findEntry(a.originalLine, a.originalColumn) as { originalLine?: number; originalColumn?: number };
  if (b.originalLine === undefined || b.originalColumn === undefined) return null;
  // The TypeScript file is "export {};\n" + the cell: its line k (0-based) is the cell's line k.
  if (b.originalLine < 1 || b.originalLine > maps.source.length) return null;
  return { line: b.originalLine, column: b.originalColumn + 1 };
}

/** Rewrites every `In[n]:line:column` of compiled cell code in `text` to the cell's line and column. */
function mapCellPositions(text: string): string {
  return text
    .split("\n")
    .filter((line) => {
      const m = /^\s+at (?:.* \()?In\[(\d+)\]:(\d+):\d+\)?$/.exec(line);
      const maps = m ? cellMaps.get(Number(m[1])) : undefined;
      return !(m && maps && Number(m[2]) > maps.compiledLines);
    })
    .join("\n")
    .replace(/In\[(\d+)\]:(\d+):(\d+)/g, (all, n: string, l: string, c: string) => {
      const p = cellPosition(Number(n), Number(l), Number(c));
      return p ? `In[${n}]:${p.line}:${p.column}` : all;
    })
    .replace(/^In\[(\d+)\]:(\d+)\n(.*)\n( *)\^*\n/, (all, n: string, l: string, _code: string, indent: string) => {
      // V8's "source line and caret" header of an error thrown synchronously in vm code: show the cell's line.
      const maps = cellMaps.get(Number(n));
      const p = cellPosition(Number(n), Number(l), indent.length + 1);
      if (!maps || !p) return all;
      return `In[${n}]:${p.line}\n${maps.source[p.line - 1]}\n${" ".repeat(p.column - 1)}^\n`;
    });
}

function remapError(e: unknown): unknown {
  if (e instanceof Error && typeof e.stack === "string") {
    try {
      e.stack = mapCellPositions(e.stack);
    } catch {
      // a frozen or exotic error: leave it
    }
  }
  return e;
}

/** The names a compiled cell declares: TypeScript's CommonJS output sets them all to `void 0` first. */
function declaredNames(cjs: string): Set<string> {
  const names = new Set<string>();
  for (const m of cjs.matchAll(/^exports\.[\w$]+ = (?:exports\.[\w$]+ = )*void 0;$/gm)) {
    for (const n of m[0].matchAll(/exports\.([\w$]+) =/g)) names.add(n[1]);
  }
  return names;
}

function describeAsync(e: AsyncError, where: string): string {
  const err = remapError(e.error);
  const what = e.kind === "exception" ? "uncaught exception" : "unhandled promise rejection";
  if (err instanceof Error) {
    const stack = typeof err.stack === "string" ? err.stack : `${err.name}: ${err.message}`;
    const header = `${err.name}: ${err.message}`;
    const rest = stack.startsWith(header) ? stack.slice(header.length) : `\n${stack}`;
    return `${header} (${what} ${where})${rest}`;
  }
  return `Error: ${inspect(err)} (${what}, a non-Error value, ${where})`;
}

function onAsyncError(kind: AsyncError["kind"]) {
  return (error: unknown) => {
    const e = { error, kind };
    if (running) {
      running.errors.push(e);
      // A cell awaiting something the failed callback would have settled would wait forever: end its wait now.
      theExecutor?.interrupt();
    } else {
      orphans.push({ error: e, afterCount: lastCount });
      // Also where tslab put it: the stderr of the last cell, for a front end still listening.
      process.stderr.write(`${describeAsync(e, `after In[${lastCount}] finished`)}\n`);
    }
  };
}

/**
 * Installs patches 1-7 and 9 into tslab (1.0.22 only; other versions are left alone and false is returned): patches
 * 3, 4 and 5 wrap tslab/dist/executor.js's createExecutor (checked against tslab 1.0.22). Call before
 * tslab/dist/main.js is loaded; then call `takeOverAsyncErrorHandlers()` after tslab's startKernel ran.
 */
export function installKernelExecutor(version: string): boolean {
  if (installed) return true;
  if (version !== "1.0.22") return false;
  installed = true;
  installSourceMaps();
  closeRendererOnShutdown();
  queueIopubSends();
  holdShellUntilBound(); // after queueIopubSends: shell requests then also wait until iopub's sends are queued
  const renderer = require("./renderFigurePng") as typeof import("./renderFigurePng");
  if (renderer.kernelWarmupAllowed()) afterFirstReply(() => renderer.prepareRenderer());
  const ts = require(
    require.resolve("@tslab/typescript-for-tslab", { paths: [dirname(require.resolve("tslab/dist/converter.js"))] }),
  ) as TsModule;
  const vm = require("node:vm") as typeof import("node:vm");
  const executorModule = require("tslab/dist/executor.js") as { createExecutor: CreateExecutor };
  const original = executorModule.createExecutor;

  // Patch 1 (checked against tslab 1.0.22, whose executor.js runs a cell with vm.runInThisContext and no file name):
  // vm code of the running cell gets the file name In[n], so its stack frames can be found and mapped.
  let cellFileName: string | null = null;
  const runInThisContext = vm.runInThisContext;
  vm.runInThisContext = function (code: string, options?: import("node:vm").RunningScriptOptions | string) {
    if (
      cellFileName &&
      typeof code === "string" &&
      code.endsWith("\n})(__tslab__.exports, __tslab__.require)") &&
      typeof options === "object" &&
      !options.filename
    ) {
      return runInThisContext.call(vm, code, { ...options, filename: cellFileName });
    }
    return runInThisContext.call(vm, code, options as import("node:vm").RunningScriptOptions);
  } as typeof vm.runInThisContext;

  // Patches 3, 4 and 5 (checked against tslab 1.0.22's executor.js): our own prevDecl, errors of the running cell,
  // and the console through which tslab prints a cell's last expression.
  executorModule.createExecutor = (rootDir, convs, console) => {
    let prevDecl = "";
    let count = 0; // this kernel's execution count (tslab's JupyterHandlerImpl counts each execute the same way)
    let last: { src: string; converted: Converted } | null = null;
    let counting: Map<string, number> | null = null;
    const wrapConverter = (conv: Converter): Converter =>
      new Proxy(conv, {
        get(target, prop, receiver) {
          if (prop === "convert") {
            return (_prev: string, src: string) => {
              warmRendererAhead(src);
              lastTranspile = { esmMap: null, cjsMap: null };
              const converted = target.convert(prevDecl, src);
              last = { src, converted };
              // Registered before the cell runs, so its own errors are mapped.
              const maps = lastTranspile;
              if (converted.output !== undefined && maps.esmMap && maps.cjsMap) {
                cellMaps.set(count, {
                  cjs: new SourceMap(JSON.parse(maps.cjsMap)),
                  esm: new SourceMap(JSON.parse(maps.esmMap)),
                  source: src.split("\n"),
                  compiledLines: (converted.output as string).split("\n").length,
                  prefixLength: wrapperPrefixes[converted.hasToplevelAwait ? 0 : 1].length,
                });
              }
              return converted;
            };
          }
          if (prop === "inspect" || prop === "complete")
            return (_prev: string, src: string, position: number) => target[prop](prevDecl, src, position);
          return Reflect.get(target, prop, receiver);
        },
      });
    const wrappedConvs: ConverterSet = {
      get node() {
        return wrapConverter(convs.node);
      },
      get browser() {
        return wrapConverter(convs.browser);
      },
      close: () => convs.close(),
    };
    const wrappedConsole = {
      log: (...args: unknown[]) => {
        // tslab prints a cell's last expression with console.log(value), only when it is neither null nor undefined.
        if (args.length === 1 && !isFrameLike(args[0]) && writeResult) {
          // Out[n], as IPython shows a value; a string as it reads (tslab printed it so), anything else inspected.
          writeResult({ "text/plain": typeof args[0] === "string" ? args[0] : inspect(args[0]) });
          return;
        }
        if (args.length === 1 && isFrameLike(args[0])) {
          const write = (
            require("tslab/dist/jupyter.js") as { lastWriteDisplayData?: (d: unknown, u: boolean) => void }
          ).lastWriteDisplayData;
          if (typeof write === "function") {
            const bundle = frameBundle(args[0]);
            write({ data: bundle.data, metadata: bundle.metadata ?? {}, transient: {} }, false);
            return;
          }
        }
        console.log(...args);
      },
      error: (...args: unknown[]) => {
        // The interruption that ended a cell's wait after an asynchronous error: that error is reported instead.
        if (
          running &&
          running.errors.length > 0 &&
          args.length === 1 &&
          args[0] instanceof Error &&
          args[0].message === "Interrupted asynchronously"
        )
          return;
        console.error(...args.map(remapError));
      },
    };
    const executor = original(rootDir, wrappedConvs, wrappedConsole);
    theExecutor = executor;

    // Count the writes each cell makes to the exports object (its top-level declarations live there).
    const g = globalThis as unknown as { __tslab__: { exports: Record<string, unknown>; require: unknown } };
    const theirs = g.__tslab__.exports;
    g.__tslab__ = {
      ...g.__tslab__,
      exports: new Proxy(theirs, {
        defineProperty(target, prop, attrs) {
          if (counting && typeof prop === "string") counting.set(prop, (counting.get(prop) ?? 0) + 1);
          return Reflect.defineProperty(target, prop, attrs);
        },
      }),
    };

    const execute = executor.execute.bind(executor);
    executor.execute = async (src: string): Promise<boolean> => {
      const probe = src.trim() === asyncErrorProbe;
      count++;
      if (!probe) lastCount = count;
      if (probe) {
        // Give timers the notebook left behind a moment to fire (up to probeWaitMs, while any is pending).
        const end = Date.now() + probeWaitMs;
        do await new Promise((r) => setTimeout(r, 10));
        while (orphans.length === 0 && Date.now() < end && process.getActiveResourcesInfo().includes("Timeout"));
      }
      if (orphans.length > 0) {
        const [first, ...more] = orphans;
        orphans = [];
        const also = more.length > 0 ? ` (and ${more.length} more)` : "";
        const where = probe
          ? "after the last cell finished"
          : `after In[${first.afterCount}] finished, while no cell was running; In[${count}] was not run`;
        console.error(
          describeAsync(
            first.error,
            `${where.replace("the last cell", `In[${first.afterCount}], the last cell,`)}${also}`,
          ),
        );
        return false;
      }
      if (probe) return true;
      last = null;
      counting = new Map();
      running = { count, errors: [] };
      cellFileName = `In[${count}]`;
      let ok: boolean;
      try {
        ok = await execute(src);
        // Let rejections left unhandled by the cell's last microtasks be reported to this cell, not the next.
        await new Promise((r) => setImmediate(r));
      } finally {
        cellFileName = null;
      }
      const writes: Map<string, number> = counting;
      counting = null;
      const errors = running.errors;
      running = null;
      const done = last as { src: string; converted: Converted } | null;
      if (done && done.converted.diagnostics.length === 0) {
        if (ok) prevDecl = done.converted.declOutput ?? "";
        else if (done.converted.output !== undefined && done.converted.declOutput !== undefined) {
          // A run-time failure: keep what was assigned before the throw (a write besides the initial `void 0`).
          const declared = declaredNames(done.converted.output);
          const assigned = new Set([...writes].filter(([, n]) => n >= 2).map(([name]) => name));
          prevDecl = keepAssignedDeclarations(ts, done.converted.declOutput, declared, assigned);
        }
      }
      if (errors.length > 0) {
        const also = errors.length > 1 ? `; ${errors.length - 1} more after it` : "";
        console.error(describeAsync(errors[0], `in a callback of In[${count}]${also}`));
        return false;
      }
      return ok;
    };
    const reset = executor.reset.bind(executor);
    executor.reset = () => {
      prevDecl = "";
      reset();
    };
    return executor;
  };
  return true;
}

/** Whether this kernel has started the chart renderer (warmRendererInProjectNotebooks or warmRendererAhead). */
let rendererWarmed = false;

/** The project's notebooks folder: every notebook there imports the library and draws charts. */
const projectNotebooks = resolve(__dirname, "..", "..", "notebooks");

/**
 * Called by scripts/tslab-kernel.js once tslab's kernel is built: in the project's notebooks folder, starts the chart
 * renderer's browser as soon as the kernel has answered its first request (kernel_info), while the front end sends the
 * first cell, which gives it 0.4-0.6 s more than waiting for the first import (notebooks 01, 02 and 04 took 0.2-0.5 s
 * less in total, bench/notebooks). Before that answer it slowed the kernel's own start (issue 22: the browser's start
 * competed with the kernel's binding and first reply on 2 cores). Elsewhere, the first cell importing the library
 * starts it (warmRendererAhead).
 */
export function warmRendererInProjectNotebooks(): void {
  if (resolve(process.cwd()) !== projectNotebooks) return;
  rendererWarmed = true;
  afterFirstReply(() => (require("./show") as typeof import("./show")).warmKernelRenderer());
}

/** An import from the project's library: `from "../build"` (or another relative path to a build folder). */
const libraryImport = /\bfrom\s+["'](?:\.{1,2}\/)+(?:[^"'\n]*\/)?build["']/;

/**
 * Starts the chart renderer when the first cell importing the library arrives, before tslab type-checks that cell
 * (0.3-0.5 s) and runs it: the browser's start (about 1.5 s on this 2-core machine) then overlaps the first cells
 * instead of being waited for by the first chart. Importing the library starts it too (show.ts), but only after the
 * type check. Outside the project's notebooks folder, a kernel whose cells never import the library starts no browser.
 */
function warmRendererAhead(src: string): void {
  if (rendererWarmed || !libraryImport.test(src)) return;
  rendererWarmed = true;
  (require("./show") as typeof import("./show")).warmKernelRenderer();
}

export interface ZmqServerLike {
  init(): Promise<void>;
  handleShellMessage(sock: unknown, ...frames: unknown[]): Promise<void>;
}

const boundSockets = new WeakMap<object, Promise<void>>();

/**
 * Patch 6 (checked against tslab 1.0.22, zeromq 6.8.0). tslab's ZmqServer.init starts reading the shell socket, then
 * binds its five sockets in parallel. Each bind runs on
 * libuv's thread pool and marks its socket "blocked" until it completes; a request that arrives on the shell socket
 * (bound first) while the iopub socket's bind is still pending makes tslab publish the "busy" status on iopub, and
 * zeromq throws "Socket is blocked by a bind or unbind operation" (EBUSY): an unhandled rejection that failed the next
 * cell, and the request went unanswered. It happens when the thread pool is slow (a loaded machine, the kernel's own
 * file reads at start-up). Here every shell or control message waits until all five binds are done; messages keep
 * their order (they wait on the same promise), and once bound nothing changes. A socket that cannot bind ends the
 * kernel with KERNEL_PORTS_TAKEN_EXIT. Exported for the test.
 */
export function holdShellUntilBound(
  server: { prototype: ZmqServerLike } = (
    require("tslab/dist/jupyter.js") as { ZmqServer: { prototype: ZmqServerLike } }
  ).ZmqServer,
): void {
  const proto = server.prototype;
  if ((proto as { speedrunHeld?: boolean }).speedrunHeld) return;
  (proto as { speedrunHeld?: boolean }).speedrunHeld = true;
  const init = proto.init;
  const handle = proto.handleShellMessage;
  proto.init = function (this: ZmqServerLike) {
    const bound = init.call(this);
    boundSockets.set(this, bound);
    // A socket that cannot bind (another process took the port between Jupyter choosing it and the kernel binding
    // it): the kernel could never answer, and its front end would wait out its start-up timeout (180 s for the
    // notebook runner). It exits at once with KERNEL_PORTS_TAKEN_EXIT, so the runner can start another.
    bound.catch((e: unknown) => {
      process.stderr.write(
        `tslab-kernel: cannot listen on the ports Jupyter chose (${(e as Error)?.message ?? e}): another process ` +
          `took one; exiting (code ${KERNEL_PORTS_TAKEN_EXIT})\n`,
      );
      process.exit(KERNEL_PORTS_TAKEN_EXIT);
    });
    return bound;
  };
  proto.handleShellMessage = async function (this: ZmqServerLike, sock: unknown, ...frames: unknown[]) {
    await boundSockets.get(this);
    return handle.call(this, sock, ...frames);
  };
}

export interface ZmqSocketLike {
  send(frames: unknown[]): Promise<void>;
}

/** What queuedSends adds to its socket, under the key iopubQueue: whether sends wait, and a call for when none do. */
interface IopubQueue {
  busy(): boolean;
  whenIdle(callback: () => void): void;
}
const iopubQueue = Symbol("speedrun-scaling.iopubQueue");

/** The Jupyter wire protocol's delimiter between a message's routing identities and its signed parts. */
const wireDelimiter = "<IDS|MSG>";

/**
 * Wraps a zeromq socket so that every send goes out, in order: zeromq.js (6.x) completes at most 512 sends in a row
 * synchronously, then defers the next one to the event loop and throws "Socket is busy writing" (EBUSY) on any send
 * made meanwhile. A send that finds the socket busy is queued and sent once the deferred one is done. While queued,
 * consecutive Jupyter `stream` messages of one request and stream name are merged into one (re-signed with `key`), so
 * a loop printing millions of lines holds one growing text, not millions of messages. Exported for the test.
 */
export function queuedSends<T extends ZmqSocketLike>(socket: T, key: string): T {
  interface Queued {
    frames: unknown[];
    /** Set for a stream message: its parsed parts, merged into and re-signed before sending. */
    stream?: { identities: unknown[]; header: string; parent: string; metadata: string; content: { text: string } };
  }
  const queue: Queued[] = [];
  let idle: (() => void)[] = [];
  let last: Promise<void> | null = null; // the latest send zeromq accepted: once settled, the socket is free again
  let waiting = false;
  const isBusy = (e: unknown) => (e as { code?: string }).code === "EBUSY";
  const signed = (q: Queued): unknown[] => {
    if (!q.stream) return q.frames;
    const { identities, header, parent, metadata, content } = q.stream;
    const parts = [header, parent, metadata, JSON.stringify(content)];
    const hmac = createHmac("sha256", key);
    for (const part of parts) hmac.update(part);
    return [...identities, wireDelimiter, hmac.digest("hex"), ...parts];
  };
  const wait = () => {
    waiting = true;
    if (last) void last.then(pump, pump);
    else setTimeout(pump, 10);
  };
  const pump = () => {
    waiting = false;
    while (queue.length > 0) {
      try {
        last = socket.send(signed(queue[0]));
        last.catch(() => undefined); // a failed send is the sender's business, as it was before queueing
      } catch (e) {
        if (!isBusy(e)) throw e;
        wait();
        return;
      }
      queue.shift();
    }
    const callbacks = idle;
    idle = [];
    for (const callback of callbacks) callback();
  };
  const state: IopubQueue = {
    busy: () => waiting || queue.length > 0,
    whenIdle: (callback) => {
      idle.push(callback);
    },
  };
  const enqueue = (frames: unknown[]) => {
    const d = frames.findIndex((f) => String(f) === wireDelimiter);
    const [header, parent, metadata, content] = frames.slice(d + 2, d + 6).map(String);
    const tail = queue.length > 0 ? queue[queue.length - 1].stream : undefined;
    if (d >= 0 && frames.length === d + 6 && (JSON.parse(header) as { msg_type?: string }).msg_type === "stream") {
      const c = JSON.parse(content) as { name: string; text: string };
      const t = tail?.content as { name?: string; text: string } | undefined;
      if (tail && t && tail.parent === parent && t.name === c.name) {
        t.text += c.text;
        return;
      }
      queue.push({ frames, stream: { identities: frames.slice(0, d), header, parent, metadata, content: c } });
      return;
    }
    queue.push({ frames });
  };
  const send = (frames: unknown[]): Promise<void> => {
    if (queue.length === 0 && !waiting) {
      try {
        const sent = socket.send(frames);
        last = sent;
        return sent;
      } catch (e) {
        if (!isBusy(e)) throw e;
        wait();
      }
    }
    enqueue(frames);
    return Promise.resolve();
  };
  return new Proxy(socket, {
    get(target, prop) {
      if (prop === "send") return send;
      if (prop === iopubQueue) return state;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Patch 9 (checked against tslab 1.0.22 with zeromq 6.8.0). tslab sends every message on its iopub socket without
 * waiting (ZmqMessage.signAndSend), one stream message per write to stdout or stderr. After 512 of them in a row (a
 * cell's loop of console.log calls) zeromq.js throws EBUSY; Node's console swallows what a stream's write throws, so
 * every line after about the 500th was lost without a word (issue 21), and a write the console does not guard (the
 * "idle" status, an error output) failed. Once the sockets are bound, iopub sends go through queuedSends.
 */
function queueIopubSends(): void {
  const jupyter = require("tslab/dist/jupyter.js") as {
    ZmqServer: { prototype: { init(): Promise<void>; iopub: ZmqSocketLike; connInfo: { key: string } } };
  };
  const proto = jupyter.ZmqServer.prototype;
  const init = proto.init;
  proto.init = async function (this: typeof proto) {
    await init.call(this);
    this.iopub = queuedSends(this.iopub, this.connInfo.key);
  };
}

/**
 * Patch 7 (checked against tslab 1.0.22). On a shutdown request tslab closes its sockets and lets the process end
 * when nothing is left running; a chart
 * renderer's browser (renderFigurePng.ts) would keep it alive until Jupyter kills it. Close the renderer too, if the
 * library loaded it.
 */
function closeRendererOnShutdown(): void {
  const jupyter = require("tslab/dist/jupyter.js") as { ZmqServer: { prototype: { close(): void } } };
  const close = jupyter.ZmqServer.prototype.close;
  const renderer = require.resolve("./renderFigurePng");
  jupyter.ZmqServer.prototype.close = function (this: unknown) {
    close.call(this);
    const loaded = require.cache[renderer]?.exports as { closeRenderer?: () => Promise<void> } | undefined;
    if (loaded?.closeRenderer) void loaded.closeRenderer();
  };
}

/**
 * Patch 4, second half (checked against tslab 1.0.22, whose main.js adds the listeners). Replaces tslab's
 * uncaughtException / unhandledRejection listeners (which only print to stderr) with ours. Call
 * right after tslab's startKernel, which adds them.
 */
export function takeOverAsyncErrorHandlers(): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    for (const l of process.listeners(event as "uncaughtException")) process.off(event as "uncaughtException", l);
  }
  process.on("uncaughtException", onAsyncError("exception"));
  process.on("unhandledRejection", onAsyncError("rejection"));
}

// Patch 8 (checked against tslab 1.0.22): errors as Jupyter error outputs. tslab prints a failing cell's error (message
// and stack) to stderr and replies `status: "error"` with no ename, evalue or traceback, so front ends show no error
// output, nbclient reports an empty error, and the cells queued behind it are aborted without a word. The patched
// ZmqServer.handleExecute makes the error text tslab writes last an `error` output (ename, evalue, traceback = the
// stack, see kernelErrors.ts) and gives the execute_reply the same fields. Other stderr output passes through
// unchanged; each stderr write is held back only until the next output or the end of the cell.

/** Sends the running cell's execute_result (patch 8 sets it for each cell; patch 5 uses it). */
let writeResult: ((data: { [mime: string]: unknown }) => void) | null = null;

/** The tslab version whose internals these patches were written against; any other version is left alone. */
const patchedTslabVersion = "1.0.22";

interface ZmqMessageLike {
  content: unknown;
  createReply(): { header: { msg_type: string }; content: unknown; signAndSend(key: string, sock: unknown): void };
}
export interface ZmqServerLike {
  connInfo: { key: string };
  iopub: unknown;
  handler: {
    execCount?: number;
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
    // Text written while iopub's sends are queued (patch 9) is gathered here and sent as one message when the queue
    // is empty: a loop printing a line at a time then costs a string append per line, not a signed message.
    const iopub = (this.iopub as { [iopubQueue]?: IopubQueue })[iopubQueue];
    let gathered: { name: string; text: string } | null = null;
    const flush = () => {
      if (gathered !== null) send("stream", gathered, this.iopub);
      gathered = null;
      if (holdTimer) clearTimeout(holdTimer);
      holdTimer = null;
      if (heldStderr !== null) send("stream", { name: "stderr", text: heldStderr }, this.iopub);
      heldStderr = null;
    };
    const writeStream = (name: string, text: string) => {
      if (gathered !== null && gathered.name === name && !(name === "stderr" && !done)) {
        gathered.text += text;
        return;
      }
      flush();
      if (name === "stderr" && !done) {
        heldStderr = text;
        // tslab replies right after printing a failure; a stderr line still held 250 ms later was a progress
        // message, so show it now rather than when the next output comes.
        holdTimer = setTimeout(flush, 250);
      } else if (iopub?.busy()) {
        gathered = { name, text };
        iopub.whenIdle(flush);
      } else send("stream", { name, text }, this.iopub);
    };
    const writeDisplayData = (data: unknown, update: boolean) => {
      flush();
      send(update ? "update_display_data" : "display_data", data, this.iopub);
    };
    // tslab's handler has counted this cell (execCount) by the time it runs it and prints its value.
    writeResult = (data) => {
      flush();
      send("execute_result", { execution_count: this.handler.execCount ?? null, data, metadata: {} }, this.iopub);
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

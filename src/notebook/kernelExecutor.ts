// The project's changes to how tslab 1.0.22 runs a cell, installed by scripts/tslab-kernel.js before the kernel starts
// (they wrap tslab's createExecutor, so they cannot be added from a cell). Five things tslab does not do:
//
// 1. A cell that throws at run time keeps what it declared before the throw. tslab type-checks each cell against the
//    declarations of the cells before it (`prevDecl`) and updates them only when a cell succeeds, so after
//    `import { x } from "../build"; throw ...` the import is lost to the type checker ("Cannot find name 'x'") although
//    its value was set. Here the converter is handed our own copy of the declarations; after a run-time failure it
//    keeps each declaration of the cell whose value was assigned before the throw (counted on the exports object the
//    cell writes to) and drops the ones the throw skipped, which hold undefined.
// 2. Stack frames of code typed in a cell name the cell and its line: `at f (In[5]:3:9)`, Jupyter's execution count and
//    the line in the cell, as library frames already point at src/*.ts. tslab compiles a cell twice (TypeScript to ES
//    modules, then to CommonJS) without source maps; both compilations are asked for one and the two are chained.
// 3. Errors thrown outside the cell's own flow (a throw in a timer or event handler, a promise rejected that nobody
//    awaits) fail the cell that was running, with their stack, instead of going to stderr after the cell "succeeded".
//    One raised while no cell runs fails the next cell, which is then not run, naming the cell it came after; the
//    notebook runner sends `asyncErrorProbe` after the last cell to collect those.
// 4. A danfojs DataFrame or Series left as a cell's last expression is displayed as a table (showTable's rendering,
//    see showFrame.ts), as pandas does, instead of an object dump.
// 5. A cell's program includes only Node's global types (KERNEL_TYPES), not every package under node_modules/@types:
//    each kernel start and cell check parses less (the project's 15 @types packages: about 0.1 s per kernel).
// And it loads the chart renderer's browser driver once the kernel has answered its first request (in the renderer's
// worker thread; afterFirstReply.ts), starts the browser then too when it runs in the project's notebooks folder,
// elsewhere as soon as a cell imports the library (before that cell's type check), and on shutdown closes it, so the
// kernel exits at once instead of being killed.
import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import { inspect } from "node:util";
import { afterFirstReply } from "./afterFirstReply";
import { frameBundle, isFrameLike } from "./showFrame";

/** The code the notebook runner executes after the last cell: fails if an error was raised after a cell finished. */
export const asyncErrorProbe = "// speedrun-scaling: asynchronous errors since the last cell?";
/** How long the probe waits for timers still pending after the last cell. */
const probeWaitMs = 1000;

type TsModule = typeof import("typescript");

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

/** Source maps of one cell: CommonJS -> ES module JavaScript -> the cell's TypeScript (after tslab's one-line prefix). */
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

/** Names and kinds of the statements of a declaration file (tslab's `declOutput`). */
function statementNames(
  ts: TsModule,
  statement: import("typescript").Statement,
): { names: string[]; typeOnly: boolean } {
  const names: string[] = [];
  const bind = (n: import("typescript").BindingName) => {
    if (ts.isIdentifier(n)) names.push(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) bind(el.name);
  };
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement))
    return { names: [statement.name.text], typeOnly: true };
  if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bind(d.name);
  else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
    statement.name
  )
    names.push(statement.name.text);
  else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) names.push(statement.name.text);
  else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const c = statement.importClause;
    if (c.name) names.push(c.name.text);
    if (c.namedBindings) {
      if (ts.isNamespaceImport(c.namedBindings)) names.push(c.namedBindings.name.text);
      else for (const el of c.namedBindings.elements) names.push(el.name.text);
    }
  }
  return { names, typeOnly: false };
}

/**
 * The declarations to keep after a cell threw at run time: `declOutput` (the cell's declarations plus the earlier
 * ones it did not shadow) without the statements declaring a name that the cell declared (`declared`) but never
 * assigned (`assigned`) because the throw came first. Type-only declarations are kept.
 */
export function keepAssignedDeclarations(
  ts: TsModule,
  declOutput: string,
  declared: ReadonlySet<string>,
  assigned: ReadonlySet<string>,
): string {
  const file = ts.createSourceFile("__prev__.d.ts", declOutput, ts.ScriptTarget.Latest, true);
  const kept: string[] = [];
  for (const s of file.statements) {
    const { names, typeOnly } = statementNames(ts, s);
    if (!typeOnly && names.some((n) => declared.has(n) && !assigned.has(n))) continue;
    kept.push(declOutput.slice(s.getFullStart(), s.end));
  }
  return kept.join("").replace(/^\n+/, "") + "\n";
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
 * Installs the four changes above into tslab (1.0.22 only; other versions are left alone and false is returned).
 * Call before tslab/dist/main.js is loaded; then call `takeOverAsyncErrorHandlers()` after tslab's startKernel ran.
 */
export function installKernelExecutor(version: string): boolean {
  if (installed) return true;
  if (version !== "1.0.22") return false;
  installed = true;
  installSourceMaps();
  closeRendererOnShutdown();
  holdShellUntilBound();
  const renderer = require("./renderFigurePng") as typeof import("./renderFigurePng");
  if (renderer.kernelWarmupAllowed()) afterFirstReply(() => renderer.prepareRenderer());
  const ts = require(
    require.resolve("@tslab/typescript-for-tslab", { paths: [dirname(require.resolve("tslab/dist/converter.js"))] }),
  ) as TsModule;
  const vm = require("node:vm") as typeof import("node:vm");
  const executorModule = require("tslab/dist/executor.js") as { createExecutor: CreateExecutor };
  const original = executorModule.createExecutor;

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
        // tslab prints a cell's last expression with console.log(value).
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

interface ZmqServerLike {
  init(): Promise<void>;
  handleShellMessage(sock: unknown, ...frames: unknown[]): Promise<void>;
}

const boundSockets = new WeakMap<object, Promise<void>>();

/**
 * tslab's ZmqServer.init starts reading the shell socket, then binds its five sockets in parallel. Each bind runs on
 * libuv's thread pool and marks its socket "blocked" until it completes; a request that arrives on the shell socket
 * (bound first) while the iopub socket's bind is still pending makes tslab publish the "busy" status on iopub, and
 * zeromq throws "Socket is blocked by a bind or unbind operation" (EBUSY): an unhandled rejection that failed the next
 * cell, and the request went unanswered. It happens when the thread pool is slow (a loaded machine, the kernel's own
 * file reads at start-up). Here every shell or control message waits until all five binds are done; messages keep
 * their order (they wait on the same promise), and once bound nothing changes. Exported for the test.
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
    return bound;
  };
  proto.handleShellMessage = async function (this: ZmqServerLike, sock: unknown, ...frames: unknown[]) {
    await boundSockets.get(this);
    return handle.call(this, sock, ...frames);
  };
}

/**
 * On a shutdown request tslab closes its sockets and lets the process end when nothing is left running; a chart
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
 * Replaces tslab's uncaughtException / unhandledRejection listeners (which only print to stderr) with ours. Call
 * right after tslab's startKernel, which adds them.
 */
export function takeOverAsyncErrorHandlers(): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    for (const l of process.listeners(event as "uncaughtException")) process.off(event as "uncaughtException", l);
  }
  process.on("uncaughtException", onAsyncError("exception"));
  process.on("unhandledRejection", onAsyncError("rejection"));
}

// The tslab kernel's start-up snapshot (issue 22, item 2). A tslab kernel spends most of its start in TypeScript:
// loading typescript.js, then parsing and binding lib.es2022 and @types/node for the program of an empty cell, the
// same files every time. This script, run by scripts/build.sh as
//   node --snapshot-blob .cache/kernel-snapshot/kernel.blob --build-snapshot scripts/kernel-snapshot.js <typescript.js>
// loads tslab's TypeScript, builds that program once (from notebooks/, with tslab's options) and keeps its parsed and
// bound declaration files in a V8 start-up snapshot. scripts/tslab-kernel.sh starts the kernel from it
// (node --snapshot-blob ... scripts/tslab-kernel.js ...): the main function below registers the snapshot's TypeScript
// as the module tslab requires, hands the kept files to the program tslab builds instead of parsing them again, and
// runs scripts/tslab-kernel.js as usual.
//
// Exact or unused, never stale: a kept file is used only when its current text is the text it was parsed from and the
// program asks for the same language version; the TypeScript module only when typescript.js has the size and mtime
// it had. Otherwise the kernel loads and parses as tslab does. Plain JS with built-in modules only: a snapshot's
// builder cannot load packages through require.
"use strict";
const fs = require("fs");
const path = require("path");
const v8 = require("v8");
const vm = require("vm");

if (!v8.startupSnapshot || !v8.startupSnapshot.isBuildingSnapshot()) {
  console.error("kernel-snapshot.js is run by scripts/build.sh with node --build-snapshot; see its header");
  process.exit(2);
}

const repoRoot = path.resolve(__dirname, "..");
const tsPath = fs.realpathSync(process.argv[2] || "");
const tsStat = fs.statSync(tsPath);

/** typescript.js evaluated as the CommonJS module tslab would load (same __filename: lib files are found beside it). */
function loadTypeScript() {
  const source = fs.readFileSync(tsPath, "utf8");
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: tsPath,
  });
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, require, module, tsPath, path.dirname(tsPath));
  return module.exports;
}
const ts = loadTypeScript();
// tslab's converter sets this process-wide when it loads (converter.js, its issue #82); kept files' paths follow it.
ts.sys.useCaseSensitiveFileNames = true;

/** The compiler options of tslab 1.0.22's converter (createConverter) plus the kernel's `types` (tslabPatches.ts). */
function tslabOptions(cwd) {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots: ts.getDefaultTypeRoots(cwd, ts.sys) || [],
    allowJs: true,
    checkJs: true,
    disableTopLevelAwait: true,
    skipLibCheck: true,
    rootDir: cwd,
    outDir: "outDir",
    types: ["node"],
  };
}

/** The declaration files of an empty cell's program in notebooks/, parsed as the program parses them, then bound. */
function keptFiles() {
  const cwd = path.join(repoRoot, "notebooks");
  const options = tslabOptions(cwd);
  const root = path.join(cwd, "__tslab__.ts");
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, ...rest) =>
    fileName === root
      ? ts.createSourceFile(root, "export {};\n", ts.ScriptTarget.ES2022)
      : getSourceFile(fileName, ...rest);
  host.getCurrentDirectory = () => cwd;
  const program = ts.createProgram([root], options, host);
  const files = new Map();
  for (const file of program.getSourceFiles()) {
    if (file.fileName === root || !file.isDeclarationFile) continue;
    ts.bindSourceFile(file, options);
    files.set(file.fileName, file);
  }
  return files;
}

const snapshot = { ts, tsPath, tsSize: tsStat.size, tsMtimeMs: tsStat.mtimeMs, files: keptFiles() };

/** The kept file for this request, or undefined: only an exact match (same text, same language version). */
function keptFile(fileName, languageVersionOrOptions, shouldCreateNewSourceFile, compilerHost) {
  if (shouldCreateNewSourceFile) return undefined;
  const entry = snapshot.files.get(fileName);
  if (!entry) return undefined;
  if (entry.checked) return entry.file;
  snapshot.files.delete(fileName);
  const version =
    typeof languageVersionOrOptions === "object" ? languageVersionOrOptions.languageVersion : languageVersionOrOptions;
  if (version !== entry.languageVersion) return undefined;
  let text;
  try {
    text = fs.readFileSync(fileName, "utf8");
  } catch {
    return undefined;
  }
  if (text !== entry.text) return undefined;
  // The watch program versions its files by a hash of their text (setGetSourceFileAsHashVersioned), as here.
  entry.file.version = ts.getSourceFileVersionAsHashFromText(compilerHost, text);
  entry.checked = true;
  snapshot.files.set(fileName, entry);
  usage.used++;
  return entry.file;
}

/** Makes a watch program's compiler host take kept files before it reads and parses a file itself. */
function useKeptFiles(compilerHost) {
  if (!compilerHost || compilerHost.speedrunKeptFiles) return;
  compilerHost.speedrunKeptFiles = true;
  const byName = compilerHost.getSourceFile;
  const byPath = compilerHost.getSourceFileByPath;
  compilerHost.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) =>
    keptFile(fileName, languageVersionOrOptions, shouldCreate, compilerHost) ??
    byName.call(compilerHost, fileName, languageVersionOrOptions, onError, shouldCreate);
  if (byPath) {
    compilerHost.getSourceFileByPath = (fileName, filePath, languageVersionOrOptions, onError, shouldCreate) =>
      keptFile(fileName, languageVersionOrOptions, shouldCreate, compilerHost) ??
      byPath.call(compilerHost, fileName, filePath, languageVersionOrOptions, onError, shouldCreate);
  }
}

/** The TypeScript module as tslab sees it: the snapshot's, its watch hosts taking the kept files. */
function tsForTslab() {
  const out = {};
  for (const key of Object.keys(ts)) {
    if (key === "createWatchCompilerHost") continue;
    Object.defineProperty(out, key, { enumerable: true, get: () => ts[key] });
  }
  Object.defineProperty(out, "createWatchCompilerHost", {
    enumerable: true,
    value: (...args) => {
      const host = ts.createWatchCompilerHost(...args);
      const createProgram = host.createProgram;
      if (typeof createProgram === "function") {
        host.createProgram = (rootNames, options, compilerHost, ...rest) => {
          useKeptFiles(compilerHost);
          return createProgram(rootNames, options, compilerHost, ...rest);
        };
      }
      return host;
    },
  });
  return out;
}

/** For the test (test/notebook/kernelSnapshot.test.ts): files kept, and files a program took from the snapshot. */
const usage = { kept: snapshot.files.size, used: 0 };

for (const [fileName, file] of snapshot.files)
  snapshot.files.set(fileName, { file, text: file.text, languageVersion: file.languageVersion, checked: false });

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Node 20 removes Error.stackTraceLimit from a snapshot ("re-installed after deserialization") but leaves it unset
  // in the main function: errors would have no stack. V8's default.
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = 10;
  const Module = require("module");
  const script = path.resolve(process.argv[1] || "");
  process.argv[1] = script;
  let current = false;
  try {
    const st = fs.statSync(snapshot.tsPath);
    current = st.size === snapshot.tsSize && st.mtimeMs === snapshot.tsMtimeMs;
  } catch {
    current = false;
  }
  globalThis.speedrunKernelSnapshot = usage;
  if (current) {
    const m = new Module(snapshot.tsPath, null);
    m.filename = snapshot.tsPath;
    m.paths = Module._nodeModulePaths(path.dirname(snapshot.tsPath));
    m.exports = tsForTslab();
    m.loaded = true;
    Module._cache[snapshot.tsPath] = m;
  } else {
    snapshot.files.clear();
    console.error("kernel-snapshot: typescript.js changed since the snapshot was built (npm run build); not used");
  }
  Module.runMain(script);
});

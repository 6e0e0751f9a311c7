// Exports of src/ that nothing outside their own file uses (issue 23: dead code out). Reads the project with the
// TypeScript compiler (tsconfig.json: src, test, bench, scripts) and the import lines of the notebooks' code cells
// (notebooks import the compiled library, ../build, whose names are src/index.ts's). Prints one line per export that
// is used only in its own file ("own-file": drop the `export`), only by tests ("test-only") or nowhere ("unused"), and
// exits 1 when there is any, so `npx tsx scripts/dead-exports.ts` can gate a change (test/tooling/deadExports.test.ts
// runs it). Counted as used besides imports from src, bench and scripts:
//  - a notebook's import; re-exports through src/index.ts are not uses, the entry's names count when a notebook
//    imports them;
//  - a type named in another export's declaration of the same file: a notebook cell holding that export's value must
//    be able to name its type (tslab reports "has or is using name ... but cannot be named" otherwise);
//  - a name a plain CommonJS file reaches through `require` (scripts/tslab-kernel.js: build/notebook/tslabPatches.js);
//  - a name README.md or docs/*.md documents for users in backticks (`showFrame`, `scaleAnswer(...)`): public API.
// Anything else kept on purpose is listed with its reason in scripts/dead-exports-allowed.txt; an entry that no longer
// matches is reported as stale.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const REPO = resolve(__dirname, "..");
const SRC = join(REPO, "src");
const ENTRY = join(SRC, "index.ts");

function notebookNames(): Map<string, string> {
  const names = new Map<string, string>();
  const dir = join(REPO, "notebooks");
  for (const nb of readdirSync(dir).filter((n) => n.endsWith(".ipynb"))) {
    const cells = (
      JSON.parse(readFileSync(join(dir, nb), "utf8")) as { cells: { cell_type: string; source: string[] }[] }
    ).cells;
    for (const c of cells.filter((cell) => cell.cell_type === "code")) {
      for (const m of c.source
        .join("")
        .matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"\.\.\/build(\/[^"]*)?"/g)) {
        const module = m[2] === undefined ? ENTRY : join(SRC, `${m[2].slice(1)}.ts`);
        for (const part of m[1].split(",")) {
          const name = part
            .trim()
            .replace(/^type\s+/, "")
            .split(/\s+as\s+/)[0];
          if (name !== "") names.set(`${module}#${name}`, nb);
        }
      }
    }
  }
  return names;
}

const config = ts.getParsedCommandLineOfConfigFile(
  join(REPO, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
)!;
// Only the project's own files: every one is a root, so imports between them resolve, and nothing else is read (no
// lib, no @types, no package's declarations: 149K lines the answer never looked at). The same report (66 entries with
// the allow-list emptied), in 9.0 s of CPU instead of 15.6 s.
const program = ts.createProgram(config.fileNames, { ...config.options, noResolve: true, types: [], noLib: true });
const checker = program.getTypeChecker();
const original = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

/** Files (other than the declaring one) that use each symbol, split by kind. */
const uses = new Map<ts.Symbol, Set<string>>();
for (const sf of program.getSourceFiles()) {
  if (sf.isDeclarationFile || !sf.fileName.startsWith(REPO) || sf.fileName.includes("node_modules")) continue;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const inSpecifier =
        ts.isImportSpecifier(node.parent) || ts.isExportSpecifier(node.parent) || ts.isImportClause(node.parent);
      const reExport = sf.fileName === ENTRY && ts.isExportSpecifier(node.parent);
      const sym = checker.getSymbolAtLocation(node);
      if (sym !== undefined && !inSpecifier && !reExport) {
        const o = original(sym);
        if (!uses.has(o)) uses.set(o, new Set());
        uses.get(o)!.add(sf.fileName);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** Types referenced inside another exported declaration of their own file (part of that export's signature). */
const inExportedSignature = new Set<ts.Symbol>();
for (const sf of program.getSourceFiles()) {
  if (!sf.fileName.startsWith(SRC)) continue;
  for (const statement of sf.statements) {
    const exported =
      ts.canHaveModifiers(statement) &&
      (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
        const name = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
        const sym = checker.getSymbolAtLocation(name);
        if (sym !== undefined) inExportedSignature.add(original(sym));
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
  }
}

/**
 * Names of src modules that plain CommonJS files (the .js files under scripts/ and src/) use through `require`:
 * scripts/tslab-kernel.js loads build/notebook/tslabPatches.js, src/notebook/renderWorker.js loads ./renderEngine.js.
 * The TypeScript program does not see these files, so they are read here: a require's argument is evaluated when it
 * is a string or a `path.join`/`join` of strings, `__dirname` and constants of the file; build/X.js stands for
 * src/X.ts and X.js next to X.ts for X.ts. Names used: `require(m).name`, `{ name } = require(m)`, and `v.name` for a
 * variable assigned from it.
 */
function requiredNames(): Set<string> {
  const names = new Set<string>();
  const jsFiles = ["scripts", "src"].flatMap((dir) =>
    (readdirSync(join(REPO, dir), { recursive: true }) as string[])
      .filter((f) => f.endsWith(".js"))
      .map((f) => join(REPO, dir, f)),
  );
  for (const file of jsFiles) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const constants = new Map<string, ts.Expression>();
    const collect = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined)
        constants.set(node.name.text, node.initializer);
      ts.forEachChild(node, collect);
    };
    collect(sf);
    const evaluate = (e: ts.Expression): string | undefined => {
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
      if (ts.isIdentifier(e)) {
        if (e.text === "__dirname") return dirname(file);
        const init = constants.get(e.text);
        return init === undefined ? undefined : evaluate(init);
      }
      if (ts.isCallExpression(e) && /^(path\.)?join$/.test(e.expression.getText())) {
        const parts = e.arguments.map(evaluate);
        return parts.every((x) => x !== undefined) ? join(...(parts as string[])) : undefined;
      }
      return undefined;
    };
    const moduleOf = (call: ts.CallExpression): string | undefined => {
      if (call.arguments.length !== 1) return undefined;
      const arg = evaluate(call.arguments[0]);
      if (arg === undefined || !(arg.startsWith(".") || arg.startsWith("/"))) return undefined;
      const abs = resolve(dirname(file), arg);
      const inBuild = relative(join(REPO, "build"), abs);
      const ts_ = (inBuild.startsWith("..") ? abs : join(SRC, inBuild)).replace(/\.js$/, ".ts");
      return program.getSourceFile(ts_) !== undefined ? ts_ : undefined;
    };
    const isRequire = (n: ts.Node): n is ts.CallExpression =>
      ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "require";
    const bound = new Map<string, string>(); // variable -> module
    const visit = (node: ts.Node): void => {
      if (isRequire(node)) {
        const module = moduleOf(node);
        const p = node.parent;
        if (module !== undefined) {
          if (ts.isPropertyAccessExpression(p)) names.add(`${module}#${p.name.text}`);
          else if (ts.isVariableDeclaration(p) && ts.isObjectBindingPattern(p.name)) {
            for (const el of p.name.elements) {
              const key = el.propertyName ?? el.name;
              if (ts.isIdentifier(key)) names.add(`${module}#${key.text}`);
            }
          } else if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) bound.set(p.name.text, module);
          else if (ts.isBinaryExpression(p) && ts.isIdentifier(p.left)) bound.set(p.left.text, module);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    const uses = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        const module = bound.get(node.expression.text);
        if (module !== undefined) names.add(`${module}#${node.name.text}`);
      }
      ts.forEachChild(node, uses);
    };
    uses(sf);
  }
  return names;
}

/** Names README.md and docs/*.md document for users, in backticks (`name`, `name(...)`, `name.field`): public API. */
function documentedNames(): Set<string> {
  const docs = [join(REPO, "README.md"), ...readdirSync(join(REPO, "docs")).map((f) => join(REPO, "docs", f))];
  const text = docs
    .filter((f) => f.endsWith(".md"))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  return new Set([...text.matchAll(/`([A-Za-z_$][\w$]*)[`(.]/g)].map((m) => m[1]));
}

/**
 * scripts/dead-exports-allowed.txt: exports kept on purpose, one a line, `path name  reason` (the reason is required).
 * An entry that no longer matches a finding is stale and reported, so the list cannot outlive its reasons.
 */
function allowList(): Map<string, string> {
  const allowed = new Map<string, string>();
  const file = join(REPO, "scripts", "dead-exports-allowed.txt");
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "" || line.startsWith("#")) return;
      const m = /^(\S+)\s+(\S+)\s+(\S.*)$/.exec(line);
      if (m === null) throw new Error(`${relative(REPO, file)}:${i + 1}: expected "path name reason", got ${line}`);
      allowed.set(`${m[1]}#${m[2]}`, m[3]);
    });
  return allowed;
}

const fromNotebooks = notebookNames();
const fromRequires = requiredNames();
const documented = documentedNames();
const allowed = allowList();
const entryExports = new Map<ts.Symbol, string>();
const entrySymbol = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
for (const e of checker.getExportsOfModule(entrySymbol)) entryExports.set(original(e), e.getName());

const findings: string[] = [];
for (const sf of program.getSourceFiles()) {
  if (!sf.fileName.startsWith(SRC) || sf.fileName === ENTRY) continue;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (moduleSymbol === undefined) continue;
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const o = original(exp);
    const declaredHere = (o.declarations ?? []).some((d) => d.getSourceFile() === sf);
    if (!declaredHere) continue; // a re-export; judged where it is declared
    const name = exp.getName();
    const entryName = entryExports.get(o);
    const inNotebook =
      fromNotebooks.has(`${sf.fileName}#${name}`) ||
      (entryName !== undefined && fromNotebooks.has(`${ENTRY}#${entryName}`));
    if (inNotebook || inExportedSignature.has(o) || fromRequires.has(`${sf.fileName}#${name}`)) continue;
    if (documented.has(name)) continue; // the users' documented API
    const others = [...(uses.get(o) ?? [])].filter((f) => f !== sf.fileName);
    const inLibrary = others.filter((f) => !f.startsWith(join(REPO, "test")));
    if (inLibrary.length > 0) continue;
    const ownUse = uses.get(o)?.has(sf.fileName) ?? false;
    const kind = others.length > 0 ? "test-only" : ownUse ? "own-file" : "unused";
    const line = sf.getLineAndCharacterOfPosition(o.declarations![0].getStart()).line + 1;
    findings.push(`${kind}\t${relative(REPO, sf.fileName)}:${line}\t${name}`);
  }
}
findings.sort();
const keyOf = (f: string) => {
  const [, at, name] = f.split("\t");
  return `${at.split(":")[0]}#${name}`;
};
const unexplained = findings.filter((f) => !allowed.has(keyOf(f)));
const found = new Set(findings.map(keyOf));
const stale = [...allowed.keys()]
  .filter((k) => !found.has(k))
  .map((k) => `stale\tscripts/dead-exports-allowed.txt\t${k}`);
process.stdout.write([...unexplained, ...stale].map((f) => `${f}\n`).join(""));
const count = (k: string) => unexplained.filter((f) => f.startsWith(`${k}\t`)).length;
process.stderr.write(
  `own-file ${count("own-file")}, test-only ${count("test-only")}, unused ${count("unused")}, ` +
    `stale allow-list entries ${stale.length} (allowed with a reason: ${findings.length - unexplained.length})\n`,
);
process.exitCode = unexplained.length + stale.length > 0 ? 1 : 0;

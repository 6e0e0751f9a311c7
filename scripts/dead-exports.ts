// Exports of src/ that nothing outside their own file uses (issue 23: dead code out). Reads the project with the
// TypeScript compiler (tsconfig.json: src, test, bench, scripts) and the import lines of the notebooks' code cells
// (notebooks import the compiled library, ../build, whose names are src/index.ts's). Prints one line per export that
// is used only in its own file ("own-file": drop the `export`), only by tests ("test-only") or nowhere ("unused"), and
// exits 1 when there is any, so `npx tsx scripts/dead-exports.ts` can gate a change. Re-exports through src/index.ts
// are not uses: the entry's names count as used when a notebook imports them. A type named in another export's
// declaration of the same file stays exported: a notebook cell holding that export's value must be able to name its
// type (tslab reports "has or is using name ... but cannot be named" otherwise).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
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
const program = ts.createProgram(config.fileNames, config.options);
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

const fromNotebooks = notebookNames();
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
    if (inNotebook || inExportedSignature.has(o)) continue;
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
process.stdout.write(findings.map((f) => `${f}\n`).join(""));
const count = (k: string) => findings.filter((f) => f.startsWith(`${k}\t`)).length;
process.stderr.write(`own-file ${count("own-file")}, test-only ${count("test-only")}, unused ${count("unused")}\n`);
process.exitCode = findings.some((f) => !f.startsWith("test-only")) ? 1 : 0;

// What a cell that threw at run time leaves declared (patch 3 of tslabPatches.ts), on TypeScript's syntax tree.
// A module of its own, out of the library's public types: a signature naming TypeScript's module type would make every
// notebook program that imports ../build parse typescript.d.ts (0.6 MB) through tslabPatches.d.ts, which index.ts
// re-exports from.

export type TsModule = typeof import("typescript");

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

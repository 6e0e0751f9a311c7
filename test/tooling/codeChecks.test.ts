// The habits that keep the code readable (issue 23), run by `npm test` and so by CI: the linter, the formatter's check
// and a type check of every folder of code. Each runs the project's own command as a process, as a developer would:
// `npm run lint` and `npm run format:check` as package.json spells them (both keep a cache in .cache/, keyed by each
// file's content and the settings), and scripts/typecheck.sh (incremental, its state in .cache/tsc/).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageScripts, REPO } from "../helpers/cli";

/** The arguments package.json's script `name` passes to its tool (`eslint ...` or `prettier ...`). */
function scriptArgs(name: string, tool: string): string[] {
  const [command, ...args] = packageScripts()[name].split(/ +/);
  assert.equal(command, tool, `package.json: "${name}" runs ${tool}`);
  return args;
}

function run(command: string, args: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync(command.endsWith(".sh") ? "bash" : process.execPath, [join(REPO, command), ...args], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 600_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

const tail = (text: string) => text.split("\n").slice(-40).join("\n");

describe("code checks (lint, format, types)", function () {
  this.timeout(600_000);

  it("has no eslint problems (eslint.config.mjs: recommended rules of @eslint/js and typescript-eslint)", () => {
    const r = run("node_modules/eslint/bin/eslint.js", scriptArgs("lint", "eslint"));
    assert.equal(r.status, 0, `npm run lint reports:\n${tail(r.output)}`);
  });

  it("is formatted as prettier formats it, lines at most 120 wide (fix: bash scripts/format-all.sh)", () => {
    const r = run("node_modules/prettier/bin/prettier.cjs", scriptArgs("format:check", "prettier"));
    assert.equal(r.status, 0, `files prettier would reformat:\n${tail(r.output)}`);
  });

  it("type-checks src, test, bench and scripts with TypeScript 5.9, and src with tslab's TypeScript 5.0", () => {
    const r = run("scripts/typecheck.sh", []);
    assert.equal(r.status, 0, `npm run typecheck reports:\n${tail(r.output)}`);
  });
});

// The habits that keep the code readable (issue 23), run by `npm test` and so by CI: the linter, the formatter's check
// and a type check of every folder of code. Each runs the project's own command as a process, as a developer would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "../helpers/cli";

function run(command: string, args: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [join(REPO, command), ...args], {
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
    const r = run("node_modules/eslint/bin/eslint.js", ["--max-warnings", "0", "."]);
    assert.equal(r.status, 0, `npm run lint reports:\n${tail(r.output)}`);
  });

  it("is formatted as prettier formats it, lines at most 120 wide (fix: bash scripts/format-all.sh)", () => {
    const r = run("node_modules/prettier/bin/prettier.cjs", [
      "--check",
      "--log-level",
      "warn",
      "src",
      "test",
      "bench",
      "scripts",
    ]);
    assert.equal(r.status, 0, `files prettier would reformat:\n${tail(r.output)}`);
  });

  it("type-checks src, test, bench and scripts with TypeScript 5.9 and tslab's TypeScript 5.0 (tsconfig.json)", () => {
    for (const tsc of ["node_modules/typescript/bin/tsc", "node_modules/@tslab/typescript-for-tslab/bin/tsc"]) {
      const r = run(tsc, ["--noEmit", "-p", "."]);
      assert.equal(r.status, 0, `${tsc} reports:\n${tail(r.output)}`);
    }
  });
});

// Runs every test under test/ with mocha and ends with the plain line CI reads: `N passed, N failed`.
import Mocha from "mocha";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, parseCommandOrExit } from "../src/cli/args";

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return testFiles(path);
      return name.endsWith(".test.ts") ? [path] : [];
    });
}

const { positionals } = parseCommandOrExit(
  defineCommand({
    command: "npm test --",
    summary: "Runs every test under test/ with mocha (after set-up) and ends with the line `N passed, N failed`; a pattern runs only the tests whose titles match it.",
    positionals: "[title pattern]",
    options: {},
  }),
  process.argv.slice(2),
);
const grep = positionals[0];
const mocha = new Mocha({ reporter: "spec", timeout: 120_000, ...(grep ? { grep } : {}) });
for (const file of testFiles(join(__dirname, "..", "test"))) mocha.addFile(file);

let passed = 0;
let failed = 0;
const runner = mocha.run(() => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
runner.on("pass", () => passed++);
runner.on("fail", () => failed++);

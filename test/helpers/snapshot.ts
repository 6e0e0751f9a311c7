// JSON snapshot assertions for figure builders (observablehq/plot snapshot-tests its output the same way).
// Snapshots live in test/<area>/__snapshots__/<name>.json and are committed. UPDATE_SNAPSHOTS=1 rewrites them.
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Asserts that `value`, as 2-space JSON, equals the committed snapshot `dir/__snapshots__/name.json`. */
export function assertSnapshot(dir: string, name: string, value: unknown): void {
  const file = join(dir, "__snapshots__", `${name}.json`);
  const actual = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(join(dir, "__snapshots__"), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`no snapshot ${file}; run with UPDATE_SNAPSHOTS=1 to create it`);
  assert.equal(actual, readFileSync(file, "utf8"), `figure differs from ${file} (UPDATE_SNAPSHOTS=1 to accept)`);
}

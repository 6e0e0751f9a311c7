// No dead exports in src/ (issue 23): scripts/dead-exports.ts, run as a developer runs it, reports every export used
// only in its own file, only by tests or nowhere that neither its rules nor scripts/dead-exports-allowed.txt (one
// reason an entry) explain, and every allow-list entry that no longer matches. A new dead export fails here.
import assert from "node:assert/strict";
import { runCli } from "../helpers/cli";

describe("dead exports (scripts/dead-exports.ts)", function () {
  this.timeout(600_000);

  it("finds no export of src/ that only its own file or only tests use, and no stale allow-list entry", () => {
    const r = runCli("scripts/dead-exports.ts", [], { timeoutMs: 600_000 });
    assert.equal(
      r.status,
      0,
      `unexplained exports (drop the export or the code, or add a reason to scripts/dead-exports-allowed.txt):\n` +
        `${r.stdout}${r.stderr}`,
    );
    assert.match(
      r.stderr,
      /^own-file 0, test-only 0, unused 0, stale allow-list entries 0 \(allowed with a reason: \d+\)\n$/,
    );
  });
});

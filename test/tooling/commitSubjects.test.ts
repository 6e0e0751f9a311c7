// Commit subjects under 72 characters, detail in the body (issue 23). History up to e761784 (main when the check came
// in) cannot be rewritten; every commit after it is checked here, and scripts/git-hooks/commit-msg (installed by
// scripts/setup.sh as core.hooksPath) refuses a longer subject before the commit is made.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "../helpers/cli";

const SINCE = "e761784";
const git = (args: readonly string[]) => spawnSync("git", args, { cwd: REPO, encoding: "utf8" });

describe("commit subjects", () => {
  it(`are under 72 characters in every commit after ${SINCE} (skipped in a clone without ${SINCE})`, function () {
    if (git(["cat-file", "-e", `${SINCE}^{commit}`]).status !== 0) {
      this.test!.title += ` [skipped: ${SINCE} is not in this clone (shallow?)]`;
      this.skip();
    }
    const log = git(["log", "--format=%h %s", `${SINCE}..HEAD`]);
    assert.equal(log.status, 0, log.stderr);
    const long = log.stdout
      .split("\n")
      .filter((line) => line !== "")
      .filter((line) => line.slice(line.indexOf(" ") + 1).length >= 72);
    assert.deepEqual(long, [], "subjects of 72 characters or more (git commit --amend, or rebase before merging)");
  });

  describe("the commit-msg hook (scripts/git-hooks/commit-msg)", () => {
    let dir = "";
    before(() => (dir = mkdtempSync(join(tmpdir(), "commit-msg-"))));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const hook = (message: string) => {
      const file = join(dir, "COMMIT_EDITMSG");
      writeFileSync(file, message);
      return spawnSync("bash", [join(REPO, "scripts", "git-hooks", "commit-msg"), file], { encoding: "utf8" });
    };

    it("accepts a 71-character subject with a body after a blank line, and ignores comment lines", () => {
      const r = hook(`# Please enter the commit message\n${"x".repeat(71)}\n\nThe detail.\n# a comment\n`);
      assert.equal(r.status, 0, r.stderr);
    });

    it("refuses a 72-character subject, saying its length", () => {
      const r = hook(`${"x".repeat(72)}\n\nThe detail.\n`);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^commit-msg: the subject is 72 characters; keep it under 72/);
    });

    it("refuses a body that starts on the second line", () => {
      const r = hook("Short subject\nno blank line\n");
      assert.equal(r.status, 1);
      assert.match(r.stderr, /leave the second line blank/);
    });
  });
});

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseLiteratureTransfer } from "../../src/scale/literatureTransfer";
import { groupScalePairs } from "../../src/scale/pairs";

const HEADER =
  "pair_id,innovation,category,scale_label,params,tokens_per_param,multiplier,kind,citation,location,read_in,note";

describe("parseLiteratureTransfer", () => {
  it("reads the committed file: Wen et al. in the fit, the rest as context", () => {
    const rows = parseLiteratureTransfer(readFileSync(join(__dirname, "../../data/literature_transfer.csv"), "utf8"));
    assert.equal(rows.length, 15);
    const wen = rows.filter((r) => r.pairId === "wen2025_matrix_vs_adamw");
    assert.deepEqual(
      wen.map((r) => [r.scaleLabel, r.multiplier, r.flops]),
      [
        ["0.1B", 1.4, 1.2e18],
        ["1.2B", 1.1, 6 * 1.2e9 * 20 * 1.2e9],
      ],
    );
    assert.ok(rows.every((r) => r.origin === "literature"));
    const set = groupScalePairs(rows);
    assert.deepEqual(
      set.pairs.map((p) => p.pairId),
      ["wen2025_matrix_vs_adamw"],
    );
  });
  it("names file, line and value for a bad category, a duplicate and a missing source", () => {
    const ok = `wen,x,optimizer,0.1B,1e8,20,1.4,estimate,c,l,r,n`;
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace("optimizer", "optimiser")}\n`, "lit.csv"),
      /lit.csv:2: invalid category: optimiser \(expected one of/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok}\n${ok}\n`, "lit.csv"),
      /lit.csv:3: duplicate row wen at 0.1B/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace(",c,l,", ",,l,")}\n`, "lit.csv"),
      /lit.csv:2: empty citation/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace("1.4", "-1")}\n`, "lit.csv"),
      /lit.csv:2: invalid multiplier: -1/,
    );
    assert.throws(
      () => parseLiteratureTransfer(`${HEADER}\n${ok.replace("1e8,20", "1e8,")}\n`, "lit.csv"),
      /lit.csv:2: params and tokens_per_param go together/,
    );
  });
});

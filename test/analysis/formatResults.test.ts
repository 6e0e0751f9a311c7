import assert from "node:assert/strict";
import { toCsv } from "../../src/analysis/formatResults";

describe("formatResults toCsv", () => {
  it(
    "writes snake_case headers, 6 significant digits, quoted text, flattened objects and empty non-finite " + "cells",
    () => {
      const rows = [
        {
          runId: "a,b",
          valLoss: 1 / 3,
          note: 'say "hi"',
          ok: true,
          ci: { lo: 2e20, hi: NaN },
          tokens: 10255073280,
          missing: null,
        },
        {
          runId: "c",
          valLoss: -0,
          note: "x\ny",
          ok: false,
          ci: { lo: 1.5e-7, hi: 2 },
          tokens: Infinity,
          missing: [1, 2],
        },
      ];
      assert.equal(
        toCsv(rows),
        'run_id,val_loss,note,ok,ci_lo,ci_hi,tokens,missing\n"a,b",0.333333,"say ' +
          '""hi""",true,200000000000000000000,,10255073280,\n' +
          'c,0,"x\ny",false,1.5e-7,2,,"[1,2]"\n',
      );
    },
  );
});

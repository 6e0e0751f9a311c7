import { strict as assert } from "node:assert";
import { coalesceStreams } from "../../src/publish/coalesceStreams";
import type { Output } from "../../src/publish/notebook";

describe("coalesceStreams", () => {
  it("joins consecutive writes to the same stream and keeps other outputs in place", () => {
    const outputs: Output[] = [
      { output_type: "stream", name: "stdout", text: "a\n" },
      { output_type: "stream", name: "stdout", text: ["b\n", "c\n"] },
      { output_type: "stream", name: "stderr", text: "w\n" },
      { output_type: "display_data", data: { "text/plain": "x" } },
      { output_type: "stream", name: "stdout", text: "d\n" },
    ];
    assert.deepEqual(coalesceStreams(outputs), [
      { output_type: "stream", name: "stdout", text: "a\nb\nc\n" },
      { output_type: "stream", name: "stderr", text: "w\n" },
      { output_type: "display_data", data: { "text/plain": "x" } },
      { output_type: "stream", name: "stdout", text: "d\n" },
    ]);
  });

  it("lets a carriage return overwrite the line, as a progress bar expects", () => {
    const [out] = coalesceStreams([{ output_type: "stream", name: "stderr", text: "10%\r50%\r100%\ndone\r\n" }]);
    assert.deepEqual(out, { output_type: "stream", name: "stderr", text: "100%\ndone\n" });
  });
});

// Kernels send console output in many small stream messages; Jupyter front ends show consecutive writes to the same
// stream as one block, and a carriage return overwrites the line (progress bars). Same here, as nbconvert's
// coalesce_streams does.
import { joinSource, type Output, type StreamOutput } from "./notebook";

export function coalesceStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const previous = merged[merged.length - 1];
    if (output.output_type === "stream" && previous?.output_type === "stream" && previous.name === output.name) {
      merged[merged.length - 1] = { ...previous, text: joinSource(previous.text) + joinSource(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged.map((output) => (output.output_type === "stream" ? applyCarriageReturns(output) : output));
}

function applyCarriageReturns(output: StreamOutput): StreamOutput {
  const text = joinSource(output.text);
  if (!text.includes("\r")) return output;
  const lines = text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1));
  return { ...output, text: lines.join("\n") };
}

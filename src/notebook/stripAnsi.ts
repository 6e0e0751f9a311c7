// Kernel text without its colours, for matching error text and for showing it as plain text.

/** Removes ANSI colour codes (tslab and IPython colour their tracebacks). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "");
}

// Text bound for a terminal (file names, values read from files, error messages quoting them) with its control
// characters made visible: a file name holding an escape sequence or a newline cannot recolour the terminal or forge a
// line of a summary. Every place that prints a path or a value read from input goes through this one function.

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e" };

// C0 controls, DEL, C1 controls, and the Unicode bidirectional overrides and isolates (which reorder what is shown).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_KEEP_NEWLINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every control character written as an escape (`\e`, `\n`, `\x07`, `\u202e`). `keepNewlines` keeps line
 * breaks for multi-line messages whose lines were built by the program (values inside them must be escaped first).
 */
export function terminalText(text: string, options: { readonly keepNewlines?: boolean } = {}): string {
  return String(text).replace(options.keepNewlines ? CONTROL_KEEP_NEWLINES : CONTROL, escapeChar);
}

// The one argument parser of every command (npm start, ingest, fit, publish, the notebook runner, the benchmarks):
// Node's util.parseArgs in strict mode, wrapped once so that every command answers --help with its usage and exits 0
// before doing any work, and fails on an unknown option, a missing value or a stray argument with the usage and exit
// code 2. A command states its options once (name, type, value name, description); the usage text is made from them.
import { parseArgs } from "node:util";
import { terminalText } from "../terminalText";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** Shown in the usage: `--out <dir>`. */
  readonly value?: string;
  readonly description: string;
  readonly multiple?: boolean;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** How the user runs it: `npm run ingest --`. */
  readonly command: string;
  /** One or two sentences: what it does. */
  readonly summary: string;
  readonly options: O;
  /** Positional arguments, e.g. `[notebook.ipynb ...]`; absent: none allowed. */
  readonly positionals?: string;
}

export type OptionValues<O extends Record<string, OptionSpec>> = {
  -readonly [K in keyof O]?: O[K]["type"] extends "boolean"
    ? boolean
    : O[K]["multiple"] extends true
      ? string[]
      : string;
};

export interface ParsedCommand<O extends Record<string, OptionSpec>> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

/** A caller's mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Declares a command (keeps the option types literal, so parsed values are typed). */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

export function usageText<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const rows = Object.entries(spec.options).map(([name, o]) => [
    `--${name}${o.type === "string" ? ` <${o.value ?? "value"}>` : ""}`,
    o.description,
  ]);
  rows.push(["--help", "print this help and exit"]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return [
    `usage: ${spec.command} [options]${spec.positionals ? ` ${spec.positionals}` : ""}`,
    "",
    spec.summary,
    "",
    "options:",
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ].join("\n");
}

/**
 * Parses `argv` (without node and the script). Returns null after printing the usage when --help is given (the caller
 * returns at once); throws UsageError (message names the option) on anything util.parseArgs rejects.
 */
export function parseCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): ParsedCommand<O> | null {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = { help: { type: "boolean" } };
  for (const [name, o] of Object.entries(spec.options))
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: spec.positionals !== undefined });
  } catch (e) {
    throw new UsageError(terminalText((e as Error).message));
  }
  if (parsed.values.help === true) {
    console.log(usageText(spec));
    return null;
  }
  const values = { ...parsed.values } as Record<string, unknown>;
  delete values.help;
  return { values: values as OptionValues<O>, positionals: parsed.positionals };
}

/**
 * Runs a command's main with the parsed arguments and sets the exit code: the main's return value (default 0), 2 for a
 * UsageError (message and usage on stderr), 1 for any other error (its message, prefixed with `failure`).
 */
export async function runCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
  main: (args: ParsedCommand<O>) => number | void | Promise<number | void>,
  failure: (error: Error) => string = (e) => `error: ${e.message}`,
): Promise<number> {
  let code: number;
  try {
    const args = parseCommand(spec, argv);
    code = args === null ? 0 : ((await main(args)) ?? 0);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usageText(spec)}`);
      code = 2;
    } else {
      console.error(terminalText(failure(e as Error), { keepNewlines: true }));
      code = 1;
    }
  }
  process.exitCode = code;
  return code;
}

/** A string option that must not be empty (`--out ""` is a mistake, not the current folder). */
export function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === "") throw new UsageError(`option --${name} is empty`);
  return value;
}

/**
 * An integer option within [min, max]: decimal digits only, with an optional minus sign and nothing around them (no
 * `0x10`, `1e3`, `+5`, `" 5"`; `010` is ten), so what the user typed is what is used.
 */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value))
    throw new UsageError(
      `invalid --${name}: ${JSON.stringify(value)} (expected a decimal integer from ${min} to ${max})`,
    );
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`invalid --${name}: ${value} (expected a decimal integer from ${min} to ${max})`);
  return n;
}

/**
 * For scripts whose work runs at the top level (benchmarks, the notebook runner): parses `argv`, prints the usage and
 * exits 0 on --help, prints the error and the usage and exits 2 on a usage error.
 */
export function parseCommandOrExit<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): ParsedCommand<O> {
  let parsed: ParsedCommand<O> | null;
  try {
    parsed = parseCommand(spec, argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${usageText(spec)}`);
    process.exit(2);
  }
  if (parsed === null) process.exit(0);
  return parsed;
}

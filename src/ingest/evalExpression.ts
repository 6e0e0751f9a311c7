// A tiny evaluator for the constant expressions of the printed Python scripts (`8 * 2048 * 8`, `64*1024`, `1/3`,
// `2*10172`, `num_scheduled_iterations + num_extension_iterations`), and, in its Python form (evalPython), the
// arithmetic of the attention window lines (`next_multiple_of_n(1728 * x, n=128)`, `int(... // 128)`, `x ** 3`,
// `args.num_iterations`). Anything else (other calls, attribute access, strings) gives null: the caller then reports
// the value as unknown instead of guessing.
//
// An expression is compiled once into a function of the names' values and cached by its text: the window schedules
// evaluate the same few expressions at every step of every run (millions of times per ingest), which re-tokenising the
// text each time made the slowest part of the ingest.

import { ownCopy } from "./ownCopy";

export type Env = ReadonlyMap<string, number>;

/** An expression's value for the given names, null when it has none (an unknown name, a division by 0, not finite). */
export type Compiled = (env: Env) => number | null;

/** Evaluates `+ - * / // ( )` over numbers and names in `env`; null when the expression is anything else. */
export function evalExpression(source: string, env: Env = EMPTY_ENV): number | null {
  return compileExpression(source)(env);
}

/**
 * Evaluates the Python arithmetic of a window line: evalExpression's plus `args.` attributes (read as the bare name),
 * `int(e)` (e >= 0 here, so floor), `min(a, b, ...)`, `next_multiple_of_n(e, n=k)` (ceil to a multiple of k) and
 * `name ** k` for a one-digit k (k - 1 multiplications, left to right).
 */
export function evalPython(source: string, env: Env): number | null {
  return compilePython(source)(env);
}

/** evalExpression compiled once (see the file comment). */
function compileExpression(source: string): Compiled {
  return cached(plainCache, source, false);
}

/** evalPython compiled once (see the file comment). */
export function compilePython(source: string): Compiled {
  return cached(pythonCache, source, true);
}

const EMPTY_ENV: Env = new Map();

/** Distinct expressions kept compiled; a script has a few dozen, so this only bounds a pathological input. */
const CACHE_LIMIT = 10_000;
const plainCache = new Map<string, Compiled>();
const pythonCache = new Map<string, Compiled>();

function cached(cache: Map<string, Compiled>, source: string, python: boolean): Compiled {
  let fn = cache.get(source);
  if (fn === undefined) {
    const own = ownCopy(source); // the key and the names compiled in must not keep the log piece it was cut from
    fn = compile(own, python);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(own, fn);
  }
  return fn;
}

const NEVER: Compiled = () => null;

/** The whole expression: every token read, the value finite. */
function compile(source: string, python: boolean): Compiled {
  const tokens = tokenize(source, python);
  if (tokens === null || tokens.length === 0) return NEVER;
  const st: ParseState = { tokens, pos: 0, python };
  const node = sum(st);
  if (node === null || st.pos !== tokens.length) return NEVER;
  return (env) => {
    const v = node(env);
    return v !== null && Number.isFinite(v) ? v : null;
  };
}

interface ParseState {
  readonly tokens: readonly string[];
  pos: number;
  readonly python: boolean;
}

/** The grammar: sum = product (("+" | "-") product)*; product = primary (("*" | "/" | "//") primary)*. */
function sum(st: ParseState): Compiled | null {
  let left = product(st);
  for (let op = st.tokens[st.pos]; left !== null && (op === "+" || op === "-"); op = st.tokens[st.pos]) {
    st.pos++;
    const right = product(st);
    if (right === null) return null;
    left = binary(op, left, right);
  }
  return left;
}

function product(st: ParseState): Compiled | null {
  let left = primary(st);
  for (let op = st.tokens[st.pos]; left !== null && (op === "*" || op === "/" || op === "//"); op = st.tokens[st.pos]) {
    st.pos++;
    const right = primary(st);
    if (right === null) return null;
    left = binary(op, left, right);
  }
  return left;
}

function binary(op: string, a: Compiled, b: Compiled): Compiled {
  switch (op) {
    case "+":
      return (env) => {
        const x = a(env);
        if (x === null) return null;
        const y = b(env);
        return y === null ? null : x + y;
      };
    case "-":
      return (env) => {
        const x = a(env);
        if (x === null) return null;
        const y = b(env);
        return y === null ? null : x - y;
      };
    case "*":
      return (env) => {
        const x = a(env);
        if (x === null) return null;
        const y = b(env);
        return y === null ? null : x * y;
      };
    case "/":
      return (env) => {
        const x = a(env);
        if (x === null) return null;
        const y = b(env);
        return y === null || y === 0 ? null : x / y;
      };
    default: // "//"
      return (env) => {
        const x = a(env);
        if (x === null) return null;
        const y = b(env);
        return y === null || y === 0 ? null : Math.floor(x / y);
      };
  }
}

function primary(st: ParseState): Compiled | null {
  const t = st.tokens[st.pos++];
  if (t === undefined) return null;
  if (t === "(") {
    const inner = sum(st);
    if (st.tokens[st.pos++] !== ")") return null;
    return inner;
  }
  if (t === "-") {
    const inner = primary(st);
    if (inner === null) return null;
    return (env) => {
      const v = inner(env);
      return v === null ? null : -v;
    };
  }
  if (/^[0-9]/.test(t)) {
    const v = Number(t.replace(/_/g, ""));
    return () => v;
  }
  if (/^[A-Za-z_]/.test(t)) {
    if (st.python && st.tokens[st.pos] === "(") return call(st, t);
    const name: Compiled = (env) => env.get(t) ?? null;
    if (st.python && st.tokens[st.pos] === "**") return power(st, name);
    return name;
  }
  return null;
}

/** `name ** k`, k one digit: (name * name * ...), k factors multiplied left to right, as a parenthesised primary. */
function power(st: ParseState, name: Compiled): Compiled | null {
  const k = st.tokens[st.pos + 1];
  if (k === undefined || !/^[0-9]$/.test(k) || k === "0") return null;
  st.pos += 2;
  const n = Number(k);
  return (env) => {
    const x = name(env);
    if (x === null) return null;
    let v = x;
    for (let i = 1; i < n; i++) v *= x;
    return v;
  };
}

/**
 * `int(e)`, `min(a, ...)`, `next_multiple_of_n(e, n=k)` (the cursor is on the `(`); any other call is null. Each
 * argument is an expression of its own (finite, or the call is null). A call's value enters the expression as the
 * number it prints as, so -0 reads as 0.
 */
function call(st: ParseState, fn: string): Compiled | null {
  if (fn !== "int" && fn !== "min" && fn !== "next_multiple_of_n") return null;
  st.pos++; // (
  const args: Compiled[] = [];
  for (;;) {
    if (fn === "next_multiple_of_n" && args.length === 1 && st.tokens[st.pos] === "n" && st.tokens[st.pos + 1] === "=")
      st.pos += 2;
    const arg = sum(st);
    if (arg === null) return null;
    args.push((env) => {
      const v = arg(env);
      return v !== null && Number.isFinite(v) ? v : null;
    });
    const t = st.tokens[st.pos++];
    if (t === ")") break;
    if (t !== ",") return null;
  }
  const normal = (v: number): number => (v === 0 ? 0 : v);
  if (fn === "int") {
    if (args.length !== 1) return null;
    const [a] = args;
    return (env) => {
      const v = a(env);
      return v === null || v < 0 ? null : normal(Math.floor(v));
    };
  }
  if (fn === "min") {
    return (env) => {
      let m = Infinity;
      for (const a of args) {
        const v = a(env);
        if (v === null) return null;
        m = Math.min(m, v);
      }
      return normal(m);
    };
  }
  if (args.length < 2) return null;
  const [a, b] = args;
  return (env) => {
    const n = b(env);
    const v = a(env);
    return n === null || v === null || n <= 0 ? null : normal(Math.ceil(v / n) * n);
  };
}

/**
 * Tokens: numbers (`1_000`, `0.5`), names, `+ - * / // ( )`; in Python form also `**`, `,`, `=`, and `args.name` read
 * as `name`. Null for any other character.
 */
function tokenize(source: string, python: boolean): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
    } else if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      out.push("//");
      i += 2;
    } else if (python && c === 42 /* * */ && source.charCodeAt(i + 1) === 42) {
      out.push("**");
      i += 2;
    } else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 40 || c === 41) {
      out.push(source[i]); // + - * / ( )
      i++;
    } else if (python && (c === 44 || c === 61)) {
      out.push(source[i]); // , =
      i++;
    } else if ((c >= 48 && c <= 57) || c === 46) {
      let j = i;
      while (j < source.length && /[0-9._eE]/.test(source[j])) j++;
      out.push(source.slice(i, j));
      i = j;
    } else if (isNameStart(c)) {
      let j = i;
      while (j < source.length && (isNameStart(source.charCodeAt(j)) || isDigit(source.charCodeAt(j)))) j++;
      const name = source.slice(i, j);
      if (python && name === "args" && source.charCodeAt(j) === 46 && isNameStart(source.charCodeAt(j + 1))) {
        i = j + 1; // `args.num_iterations` is `num_iterations`
      } else {
        out.push(name);
        i = j;
      }
    } else {
      return null;
    }
  }
  return out;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Python's round(): halves go to the even neighbour (used for stage boundaries, `round(c * scheduled)`). */
export function pythonRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

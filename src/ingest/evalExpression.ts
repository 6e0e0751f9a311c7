// A tiny evaluator for the constant expressions of the printed Python scripts (`8 * 2048 * 8`, `64*1024`, `1/3`,
// `2*10172`, `num_scheduled_iterations + num_extension_iterations`). Anything else (calls, attribute access, strings)
// returns null: the caller then reports the value as unknown instead of guessing.

export type Env = ReadonlyMap<string, number>;

/** Evaluates `+ - * / // ( )` over numbers and names in `env`; null when the expression is anything else. */
export function evalExpression(source: string, env: Env = EMPTY_ENV): number | null {
  const tokens = tokenize(source);
  if (tokens === null || tokens.length === 0) return null;
  // Module-level parse functions over one state object, not closures made per call: it runs for every candidate
  // assignment of every log, and the closures cost more than the arithmetic (under tsx each also gets a `name`
  // defined).
  const st: ParseState = { tokens, pos: 0, env };
  const value = sum(st);
  return st.pos === tokens.length && value !== null && Number.isFinite(value) ? value : null;
}

const EMPTY_ENV: Env = new Map();

interface ParseState {
  readonly tokens: readonly string[];
  pos: number;
  readonly env: Env;
}

function primary(st: ParseState): number | null {
  const t = st.tokens[st.pos++];
  if (t === undefined) return null;
  if (t === "(") {
    const v = sum(st);
    if (st.tokens[st.pos++] !== ")") return null;
    return v;
  }
  if (t === "-") {
    const v = primary(st);
    return v === null ? null : -v;
  }
  if (/^[0-9]/.test(t)) return Number(t.replace(/_/g, ""));
  if (/^[A-Za-z_]/.test(t)) return st.env.get(t) ?? null;
  return null;
}

function product(st: ParseState): number | null {
  let v = primary(st);
  for (let op = st.tokens[st.pos]; v !== null && (op === "*" || op === "/" || op === "//"); op = st.tokens[st.pos]) {
    st.pos++;
    const r = primary(st);
    if (r === null) return null;
    if (op === "*") v = v * r;
    else if (r === 0) return null;
    else v = op === "/" ? v / r : Math.floor(v / r);
  }
  return v;
}

function sum(st: ParseState): number | null {
  let v = product(st);
  for (let op = st.tokens[st.pos]; v !== null && (op === "+" || op === "-"); op = st.tokens[st.pos]) {
    st.pos++;
    const r = product(st);
    if (r === null) return null;
    v = op === "+" ? v + r : v - r;
  }
  return v;
}

function tokenize(source: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === " " || c === "\t") {
      i++;
    } else if (c === "/" && source[i + 1] === "/") {
      out.push("//");
      i += 2;
    } else if ("+-*/()".includes(c)) {
      out.push(c);
      i++;
    } else if (/[0-9.]/.test(c)) {
      let j = i;
      while (j < source.length && /[0-9._eE]/.test(source[j])) j++;
      out.push(source.slice(i, j));
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < source.length && /[A-Za-z0-9_]/.test(source[j])) j++;
      out.push(source.slice(i, j));
      i = j;
    } else {
      return null;
    }
  }
  return out;
}

/** Python's round(): halves go to the even neighbour (used for stage boundaries, `round(c * scheduled)`). */
export function pythonRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

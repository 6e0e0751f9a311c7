// DataFrames a pandas user can trust: a layer over danfojs-node 1.2's DataFrame (applied by loadDataFrames, and
// available as `checkedFrame(frame)` for a user's own frames) that fixes or refuses what danfojs gets silently wrong.
//
// - A column that does not exist is an error naming it, the closest existing name and every column (pandas' KeyError),
//   for `frame["final_loss"]`, `frame.final_loss`, `frame.column(..)`, `loc({ columns })`, `sortValues`, `groupby`;
//   danfojs returns undefined or a dtype error.
// - `sortValues(column)` (frame) and `sortValues()` (series) sort in O(n log n), stable, with missing values (NaN,
//   empty, null) last whatever the direction, as pandas does; danfojs's sort is quadratic and misplaces values around
//   NaN.
// - `query(mask)` keeps the rows where the boolean mask (a Series or array) is true on any frame, filtered ones
//   included (danfojs throws on a frame whose index is not 0..n-1).
// - `describe()` skips missing values as pandas does (danfojs gives NaN for any column with an empty cell).
// - `groupby(keys)`: `count()` counts non-missing values (danfojs counts NaN); `sum`, `mean`, `median`, `min`, `max`,
//   `std`, `var` and `agg({ column: "mean" | [..] })` skip missing values; the result has the key columns and one
//   `<column>_<aggregate>` column each, in the order groups first appear. Other Groupby methods are danfojs's own.
// Every method that returns a DataFrame or Series returns a checked one. Values are danfojs's (float32 numbers).
import type { DataFrame, Series } from "danfojs-node";
import { closestName } from "../closestName";

type Danfo = typeof import("danfojs-node");

const danfo = (): Danfo => require("danfojs-node") as Danfo;

/** Names that code (await, JSON, inspectors, test frameworks) probes on any object: unknown ones read as undefined. */
const probedNames = new Set([
  "then",
  "toJSON",
  "inspect",
  "asymmetricMatch",
  "nodeType",
  "tagName",
  "constructor",
  "length",
  "prototype",
  "valueOf",
  "toString",
]);

const checkedMark = Symbol("checkedFrame");

const AGGREGATES = ["count", "sum", "mean", "median", "min", "max", "std", "var"] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** A missing value as pandas reads one: NaN, null, undefined or an empty string. */
function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

/** The error for a column that is not there: the name, the closest existing one, every column. */
function columnError(name: string, columns: readonly string[], frameName: string): Error {
  const near = closest(name, columns);
  const error = new Error(
    `KeyError: '${name}' is not a column of ${frameName}${near ? `; did you mean '${near}'?` : ""} ` +
      `(columns: ${columns.join(", ")})`,
  );
  error.name = "KeyError";
  return error;
}

/** The most similar name within a third of its length in edits, or null (src/closestName.ts). */
export const closest = closestName;

/**
 * Positions that sort `values` ascending (or descending), stable, missing values last in either direction. Numbers
 * compare as numbers, anything else as strings.
 */
export function sortOrder(values: readonly unknown[], ascending = true): number[] {
  const present: number[] = [];
  const missing: number[] = [];
  values.forEach((v, i) => (isMissing(v) ? missing : present).push(i));
  const sign = ascending ? 1 : -1;
  const compare = (a: unknown, b: unknown): number => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    const sa = String(a);
    const sb = String(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  present.sort((i, j) => sign * compare(values[i], values[j]) || i - j);
  return [...present, ...missing];
}

/** One aggregate over the non-missing values of a group (count: how many there are). NaN when there are none. */
export function aggregate(values: readonly unknown[], how: Aggregate): number {
  const xs = values.filter((v) => !isMissing(v)).map(Number);
  const n = xs.length;
  if (how === "count") return n;
  if (how === "sum") return xs.reduce((s, x) => s + x, 0);
  if (n === 0) return NaN;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  switch (how) {
    case "mean":
      return mean;
    case "min":
      return Math.min(...xs);
    case "max":
      return Math.max(...xs);
    case "median": {
      const sorted = [...xs].sort((a, b) => a - b);
      return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
    case "var":
    case "std": {
      if (n < 2) return NaN;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
      return how === "var" ? variance : Math.sqrt(variance);
    }
  }
}

function columnsOf(frame: DataFrame): string[] {
  return [...frame.columns];
}

function requireColumns(frame: DataFrame, names: readonly string[], frameName: string): void {
  const columns = columnsOf(frame);
  for (const name of names) if (!columns.includes(name)) throw columnError(name, columns, frameName);
}

function valuesOf(frame: DataFrame, column: string): unknown[] {
  return [...(frame.column(column).values as unknown[])];
}

// danfojs-node's DataFrame and Series subclass danfojs-base's, and frames made inside danfojs are the base classes:
// recognised by danfojs's own NDframe flag ($isSeries), not by instanceof.
function ndframeKind(v: unknown): "frame" | "series" | null {
  if (typeof v !== "object" || v === null || !("$isSeries" in v)) return null;
  return (v as { $isSeries: unknown }).$isSeries === true ? "series" : "frame";
}

function isDataFrame(v: unknown): v is DataFrame {
  return ndframeKind(v) === "frame";
}

function isSeries(v: unknown): v is Series {
  return ndframeKind(v) === "series";
}

function wrapResult(v: unknown, frameName: string): unknown {
  if (isDataFrame(v)) return checkedFrame(v, frameName);
  if (isSeries(v)) return checkedSeries(v);
  return v;
}

/** The mask of `query` as booleans, one per row. */
function maskValues(mask: unknown, rows: number): boolean[] {
  const values = isSeries(mask) ? (mask.values as unknown[]) : Array.isArray(mask) ? mask : null;
  if (values === null)
    throw new Error(
      "query: expected a boolean mask (a Series or an array of true/false, one per row), e.g. " +
        'frame.query(frame["record"].gt(10))',
    );
  if (values.length !== rows)
    throw new Error(`query: the mask has ${values.length} values but the frame has ${rows} rows`);
  return values.map((v, i) => {
    if (typeof v !== "boolean") throw new Error(`query: mask value ${i} is ${JSON.stringify(v)}, not true or false`);
    return v;
  });
}

/** The checked frame: see the file header. `name` appears in error messages ("runs"). Wrapping twice is a no-op. */
export function checkedFrame(frame: DataFrame, name = "the frame"): DataFrame {
  if ((frame as unknown as Record<symbol, unknown>)[checkedMark] === true) return frame;
  const methods: Record<string, (...args: never[]) => unknown> = {
    column: (column: string) => {
      requireColumns(frame, [column], name);
      return checkedSeries(frame.column(column));
    },
    sortValues: (column: string, options: { ascending?: boolean; inplace?: boolean } = {}) => {
      if (typeof column !== "string")
        throw new Error(
          'sortValues: the first argument is the column to sort by, e.g. frame.sortValues("final_val_loss")',
        );
      requireColumns(frame, [column], name);
      if (options.inplace === true)
        throw new Error(
          "sortValues: inplace is not supported here; use the returned frame (sorted = frame.sortValues(...))",
        );
      return checkedFrame(frame.iloc({ rows: sortOrder(valuesOf(frame, column), options.ascending !== false) }), name);
    },
    query: (mask: unknown) => {
      const keep = maskValues(mask, frame.shape[0]);
      const rows = keep.flatMap((k, i) => (k ? [i] : []));
      return checkedFrame(frame.iloc({ rows }), name);
    },
    describe: () => describe(frame),
    groupby: (keys: string[]) => {
      if (!Array.isArray(keys))
        throw new Error('groupby: expected an array of column names, e.g. frame.groupby(["track"])');
      requireColumns(frame, keys, name);
      return checkedGroupby(
        frame,
        keys,
        columnsOf(frame).filter((c) => !keys.includes(c)),
        name,
      );
    },
    loc: (spec: { rows?: unknown; columns?: string[] }) => {
      if (spec && Array.isArray(spec.columns)) requireColumns(frame, spec.columns, name);
      return wrapResult(frame.loc(spec as Parameters<DataFrame["loc"]>[0]), name);
    },
  };
  return new Proxy(frame, {
    get(target, prop, receiver) {
      if (prop === checkedMark) return true;
      if (typeof prop === "symbol") return Reflect.get(target, prop, receiver);
      if (Object.prototype.hasOwnProperty.call(methods, prop)) return methods[prop];
      if (prop in target) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return wrapResult(value, name);
        return (...args: unknown[]) => wrapResult((value as (...a: unknown[]) => unknown).apply(target, args), name);
      }
      if (probedNames.has(prop) || /^(_|\$|@@)/.test(prop)) return undefined;
      throw columnError(prop, columnsOf(target), name);
    },
  });
}

/** A Series whose sortValues is stable, O(n log n) and puts missing values last. */
function checkedSeries(series: Series): Series {
  if ((series as unknown as Record<symbol, unknown>)[checkedMark] === true) return series;
  return new Proxy(series, {
    get(target, prop, receiver) {
      if (prop === checkedMark) return true;
      if (prop === "sortValues")
        return (options: { ascending?: boolean; inplace?: boolean } = {}) => {
          if (options.inplace === true)
            throw new Error("sortValues: inplace is not supported here; use the returned series");
          return checkedSeries(target.iloc(sortOrder([...(target.values as unknown[])], options.ascending !== false)));
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function" || typeof prop === "symbol") return value;
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        return isSeries(out) ? checkedSeries(out) : isDataFrame(out) ? checkedFrame(out) : out;
      };
    },
  });
}

const describeRows = ["count", "mean", "std", "min", "median", "max", "variance"] as const;

/** pandas' describe on the numeric columns, missing values skipped. */
function describe(frame: DataFrame): DataFrame {
  const numeric = columnsOf(frame).filter((c) => {
    const dtype = String(frame.column(c).dtype);
    return dtype === "float32" || dtype === "int32";
  });
  const data = describeRows.map((row) =>
    numeric.map((c) => aggregate(valuesOf(frame, c), row === "variance" ? "var" : row)),
  );
  return checkedFrame(new (danfo().DataFrame)(data, { columns: numeric, index: [...describeRows] }), "describe()");
}

/** A Groupby whose aggregates skip missing values (see the file header). */
function checkedGroupby(frame: DataFrame, keys: readonly string[], columns: readonly string[], name: string): unknown {
  const inner = frame.groupby([...keys]);
  const groups = (): { key: unknown[]; rows: number[] }[] => {
    const keyValues = keys.map((k) => valuesOf(frame, k));
    const byKey = new Map<string, { key: unknown[]; rows: number[] }>();
    for (let i = 0; i < frame.shape[0]; i++) {
      const key = keyValues.map((vs) => vs[i]);
      const id = JSON.stringify(key);
      const group = byKey.get(id) ?? { key, rows: [] };
      group.rows.push(i);
      byKey.set(id, group);
    }
    return [...byKey.values()];
  };
  const run = (spec: readonly (readonly [string, Aggregate])[]): DataFrame => {
    const values = new Map(spec.map(([c]) => [c, valuesOf(frame, c)]));
    const rows = groups().map(({ key, rows: members }) => [
      ...key,
      ...spec.map(([c, how]) =>
        aggregate(
          members.map((i) => values.get(c)![i]),
          how,
        ),
      ),
    ]);
    const names = [...keys, ...spec.map(([c, how]) => `${c}_${how}`)];
    return checkedFrame(new (danfo().DataFrame)(rows, { columns: names }), name);
  };
  const isNumeric = (c: string) => ["float32", "int32"].includes(String(frame.column(c).dtype));
  const numericColumns = () => columns.filter(isNumeric);
  const api: Record<string, unknown> = {
    col: (selected: string[]) => {
      requireColumns(frame, selected, name);
      return checkedGroupby(frame, keys, selected, name);
    },
    agg: (spec: Record<string, string | string[]>) => {
      const pairs: [string, Aggregate][] = [];
      for (const [c, hows] of Object.entries(spec)) {
        requireColumns(frame, [c], name);
        for (const how of Array.isArray(hows) ? hows : [hows]) {
          if (!(AGGREGATES as readonly string[]).includes(how))
            throw new Error(`agg: unknown aggregate '${how}' for ${c} (expected one of ${AGGREGATES.join(", ")})`);
          pairs.push([c, how as Aggregate]);
        }
      }
      return run(pairs);
    },
  };
  for (const how of AGGREGATES)
    api[how] = () => run((how === "count" ? columns : numericColumns()).map((c) => [c, how] as const));
  return new Proxy(inner as object, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && Object.prototype.hasOwnProperty.call(api, prop)) return api[prop];
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => wrapResult((value as (...a: unknown[]) => unknown).apply(target, args), name);
    },
  });
}

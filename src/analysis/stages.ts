// The analysis's stages keyed by their inputs and options. A stage whose inputs (the rows it reads, the options it
// uses) are the same as in an earlier run is not recomputed: `analyzeData({ targets: { track1: 3.30 } })` refits no
// loss curve (the fits depend on a run's points and the fit settings, not on the target) and reuses every stage that
// reads only track 2, while the stages that read track 1's figures at the target run again. A stage's key is a
// SHA-256 of its name and an exact serialisation of its inputs (NaN, +-Infinity, -0 and undefined kept apart), so
// reuse gives the bytes a full run gives (tested). Where entries are kept is the caller's choice (StageStore): in
// memory, or on disk beside the analysis cache (src/analysis/io/analysisCache.ts).
import { createHash } from "node:crypto";
import { fitBatch } from "../fit/fitBatch";
import { curveFitOptions, toCurveFit } from "./compute/powerCurveFitter";
import type { CurveFitSettings } from "./analysisOptions";
import type { CurveFit, CurveFitter } from "./types";

/** Stored stage results by key; `get` returns undefined for a missing (or unreadable) entry. */
export interface StageStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A store in memory, for one process (tests; analyzeData without a cache folder). */
export function memoryStageStore(): StageStore {
  const m = new Map<string, unknown>();
  return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) };
}

function feed(h: ReturnType<typeof createHash>, v: unknown): void {
  if (v === undefined) h.update("u");
  else if (v === null) h.update("n");
  else if (typeof v === "number")
    h.update(Object.is(v, -0) ? "d-0;" : `d${v};`); // String() is exact for doubles; NaN/Infinity spelt out
  else if (typeof v === "string") h.update(`s${v.length}:`).update(v);
  else if (typeof v === "boolean") h.update(v ? "T" : "F");
  else if (Array.isArray(v)) {
    h.update(`[${v.length}`);
    for (const x of v) feed(h, x);
    h.update("]");
  } else if (ArrayBuffer.isView(v)) {
    h.update(`b${v.constructor.name}${v.byteLength}:`).update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } else if (typeof v === "object") {
    const keys = Object.keys(v as object).sort();
    h.update(`{${keys.length}`);
    for (const k of keys) {
      h.update(`k${k.length}:${k}`);
      feed(h, (v as Record<string, unknown>)[k]);
    }
    h.update("}");
  } else throw new Error(`stage key: cannot key a ${typeof v}`);
}

/** The key of stage `name` on `inputs`: equal exactly when the names and the inputs are equal value for value. */
export function stageKey(name: string, inputs: unknown): string {
  const h = createHash("sha256");
  h.update(`stage\0${name}\0`);
  feed(h, inputs);
  return h.digest("hex");
}

/** Runs `compute` unless the store holds stage `name` for these inputs; stores what it computed. */
export function stage<T>(store: StageStore | undefined, name: string, inputs: unknown, compute: () => T): T {
  if (store === undefined) return compute();
  const key = stageKey(name, inputs);
  const held = store.get(key);
  if (held !== undefined) return held as T;
  const value = compute();
  store.set(key, value);
  return value;
}

/**
 * The curve-fit stage: a CurveFitter that answers from the store, keyed by a curve's points and the fit settings.
 * `prefetch` fits every curve a pass will ask for at once, split over `threads` threads (fitBatch), and stores them.
 */
export function storedCurveFitter(
  settings: CurveFitSettings,
  store: StageStore,
  threads: number,
): {
  fitter: CurveFitter;
  prefetch: (curves: readonly (readonly [readonly number[], readonly number[]])[]) => void;
} {
  const options = curveFitOptions(settings);
  const keyOf = (tokens: readonly number[], loss: readonly number[]) =>
    stageKey("curve fit", { options, tokens, loss });
  const fitMany = (curves: readonly (readonly [readonly number[], readonly number[]])[]): CurveFit[] =>
    fitBatch(
      "power",
      curves.map(([t, l]) => ({ x: t.map((v) => [v]), y: l })),
      options,
      threads,
    ).map(toCurveFit);
  return {
    fitter: (tokens, loss) => stage(store, "curve fit", { options, tokens, loss }, () => fitMany([[tokens, loss]])[0]),
    prefetch: (curves) => {
      const missing = new Map<string, readonly [readonly number[], readonly number[]]>();
      for (const c of curves) {
        const k = keyOf(c[0], c[1]);
        if (!missing.has(k) && store.get(k) === undefined) missing.set(k, c);
      }
      const fits = fitMany([...missing.values()]);
      [...missing.keys()].forEach((k, i) => store.set(k, fits[i]));
    },
  };
}

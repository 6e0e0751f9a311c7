// Shared look of every figure: palette, fonts, fixed pixel size, axes. One place, so all charts match.
import type { Json } from "./types";

/**
 * Okabe & Ito (2008) colour-blind-safe palette, yellow last (it is faint on white). Series take colours in order.
 */
export const palette: readonly string[] = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#F0E442",
];

/**
 * DejaVu Sans is installed by scripts/setup.sh (fonts-dejavu-core), so static images render with the same font
 * everywhere.
 */
const fontFamily = "DejaVu Sans, Verdana, sans-serif";

export const figureDefaults: {
  readonly title: string;
  readonly caption: string;
  readonly widthPx: number;
  readonly heightPx: number;
} = {
  title: "",
  /** One line under the title saying what to look at; each builder has its own default. */
  caption: "",
  widthPx: 800,
  heightPx: 500,
};

/**
 * Validates a builder's options against its defaults (every builder's defaults extend `figureDefaults`) and returns the
 * complete object. Unknown keys and wrongly typed values throw, naming the builder, the option and the value.
 */
export function resolveOptions<D extends { readonly [key: string]: string | number | boolean }>(
  builder: string,
  options: object,
  defaults: D,
): D {
  const known = Object.keys(defaults);
  const given = options as { readonly [key: string]: unknown };
  for (const key of Object.keys(given)) {
    if (!known.includes(key))
      throw new Error(`${builder}: unknown option ${key} (expected one of ${known.join(", ")})`);
    const value = given[key];
    if (value !== undefined && typeof value !== typeof defaults[key]) {
      throw new Error(`${builder}: invalid ${key}: ${String(value)} (expected a ${typeof defaults[key]})`);
    }
  }
  const resolved: { [key: string]: string | number | boolean } = { ...defaults };
  for (const key of known) if (given[key] !== undefined) resolved[key] = given[key] as string | number | boolean;
  for (const key of ["widthPx", "heightPx"]) {
    const v = resolved[key];
    if (key in defaults && (!Number.isInteger(v) || (v as number) < 100 || (v as number) > 4000)) {
      throw new Error(`${builder}: invalid ${key}: ${String(v)} (expected an integer from 100 to 4000)`);
    }
  }
  return resolved as D;
}

export type ResolvedFigureOptions = typeof figureDefaults;

export function colour(index: number): string {
  return palette[index % palette.length];
}

/** `#RRGGBB` to `rgba(r,g,b,alpha)`, for translucent bands in the series colour. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export function axis(title: string, type: "linear" | "log" | "date" | "category"): { [key: string]: Json } {
  return {
    title: { text: title },
    type,
    showgrid: true,
    gridcolor: "#e5e5e5",
    zeroline: false,
    linecolor: "#444444",
    ticks: "outside",
    mirror: true,
    // Billions read 1B, not 1G (SI's giga) and not 10^9: the units of parameter and token counts in papers.
    exponentformat: "B",
  };
}

export function baseLayout(
  options: Pick<ResolvedFigureOptions, "title" | "caption" | "widthPx" | "heightPx">,
  xaxis: { [key: string]: Json },
  yaxis: { [key: string]: Json },
): {
  [key: string]: Json;
} {
  return {
    // Title and caption sit just above the plot area, leaving the top strip to Plotly's toolbar (the modebar), which
    // would otherwise cover a long title on hover.
    title: {
      text: options.title,
      x: 0.02,
      xanchor: "left",
      xref: "container",
      // Below the modebar's strip (topMarginPx), measured from the top of the whole figure.
      y: Number((1 - modebarStripPx / options.heightPx).toFixed(4)),
      yref: "container",
      yanchor: "top",
      ...(options.caption ? { subtitle: { text: options.caption, font: { size: 12, color: "#555555" } } } : {}),
    },
    width: options.widthPx,
    height: options.heightPx,
    font: { family: fontFamily, size: 13, color: "#222222" },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    // Legend below the plot, horizontal: long series names wrap instead of squeezing the plot area.
    margin: { l: 80, r: 30, t: topMarginPx(options), b: 120 },
    legend: { orientation: "h", x: 0, xanchor: "left", y: -0.2, yanchor: "top" },
    hovermode: "closest",
    xaxis,
    yaxis,
  };
}

/** Room above the plot: the modebar's strip, then the title and the caption lines. */
export function topMarginPx(options: { readonly title: string; readonly caption: string }): number {
  return modebarStripPx + (options.title ? 28 : 0) + (options.caption ? 22 : 0);
}

const modebarStripPx = 30;

/** Counts as papers write them, for hover labels: 124M, 1.55B, 7T (d3's `s` format would say 1.55G). */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  for (const [size, suffix] of [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ] as const) {
    if (abs >= size) return `${Number((value / size).toPrecision(3))}${suffix}`;
  }
  return String(Number(value.toPrecision(3)));
}

/** Throws naming builder, series, point and value unless `value` is finite (and positive, for a log axis). */
export function checkNumber(builder: string, where: string, name: string, value: unknown, positive: boolean): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (positive && value <= 0)) {
    const expected = positive ? "a positive finite number (log axis)" : "a finite number";
    throw new Error(`${builder}: ${where} has ${name} = ${String(value)} (expected ${expected})`);
  }
  return value;
}

/** Throws naming builder, series, point and the three values unless lo <= value <= hi (`name` is the value's name). */
export function checkInterval(
  builder: string,
  where: string,
  name: string,
  lo: number,
  value: number,
  hi: number,
): void {
  if (!(lo <= value && value <= hi))
    throw new Error(`${builder}: ${where} has lo ${lo}, ${name} ${value}, hi ${hi} (expected lo <= ${name} <= hi)`);
}

/**
 * Throws unless `value` is a non-empty array (kept apart from Array.isArray, which would narrow readonly arrays to
 * any[]).
 */
export function checkNonEmpty(builder: string, name: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0)
    throw new Error(`${builder}: ${name} must be a non-empty array (got ${JSON.stringify(value)})`);
}

/** 1-2-5 steps covering [lo, hi] (positive), e.g. 0.5, 1, 2, 5, 10, 20. */
function oneTwoFiveTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(1));
      if (v >= lo / 2.5 && v <= hi * 2.5) ticks.push(v);
    }
  }
  return ticks;
}

/** Powers of ten from below `lo` to above `hi`. */
function powerOfTenTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    ticks.push(Number((10 ** e).toPrecision(1)));
  return ticks;
}

/** A log axis for compute multipliers: ticks at 1, 2, 5, 10, ... over the values drawn, written as multipliers (2×). */
export function multiplierAxis(title: string, values: readonly number[]): { [key: string]: Json } {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return axis(title, "log");
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  // Over more than four decades, 1-2-5 ticks crowd into each other: powers of ten only, large ones as 1e6×.
  const ticks = hi / lo > 1e4 ? powerOfTenTicks(lo, hi) : oneTwoFiveTicks(lo, hi);
  const label = (v: number) => (v >= 1e4 ? `${v.toExponential(0).replace("+", "")}×` : `${v}×`);
  // The range is the values drawn (a fill down to a floor does not stretch the axis), with a margin of a factor 1.5.
  const range = [Math.log10(lo / 1.5), Math.log10(hi * 1.5)];
  return { ...axis(title, "log"), tickvals: ticks, ticktext: ticks.map(label), range };
}

/** Factor parts (a label, a factor and an optional interval), each checked: positive, lo <= factor <= hi. */
export function checkFactorParts(
  builder: string,
  parts: readonly { readonly label: string; readonly factor: number; readonly lo?: number; readonly hi?: number }[],
): { label: string; factor: number; lo: number; hi: number }[] {
  checkNonEmpty(builder, "parts", parts);
  return parts.map((p, j) => {
    const where = `part ${j} ("${p.label}")`;
    const factor = checkNumber(builder, where, "factor", p.factor, true);
    const lo = p.lo === undefined ? factor : checkNumber(builder, where, "lo", p.lo, true);
    const hi = p.hi === undefined ? factor : checkNumber(builder, where, "hi", p.hi, true);
    checkInterval(builder, where, "factor", lo, factor, hi);
    return { label: p.label, factor, lo, hi };
  });
}

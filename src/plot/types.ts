// Inputs and outputs of the figure builders. Inputs are plain typed points so any stage (fits, analysis, a notebook
// cell) can feed them without adapters; outputs are Plotly figure specs: plain JSON `{data, layout}`.

/** A JSON value: what a figure spec may contain, so specs serialise byte-for-byte deterministically. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** One Plotly trace (`scatter`, `bar`, ...), as plain JSON. */
export type Trace = { readonly [key: string]: Json };

/** A Plotly figure spec, as rendered by plotly.js in every viewer and by the static renderer. */
export interface Figure {
  readonly data: readonly Trace[];
  readonly layout: { readonly [key: string]: Json };
}

/** A measured point. */
export interface XYPoint {
  readonly x: number;
  readonly y: number;
}

/** A point of a fitted or extrapolated curve with its uncertainty band (`lo` <= `y` <= `hi`). */
export interface BandPoint {
  readonly x: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

/** One run (or group of runs) for `lossVsComputeFigure`: x = training compute in FLOPs, y = validation loss. */
export interface LossCurveSeries {
  readonly label: string;
  readonly points: readonly XYPoint[];
  /** The fitted law evaluated on a grid of compute values, with its confidence band. */
  readonly fit?: readonly BandPoint[];
}

/** One record of a record table for `recordHistoryFigure`. */
export interface RecordPoint {
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  /** Record time in seconds (as in `RecordRow.timeS`). */
  readonly timeS: number;
  /** Hover text, e.g. the record's description. */
  readonly text?: string;
}

export interface RecordSeries {
  readonly label: string;
  readonly records: readonly RecordPoint[];
}

/** A measured compute multiplier at one model size: how many times less compute the new recipe needs. */
export interface MultiplierPoint {
  readonly params: number;
  readonly multiplier: number;
  /** Confidence interval of the multiplier, if known. */
  readonly lo?: number;
  readonly hi?: number;
  /** What the point is (shown in its hover label), e.g. "1.55B: Muon vs tuned AdamW, 10B tokens". */
  readonly name?: string;
  /**
   * The multiplier is a lower bound (the baseline never reached the target): drawn as an upward triangle, "≥" in hover.
   */
  readonly lowerBound?: boolean;
}

/** Extrapolated multiplier at a model size, with its band. */
export interface MultiplierBandPoint {
  readonly params: number;
  readonly multiplier: number;
  readonly lo: number;
  readonly hi: number;
}

export interface MultiplierSeries {
  readonly label: string;
  readonly points: readonly MultiplierPoint[];
  /** Join the points with a line (a pair: the same change measured at two model sizes). */
  readonly connect?: boolean;
  readonly extrapolation?: readonly MultiplierBandPoint[];
}

/** One factor of a decomposition of a speed-up (e.g. architecture 4x, token ratio 1.5x). */
export interface DecompositionPart {
  readonly label: string;
  readonly factor: number;
  readonly lo?: number;
  readonly hi?: number;
}

/** Options every builder accepts. Pixel size is fixed so the interactive and static charts look the same. */
export interface FigureOptions {
  readonly title?: string;
  /** One line under the title saying what to look at. */
  readonly caption?: string;
  /** Width and height in CSS pixels. */
  readonly widthPx?: number;
  readonly heightPx?: number;
}

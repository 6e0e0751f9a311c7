// NIST StRD nonlinear regression problems (test/fixtures/nist-strd, with their provenance): the file parser and each
// problem's model in two forms, natural (for ml-levenberg-marquardt's own interface) and the project's log form (a
// ModelSpec, for fitModel).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LogInputs, ModelSpec } from "../../src/fit/types";

export interface NistProblem {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly starts: readonly [readonly number[], readonly number[]];
  readonly certified: readonly number[];
  readonly certifiedSd: readonly number[];
  readonly certifiedRss: number;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function num(file: string, line: number, text: string): number {
  if (!NUMBER.test(text)) throw new Error(`${file}:${line}: not a number: ${JSON.stringify(text)}`);
  return Number(text);
}

/** Reads a NIST StRD .dat file: the `b1 = start1 start2 certified sd` rows, the residual sum of squares, the data. */
export function readNist(name: string): NistProblem {
  const file = join(__dirname, "..", "fixtures", "nist-strd", `${name}.dat`);
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  const starts: [number[], number[]] = [[], []];
  const certified: number[] = [];
  const certifiedSd: number[] = [];
  let rss = NaN;
  const x: number[] = [];
  const y: number[] = [];
  let inData = false;
  lines.forEach((line, i) => {
    const fields = line.trim().split(/\s+/);
    if (inData) {
      if (line.trim() === "") return;
      if (fields.length !== 2) throw new Error(`${file}:${i + 1}: expected "y x", got ${JSON.stringify(line)}`);
      y.push(num(file, i + 1, fields[0]));
      x.push(num(file, i + 1, fields[1]));
    } else if (/^b\d+$/.test(fields[0]) && fields[1] === "=") {
      const [s1, s2, c, sd] = fields.slice(2).map((f) => num(file, i + 1, f));
      starts[0].push(s1);
      starts[1].push(s2);
      certified.push(c);
      certifiedSd.push(sd);
    } else if (line.startsWith("Residual Sum of Squares:")) {
      rss = num(file, i + 1, fields[fields.length - 1]);
    } else if (/^Data:\s+y\s+x\s*$/.test(line)) {
      inData = true;
    }
  });
  const observations = lines.find((l) => l.includes("Number of Observations:"));
  const n = observations ? Number(observations.trim().split(/\s+/).pop()) : NaN;
  if (x.length !== n) throw new Error(`${file}: read ${x.length} observations, the header says ${n}`);
  if (certified.length === 0 || !Number.isFinite(rss)) throw new Error(`${file}: no certified values found`);
  return { name, x, y, starts, certified, certifiedSd, certifiedRss: rss };
}

/** Each problem's model y = f(x; b) as written in its file, for ml-levenberg-marquardt's `parameterizedFunction`. */
export const naturalModels: Readonly<Record<string, (b: readonly number[]) => (x: number) => number>> = {
  DanWood:
    ([b1, b2]) =>
    (x) =>
      b1 * x ** b2,
  Misra1a:
    ([b1, b2]) =>
    (x) =>
      b1 * (1 - Math.exp(-b2 * x)),
  Chwirut2:
    ([b1, b2, b3]) =>
    (x) =>
      Math.exp(-b1 * x) / (b2 + b3 * x),
  Misra1c:
    ([b1, b2]) =>
    (x) =>
      b1 * (1 - (1 + 2 * b2 * x) ** -0.5),
  Misra1d:
    ([b1, b2]) =>
    (x) =>
      (b1 * b2 * x) / (1 + b2 * x),
  Bennett5:
    ([b1, b2, b3]) =>
    (x) =>
      b1 * (b2 + x) ** (-1 / b3),
  BoxBOD:
    ([b1, b2]) =>
    (x) =>
      b1 * (1 - Math.exp(-b2 * x)),
  Rat43:
    ([b1, b2, b3, b4]) =>
    (x) =>
      b1 / (1 + Math.exp(b2 - b3 * x)) ** (1 / b4),
  MGH09:
    ([b1, b2, b3, b4]) =>
    (x) =>
      (b1 * (x * x + x * b2)) / (x * x + x * b3 + b4),
  Eckerle4:
    ([b1, b2, b3]) =>
    (x) =>
      (b1 / b2) * Math.exp(-0.5 * ((x - b3) / b2) ** 2),
};

/**
 * A NIST model in the project's terms: log L(x; theta) with its analytic Jacobian, for fitModel with loss "ls" (least
 * squares on y itself, as NIST certifies). The models whose forms are the project's: DanWood is the pure power law
 * (kaplan's form, with a rising exponent), Misra1c and Misra1d are saturating power-type curves, Bennett5 a shifted
 * power law b1 (b2 + x)^(-1/b3) (fitted to -y, since its y and b1 are negative). The project's fitter takes x on the
 * log scale (cols[0] = log x) and y > 0.
 */
interface LogModel {
  readonly spec: ModelSpec;
  /** Sign applied to y so that the fitted y is positive (toNatural gives b1 with NIST's sign). */
  readonly sign: 1 | -1;
}

function spec(
  name: string,
  internalNames: string[],
  lower: number[],
  upper: number[],
  predict: (theta: ArrayLike<number>, x: number, jac: Float64Array) => number,
  toNatural: (t: ArrayLike<number>) => number[],
  fromNatural: (v: ArrayLike<number>) => number[],
): ModelSpec {
  const p = internalNames.length;
  const j = new Float64Array(p);
  return {
    name: `nist-${name}`,
    description: `NIST StRD ${name}`,
    inputs: ["x"],
    paramNames: internalNames.map((_, k) => `b${k + 1}`),
    internalNames,
    lower,
    upper,
    grids: { default: () => [] },
    logPredict(theta: ArrayLike<number>, x: LogInputs, logPred: Float64Array, jac: Float64Array | null): void {
      const lx = x.cols[0];
      for (let i = 0; i < x.n; i++) {
        logPred[i] = predict(theta, Math.exp(lx[i]), j);
        if (jac !== null) for (let k = 0; k < p; k++) jac[i * p + k] = j[k];
      }
    },
    toNatural,
    fromNatural,
  };
}

export const logModels: Readonly<Record<string, LogModel>> = {
  // log y = log b1 + b2 log x
  DanWood: {
    sign: 1,
    spec: spec(
      "DanWood",
      ["lb1", "b2"],
      [-50, -20],
      [50, 20],
      (t, x, j) => {
        j[0] = 1;
        j[1] = Math.log(x);
        return t[0] + t[1] * Math.log(x);
      },
      (t) => [Math.exp(t[0]), t[1]],
      (v) => [Math.log(v[0]), v[1]],
    ),
  },
  // log y = log b1 + log(1 - (1 + 2 b2 x)^-1/2), b2 = e^lb2
  Misra1c: {
    sign: 1,
    spec: spec(
      "Misra1c",
      ["lb1", "lb2"],
      [-50, -50],
      [50, 50],
      (t, x, j) => {
        const b2 = Math.exp(t[1]);
        const u = 1 + 2 * b2 * x;
        const g = 1 - u ** -0.5;
        j[0] = 1;
        j[1] = (b2 * x * u ** -1.5) / g;
        return t[0] + Math.log(g);
      },
      (t) => [Math.exp(t[0]), Math.exp(t[1])],
      (v) => [Math.log(v[0]), Math.log(v[1])],
    ),
  },
  // log y = log b1 + log b2 + log x - log(1 + b2 x)
  Misra1d: {
    sign: 1,
    spec: spec(
      "Misra1d",
      ["lb1", "lb2"],
      [-50, -50],
      [50, 50],
      (t, x, j) => {
        const b2 = Math.exp(t[1]);
        j[0] = 1;
        j[1] = 1 / (1 + b2 * x);
        return t[0] + t[1] + Math.log(x) - Math.log1p(b2 * x);
      },
      (t) => [Math.exp(t[0]), Math.exp(t[1])],
      (v) => [Math.log(v[0]), Math.log(v[1])],
    ),
  },
  // log(-y) = log(-b1) - log(b2 + x) / b3
  Bennett5: {
    sign: -1,
    spec: spec(
      "Bennett5",
      ["l(-b1)", "b2", "b3"],
      [-50, -7, 0.01],
      [50, 1000, 100],
      (t, x, j) => {
        const s = t[1] + x;
        j[0] = 1;
        j[1] = -1 / (t[2] * s);
        j[2] = Math.log(s) / (t[2] * t[2]);
        return t[0] - Math.log(s) / t[2];
      },
      (t) => [-Math.exp(t[0]), t[1], t[2]],
      (v) => [Math.log(-v[0]), v[1], v[2]],
    ),
  },
};

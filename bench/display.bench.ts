// Display costs, as ratios against a reference measured in the same run:
//   warm chart render (browser already up) vs the cold first render (Chromium start + plotly.js load + render);
//   executing notebooks/00-display-demo.ipynb vs executing a one-cell notebook (kernel start-up alone).
// Run: npx tsx bench/display.bench.ts
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook } from "../src/notebook/executeNotebook";
import { repoRoot } from "../src/notebook/jupyterEnv";
import { closeRenderer, renderFigurePng } from "../src/notebook/renderFigurePng";
import { lossVsComputeFigure } from "../src/plot/lossVsComputeFigure";

const chinchilla = (params: number, flops: number) =>
  1.69 + 406.4 / params ** 0.34 + 410.7 / (flops / (6 * params)) ** 0.28;
const grid = Array.from({ length: 21 }, (_, i) => 10 ** (17 + i / 4));
const figure = lossVsComputeFigure(
  [124e6, 350e6, 1.56e9].map((params) => ({
    label: String(params),
    points: grid.map((x) => ({ x, y: chinchilla(params, x) })),
  })),
);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  await closeRenderer();
  let t = performance.now();
  await renderFigurePng(figure);
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await renderFigurePng(figure);
    warm.push(performance.now() - t);
  }
  await closeRenderer();
  const warmMs = median(warm);
  console.log(
    `chart PNG: cold ${coldMs.toFixed(0)} ms, warm median ${warmMs.toFixed(1)} ms (20 renders); ` +
      `warm/cold = ${(warmMs / coldMs).toFixed(3)}`,
  );

  execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
  const dir = join(repoRoot, "test", "artifacts", "bench");
  mkdirSync(dir, { recursive: true });
  const empty = join(dir, "one-cell.ipynb");
  writeFileSync(
    empty,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: [
        { id: "c0", cell_type: "code", source: "const x = 1;", metadata: {}, outputs: [], execution_count: null },
      ],
    }),
  );
  t = performance.now();
  await executeNotebook(empty);
  const emptyS = (performance.now() - t) / 1000;
  t = performance.now();
  const run = await executeNotebook(join(repoRoot, "notebooks", "00-display-demo.ipynb"));
  const demoS = (performance.now() - t) / 1000;
  console.log(
    `notebook: one-cell ` +
      `reference ${emptyS.toFixed(1)} s, 00-display-demo ${demoS.toFixed(1)} s wall ` +
      `(${run.elapsedS.toFixed(1)} s in nbclient); demo/reference = ${(demoS / emptyS).toFixed(2)}`,
  );
}

void main();

import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { repoRoot } from "../../src/notebook/jupyterEnv";
import {
  closeRenderer,
  figureTraceTypes,
  plotlyBundles,
  renderFigurePng,
  warmRenderer,
} from "../../src/notebook/renderFigurePng";
import type { Figure } from "../../src/plot/types";
import { figureBundle, plotlyMime, show } from "../../src/notebook/show";
import { lossVsComputeFigure } from "../../src/plot/lossVsComputeFigure";
import { TSX_NODE_ARGS } from "../helpers/cli";

const chinchilla = (params: number, flops: number) =>
  1.69 + 406.4 / params ** 0.34 + 410.7 / (flops / (6 * params)) ** 0.28;
const figure = (params: number) =>
  lossVsComputeFigure([{ label: "law", points: [1e18, 1e19, 1e20].map((x) => ({ x, y: chinchilla(params, x) })) }], {
    widthPx: 640,
    heightPx: 400,
  });

function pngSize(png: Buffer): [number, number] {
  assert.equal(png.subarray(0, 8).toString("hex"), "89504e470d0a1a0a", "PNG signature");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("renderFigurePng (headless Chromium)", () => {
  after(closeRenderer);

  it("renders the figure at its layout size times the scale", async () => {
    assert.deepEqual(pngSize(await renderFigurePng(figure(124e6))), [1280, 800]);
    assert.deepEqual(pngSize(await renderFigurePng(figure(124e6), { scale: 1 })), [640, 400]);
  });

  it("gives the same bytes for the same figure and different bytes for different data", async () => {
    const a = await renderFigurePng(figure(124e6));
    const b = await renderFigurePng(figure(124e6));
    const c = await renderFigurePng(figure(350e6));
    assert.ok(a.equals(b));
    assert.ok(!a.equals(c));
  });

  // One test, so it needs two browser starts rather than three (each about 5 s of CPU with plotly.js loaded).
  it(
    "gives the same bytes from a browser started ahead by warmRenderer, a reused one, and a fresh one asked for " +
      "while the renderer closes (an idle close firing late)",
    async () => {
      await closeRenderer();
      warmRenderer();
      const warmed = await renderFigurePng(figure(124e6));
      const reused = await renderFigurePng(figure(124e6));
      const closing = closeRenderer();
      const fresh = await renderFigurePng(figure(124e6));
      await closing;
      assert.ok(warmed.equals(reused), "warmed vs reused");
      assert.ok(fresh.equals(warmed), "fresh (started by the draw, while the old one closed) vs warmed");
    },
  );

  it("redraws every chart of the committed notebooks to the exact PNG bytes committed with it", async function () {
    this.timeout(300_000);
    const dir = join(repoRoot, "notebooks");
    let charts = 0;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith(".ipynb"))
      .sort()) {
      const nb = JSON.parse(readFileSync(join(dir, name), "utf8")) as {
        cells: { outputs?: { data?: Record<string, unknown> }[] }[];
      };
      for (const [i, cell] of nb.cells.entries()) {
        for (const out of cell.outputs ?? []) {
          const spec = out.data?.[plotlyMime] as Figure | undefined;
          const png = out.data?.["image/png"];
          if (!spec || typeof png !== "string") continue;
          const committed = Buffer.from(png.replace(/\n/g, ""), "base64");
          const redrawn = await renderFigurePng(spec);
          assert.ok(
            redrawn.equals(committed),
            `${name} cell ${i}: redrawn PNG (${redrawn.length} bytes) differs from the committed ` +
              `one (${committed.length} bytes)`,
          );
          charts++;
        }
      }
    }
    assert.ok(charts >= 5, `found ${charts} charts`);
  });

  it("pins one plotly.js version for both bundles, the interactive charts' and the static images'", () => {
    const version = (bundle: string) =>
      (JSON.parse(readFileSync(require.resolve(`${bundle.split("/")[0]}/package.json`), "utf8")) as { version: string })
        .version;
    const pinned = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).dependencies as Record<
      string,
      string
    >;
    assert.equal(version(plotlyBundles.basic), version(plotlyBundles.full));
    assert.equal(pinned["plotly.js-basic-dist-min"], pinned["plotly.js-dist-min"]);
    assert.match(pinned["plotly.js-dist-min"], /^\d+\.\d+\.\d+$/, "an exact version, not a range");
  });

  it("draws the project's trace types to the same bytes with the basic and the full bundle", async () => {
    const mixed: Figure = {
      data: [
        ...figure(124e6).data,
        { type: "bar", x: [1e18, 1e19], y: [3.5, 3.3], base: [0.1, 0.2], marker: { color: ["#2a9d8f", "#e76f51"] } },
      ],
      layout: {
        ...figure(124e6).layout,
        shapes: [{ type: "line", xref: "x", yref: "y", x0: 1e18, x1: 1e19, y0: 3.4, y1: 3.4 }],
      },
    };
    const basic = await renderFigurePng(mixed, { bundle: "basic" });
    const full = await renderFigurePng(mixed, { bundle: "full" });
    assert.ok(basic.equals(full), `basic ${basic.length} bytes vs full ${full.length} bytes`);
    assert.ok((await renderFigurePng(mixed)).equals(basic));
  });

  it("draws a trace type the basic bundle lacks with the full bundle instead of leaving it out", async () => {
    const heatmap: Figure = {
      data: [
        {
          type: "heatmap",
          z: [
            [1, 2, 3],
            [3, 1, 2],
            [2, 3, 1],
          ],
        },
      ],
      layout: { width: 400, height: 300 },
    };
    const axesOnly: Figure = { data: [{ type: "heatmap", z: [] }], layout: { width: 400, height: 300 } };
    assert.deepEqual(figureTraceTypes(heatmap), ["heatmap"]);
    assert.deepEqual(figureTraceTypes({ data: [{ y: [1] }, { type: "bar", y: [1] }], layout: {} }), ["bar", "scatter"]);
    const drawn = await renderFigurePng(heatmap);
    assert.ok(drawn.equals(await renderFigurePng(heatmap, { bundle: "full" })));
    // The basic bundle, forced, drops the unknown trace: what the automatic choice avoids.
    assert.ok(
      (await renderFigurePng(heatmap, { bundle: "basic" })).equals(
        await renderFigurePng(axesOnly, { bundle: "basic" }),
      ),
    );
    assert.ok(!drawn.equals(await renderFigurePng(axesOnly)), "the heatmap is drawn");
  });

  it("never keeps a script alive: one that draws a chart and does not close the renderer exits by itself", () => {
    const script = [
      `const { renderFigurePng } = ` +
        `require(${JSON.stringify(join(repoRoot, "src", "notebook", "renderFigurePng.ts"))});`,
      "renderFigurePng({ data: [{ y: [1, 2] }], layout: { width: 200, height: 100 } }).then((png) => " +
        'console.log("png " + png.length));',
    ].join("\n");
    const run = spawnSync(process.execPath, [...TSX_NODE_ARGS, "-e", script], {
      encoding: "utf8",
      timeout: 100_000, // under the test's 120 s: a loaded machine took 60 s
    });
    assert.equal(run.signal, null, "not killed by the timeout: it exited on its own");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^png \d+\n$/);
  });

  it("rejects an unknown bundle", async () => {
    await assert.rejects(renderFigurePng(figure(124e6), { bundle: "cartesian" as never }), {
      message: "renderFigurePng: unknown bundle: cartesian (expected basic or full)",
    });
  });

  it("draws something: the PNG is far from blank", async () => {
    const empty = await renderFigurePng({ data: [], layout: { width: 640, height: 400 } });
    const full = await renderFigurePng(figure(124e6));
    assert.ok(full.length > empty.length * 2, `${full.length} vs blank ${empty.length}`);
  });

  it(
    "bundles exactly the Plotly spec, a PNG and text: no text/html or javascript, which would hide " + "the PNG",
    async () => {
      const fig = figure(124e6);
      const bundle = await figureBundle(fig);
      assert.deepEqual(Object.keys(bundle.data).sort(), [plotlyMime, "image/png", "text/plain"].sort());
      assert.deepEqual(bundle.data[plotlyMime], { data: fig.data, layout: fig.layout });
      assert.deepEqual(pngSize(Buffer.from(bundle.data["image/png"] as string, "base64")), [1280, 800]);
      assert.deepEqual(bundle.metadata, { "image/png": { width: 640, height: 400 } });
      assert.equal(bundle.data["text/plain"], "Figure (1 traces: law)");
    },
  );

  it("show() outside a kernel prints the summary line instead of a picture", async () => {
    const printed: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void printed.push(args.join(" "));
    try {
      await show(figure(124e6));
    } finally {
      console.log = log;
    }
    assert.deepEqual(printed, ["Figure (1 traces: law)"]);
  });

  it("rejects something that is not a figure", async () => {
    await assert.rejects(figureBundle({ layout: {} } as never), {
      message: 'show: expected a figure {data: [...], layout: {...}}, got {"layout":{}}',
    });
  });
});

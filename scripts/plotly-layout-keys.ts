// Writes src/notebook/plotlyLayoutKeys.json: every layout attribute name plotly.js knows, as a tree (container ->
// its attribute names), read from Plotly.PlotSchema.get() of the plotly.js the project renders with, in Chromium.
// normalizeFigure uses it to name an unknown nested layout key (`xaxis.titel`) and the closest valid one. Rerun after
// upgrading plotly.js: npx tsx scripts/plotly-layout-keys.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { chromiumPath } from "../src/notebook/renderFigurePng";

type Tree = { [key: string]: Tree | 1 };

(async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
  const page = await browser.newPage();
  await page.setContent("<html><body></body></html>");
  await page.addScriptTag({ path: join(__dirname, "..", "node_modules", "plotly.js-dist-min", "plotly.min.js") });
  const tree = (await page.evaluate(
    `(() => {
    const meta = new Set(["valType", "role", "description", "editType", "dflt", "values", "min", "max", ` +
      `"arrayOk", "items",
      "_isSubplotObj", "_isLinkedToArray", "_arrayAttrRegexps", "_deprecated", "impliedEdits", "anim", ` +
      `"noBlank", "strict",
      "extras", "flags", "coerceNumber", "regex", "freeLength", "dimensions", "requiredOpts", "otherOpts", ` +
      `"_noTemplating", "uid"]);
    const walk = (node, depth) => {
      const out = {};
      for (const [key, value] of Object.entries(node)) {
        // A linked array (annotations) keeps its item container under "items": { annotation: {...} }.
        if (key === "items" && value && typeof value === "object" && !Array.isArray(value)) { ` +
      `Object.assign(out, walk(value, depth + 1)); continue; }
        if (meta.has(key) || key.startsWith("_")) continue;
        if (value && typeof value === "object" && !Array.isArray(value)) {
          out[key] = value.valType !== undefined || depth > 6 ? 1 : walk(value, depth + 1);
        }
      }
      return out;
    };
    const schema = Plotly.PlotSchema.get();
    const layout = walk(schema.layout.layoutAttributes, 0);
    // Attributes every trace type adds to the layout (barmode, ...), and the deprecated ones plotly.js still reads.
    for (const t of Object.values(schema.traces)) if (t.layoutAttributes) Object.assign(layout, ` +
      `walk(t.layoutAttributes, 0));
    return layout;
  })()`,
  )) as Tree;
  await browser.close();
  const sorted = (t: Tree): Tree =>
    Object.fromEntries(
      Object.keys(t)
        .sort()
        .map((k) => [k, t[k] === 1 ? 1 : sorted(t[k] as Tree)]),
    );
  const path = join(__dirname, "..", "src", "notebook", "plotlyLayoutKeys.json");
  writeFileSync(path, JSON.stringify(sorted(tree)) + "\n");
  console.log(`wrote ${path}: ${Object.keys(tree).length} top-level layout attributes`);
})();

// What plotly.py users write, made into what plotly.js draws. plotly.py accepts `title="..."` everywhere and the
// "magic underscore" paths of update_layout (`xaxis_title_text=...`, `yaxis_type="log"`); plotly.js (3 and later)
// silently drops a string title (it wants `{ text }`) and knows nothing of underscore paths, so a chart comes out
// without its titles and nobody is told. `show` normalises both and warns about layout keys plotly.js does not have.
import { closestName } from "../closestName";
import type { Figure, Json, Trace } from "../plot/types";
// Every layout attribute of the plotly.js the project draws with, as a tree (scripts/plotly-layout-keys.ts writes it).
import layoutTree from "./plotlyLayoutKeys.json";

type KeyTree = { readonly [key: string]: KeyTree | 1 };

/** plotly.js's top-level layout attributes (plotly.js 2-4 schema), without the numbered subplot copies. */
const layoutKeys = new Set([
  "activeselection",
  "activeshape",
  "annotations",
  "autosize",
  "autotypenumbers",
  "barcornerradius",
  "bargap",
  "bargroupgap",
  "barmode",
  "barnorm",
  "boxgap",
  "boxgroupgap",
  "boxmode",
  "calendar",
  "clickmode",
  "coloraxis",
  "colorscale",
  "colorway",
  "computed",
  "datarevision",
  "dragmode",
  "editrevision",
  "extendfunnelareacolors",
  "extendiciclecolors",
  "extendpiecolors",
  "extendsunburstcolors",
  "extendtreemapcolors",
  "font",
  "funnelareacolorway",
  "funnelgap",
  "funnelgroupgap",
  "funnelmode",
  "geo",
  "grid",
  "height",
  "hiddenlabels",
  "hidesources",
  "hoverdistance",
  "hoverlabel",
  "hovermode",
  "hoversubplots",
  "iciclecolorway",
  "images",
  "legend",
  "map",
  "mapbox",
  "margin",
  "meta",
  "minreducedheight",
  "minreducedwidth",
  "modebar",
  "newselection",
  "newshape",
  "paper_bgcolor",
  "piecolorway",
  "plot_bgcolor",
  "polar",
  "scattergap",
  "scattermode",
  "scene",
  "selectdirection",
  "selectionrevision",
  "selections",
  "separators",
  "shapes",
  "showlegend",
  "sliders",
  "smith",
  "spikedistance",
  "sunburstcolorway",
  "template",
  "ternary",
  "title",
  "transition",
  "treemapcolorway",
  "uirevision",
  "uniformtext",
  "updatemenus",
  "violingap",
  "violingroupgap",
  "violinmode",
  "waterfallgap",
  "waterfallgroupgap",
  "waterfallmode",
  "width",
  "xaxis",
  "yaxis",
]);
/**
 * Attribute names an underscore path may continue with (axes, titles, fonts, legend, margin): a path through any other
 * name (a typo such as `xaxis_titel`) is not expanded but reported as an unknown key.
 */
const pathKeys = new Set([
  "title",
  "text",
  "font",
  "family",
  "size",
  "color",
  "weight",
  "style",
  "standoff",
  "subtitle",
  "type",
  "range",
  "autorange",
  "rangemode",
  "fixedrange",
  "domain",
  "anchor",
  "overlaying",
  "side",
  "position",
  "matches",
  "scaleanchor",
  "scaleratio",
  "showgrid",
  "gridcolor",
  "gridwidth",
  "griddash",
  "zeroline",
  "zerolinecolor",
  "showline",
  "linecolor",
  "linewidth",
  "mirror",
  "ticks",
  "ticklen",
  "tickwidth",
  "tickcolor",
  "tickfont",
  "tickformat",
  "tickprefix",
  "ticksuffix",
  "tickangle",
  "tickmode",
  "tickvals",
  "ticktext",
  "tick0",
  "dtick",
  "nticks",
  "showticklabels",
  "exponentformat",
  "showexponent",
  "separatethousands",
  "hoverformat",
  "categoryorder",
  "categoryarray",
  "automargin",
  "showspikes",
  "spikemode",
  "x",
  "y",
  "xref",
  "yref",
  "xanchor",
  "yanchor",
  "orientation",
  "traceorder",
  "itemsizing",
  "tracegroupgap",
  "bgcolor",
  "bordercolor",
  "borderwidth",
  "valign",
  "align",
  "visible",
  "l",
  "r",
  "t",
  "b",
  "pad",
  "autoexpand",
  "pattern",
  "rows",
  "columns",
  "namelength",
  "bgcolor",
  "groupclick",
  "itemclick",
]);
/** Subplot containers that may be numbered (xaxis2, scene3, ...). */
const numbered = /^(xaxis|yaxis|scene|geo|polar|ternary|mapbox|map|coloraxis|smith)\d+$/;

function isKnownLayoutKey(key: string): boolean {
  return layoutKeys.has(key) || numbered.test(key);
}

type Obj = { [key: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Warns about every key of `node` (at any depth) that plotly.js's layout schema does not have, naming the closest valid
 * key: `xaxis.titel` -> did you mean `xaxis.title`. Numbered subplots (xaxis2) use their base container's keys; arrays
 * of annotations, shapes and the like are checked item by item.
 */
function checkLayoutKeys(node: Obj, tree: KeyTree, path: string, warnings: string[]): void {
  for (const key of Object.keys(node)) {
    const base = path === "" && numbered.test(key) ? key.replace(/\d+$/, "") : key;
    const known = tree[base] ?? (path === "" && layoutKeys.has(key) ? 1 : undefined);
    const where = path === "" ? key : `${path}.${key}`;
    if (known === undefined) {
      const near = closestName(base, Object.keys(tree));
      warnings.push(
        `show: unknown layout key ${JSON.stringify(where)}: plotly.js ` +
          `ignores it${near ? ` (did you mean ${JSON.stringify(path === "" ? near : `${path}.${near}`)}?)` : ""}`,
      );
      continue;
    }
    if (known === 1) continue;
    const value = node[key];
    if (isObj(value)) checkLayoutKeys(value, known, where, warnings);
    else if (Array.isArray(value)) {
      // A linked array (annotations: [{...}]) has one item container in the schema (annotations.annotation).
      const items = Object.values(known).filter((v): v is KeyTree => v !== 1);
      if (items.length === 1)
        value.forEach((item, i) => isObj(item) && checkLayoutKeys(item, items[0], `${where}[${i}]`, warnings));
    }
  }
}

/** `"A title"` -> `{ text: "A title" }`; a `titlefont` beside it moves into the title as `font`. */
function fixTitle(container: Obj, where: string, notes: string[]): void {
  const t = container.title;
  if (typeof t === "string" || typeof t === "number") {
    container.title = { text: String(t) };
    notes.push(`${where}title "${t}" -> ${where}title.text`);
  }
  if (container.titlefont !== undefined) {
    const title = isObj(container.title) ? container.title : {};
    container.title = { ...title, font: container.titlefont };
    delete container.titlefont;
    notes.push(`${where}titlefont -> ${where}title.font`);
  }
}

export interface NormalizedFigure {
  readonly figure: Figure;
  /** What was rewritten (plotly.py habits), for the curious. */
  readonly rewrites: readonly string[];
  /** Layout keys plotly.js does not know: each would be ignored without a word. */
  readonly warnings: readonly string[];
}

/**
 * Rewrites plotly.py habits in a figure into plotly.js form (the input is not modified): string titles of the layout,
 * its axes, legend and colour bars become `{ text }`; `titlefont` becomes `title.font`; underscore paths such as
 * `xaxis_title_text` or `yaxis_type` become nested keys. Unknown layout keys, at any depth, are reported in `warnings`
 * with the closest valid key.
 */
export function normalizeFigure(figure: Figure): NormalizedFigure {
  const layout = JSON.parse(JSON.stringify(figure.layout)) as Obj;
  const data = JSON.parse(JSON.stringify(figure.data)) as Obj[];
  const rewrites: string[] = [];
  const warnings: string[] = [];

  // Underscore paths first (xaxis_title_text="..." is xaxis.title.text), so the title rule below sees the result.
  for (const key of Object.keys(layout)) {
    if (isKnownLayoutKey(key) || !key.includes("_")) continue;
    const parts = key.split("_");
    if (!isKnownLayoutKey(parts[0]) || !parts.slice(1).every((p) => pathKeys.has(p))) continue;
    let node = layout;
    for (const p of parts.slice(0, -1)) {
      if (!isObj(node[p])) node[p] = typeof node[p] === "string" && p === "title" ? { text: node[p] } : {};
      node = node[p] as Obj;
    }
    node[parts[parts.length - 1]] = layout[key];
    delete layout[key];
    rewrites.push(`${key} -> ${parts.join(".")}`);
  }
  fixTitle(layout, "", rewrites);
  for (const key of Object.keys(layout)) {
    const v = layout[key];
    if (/^(xaxis|yaxis)\d*$/.test(key) || key === "legend") {
      if (isObj(v)) fixTitle(v, `${key}.`, rewrites);
      else if (key !== "legend" && typeof v === "string")
        warnings.push(`show: layout.${key} is a string (expected an object such as { title: { text } })`);
    }
    if (/^scene\d*$/.test(key) && isObj(v))
      for (const a of ["xaxis", "yaxis", "zaxis"]) if (isObj(v[a])) fixTitle(v[a] as Obj, `${key}.${a}.`, rewrites);
    if (/^coloraxis\d*$/.test(key) && isObj(v) && isObj(v.colorbar)) fixTitle(v.colorbar, `${key}.colorbar.`, rewrites);
  }
  checkLayoutKeys(layout, layoutTree as KeyTree, "", warnings);
  data.forEach((trace, i) => {
    if (isObj(trace.colorbar)) fixTitle(trace.colorbar, `data[${i}].colorbar.`, rewrites);
    if (isObj(trace.marker) && isObj(trace.marker.colorbar))
      fixTitle(trace.marker.colorbar, `data[${i}].marker.colorbar.`, rewrites);
  });
  return { figure: { data: data as Trace[], layout }, rewrites, warnings };
}

// Classic Notebook 6 renderer for application/vnd.plotly.v1+json outputs, offline: plotly.min.js is copied next to this
// file from the project's node_modules by scripts/setup-jupyter.sh and loaded through Notebook 6's require.js; no CDN.
// Registered as a "safe" MIME type (it is data, not code), so committed, untrusted notebooks render it too, and ahead
// of image/png, which stays in the output as the static fallback for viewers without this extension.
define(["base/js/namespace", "notebook/js/outputarea", "require"], function (Jupyter, outputarea, require) {
  "use strict";
  var MIME = "application/vnd.plotly.v1+json";
  var plotly = null;

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        // plotly.js 3+ has no AMD define: it sets window.Plotly when its script runs.
        require(["./plotly.min"], function (P) {
          var Plotly = P || window.Plotly;
          if (Plotly && Plotly.newPlot) resolve(Plotly);
          else reject(new Error("plotly.min.js loaded but defined no Plotly"));
        }, reject);
      });
    }
    return plotly;
  }

  function append(data, metadata, element) {
    var toinsert = this.create_output_subarea(metadata, "output_plotly", MIME);
    var div = document.createElement("div");
    div.className = "speedrun-plotly";
    toinsert.append(div);
    element.append(toinsert);
    loadPlotly()
      .then(function (Plotly) {
        return Plotly.newPlot(div, data.data, data.layout, { displaylogo: false });
      })
      .catch(function (e) {
        div.textContent = "speedrun-plotly: cannot draw the chart: " + e;
      });
    return toinsert;
  }

  // The notebook may have rendered saved outputs before this extension loaded (Notebook 6 loads both concurrently):
  // redraw the cells that hold a Plotly output so they use this renderer, without marking the notebook changed.
  function redrawExisting() {
    var nb = Jupyter.notebook;
    if (!nb || !nb.get_cells) return;
    var wasDirty = nb.dirty;
    nb.get_cells().forEach(function (cell) {
      var area = cell.output_area;
      if (!area || !area.outputs) return;
      var has = area.outputs.some(function (o) {
        return o.data && o.data[MIME];
      });
      if (!has) return;
      var outputs = area.toJSON();
      area.clear_output(false, true);
      area.fromJSON(outputs, cell.metadata);
    });
    if (!wasDirty && nb.set_dirty) nb.set_dirty(false);
  }

  function load_ipython_extension() {
    outputarea.OutputArea.prototype.register_mime_type(MIME, append, { safe: true, index: 0 });
    loadPlotly();
    redrawExisting();
  }

  return { load_ipython_extension: load_ipython_extension };
});

// Draws every chart on the page from its inert JSON spec with the site's own plotly.js, and wires the code toggle.
// Plain ES5-compatible script: it runs from file:// as well as from a server.
(function () {
  "use strict";
  function drawCharts() {
    var specs = document.querySelectorAll("script.plotly-spec");
    if (specs.length === 0) return;
    if (typeof window.Plotly === "undefined") {
      console.error("plotly.js did not load: charts cannot be drawn");
      return;
    }
    for (var i = 0; i < specs.length; i++) {
      var target = document.getElementById(specs[i].getAttribute("data-target"));
      if (!target) continue;
      var spec = JSON.parse(specs[i].textContent);
      // The modebar shows on hover only, so it never sits on a chart's title.
      var config = { responsive: true, displaylogo: false, displayModeBar: "hover" };
      if (spec.config) for (var key in spec.config) config[key] = spec.config[key];
      var layout = fitLayout(spec.layout || {}, target.clientWidth);
      if (layout.headingText) {
        addHeading(target, layout.headingText);
        delete layout.headingText;
      }
      window.Plotly.newPlot(target, spec.data, layout, config);
    }
  }
  // A chart takes the width of its column, not the pixel width it was designed at (800-980 px), so a page fits a phone.
  // On a narrow screen the chart is shorter, its margins tighter and its legend below the plot.
  function fitLayout(layout, width) {
    var out = {};
    for (var key in layout) out[key] = layout[key];
    delete out.width;
    out.autosize = true;
    if (width > 0 && width < 600) {
      var height = typeof layout.height === "number" ? layout.height : 450;
      out.height = Math.max(360, Math.min(height, Math.round(width * 1.25)));
      var margin = layout.margin || {};
      out.margin = {
        l: Math.min(margin.l || 60, 56),
        r: Math.min(margin.r || 20, 12),
        t: margin.t,
        b: margin.b,
        pad: margin.pad,
      };
      var legend = {};
      for (var k in layout.legend || {}) legend[k] = layout.legend[k];
      legend.orientation = "h";
      legend.x = 0;
      legend.xanchor = "left";
      out.legend = legend;
      out.font = { size: 11 };
      if (layout.font) for (var f in layout.font) if (f !== "size") out.font[f] = layout.font[f];
      // Plotly never wraps a title: on a narrow screen the title and subtitle are shown as text above the chart.
      var title =
        layout.title && typeof layout.title === "object"
          ? layout.title
          : typeof layout.title === "string"
            ? { text: layout.title }
            : null;
      if (title && typeof title.text === "string" && title.text !== "") {
        out.title = { text: "" };
        out.margin.t = 16;
        out.headingText = [
          plainText(title.text),
          title.subtitle && typeof title.subtitle.text === "string" ? plainText(title.subtitle.text) : "",
        ];
      }
    }
    return out;
  }
  function plainText(html) {
    var el = document.createElement("span");
    el.innerHTML = String(html).replace(/<br\s*\/?>/gi, " ");
    return el.textContent || "";
  }
  function addHeading(target, texts) {
    var head = document.createElement("div");
    head.className = "chart-heading";
    var title = document.createElement("strong");
    title.textContent = texts[0];
    head.appendChild(title);
    if (texts[1]) {
      var sub = document.createElement("span");
      sub.className = "note";
      sub.textContent = texts[1];
      head.appendChild(sub);
    }
    target.parentNode.insertBefore(head, target);
  }
  // Code is folded by default; the button opens or folds every cell's code at once.
  function wireCodeToggle() {
    var button = document.querySelector("button.toggle-code");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var inputs = document.querySelectorAll("details.input");
      var open = button.textContent === "Show code";
      for (var i = 0; i < inputs.length; i++) inputs[i].open = open;
      button.textContent = open ? "Fold code" : "Show code";
    });
  }
  wireCodeToggle();
  drawCharts();
})();

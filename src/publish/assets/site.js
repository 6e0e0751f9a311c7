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
      var layout = fitLayout(spec.layout || {}, target.clientWidth, spec.data || []);
      if (layout.headingText) {
        addHeading(target, layout.headingText);
        delete layout.headingText;
      }
      var data = spec.data || [];
      // On a narrow screen value labels outside the bars may run past the axis: drawn in the margin, not clipped.
      if (target.clientWidth > 0 && target.clientWidth < 600)
        data = data.map(function (trace) {
          if (!hasOutsideText(trace)) return trace;
          var copy = copyOf(trace);
          copy.cliponaxis = false;
          return copy;
        });
      window.Plotly.newPlot(target, data, layout, config);
    }
  }
  // A chart takes the width of its column, not the pixel width it was designed at (800-980 px), so a page fits a phone.
  // On a narrow screen the chart is shorter, its margins tighter and its legend below the plot.
  function fitLayout(layout, width, data) {
    var out = copyOf(layout);
    delete out.width;
    out.autosize = true;
    if (width > 0 && width < 600) {
      var height = typeof layout.height === "number" ? layout.height : 450;
      out.height = Math.max(360, Math.min(height, Math.round(width * 1.25)));
      var margin = layout.margin || {};
      out.margin = {
        l: Math.min(margin.l || 60, 56),
        // room for value labels drawn outside the bars' ends
        r: data.some(hasOutsideText) ? 40 : Math.min(margin.r || 20, 12),
        t: margin.t,
        b: margin.b,
        pad: margin.pad,
      };
      var legend = copyOf(layout.legend);
      legend.orientation = "h";
      legend.x = 0;
      legend.xanchor = "left";
      legend.font = { size: 10 };
      if (layout.legend && layout.legend.font)
        for (var lf in layout.legend.font) if (lf !== "size") legend.font[lf] = layout.legend.font[lf];
      out.legend = legend;
      // Tick labels and axis titles get the margin they need (the tighter margins above would clip long category
      // labels); an axis title wider than the chart loses its parenthesis or is broken over lines (Plotly never wraps).
      var xTitleLines = 1;
      for (var axis in layout) {
        if (!/^[xy]axis\d*$/.test(axis) || !layout[axis] || typeof layout[axis] !== "object") continue;
        var a = copyOf(layout[axis]);
        a.automargin = true;
        var at =
          a.title && typeof a.title === "object" ? a.title : typeof a.title === "string" ? { text: a.title } : null;
        if (at && typeof at.text === "string") {
          var t = copyOf(at);
          t.text = shortTitle(
            at.text,
            Math.max(24, Math.floor((axis.charAt(0) === "x" ? width - 80 : width * 1.1) / 6.5))
          );
          a.title = t;
          if (axis === "xaxis") xTitleLines = t.text.split("<br>").length;
        }
        out[axis] = a;
      }
      // A legend beside or on top of the plot moves below it, and the chart grows by a line per entry, so that a long
      // legend never covers the plot (Plotly would overlay it with a scrollbar).
      if (typeof legend.y !== "number" || legend.y >= 0) {
        legend.y = -0.2;
        var entries = data.filter(function (t) {
          return t.showlegend !== false && typeof t.name === "string" && t.name !== "";
        }).length;
        out.height += Math.min(600, 20 * entries);
      }
      // ... and lower it by the lines the axis title was broken into.
      legend.y -= 0.06 * (xTitleLines - 1);
      legend.yanchor = "top";
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
  // An axis title that fits in max characters: as it is, else without its parenthesis, else broken over lines.
  function shortTitle(text, max) {
    if (text.length <= max) return text;
    var cut = text.indexOf(" (");
    return cut > 0 && cut <= max ? text.slice(0, cut) : wrapWords(text, max);
  }
  // Breaks text at spaces into lines of at most max characters (a word longer than max stays whole), joined by <br>.
  function wrapWords(text, max) {
    if (text.length <= max || /<br\s*\/?>/i.test(text)) return text;
    var words = text.split(" ");
    var lines = [];
    var line = "";
    for (var i = 0; i < words.length; i++) {
      if (line !== "" && line.length + 1 + words[i].length > max) {
        lines.push(line);
        line = words[i];
      } else line = line === "" ? words[i] : line + " " + words[i];
    }
    if (line !== "") lines.push(line);
    return lines.join("<br>");
  }
  function hasOutsideText(trace) {
    return trace.type === "bar" && trace.text !== undefined && trace.textposition !== "inside";
  }
  // A shallow copy (the spec's own objects are never changed); {} for a missing object.
  function copyOf(object) {
    var copy = {};
    for (var key in object || {}) copy[key] = object[key];
    return copy;
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

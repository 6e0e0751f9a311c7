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
      window.Plotly.newPlot(target, spec.data, spec.layout || {}, config);
    }
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

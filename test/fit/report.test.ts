// A fit result reads as a report (lmfit's fit_report): printed by console.log or as a cell's last expression, and
// displayed by showFit as a table with the text as fallback.
import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { fitModel } from "../../src/fit/fitModel";
import { fitReport } from "../../src/fit/report";
import { fitReportBundle } from "../../src/notebook/fitReport";

describe("fit report", () => {
  const x = [1e17, 3e17, 1e18, 3e18, 1e19, 3e19].map((v) => [v]);
  const y = x.map(([c]) => 1.8 + 2000 * c ** -0.2 * (1 + 0.001 * Math.sin(c)));

  it("prints parameters with standard errors and estimate +- 1.96 SE intervals, objective and status", () => {
    const fit = fitModel("power", { x, y });
    const text = inspect(fit);
    assert.equal(text, fitReport(fit));
    assert.match(text, /^\[\[Fit: power\]\]\n {4}status: {6}converged/);
    assert.match(text, /objective: {3}\S+ \(huber:0\.001\)/);
    assert.match(text, /\(95% interval, estimate ± 1\.96 SE \(no bootstrap\)\)/);
    const row = text
      .split("\n")
      .find((l) => l.trim().startsWith("E "))!
      .trim()
      .split(/\s+/);
    const [est, se, lo, hi] = [Number(row[1]), Number(row[2]), Number(row[5]), Number(row[6])];
    assert.ok(Math.abs(est - fit.params.E) < 1e-3 && Math.abs(se - fit.se.E!) < 1e-5 * 10);
    assert.ok(
      Math.abs(lo - (fit.params.E - 1.96 * fit.se.E!)) < 1e-3 &&
        Math.abs(hi - (fit.params.E + 1.96 * fit.se.E!)) < 1e-3,
      row.join(" "),
    );
    // JSON and the enumerable fields are unchanged by the report.
    assert.ok(!Object.keys(fit).some((k) => k.includes("inspect")));
    assert.equal(JSON.parse(JSON.stringify(fit)).model, "power");
  });

  it("uses the bootstrap percentile interval when there is one, and shows it as an HTML table in a notebook", () => {
    const fit = fitModel("power", { x, y }, { bootstrap: { resamples: 40, seed: 1 } });
    const text = fitReport(fit);
    assert.match(text, /\(95% bootstrap percentile interval \(40 resamples\)\)/);
    const alpha = text
      .split("\n")
      .find((l) => l.trim().startsWith("alpha"))!
      .trim()
      .split(/\s+/);
    assert.equal(Number(alpha[5]), Number(fit.ci!.alpha[0].toPrecision(4)));
    const bundle = fitReportBundle(fit);
    assert.equal(bundle.data["text/plain"], text);
    assert.match(String(bundle.data["text/html"]), /<td>alpha<\/td><td style="text-align:right">0\.2003<\/td>/);
  });
});

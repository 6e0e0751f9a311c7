// The headline extrapolation interval: an envelope that includes model-form uncertainty, not only the sampling
// uncertainty of one model.
//
// Why: the scale fit has 4 points, 2 pair intercepts and 1 common slope (1 residual dof). The ln ln M model was chosen
// after seeing that the pairs' plain (ln M) slopes disagree, and under it the two pair slopes happen to agree on the
// compute axis, so its 95% prediction interval there is narrow (e.g. 3.1x [2.4, 4.5] at 1e24 FLOP) while the plain
// ln M model puts its central estimate at 10x. An interval that excludes the other defensible model's central value
// is overconfident. Rule (per target, on each axis):
//   lower end = min(ln ln M 95% PI lower end, ln ln M pair-slope band lower end, ln M pair-slope band lower end);
//   upper end = max(the same three upper ends), capped at the 124M anchor multiplier when every pair's own slope is
//               negative under both models on that axis.
// What is in and why:
//   - the ln ln M 95% PI: the headline model's own sampling uncertainty;
//   - each model's pair-slope band (predictions of the pooled slope and of each pair's own slope): the disagreement
//     between the two same-vintage pairs, stated on both scales, which is the model-form uncertainty;
//   - not the ln M model's 95% PI: its residual is that same pair disagreement, multiplied by t(0.975, 1 dof) = 12.7,
//     which spans 1e-6x to 1e8x at the targets; the pair-slope band carries the disagreement at the size the data
//     show, and the PI is kept in the row (piLoLogModel/piHiLogModel) so nothing is hidden.
// Clipping: the upper end is capped at the anchor (today's 124M multiplier) because every observed pair is smaller at
// the larger model; a multiplier above the 124M one at frontier scale would contradict every pair in the data (the
// cap is dropped when any pair grows). The lower end is not floored: below 1x means the recipe would be worse than its
// baseline at that scale, which the data cannot rule out under the ln M model; rows say so (`envelopeLo < 1`) and the
// verdict treats it as "may vanish".
import type { ExtrapolationEnvelopeRow, ExtrapolationRow, ScaleTrendFit } from "./types";

export const ENVELOPE_RULE =
  "envelope lo/hi = union of the ln ln M model's 95% prediction interval and the pair-slope bands (pooled slope and each "
  + "pair's own slope) of both the ln ln M and the plain ln M model; the upper end is capped at today's 124M multiplier "
  + "when every same-vintage pair shrinks with scale under both models (a larger gain at frontier scale would contradict "
  + "every observed pair); the lower end is not floored, so below 1x means the recipe could be worse than its baseline. "
  + "The ln M model's own 95% PI (t with 1 dof = 12.7) is reported (pi_lo_log_model, pi_hi_log_model) but not used: it "
  + "spans many orders of magnitude and restates the pair disagreement the ln M band already shows.";

/** Every pair's own slope is negative under every given fit (and there is at least one pair in each). */
export function allPairsShrink(fits: readonly ScaleTrendFit[]): boolean {
  return fits.length > 0 && fits.every((f) => {
    const slopes = Object.values(f.pairSlopes);
    return slopes.length > 0 && slopes.every((b) => b < 0);
  });
}

interface Part { readonly name: string; readonly lo: number | null; readonly hi: number | null }

/** The envelope of one headline row, given the ln M row at the same target (null when that model could not fit). */
export function envelopeRow(headline: ExtrapolationRow, alternative: ExtrapolationRow | null, capAtAnchor: boolean): ExtrapolationEnvelopeRow {
  const parts: Part[] = [
    { name: "ln ln M 95% PI", lo: headline.lo, hi: headline.hi },
    { name: "ln ln M pair-slope band", lo: headline.bandLo, hi: headline.bandHi },
    { name: "ln M pair-slope band", lo: alternative?.bandLo ?? null, hi: alternative?.bandHi ?? null },
  ];
  let lo: number | null = null;
  let hi: number | null = null;
  let loFrom = "";
  let hiFrom = "";
  for (const p of parts) {
    if (p.lo !== null && (lo === null || p.lo < lo)) { lo = p.lo; loFrom = p.name; }
    if (p.hi !== null && (hi === null || p.hi > hi)) { hi = p.hi; hiFrom = p.name; }
  }
  let capped = false;
  if (capAtAnchor && hi !== null && headline.anchorMultiplier !== null && hi > headline.anchorMultiplier) {
    hi = headline.anchorMultiplier;
    hiFrom = "124M anchor cap";
    capped = true;
  }
  // The central estimate lies inside its own pair-slope band, so it lies inside the envelope; keep that true even
  // when a component is missing.
  if (headline.multiplier !== null) {
    if (lo !== null && lo > headline.multiplier) lo = headline.multiplier;
    if (hi !== null && hi < headline.multiplier) hi = headline.multiplier;
  }
  return {
    ...headline, envelopeLo: lo, envelopeHi: hi, envelopeLoFrom: loFrom, envelopeHiFrom: hiFrom, cappedAtAnchor: capped,
    centralLogModel: alternative?.multiplier ?? null, bandLoLogModel: alternative?.bandLo ?? null, bandHiLogModel: alternative?.bandHi ?? null,
    piLoLogModel: alternative?.lo ?? null, piHiLogModel: alternative?.hi ?? null,
  };
}

/**
 * Envelope rows for every headline (ln ln M) row: the ln M row at the same axis and target is matched by value, and
 * the anchor cap applies on an axis when every pair shrinks under both models' fits on that axis.
 */
export function extrapolationEnvelope(rows: readonly ExtrapolationRow[], fits: readonly ScaleTrendFit[]): ExtrapolationEnvelopeRow[] {
  const xOf = (r: ExtrapolationRow) => (r.axis === "params" ? r.params : r.flops);
  return rows.filter((r) => r.model === "loglog").map((h) => {
    const alt = rows.find((r) => r.model === "log" && r.axis === h.axis && xOf(r) === xOf(h)) ?? null;
    const axisFits = fits.filter((f) => f.axis === h.axis);
    const cap = axisFits.some((f) => f.model === "loglog") && axisFits.some((f) => f.model === "log") && allPairsShrink(axisFits);
    return envelopeRow(h, alt, cap);
  });
}

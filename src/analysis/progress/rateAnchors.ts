// Published rates of progress to put beside the speedrun's own, each read in its source (see LITERATURE.md).
// Halving times in months; a yearly factor f becomes 12 ln 2 / ln f.
export interface RateAnchor {
  readonly id: string;
  readonly label: string;
  readonly halvingMonths: number;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly quantity: string;
  readonly source: string;
  /** For a count of track-1 records: the last date it covers, so the project's own table can be put beside it. */
  readonly track1Until?: string;
}

const halvingFromFactor = (factor: number, months: number) => (months * Math.LN2) / Math.log(factor);

export const RATE_ANCHORS: readonly RateAnchor[] = [
  {
    id: "ho_et_al_2024",
    label: "Ho et al. 2024, language models 2012-2023",
    halvingMonths: 8,
    lo: 5,
    hi: 14,
    quantity: "compute to reach a fixed performance (95% CI 5-14 months)",
    source:
      "Ho, Besiroglu, Erdil et al. 2024, Algorithmic progress in language models, arXiv:2403.05812, abstract " +
      "(the NeurIPS version gives a 90% CI of 2-22 months)",
  },
  {
    id: "gundlach_speedrun",
    label: "Gundlach, speedrun FLOP efficiency (~1.6x per year)",
    halvingMonths: halvingFromFactor(1.6, 12),
    lo: null,
    hi: null,
    quantity: "algorithmic progress at fixed data and size, from the NanoGPT speedrun: about 1.6x per year",
    source:
      "Gundlach, Measuring the dark energy of AI progress, LessWrong (lesswrong.com/posts/gZBcJwmpbZ536KiWy), " +
      "Main Conclusions",
  },
  {
    id: "metr_2026",
    label: "METR, 31x over 77 records (May 2024 - March 2026)",
    halvingMonths: halvingFromFactor(31, 22),
    lo: null,
    hi: null,
    quantity:
      "track-1 record time, 45 to 1.43 minutes over 77 records by 36 contributors, May 2024 to March 2026 " +
      "(about 22 months)",
    source:
      "METR, Evidence on AI R&D progress from NanoGPT (note of 2026-04-21); read in the author's summary " +
      "(manishs.org/notes/ai-rd-nanogpt-progress) and a repost of the note",
    track1Until: "2026-03-31",
  },
];

/**
 * The project's own track-1 table up to `until`: rows after the baseline, and the README-time ratio baseline / best.
 */
export function track1TableUntil(
  rows: readonly { track: string; rowIndex: number; date: string | null; recordTimeS: number | null }[],
  until: string,
): { rows: number; bestTimeS: number | null; readmeTimeRatio: number | null } {
  const mine = rows
    .filter((r) => r.track === "track1" && r.date !== null && r.date <= until)
    .sort((a, b) => a.rowIndex - b.rowIndex);
  const base = mine.find((r) => r.rowIndex === 0);
  const times = mine.filter((r) => r.rowIndex > 0 && r.recordTimeS !== null).map((r) => r.recordTimeS as number);
  const best = times.length ? Math.min(...times) : null;
  return {
    rows: mine.filter((r) => r.rowIndex > 0).length,
    bestTimeS: best,
    readmeTimeRatio: base?.recordTimeS && best ? base.recordTimeS / best : null,
  };
}

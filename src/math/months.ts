// Dates as months: the x axis of every rate of progress (halving times, forecasts, claims' elapsed time).

/** Days per month used to turn dates into months (Julian year / 12). */
const DAYS_PER_MONTH = 365.25 / 12;

/** Months between two ISO dates (b - a). */
export function monthsBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000 / DAYS_PER_MONTH;
}

/** The ISO date `months` (fractional, may be negative) after `date`. */
export function addMonths(date: string, months: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + months * DAYS_PER_MONTH * 86_400_000).toISOString().slice(0, 10);
}

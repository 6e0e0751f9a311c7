// The result and data files the index links to, copied into the site so the links work wherever the site is opened
// (from disk or from a server that serves only site/).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

export interface SiteDownloads {
  /** Site-relative hrefs, e.g. "results/multipliers.csv". */
  readonly results: readonly string[];
  readonly data: readonly string[];
}

/**
 * Copies summary.json and the CSV files beside it into `<site>/results/`, and the dataset's CSV files (beside the
 * records table) with the README one folder up into `<site>/data/`. Missing folders give empty lists.
 */
export function copySiteDownloads(siteDir: string, summaryPath: string, recordsPath: string): SiteDownloads {
  const copy = (from: string, names: readonly string[], to: string): string[] => {
    if (names.length === 0) return [];
    mkdirSync(join(siteDir, to), { recursive: true });
    for (const name of names) copyFileSync(join(from, name), join(siteDir, to, name));
    return names.map((name) => `${to}/${name}`);
  };
  const files = (dir: string, pattern: RegExp) => (existsSync(dir) ? readdirSync(dir).filter((n) => pattern.test(n)).sort() : []);
  const resultsDir = dirname(summaryPath);
  const results = copy(resultsDir, files(resultsDir, /^summary\.json$|\.csv$/), "results");
  const dataDir = dirname(recordsPath);
  const readme = join(dataDir, "..", "README.md");
  const data = [
    ...(existsSync(readme) ? copy(dirname(readme), ["README.md"], "data") : []),
    ...copy(dataDir, files(dataDir, /\.csv$/), "data/speedrun"),
  ];
  return { results, data };
}

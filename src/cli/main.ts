// npm start: until the analysis lands, print a summary of the embedded dataset (data/speedrun/).
import { loadDataset } from "../dataset/loadDataset";
import { DATASET_DIR } from "../dataset/sharedDir";
import { formatSummary, summarizeDataset } from "../dataset/summarizeDataset";

try {
  console.log(`Embedded dataset: ${DATASET_DIR}`);
  console.log(formatSummary(summarizeDataset(loadDataset())));
} catch (err) {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)} (regenerate with: npm run ingest)`);
  process.exitCode = 1;
}

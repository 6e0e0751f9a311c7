// Everything the analysis reads, in one object: the embedded dataset's rows (inputs.ts) and the committed catalogues
// (record categories, literature measurements, transfer pairs). Its own file so that the catalogues' loaders, which
// read the row types of inputs.ts, are not imported by the file they import.
import type { DataIssue } from "../ingest/logIntegrity";
import type { TransferPairRow } from "../scale/transferCatalogue";
import type { TransferMeasurement } from "../types";
import type { RecordCategory } from "./attribution/recordCategories";
import type { EvalInput, RecordInput, RunInput } from "./inputs";

export interface AnalysisInput {
  readonly records: readonly RecordInput[];
  readonly runs: readonly RunInput[];
  readonly evals: readonly EvalInput[];
  /** data/record_categories.csv, validated (recordCategories.ts); absent: no attribution by category. */
  readonly categories?: readonly RecordCategory[];
  /** data/speedrun/data_issues.csv (the ingest's file-level issues); absent: none known. */
  readonly dataIssues?: readonly DataIssue[];
  /**
   * Published cross-scale measurements (data/literature_transfer.csv via parseLiteratureTransfer); none when absent.
   */
  readonly literatureTransfer?: readonly TransferMeasurement[];
  /** The cross-scale transfer catalogue (data/transfer_pairs.csv, parseTransferCatalogue); none: no transfer pairs. */
  readonly transferPairs?: readonly TransferPairRow[];
}

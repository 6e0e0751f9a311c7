// The smallest log the ingest reads as a complete modded-nanogpt run: the two script lines the token count comes from,
// then validation lines at steps 0, 125 and 250 (ending below 3.28). Shared by the bad-input and file-problem tests.
export const SMALL_LOG = [
  "    batch_size : int = 8*64 # batch size, in sequences, across all devices",
  "    sequence_length : int = 1024 # sequence length, in tokens",
  "step:0/250 val_loss:10.8258 train_time:0ms step_avg:nanms",
  "step:125/250 val_loss:4.2000 train_time:100ms step_avg:1ms",
  "step:250/250 val_loss:3.2700 train_time:200ms step_avg:1ms",
].join("\n");

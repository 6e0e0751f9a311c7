// The printed training script inside a modded-nanogpt log, read line by line as parseLog.ts walks the file: the
// watched assignments (batch sizes, sequence lengths, step counts), TRAINING_STAGES, the model call and model lines,
// embedding tables and weight tying, the attention window lines and the printed parameter counts. What it gathers
// (ScriptFacts) is evaluated later by tokenSchedule.ts, windowSchedule.ts and paramCount.ts. Pure: no file system.

/** A value assigned in the printed script, kept as source text until the token schedule evaluates it. */
export interface ScriptAssignment {
  readonly expr: string;
  readonly line: number;
}

export interface ScriptStage {
  /** `duration=` as written (`1/3`), null for the extension stage. */
  readonly duration: string | null;
  readonly batchSize: string | null;
  /** `window_sizes=` as written (`(1, 3)`: short and long window in blocks, 2026-01-30 on), null when absent. */
  readonly windowSizes: string | null;
  readonly line: number;
}

export interface PrintedParams {
  readonly total: number;
  readonly embedding: number | null;
  readonly nonEmbedding: number | null;
  readonly line: number;
}

/** What the printed training script says about batches and the model. */
export interface ScriptFacts {
  /** Every candidate assignment per watched name, in file order (the first that evaluates wins). */
  readonly assignments: ReadonlyMap<string, readonly ScriptAssignment[]>;
  /** Entries of the first `TRAINING_STAGES = [...]` list. */
  readonly stages: readonly ScriptStage[];
  /** The model construction call (`model = GPT(...)` / `model: nn.Module = GPT(...)`), joined onto one line. */
  readonly modelCall: ScriptAssignment | null;
  /** The script ties lm_head to the token embedding (`wte.weight = ...lm_head.weight` or the reverse). */
  readonly headTied: boolean;
  /** Markers of architecture beyond a plain GPT-2 block stack. */
  readonly hasValueEmbeddings: boolean;
  readonly hasBigramHash: boolean;
  /**
   * Right-hand sides of the first `self.attn =`, `self.mlp =`, `self.value_embeds =`, `self.bigram_embed =`,
   * `self.lm_head =`.
   */
  readonly modelLines: ReadonlyMap<string, string>;
  /**
   * Indentation of each kept model line's first occurrence (8: directly in `__init__`; deeper: inside an `if`/`dict`).
   */
  readonly modelLineIndents: ReadonlyMap<string, number>;
  /** Every distinct right-hand side of each kept model line, in file order (modelLines holds AMBIGUOUS for two). */
  readonly modelLineVariants: ReadonlyMap<string, readonly string[]>;
  /**
   * Every `self.<name> = nn.Embedding(...)` in the script (first right-hand side per name), to account for each table.
   */
  readonly embeddingTables: ReadonlyMap<string, string>;
  /**
   * Names of `self.<name>_bank = nn.Parameter(...)` tensors (2026: the weights of all layers in a few stacked tensors).
   */
  readonly parameterBanks: readonly string[];
  /**
   * Every `self.<name> = nn.Parameter(`, `= nn.Linear(`, `= CastedLinear...(` name, to check a layout holds nothing
   * else.
   */
  readonly weightNames: readonly string[];
  /** Right-hand sides of `hdim = ...` lines (the MLP's hidden width is `4 * dim`). */
  readonly hiddenDims: readonly string[];
  /** The forward pass embeds tokens with the lm_head weight (`x = F.embedding(input_seq, self.lm_head.weight)`). */
  readonly embedFromHead: boolean;
  /**
   * A fixed attention window the mask states as a literal (2024-11-19: `window_mask = q_idx - kv_idx < 1024`), else
   * null.
   */
  readonly attentionWindowLiteral: number | null;
  /** Script lines that may state the attention window schedule (windowSchedule.ts reads them), trimmed, in order. */
  readonly windowLines: readonly ScriptAssignment[];
  readonly printedParams: PrintedParams | null;
}

/** Script names whose constant values feed the token schedule and the model shape. */
const WATCHED = new Set([
  "batch_size",
  "device_batch_size",
  "sequence_length",
  "seq_len",
  "train_seq_len",
  "train_batch_size",
  "num_iterations",
  "num_scheduled_iterations",
  "num_extension_iterations",
  "iteration_extension",
  "train_bs_schedule",
  "train_bs_extension",
  "num_vocab",
  "vocab_size",
  "bigram_vocab_size",
  "bigram_dim",
]);

/** Script lines that state an attention window schedule (FACTS.md eras 2024-11-24 on; windowSchedule.ts). */
const WINDOW_LINE = new RegExp(
  "^(?:(?:attn_blocksize|sw_size|sw_num_blocks|window_size|factor|frac_done|ws_idx) += |" +
    // 2026 TrainingStage windows: the block size, the (short, long) state, any other assignment to it, its override
    "self\\.block_size = |self\\.(?:ws_short|ws_long)\\b.* = |self\\._WS_\\w+ = |" +
    "(?:ws_short|ws_long) = self\\.ws_(?:short|long) \\* self\\.block_size,?$|if \\d+ <= step < \\d+:$|" +
    // track 3: dense causal attention over the data generator's sequences
    "def distributed_data_generator\\(|train_loader = distributed_data_generator\\(|" +
    "y = F\\.scaled_dot_product_attention\\(|v\\.transpose\\(1, 2\\), .*\\)\\.transpose\\(1, 2\\)$|" +
    "x = (?:min\\()?(?:step|it) / |" +
    "(?:block_masks|bm_sizes) = \\[|def get_(?:sliding_window_blocks|ws)\\(|" +
    "return (?:int\\(|build_bm\\(|args\\.ws_|min\\(\\d+,)|" +
    "(?:ws_schedule|ws_final|block_size): \\w+ = |long_bm, short_bm = |(?:long|short)_bm = \\w+ \\* |" +
    "if step >= args\\.num_scheduled_iterations:|(?:(?:long_bm|short_bm|final_bm|None),? ?)+\\]?$|\\w+ // 2$|" +
    "[\\d, ]+\\)$|(?:\\d+, ?)+$)",
);

/**
 * WINDOW_LINE's lines' prefixes, tested before the regex, by first character code (an array, not a Map: it is looked
 * up for every script line).
 */
const WINDOW_PREFIXES: readonly (readonly string[] | undefined)[] = windowPrefixTable([
  ["attn_blocksize "],
  ["block_masks = [", "bm_sizes = [", "block_size: "],
  ["def get_sliding_window_blocks(", "def get_ws(", "def distributed_data_generator("],
  ["factor ", "frac_done "],
  ["final_bm"],
  ["if step >= args.num_scheduled_iterations:", "if 1", "if 2", "if 3", "if 4", "if 5", "if 6", "if 7", "if 8", "if 9"],
  ["long_bm"],
  ["None"],
  ["return int(", "return build_bm(", "return args.ws_", "return min("],
  ["sw_size ", "sw_num_blocks ", "short_bm", "sliding_window_num_blocks // 2"],
  ["self.block_size = ", "self.ws_short", "self.ws_long", "self._WS_"],
  ["train_loader = distributed_data_generator("],
  ["v.transpose(1, 2), "],
  ["window_size ", "ws_schedule: ", "ws_final: ", "ws_idx ", "ws_short = self.", "ws_long = self."],
  ["y = F.scaled_dot_product_attention("],
  ["x = step / ", "x = it / ", "x = min(step / "],
]);

function windowPrefixTable(groups: readonly (readonly string[])[]): (string[] | undefined)[] {
  const table: (string[] | undefined)[] = new Array(128).fill(undefined);
  for (const ps of groups) {
    const k = ps[0].charCodeAt(0);
    table[k] = [...(table[k] ?? []), ...ps];
  }
  return table;
}

/** Marks a model line assigned differently in two places. */
const AMBIGUOUS = "<assigned differently in two places>";

/** Model-definition lines kept (first occurrence) for the parameter count of blocks with skipped layers. */
const MODEL_LINE_KEYS = [
  "self.attn",
  "self.mlp",
  "self.value_embeds",
  "self.bigram_embed",
  "self.lm_head",
  "self.embed",
  "self.c_fc",
  "self.num_encoder_layers",
  "self.embed1",
  "self.embed2",
  "self.lm_head_w",
  "self.paired_head_layers",
  "self.qkvo_w",
  "self.blocks",
  "self.attn_bank",
  "self.mlp_bank",
  "self.qk_bank",
  "self.vo_bank",
  "self.attn_layer_indices",
  "self.mlp_layer_indices",
  "self.vocab_size",
  "self.mudd_w1",
  "self.mudd_w2",
];

/**
 * Local sizes of 2026's bank layouts (`num_mlp_with_padding = len(self.mlp_layer_indices) + 1`), kept like model lines.
 */
const BANK_LOCALS = [
  "num_mlp_with_padding = ",
  "num_attn_layers = ",
  "num_mlp_layers = ",
  "mlp_hdim = ",
  "num_qk_groups = ",
  "num_qk_padded = ",
  "num_vo_real = ",
  "num_vo_padded = ",
  // 2026-06-11 on: MUDD dense connections, two small per-token MLPs (`self.mudd_w1`, `self.mudd_w2`)
  "num_mudd_layers = ",
  "mudd_dim = ",
  "max_num_coef = ",
];

const MODEL_LINE_KEY_SET = new Set(MODEL_LINE_KEYS);
const MODEL_LINE_LENGTHS = new Set(MODEL_LINE_KEYS.map((k) => k.length));

/**
 * `self.embed = nn.ModuleList([...])` (the tables of a ValueEmbedding class) is kept under this key, apart from GPT's
 * `self.embed`.
 */
export const VALUE_EMBEDDING_TABLES = "ValueEmbedding.embed";

const WATCHED_LENGTHS = new Set([...WATCHED].map((n) => n.length));

/** First three characters of the watched names as one number: most script lines (`def`, `if`, `import`) fail this. */
const WATCHED_PREFIXES = new Set([...WATCHED].map((n) => prefix3(n, 0)));

function prefix3(text: string, i: number): number {
  return (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
}

const MAX_CONTINUATION_LINES = 12;

/**
 * text.indexOf(needle, from), searching only up to `end` (the end of the current line): -1 when not found there. A
 * plain indexOf would search on through the rest of the piece (64 KiB) on every line that lacks the needle, so a log
 * of millions of such lines cost minutes (issue 21); this costs at most the line's length.
 */
export function indexWithin(text: string, needle: string, from: number, end: number): number {
  // Compared in place, character by character: a slice per call was an allocation per log line.
  const first = needle.charCodeAt(0);
  const last = end - needle.length;
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && (needle.length === 1 || text.startsWith(needle, i))) return i;
  }
  return -1;
}

/** The script scanner parseLog feeds: script lines, continuation lines of an open construct, then the facts. */
export interface ScriptScanner {
  /**
   * A line of the script or of the free text around it: `text` from `start` to `end` (no line break), file line `line`.
   */
  scanLine(text: string, start: number, end: number, line: number): void;
  /**
   * A multi-line construct (a tuple, a TrainingStage(...) call, the model call) is open: the next line continues it.
   */
  isPending(): boolean;
  /** The next line of the open construct. */
  continueLine(line: string): void;
  /** What the script says (closes an open construct first). */
  facts(): ScriptFacts;
}

export function createScriptScanner(): ScriptScanner {
  const assignments = new Map<string, ScriptAssignment[]>();
  const stages: ScriptStage[] = [];
  const modelLines = new Map<string, string>();
  const modelLineIndents = new Map<string, number>();
  const modelLineVariants = new Map<string, string[]>();
  const embeddingTables = new Map<string, string>();
  const parameterBanks: string[] = [];
  const weightNames: string[] = [];
  let lineIndent = 0;
  const hiddenDims: string[] = [];
  let embedFromHead = false;
  let attentionWindowLiteral: number | null = null;
  const windowLines: ScriptAssignment[] = [];
  /** Lines left to keep of a multi-line data-loader call (0: none open). */
  let openLoaderCall = 0;
  let stagesState: "before" | "inside" | "done" = "before";
  let modelCall: ScriptAssignment | null = null;
  let headTied = false;
  let hasValueEmbeddings = false;
  let hasBigramHash = false;
  let printedTotal: number | null = null;
  let printedEmbedding: number | null = null;
  let printedNonEmbedding: number | null = null;
  let printedLine = 0;

  // A multi-line construct being collected (a tuple, a TrainingStage(...) call, the model call).
  let pending: {
    kind: "assign" | "stage" | "model" | "line";
    name: string;
    text: string;
    line: number;
    indent: number;
    depth: number;
    n: number;
  } | null = null;

  let text = "";
  let lineNo = 0;
  return {
    scanLine(t: string, start: number, end: number, line: number): void {
      text = t;
      lineNo = line;
      scanScriptLine(start, end);
      text = "";
    },
    isPending: () => pending !== null,
    continueLine: (line: string) => handlePending(line),
    facts,
  };

  function facts(): ScriptFacts {
    if (pending !== null) flushPending();
    return {
      assignments,
      stages,
      modelCall,
      headTied,
      hasValueEmbeddings,
      hasBigramHash,
      modelLines,
      modelLineIndents,
      modelLineVariants,
      embeddingTables,
      parameterBanks,
      weightNames,
      hiddenDims,
      embedFromHead,
      attentionWindowLiteral,
      windowLines,
      printedParams:
        printedTotal === null
          ? null
          : { total: printedTotal, embedding: printedEmbedding, nonEmbedding: printedNonEmbedding, line: printedLine },
    };
  }

  /** Lines of the window schedule forms windowSchedule.ts knows (prefixes checked before any slice or regex). */
  function keepWindowLine(start: number, end: number): void {
    let j = start;
    while (j < end && j - start < 48 && text.charCodeAt(j) === 32) j++; // track 3 aligns a call at 43
    if (openLoaderCall > 0) {
      // the arguments of a `train_loader = distributed_data_generator(` call written over several lines (track 3)
      const arg = text.slice(j, end).trim();
      windowLines.push({ expr: arg, line: lineNo });
      openLoaderCall = arg.startsWith(")") ? 0 : openLoaderCall - 1;
      return;
    }
    const c = text.charCodeAt(j);
    const prefixes = c < 128 ? WINDOW_PREFIXES[c] : undefined;
    let hit = false;
    if (prefixes !== undefined) {
      for (const p of prefixes) {
        if (text.startsWith(p, j)) {
          hit = true;
          break;
        }
      }
    } else if (c >= 48 && c <= 57) {
      // a window tuple's continuation line, right after a kept line
      const last = windowLines.length > 0 ? windowLines[windowLines.length - 1].line : -1;
      hit = last === lineNo - 1;
    }
    if (!hit) return;
    const line = text.slice(j, end);
    if (!WINDOW_LINE.test(line)) return;
    const expr = line.trim();
    windowLines.push({ expr, line: lineNo });
    if (expr === "train_loader = distributed_data_generator(") openLoaderCall = MAX_CONTINUATION_LINES;
  }

  /** Script lines and the free-text lines of the body (`Model parameters:` block). */
  function scanScriptLine(start: number, end: number): void {
    keepWindowLine(start, end);
    // Every fact we read sits at indentation 0 (model call, TRAINING_STAGES), 4 (Hyperparameters fields, stages, the
    // parameter block), 8 (`self.` lines in __init__) or 12 (2024-12's `vte = nn.Embedding(...)`) of the printed
    // 4-space-indented Python; deeper lines are skipped without a character loop.
    let i = start;
    if (text.charCodeAt(i) === 32) {
      if (text.charCodeAt(i + 1) !== 32)
        i += 1; // `  Total parameters:` (2 spaces) and odd indents
      else if (text.charCodeAt(i + 2) !== 32) i += 2;
      else if (text.charCodeAt(i + 4) !== 32) i += 4;
      else if (text.charCodeAt(i + 8) !== 32) i += 8;
      else if (text.charCodeAt(i + 10) !== 32) {
        // 2024-11-19's mask function, nested 10 deep: `window_mask = q_idx - kv_idx < 1024` (the attention window).
        if (attentionWindowLiteral === null && text.startsWith("window_mask = q_idx - kv_idx < ", i + 10)) {
          const w = /^\d+$/.exec(text.slice(i + 41, end).trim());
          if (w !== null) attentionWindowLiteral = Number(w[0]);
        }
        return;
      } else if (text.charCodeAt(i + 12) !== 32)
        i += 12; // `vte = nn.Embedding(...)` inside 2024-12's ModuleDict
      else return;
      if (text.charCodeAt(i - 1) !== 32 || text.charCodeAt(i) === 32) return;
    }
    lineIndent = i - start;
    if (i >= end) return;
    const c = text.charCodeAt(i);
    switch (c) {
      case 98: // b
      case 100: // d
      case 105: // i
      case 110: // n
      case 115: // s
      case 116: // t
      case 118: // v
        if (c === 118 && text.startsWith("vte = nn.Embedding(", i)) {
          hasValueEmbeddings = true;
          keepModelLine("vte", text.slice(i + 6, end).trim(), false);
        }
        if (c === 115 && text.startsWith("self.", i)) {
          scanSelfLine(i, end);
        } else if (c === 110 && lineIndent === 8 && keepBankLocal(i, end)) {
          // a bank size, not a watched constant
        } else {
          maybeAssignment(i, end);
        }
        break;
      case 83: // S
        // 2025-09-05_SkipMLPBlocks: `SKIPPED_MLP_BLOCKS = [0, 12]` then `self.mlp = None if layer_idx in
        // SKIPPED_MLP_BLOCKS else MLP(dim)`
        if (text.startsWith("SKIPPED_MLP_BLOCKS = [", i)) {
          const hash = indexWithin(text, "#", i, end);
          keepModelLine("SKIPPED_MLP_BLOCKS", text.slice(i + 21, hash >= 0 && hash < end ? hash : end).trim(), true);
        }
        break;
      case 84: // T
        if (text.startsWith("TrainingStage(", i)) {
          if (stagesState === "inside") startPending("stage", "", text.slice(i, end));
        } else if (text.startsWith("TRAINING_STAGES", i) && stagesState === "before") {
          stagesState = "inside";
        } else if (text.startsWith("Total parameters:", i)) {
          printedTotal = toInt(
            text
              .slice(i + 17, end)
              .replace(/,/g, "")
              .trim(),
          );
          printedLine = lineNo;
        }
        break;
      case 93: // ]
        if (stagesState === "inside") stagesState = "done";
        break;
      case 69: // E
        if (text.startsWith("Embedding parameters:", i)) {
          printedEmbedding = toInt(
            text
              .slice(i + 21, end)
              .replace(/,/g, "")
              .trim(),
          );
        }
        break;
      case 78: // N
        if (text.startsWith("Non-embedding parameters:", i)) {
          printedNonEmbedding = toInt(
            text
              .slice(i + 25, end)
              .replace(/,/g, "")
              .trim(),
          );
        }
        break;
      case 119: // w
        // 2024-11/12: `wte = nn.Embedding(config.vocab_size, config.n_embd),` inside `self.transformer =
        // nn.ModuleDict(dict(`
        if (text.startsWith("wte = nn.Embedding(", i)) keepModelLine("wte", text.slice(i + 6, end).trim(), false);
        break;
      case 120: // x
        if (!embedFromHead && text.startsWith("x = F.embedding(", i)) {
          const close = indexWithin(text, ")", i, end);
          if (close > 0 && close < end && text.slice(i, close).includes("lm_head.weight")) embedFromHead = true;
        }
        break;
      case 104: // h
        if (text.startsWith("hdim = ", i)) hiddenDims.push(text.slice(i + 7, end).trim());
        break;
      case 109: // m
        if (lineIndent === 8) keepBankLocal(i, end);
        if (
          modelCall === null &&
          (text.startsWith("model = GPT(", i) || text.startsWith("model: nn.Module = GPT(", i))
        ) {
          startPending("model", "", text.slice(i, end));
        }
        break;
      default:
        break;
    }
  }

  /** `self.value_embeds = ...`, `self.vte = ...`, `self.bigram_embed = ...`, and head/embedding weight tying. */
  function scanSelfLine(i: number, end: number): void {
    let j = i + 5;
    for (
      let c = text.charCodeAt(j);
      (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
      c = text.charCodeAt(++j)
    );
    if (j < end && text.startsWith(" = nn.Embedding(", j)) {
      const name = text.slice(i + 5, j);
      if (!embeddingTables.has(name)) embeddingTables.set(name, text.slice(j + 3, end).trim());
    } else if (
      j < end &&
      (text.startsWith(" = nn.Parameter(", j) ||
        text.startsWith(" = nn.Linear(", j) ||
        text.startsWith(" = CastedLinear", j))
    ) {
      const name = text.slice(i + 5, j);
      if (!weightNames.includes(name)) weightNames.push(name);
      if (text.startsWith("_bank", j - 5) && text.charCodeAt(j + 3) === 110 && !parameterBanks.includes(name))
        parameterBanks.push(name);
    }
    // The name is read once; only names of a kept length are sliced and looked up.
    if (MODEL_LINE_LENGTHS.has(j - i)) {
      const key = text.slice(i, j);
      if (MODEL_LINE_KEY_SET.has(key)) captureModelLine(key, j, end);
    }
    const c5 = text.charCodeAt(i + 5);
    if (c5 === 118 /* v */) {
      if (
        !hasValueEmbeddings &&
        (text.startsWith("self.value_emb", i) || text.startsWith("self.vte", i) || text.startsWith("self.ve", i))
      ) {
        const eq = indexWithin(text, "=", i, end);
        if (eq >= 0 && eq < end) hasValueEmbeddings = true;
      }
    } else if (c5 === 98 /* b */) {
      if (text.startsWith("self.bigram", i)) hasBigramHash = true;
    } else if (c5 === 116 /* t */ || c5 === 108 /* l */ || c5 === 101 /* e */) {
      maybeTie(i, end);
    }
  }

  /**
   * First `self.attn = ...`, `self.mlp = ...`, `self.value_embeds = ...`, `self.bigram_embed = ...`, `self.lm_head =
   * ...`.
   */
  /** `key` (`self.attn`) ends at `j`; keeps the right-hand side of `key = ...` (comment dropped). */
  function captureModelLine(key: string, j: number, end: number): void {
    while (text.charCodeAt(j) === 32) j++;
    if (text.charCodeAt(j) !== 61 /* = */ || text.charCodeAt(j + 1) === 61) return;
    const hash = indexWithin(text, "#", j + 1, end);
    const rhs = text.slice(j + 1, hash >= 0 && hash < end ? hash : end).trim();
    const name = key === "self.embed" && rhs.startsWith("nn.ModuleList(") ? VALUE_EMBEDDING_TABLES : key;
    if (depthOf(rhs) > 0)
      startPending("line", name, rhs); // `nn.ModuleList([` continued on the next lines
    else keepModelLine(name, rhs, true);
  }

  function keepBankLocal(i: number, end: number): boolean {
    for (const prefix of BANK_LOCALS) {
      if (text.startsWith(prefix, i)) {
        const hash = indexWithin(text, "#", i, end);
        keepModelLine(
          prefix.slice(0, -3),
          text.slice(i + prefix.length, hash >= 0 && hash < end ? hash : end).trim(),
          true,
        );
        return true;
      }
    }
    return false;
  }

  function keepModelLine(key: string, rhs: string, firstOnly: boolean): void {
    const variants = modelLineVariants.get(key);
    if (variants === undefined) modelLineVariants.set(key, [rhs]);
    else if (!variants.includes(rhs)) variants.push(rhs);
    const seen = modelLines.get(key);
    if (seen === undefined) {
      modelLines.set(key, rhs);
      modelLineIndents.set(key, lineIndent);
    } else if (firstOnly && seen !== rhs) {
      // Two different right-hand sides (e.g. `if use_paired_head: ... else: ...`) leave the layer set undecided.
      modelLines.set(key, AMBIGUOUS);
    }
  }

  function maybeTie(i: number, end: number): void {
    if (headTied || end - i > 120) return;
    if (
      !text.startsWith("self.transformer.wte.weight", i) &&
      !text.startsWith("self.lm_head.weight", i) &&
      !text.startsWith("self.embed.weight", i)
    )
      return;
    const line = text.slice(i, end);
    if (
      /^self\.(transformer\.wte|lm_head|embed)\.weight\s*=\s*self\.(transformer\.wte|lm_head|embed)\.weight/.test(line)
    )
      headTied = true;
  }

  /** `name = value`, `name : type = value`, `name: type = value  # comment` for the watched names. */
  function maybeAssignment(i: number, end: number): void {
    if (end - i < 3 || !WATCHED_PREFIXES.has(prefix3(text, i))) return;
    let j = i;
    while (j < end) {
      const c = text.charCodeAt(j);
      const isWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
      if (!isWord) break;
      j++;
    }
    if (j === i || j - i > 40) return;
    const after = text.charCodeAt(j);
    if (after !== 32 && after !== 58 /* : */ && after !== 61 /* = */) return;
    if (!WATCHED_LENGTHS.has(j - i)) return;
    const name = text.slice(i, j);
    if (!WATCHED.has(name)) return;
    const eq = indexWithin(text, "=", j, end);
    if (eq < 0 || eq >= end || text.charCodeAt(eq + 1) === 61 /* == */) return;
    const between = text.slice(j, eq).trim();
    if (between !== "" && !between.startsWith(":")) return; // `batch_size * x`, a call, not an assignment
    let value = text.slice(eq + 1, end);
    const hash = value.indexOf("#");
    if (hash >= 0) value = value.slice(0, hash);
    value = value.trim();
    // Attribute access or calls: not a number.
    if (value.length === 0 || (value.includes(".") && !/^[0-9.\s*+\-/()]+$/.test(value))) return;
    if (value.startsWith("(") && depthOf(value) > 0) {
      startPending("assign", name, value);
      return;
    }
    pushAssignment(name, value, lineNo);
  }

  function pushAssignment(name: string, expr: string, line: number): void {
    const list = assignments.get(name);
    if (list === undefined) assignments.set(name, [{ expr, line }]);
    else list.push({ expr, line });
  }

  function startPending(kind: "assign" | "stage" | "model" | "line", name: string, first: string): void {
    const depth = depthOf(first);
    if (depth <= 0) {
      pending = { kind, name, text: first, line: lineNo, indent: lineIndent, depth, n: 0 };
      flushPending();
      return;
    }
    pending = { kind, name, text: first, line: lineNo, indent: lineIndent, depth, n: 0 };
  }

  function handlePending(line: string): void {
    if (pending === null) return;
    const hash = line.indexOf("#");
    const code = (hash >= 0 ? line.slice(0, hash) : line).trim();
    pending.text += " " + code;
    pending.depth += depthOf(code);
    pending.n++;
    if (pending.depth <= 0 || pending.n >= MAX_CONTINUATION_LINES) flushPending();
  }

  function flushPending(): void {
    const p = pending;
    pending = null;
    if (p === null) return;
    if (p.kind === "assign") {
      pushAssignment(p.name, p.text.replace(/,\s*\)/, ")"), p.line);
    } else if (p.kind === "model") {
      modelCall = { expr: p.text, line: p.line };
    } else if (p.kind === "line") {
      lineIndent = p.indent;
      keepModelLine(p.name, p.text.replace(/([[(])\s+/g, "$1").replace(/\s+([\])])/g, "$1"), true);
    } else {
      stages.push({
        duration: keywordArg(p.text, "duration"),
        batchSize: keywordArg(p.text, "batch_size"),
        windowSizes: keywordArg(p.text, "window_sizes"),
        line: p.line,
      });
    }
  }
}

/** The text of `name=...` inside a call, up to the next top-level comma or closing parenthesis. */
export function keywordArg(call: string, name: string): string | null {
  const re = new RegExp(`[(,\\s]${name}\\s*=`);
  const m = re.exec(call);
  if (m === null) return null;
  let i = m.index + m[0].length;
  let depth = 0;
  const start = i;
  for (; i < call.length; i++) {
    const c = call[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) break;
  }
  return call.slice(start, i).trim();
}

function depthOf(s: string): number {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91) d++;
    else if (c === 41 || c === 93) d--;
  }
  return d;
}

export function toInt(s: string): number | null {
  if (s.length === 0 || s.length > 15) return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(s);
}

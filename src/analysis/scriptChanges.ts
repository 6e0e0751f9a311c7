// Does a record's linked log come from the script its description implies? Each row's linked log (its "record" run)
// is compared with the nearest earlier and later rows that have one: model shape (n_layer, model_dim), token schedule,
// tokens per step and the number of training steps. Fewer steps are what a faster record is made of, so only a step
// count that goes up against the previous record by more than `stepRise`, and a shape or batch change, are checked;
// each is flagged when the description has none of the words that would announce it.
import type { DataIssue, RecordInput, RunInput } from "./inputs";

const ANNOUNCES: Readonly<Record<string, RegExp>> = {
  steps: /step|iteration|longer|schedule|extension|cooldown|repro|transfer|combine|batch/i,
  shape: /layer|dim|width|depth|drop|remove|head|mlp|attn|attention|scal|transfer|combine/i,
  batch: /batch|schedule|seq|token|ctx|context|transfer|combine/i,
};

export interface ScriptChangeOptions {
  /** Relative rise in total steps over the previous record that counts as a change (default 0.02). */
  readonly stepRise?: number;
}

export function findScriptChanges(
  records: readonly RecordInput[],
  runs: readonly RunInput[],
  options: ScriptChangeOptions = {},
): DataIssue[] {
  const stepRise = options.stepRise ?? 0.02;
  if (!(stepRise >= 0)) throw new Error(`invalid stepRise: ${stepRise} (expected >= 0)`);
  const out: DataIssue[] = [];
  for (const track of ["track1", "track2"]) {
    const rows = records.filter((r) => r.track === track && r.rowIndex > 0).sort((a, b) => a.rowIndex - b.rowIndex);
    const linked = rows
      .map((r) => ({
        rec: r,
        run:
          runs
            .filter((u) => u.track === track && u.rowIndex === r.rowIndex && u.role === "record")
            .sort((a, b) => (a.runId < b.runId ? -1 : 1))[0] ?? null,
      }))
      .filter((x): x is { rec: RecordInput; run: RunInput } => x.run !== null);
    for (let k = 1; k < linked.length; k++) {
      const { rec, run } = linked[k];
      const prev = linked[k - 1];
      const next = linked[k + 1] ?? null;
      const changes: [keyof typeof ANNOUNCES, string][] = [];
      const s0 = prev.run.totalSteps;
      const s1 = run.totalSteps;
      if (s0 !== null && s1 !== null && s1 > s0 * (1 + stepRise))
        changes.push([
          "steps",
          `${s1} steps against ${s0} in record ${prev.rec.record}` +
            `${next?.run.totalSteps != null ? ` and ${next.run.totalSteps} in record ${next.rec.record}` : ""}`,
        ]);
      if (run.nLayer != null && prev.run.nLayer != null && run.nLayer !== prev.run.nLayer)
        changes.push(["shape", `${run.nLayer} layers against ${prev.run.nLayer} in record ${prev.rec.record}`]);
      if (run.modelDim != null && prev.run.modelDim != null && run.modelDim !== prev.run.modelDim)
        changes.push(["shape", `model_dim ${run.modelDim} against ${prev.run.modelDim} in record ${prev.rec.record}`]);
      const kind = (u: RunInput) => u.tokenSchedule ?? "";
      const perStep = (u: RunInput) => /(\d{5,})/.exec(u.tokensPerStep ?? "")?.[1] ?? "";
      if (
        kind(run) &&
        kind(prev.run) &&
        (kind(run) !== kind(prev.run) || (kind(run) === "constant" && perStep(run) !== perStep(prev.run)))
      )
        changes.push([
          "batch",
          (
            `token schedule ${kind(run)} ${perStep(run)} against ${kind(prev.run)} ${perStep(prev.run)} in ` +
            `record ${prev.rec.record}`
          ).replace(/\s+/g, " "),
        ]);
      for (const [what, detail] of changes) {
        if (ANNOUNCES[what].test(rec.description)) continue;
        out.push({
          kind: "unannounced_script_change",
          path: run.sourcePath,
          detail:
            `${track} record ${rec.record} ("${rec.description}"): ${detail}; the description does not ` + `mention it`,
        });
      }
    }
  }
  return out;
}

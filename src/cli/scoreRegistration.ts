// npm run score-registration -- --registration data/preregistration/<file>.json --baseline a.txt [--baseline ...]
//   --treatment b.txt [--treatment ...] [--json]
// Scores the decisive runs' logs (modded-nanogpt log format) against a pre-registered prediction and prints the
// verdict: confirmed, refuted or not decisive (src/scale/registration.ts states the rule).
import { readFileSync } from "node:fs";
import { readRegistration, scoreRegistration } from "../scale/registration";
import { defineCommand, nonEmpty, runCommand, UsageError, type ParsedCommand } from "./args";

const SCORE_COMMAND = defineCommand({
  command: "npm run score-registration --",
  summary:
    "Scores the decisive runs of a pre-registered prediction (data/preregistration/*.json) from their logs in " +
    "the modded-nanogpt " +
    "format: target = the baseline's own final loss (median over its logs), multiplier = baseline FLOPs / " +
    "treatment FLOPs to " +
    "the target with each side's flops_per_token from the registration; prints confirmed, refuted or not " +
    "decisive by the " +
    "registration's rule. Exit codes: 0 scored, 1 a log or the registration cannot be read or scored, 2 bad options.",
  options: {
    registration: { type: "string", value: "json", description: "the registration file (required)" },
    baseline: {
      type: "string",
      value: "log",
      multiple: true,
      description: "a baseline run's log at the decisive size (required; repeat per seed)",
    },
    treatment: {
      type: "string",
      value: "log",
      multiple: true,
      description: "a treatment run's log at the decisive size (required; repeat per seed)",
    },
    json: { type: "boolean", description: "print the whole score as JSON instead of one line" },
  },
});

function main(args: ParsedCommand<typeof SCORE_COMMAND.options>): number {
  const file = nonEmpty("registration", args.values.registration);
  if (file === undefined) throw new UsageError("option --registration is required");
  const read = (paths: string[] | undefined, name: string) => {
    if (!paths || paths.length === 0) throw new UsageError(`option --${name} is required`);
    return paths.map((path) => {
      try {
        return { path, text: readFileSync(path, "utf8") };
      } catch (e) {
        throw new Error(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    });
  };
  const baseline = read(args.values.baseline, "baseline");
  const treatment = read(args.values.treatment, "treatment");
  const score = scoreRegistration(readRegistration(file), baseline, treatment);
  console.log(args.values.json ? JSON.stringify(score, null, 2) : score.text);
  return 0;
}

if (require.main === module) void runCommand(SCORE_COMMAND, process.argv.slice(2), main);

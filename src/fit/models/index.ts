// Registry of scaling-law forms. Adding a model is one new file in this folder plus one line here.
import type { ModelSpec } from "../types";
import { brokenPowerModel } from "./brokenPower";
import { chinchillaModel } from "./chinchilla";
import { kaplanModel } from "./kaplan";
import { powerModel } from "./power";

export const models: Readonly<Record<string, ModelSpec>> = {
  power: powerModel,
  chinchilla: chinchillaModel,
  kaplan: kaplanModel,
  broken_power: brokenPowerModel,
};

export const modelNames: readonly string[] = Object.keys(models);

/** Looks a model up by name; throws naming the bad value and the known names. */
export function getModel(model: string | ModelSpec): ModelSpec {
  if (typeof model !== "string") return model;
  const spec = models[model];
  if (spec === undefined) throw new Error(`invalid model: ${model} (expected one of ${modelNames.join(", ")})`);
  return spec;
}

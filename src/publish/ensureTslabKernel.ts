// The project-local tslab kernelspec (<repo>/.jupyter/share/jupyter/kernels/tslab), registered idempotently so that
// nothing is written to the user's ~/.local. Jupyter finds it through JUPYTER_PATH (see jupyterEnv).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";

export const jupyterPython = "/usr/bin/python3";

export function kernelSpecDir(repoRoot: string): string {
  return join(repoRoot, ".jupyter", "share", "jupyter");
}

/** Registers the tslab kernel under <repo>/.jupyter unless a spec pointing at this checkout's tslab is there. */
export function ensureTslabKernel(repoRoot: string, python = jupyterPython): { readonly installed: boolean } {
  const binary = join(repoRoot, "node_modules", ".bin", "tslab");
  const specPath = join(kernelSpecDir(repoRoot), "kernels", "tslab", "kernel.json");
  if (existsSync(specPath)) {
    try {
      const spec = JSON.parse(readFileSync(specPath, "utf8")) as { argv?: string[] };
      if (spec.argv?.[0] === binary) return { installed: false };
    } catch {
      // An unreadable spec is re-registered below.
    }
  }
  if (!existsSync(binary)) throw new Error(`tslab not found at ${binary}: run npm ci`);
  execFileSync(binary, ["install", `--python=${python}`, `--binary=${binary}`, `--prefix=${join(repoRoot, ".jupyter")}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (!existsSync(specPath)) throw new Error(`tslab install did not write ${specPath}`);
  return { installed: true };
}

/** The environment for Jupyter processes: the project's kernelspecs first. */
export function jupyterEnv(repoRoot: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const path = [kernelSpecDir(repoRoot), ...(env.JUPYTER_PATH ? env.JUPYTER_PATH.split(delimiter) : [])].join(delimiter);
  // PYDEVD_DISABLE_FILE_VALIDATION silences debugpy's frozen-modules warning that Debian's Python prints on stderr.
  return { ...env, JUPYTER_PATH: path, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}

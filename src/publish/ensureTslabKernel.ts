// The project-local tslab kernelspec (<repo>/.jupyter/share/jupyter/kernels/tslab). One registration path for the
// whole project: scripts/setup-jupyter.sh (idempotent; it also installs the Notebook 6 Plotly extension), so the
// kernel a published notebook runs in is the same wrapper (scripts/tslab-kernel.sh) that set-up and tests use.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Runs scripts/setup-jupyter.sh unless the kernelspec already starts this checkout's kernel wrapper. */
export function ensureTslabKernel(repoRoot: string): { readonly installed: boolean } {
  const wrapper = join(repoRoot, "scripts", "tslab-kernel.sh");
  const specPath = join(repoRoot, ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json");
  if (existsSync(specPath)) {
    try {
      const spec = JSON.parse(readFileSync(specPath, "utf8")) as { argv?: string[] };
      if (spec.argv?.[0] === wrapper) return { installed: false };
    } catch {
      // An unreadable spec is re-registered below.
    }
  }
  execFileSync("bash", [join(repoRoot, "scripts", "setup-jupyter.sh")], { stdio: ["ignore", "pipe", "pipe"] });
  if (!existsSync(specPath)) throw new Error(`scripts/setup-jupyter.sh did not write ${specPath}`);
  return { installed: true };
}

// Where Jupyter is and how it finds the project-local kernel and nbextension (the TypeScript twin of
// scripts/jupyter-env.sh, for code that starts Jupyter from Node).
import { resolve } from "node:path";

/** The repository root: src/notebook and build/notebook both sit two levels below it. */
export const repoRoot = resolve(__dirname, "..", "..");

/** The environment Jupyter needs to find the project-local kernel and nbextension (see scripts/jupyter-env.sh). */
export function jupyterEnv(root = repoRoot): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: resolve(root, ".jupyter", "share", "jupyter"),
    JUPYTER_CONFIG_PATH: resolve(root, ".jupyter", "etc", "jupyter"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

export function jupyterPython(): string {
  return process.env.JUPYTER_PYTHON ?? "/usr/bin/python3";
}

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

/**
 * The exit code of a kernel whose sockets could not bind the ports in its connection file (EX_TEMPFAIL; the tslab
 * kernel's patch in tslabPatches.ts): another process took one between Jupyter choosing it and the kernel binding it.
 * Whoever started the kernel starts another, on new ports.
 */
export const KERNEL_PORTS_TAKEN_EXIT = 75;

/**
 * Python shared by the processes that start the project's kernel through jupyter_client (executeNotebook's runner, the
 * tests' kernel driver): `kernel_specs()` finds kernelspecs in Jupyter's kernel folders (JUPYTER_PATH included) but not
 * in IPython's legacy profile folder, whose lookup imports all of IPython (0.34 s of a runner's 0.65 s of CPU for a
 * one-cell notebook); `ports_taken_exit` is KERNEL_PORTS_TAKEN_EXIT, and a kernel that exits with it is started again
 * on new ports up to `kernel_start_attempts` times in all.
 */
export const kernelStartPython = String.raw`
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.paths import jupyter_path
ports_taken_exit = ${KERNEL_PORTS_TAKEN_EXIT}
kernel_start_attempts = 3
def kernel_specs():
    return KernelSpecManager(kernel_dirs=jupyter_path("kernels"))
`;

export function jupyterPython(): string {
  return process.env.JUPYTER_PYTHON ?? "/usr/bin/python3";
}

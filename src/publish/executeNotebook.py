"""Execute one notebook in a fresh kernel with nbclient, cell by cell, and save it (partial on failure).

Usage: executeNotebook.py INPUT.ipynb OUTPUT.ipynb KERNEL_NAME TIMEOUT_S
Prints one JSON line: {"status": "ok"} or {"status": "error", "cellIndex": i, "ename": .., "evalue": ..}.
Exit status is non-zero only when the driver itself fails (kernel did not start, timeout, unreadable file).
Called by executeNotebook.ts; kept in Python because nbclient is the Jupyter-standard executor.
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    source, target, kernel_name, timeout_s = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout_s,
        kernel_name=kernel_name,
        allow_errors=False,
        # The kernel starts in the notebook's folder, so relative imports ("../src") resolve as in Jupyter.
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
    )
    result = {"status": "ok"}
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                result = {
                    "status": "error",
                    "cellIndex": index,
                    "ename": getattr(error, "ename", "") or "",
                    "evalue": getattr(error, "evalue", "") or "",
                }
                break
            except Exception as error:  # a cell timeout, a dead kernel: still name the cell
                result = {"status": "error", "cellIndex": index, "ename": type(error).__name__, "evalue": str(error)}
                break
    nbformat.write(nb, target)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

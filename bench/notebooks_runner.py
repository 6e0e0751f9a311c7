# Executes notebooks one after another, each in a fresh kernel (nbclient, as scripts/execute-notebooks.ts and nbconvert
# do), and prints per-notebook and per-cell wall times as JSON. Used by bench/notebooks.ts.
# Usage: python3 notebooks_runner.py KERNEL:PATH [KERNEL:PATH ...]
import json, os, sys, time
import nbformat
from nbclient import NotebookClient

results = []
for arg in sys.argv[1:]:
    kernel, path = arg.split(":", 1)
    nb = nbformat.read(path, as_version=4)
    cell_start, cell_times, statuses = {}, {}, {}
    first_cell = [None]

    def on_execute(cell, cell_index):
        now = time.perf_counter()
        if first_cell[0] is None:
            first_cell[0] = now
        cell_start[cell_index] = now

    def on_executed(cell, cell_index, execute_reply):
        cell_times[cell_index] = time.perf_counter() - cell_start[cell_index]
        statuses[cell_index] = execute_reply["content"]["status"]

    client = NotebookClient(nb, timeout=600, startup_timeout=180, kernel_name=kernel, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
                            on_cell_execute=on_execute, on_cell_executed=on_executed)
    t0 = time.perf_counter()
    failure = None
    try:
        client.execute()
    except Exception as e:  # reported, not raised: the bench prints what it measured
        failure = "%s: %s" % (type(e).__name__, e)
    total = time.perf_counter() - t0
    errors = [i for i, s in statuses.items() if s != "ok"]
    results.append({
        "path": path, "kernel": kernel, "totalS": total, "failure": failure, "errorCells": errors,
        "startS": (first_cell[0] - t0) if first_cell[0] is not None else None,
        "cells": [{"index": i, "source": nb.cells[i].source[:60], "seconds": cell_times[i]} for i in sorted(cell_times)],
    })
json.dump(results, sys.stdout)

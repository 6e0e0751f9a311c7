# Python reference for bench/python.ts: what a pandas + scipy user re-runs when the track-1 target loss changes.
# Per run of the two record tracks: the first (interpolated) crossing of the target in tokens; a power-law fit
# L = E + A D^-alpha (scipy curve_fit, from 10% of the run's tokens) for every run that never reaches it and for one run
# per record-table row, as the project's analysis fits; tokens to target per record row (median over its runs); the
# baseline-over-latest token ratio per track. Prints JSON: the seconds of the re-analysis at the new target (the first
# pass, at the default target, warms the session as a notebook would have).
# Usage: python3 target_change.py DATA_DIR NEW_TRACK1_TARGET
import json, sys, time
import numpy as np
import pandas as pd
from scipy.optimize import curve_fit

data, new_target = sys.argv[1], float(sys.argv[2])
runs = pd.read_csv(f"{data}/runs.csv")
evals = pd.read_csv(f"{data}/evals.csv")
ROLES = {"record", "rerun"}


def power_law(d, E, A, alpha):
    return E + A * d ** -alpha


def analyse(targets):
    by_run = {k: g.sort_values("step") for k, g in evals[evals.tokens > 0].groupby("run_id")}
    mine = runs[runs.track.isin(targets.keys())].sort_values("run_id")
    primary, seen = set(), set()
    for r in mine.itertuples():
        if r.role in ROLES:
            group = (r.track, r.record_row)
            if group not in seen:
                seen.add(group)
                primary.add(r.run_id)
    rows = []
    for r in mine.itertuples():
        target = targets[r.track]
        curve = by_run.get(r.run_id)
        tokens = None
        if curve is not None and len(curve):
            loss, tok = curve.val_loss.values, curve.tokens.values
            hit = np.nonzero(loss <= target)[0]
            if len(hit):
                i = hit[0]
                tokens = tok[i] if i == 0 else tok[i - 1] + (loss[i - 1] - target) / (loss[i - 1] - loss[i]) * (tok[i] - tok[i - 1])
            if tokens is None or r.run_id in primary:
                use = curve[curve.tokens >= 0.1 * curve.tokens.max()]
                if len(use) >= 4:
                    try:
                        (E, A, alpha), _ = curve_fit(power_law, use.tokens.values, use.val_loss.values, p0=[2.0, 100.0, 0.2], maxfev=20000)
                        if tokens is None and target > E and A > 0 and alpha > 0:
                            tokens = (A / (target - E)) ** (1 / alpha)
                    except RuntimeError:
                        pass
        rows.append({"track": r.track, "row": r.record_row, "role": r.role, "tokens": tokens})
    table = pd.DataFrame(rows)
    table = table[table.role.isin(ROLES) & table.tokens.notna()]
    per_row = table.groupby(["track", "row"]).tokens.median()
    return {t: float(g.iloc[0] / g.iloc[-1]) for t, g in per_row.groupby(level=0)}


defaults = {"track1": 3.28, "track2": 2.92}
analyse(defaults)
t0 = time.perf_counter()
ratios = analyse({**defaults, "track1": new_target})
print(json.dumps({"seconds": time.perf_counter() - t0, "ratios": ratios}))

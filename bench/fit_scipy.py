"""Reference for bench/fit.ts: scipy L-BFGS-B on the same Huber(log) Chinchilla objective and the same starts.

Reads a JSON file {"N": [...], "D": [...], "loss": [...], "delta": 1e-3, "starts": [[e, a, b, alpha, beta], ...]}
and prints one JSON line with seconds, best objective and parameters. The gradient is analytic (vectorised numpy),
the strongest fair form of the Hoffmann/Epoch recipe (Epoch used numerical gradients, which is slower).
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    lN = np.log(np.asarray(spec["N"], dtype=float))
    lD = np.log(np.asarray(spec["D"], dtype=float))
    ly = np.log(np.asarray(spec["loss"], dtype=float))
    delta = float(spec["delta"])
    starts = np.asarray(spec["starts"], dtype=float)
    numeric = len(sys.argv) > 2 and sys.argv[2] == "numeric"

    def objective(theta):
        e, a, b, alpha, beta = theta
        t = np.stack([a - alpha * lN, b - beta * lD, np.full_like(lN, e)])
        lse = logsumexp(t, axis=0)
        r = ly - lse
        f = np.sum(huber(delta, r))
        if numeric:
            return f
        w = np.exp(t - lse)
        psi = np.clip(r, -delta, delta)
        g = -np.array([
            np.sum(psi * w[2]),
            np.sum(psi * w[0]),
            np.sum(psi * w[1]),
            np.sum(psi * w[0] * -lN),
            np.sum(psi * w[1] * -lD),
        ])
        return f, g

    t0 = time.perf_counter()
    best = None
    for s in starts:
        res = minimize(objective, s, method="L-BFGS-B", jac=not numeric)
        if best is None or res.fun < best.fun:
            best = res
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "objective": float(best.fun), "theta": [float(v) for v in best.x], "starts": len(starts)}))


if __name__ == "__main__":
    main()

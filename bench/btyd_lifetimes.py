"""The `lifetimes` side of bench/btyd_vs_lifetimes.sh: fits BG/NBD, Gamma-Gamma and (unless
--no-pareto) Pareto/NBD on a customer summary (customer_id, frequency, recency, T, monetary_value)
and prints a JSON object with the median seconds of `runs` fits and each model's log-likelihood at its
estimate, evaluated on the unscaled data (lifetimes fits on rescaled time, whose likelihood differs
by a constant) with lifetimes' own likelihood functions.

    bench/.venv/bin/python bench/btyd_lifetimes.py SUMMARY.csv [runs] [--no-pareto]
"""
import json
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter

warnings.simplefilter("ignore")
path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 3
pareto = "--no-pareto" not in sys.argv
df = pd.read_csv(path, encoding="utf-8-sig")
f, r, T, m = (df[c].to_numpy(dtype=float) for c in ["frequency", "recency", "T", "monetary_value"])
ones = np.ones_like(f)


def timed(fit, n):
    seconds, model = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        model = fit()
        seconds.append(time.perf_counter() - t0)
    return model, statistics.median(seconds), seconds


out = {"customers": int(len(f))}
bgf, s, all_s = timed(lambda: BetaGeoFitter().fit(f, r, T), runs)
p = bgf.params_
ll = -BetaGeoFitter._negative_log_likelihood(np.log([p["r"], p["alpha"], p["a"], p["b"]]), f, r, T, ones, 0.0) * len(f)
out["bg_nbd"] = {"seconds": s, "runs": all_s, "params": {k: float(v) for k, v in p.items()}, "log_likelihood": float(ll)}

rep = (f > 0) & (m > 0)
ggf, s, all_s = timed(lambda: GammaGammaFitter().fit(f[rep], m[rep]), runs)
q = ggf.params_
ll = -GammaGammaFitter._negative_log_likelihood(np.log([q["p"], q["q"], q["v"]]), f[rep], m[rep], np.ones(rep.sum()), 0.0) * rep.sum()
out["gamma_gamma"] = {"seconds": s, "runs": all_s, "params": {k: float(v) for k, v in q.items()}, "log_likelihood": float(ll)}

if pareto:
    pnf, s, all_s = timed(lambda: ParetoNBDFitter().fit(f, r, T), 1)
    q = pnf.params_
    ll = -ParetoNBDFitter._negative_log_likelihood([q["r"], q["alpha"], q["s"], q["beta"]], f, r, T, ones, 0.0)
    out["pareto_nbd"] = {"seconds": s, "runs": all_s, "params": {k: float(v) for k, v in q.items()}, "log_likelihood": float(ll)}
print(json.dumps(out, indent=1))

"""The peer of `kezhi score --model` (bench/warehouse.py): lifetimes scores a customer summary with a
Kezhi model's parameters, no fit: P(alive), expected purchases over the model's horizon and expected
mean spend. Prints one line: customers, seconds, customers per second, peak memory (MB).

    bench/.venv/bin/python bench/lifetimes_score.py summary.csv model.json
"""
import json
import resource
import sys
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

t0 = time.perf_counter()
model = json.load(open(sys.argv[2]))
df = pd.read_csv(sys.argv[1], dtype={"customer_id": str})
bg = BetaGeoFitter()
bg.params_ = pd.Series(model["bg_nbd"]["params"])[["r", "alpha", "a", "b"]]
weeks = model["settings"]["horizon_months"] * 30.4375 / 7
df["p_alive"] = bg.conditional_probability_alive(df["frequency"], df["recency"], df["T"])
df["expected_purchases"] = bg.conditional_expected_number_of_purchases_up_to_time(weeks, df["frequency"], df["recency"], df["T"])
if model.get("gamma_gamma"):
    gg = GammaGammaFitter()
    g = model["gamma_gamma"]["params"]
    gg.params_ = pd.Series({"p": g["p"], "q": g["q"], "v": g["gamma"]})
    df["expected_spend"] = gg.conditional_expected_average_profit(df["frequency"], df["monetary_value"])
df.to_csv("/dev/null", index=False)
s = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(df):,} customers in {s:.2f} s, {len(df) / s:,.0f} customers/s, peak RSS {rss:.0f} MB")

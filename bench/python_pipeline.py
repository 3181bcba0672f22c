"""The Python pipeline Kezhi is measured against (issue 6; docs/performance.md), on one transaction CSV:
pandas read_csv -> lifetimes summary -> BetaGeoFitter -> GammaGammaFitter -> 12-month CLV -> a pandas
RFM (quintile scores), each stage timed; and DuckDB's RFM aggregation alone from the same CSV.

    bench/.venv/bin/python bench/python_pipeline.py FILE [runs=1] [--duckdb-only]

Prints one JSON object: {"pipeline": [{stage: seconds, ...}, ...], "duckdb_rfm": [seconds, ...], ...}.
Unit and conventions as Kezhi's defaults: weeks, one occasion per customer-day, analysis date = the last
date in the file, monthly discount 1%, margin not applied (lifetimes has no margin; Kezhi's extra
multiplication is negligible).
"""
import json
import sys
import time

import duckdb


def pipeline(path):
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    t = {}
    t0 = time.perf_counter()
    df = pd.read_csv(path, usecols=["customer_id", "date", "amount"], parse_dates=["date"], dtype={"customer_id": str})
    t["read_csv"] = time.perf_counter() - t0
    s = time.perf_counter()
    end = df["date"].max()
    summary = summary_data_from_transaction_data(df, "customer_id", "date", monetary_value_col="amount", observation_period_end=end, freq="W")
    t["summary"] = time.perf_counter() - s
    s = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    t["bg_nbd"] = time.perf_counter() - s
    s = time.perf_counter()
    rep = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(rep["frequency"], rep["monetary_value"])
    t["gamma_gamma"] = time.perf_counter() - s
    s = time.perf_counter()
    clv = ggf.customer_lifetime_value(bgf, summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"], time=12, freq="W", discount_rate=0.01)
    t["clv"] = time.perf_counter() - s
    s = time.perf_counter()
    g = df.groupby("customer_id").agg(last=("date", "max"), f=("date", "nunique"), m=("amount", "sum"))
    r_days = (end - g["last"]).dt.days
    rfm = pd.DataFrame({
        "r": pd.qcut(r_days.rank(method="first"), 5, labels=[5, 4, 3, 2, 1]),
        "f": pd.qcut(g["f"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]),
        "m": pd.qcut(g["m"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]),
    })
    t["rfm"] = time.perf_counter() - s
    t["total"] = time.perf_counter() - t0
    return t, {"customers": int(len(summary)), "rows": int(len(df)), "bg_nbd_params": {k: float(v) for k, v in bgf.params_.items()},
               "clv_mean": float(clv.mean()), "rfm_cells": int(rfm.drop_duplicates().shape[0])}


def duckdb_rfm(path):
    """RFM aggregation alone: last purchase day, purchase days, spend per customer, from the CSV."""
    s = time.perf_counter()
    con = duckdb.connect()
    n = con.execute(f"""
        SELECT count(*) FROM (
          SELECT customer_id, max(CAST("date" AS DATE)) AS last_day, count(DISTINCT CAST("date" AS DATE)) AS f, sum(amount) AS m
          FROM read_csv('{path}', header = true)
          GROUP BY customer_id)""").fetchone()[0]
    return time.perf_counter() - s, int(n)


def main():
    path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else 1
    out = {"file": path, "duckdb_rfm": [], "pipeline": []}
    for _ in range(runs):
        secs, n = duckdb_rfm(path)
        out["duckdb_rfm"].append(secs)
        out["duckdb_customers"] = n
    if "--duckdb-only" not in sys.argv:
        for _ in range(runs):
            t, info = pipeline(path)
            out["pipeline"].append(t)
            out.update(info)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

"""The route past one machine, measured (docs/warehouse.md; docs/performance.md): run by bench/warehouse.sh.

1. The customer-summary SQL on the same transaction file: DuckDB (the peer) beside a throwaway
   PostgreSQL cluster and local Spark (`local[2]`), the median of 3 runs of each, loading apart.
2. `kezhi score --model` streaming a generated summary of 1M and 10M customers: customers per second
   and peak memory (GNU time's maximum resident set), beside the peer, lifetimes (pandas) scoring the
   1M summary with the same parameters (P(alive), expected purchases; no fit).
3. Fit on a sample against the fit on everyone: a summary simulated from BG/NBD itself
   (r = 0.25, α = 4, a = 0.8, b = 2.5; 1M customers); each sample size's largest relative parameter
   difference from the full fit over 3 seeds, beside the 95% band 2·SE·√(1 − n/N) the sample's own
   standard errors give. With KEZHI_BENCH_BIG=1, also a sample of 1M against the fit on all of 10M.
Prints one table per part; nothing asserts a time.

    bench/warehouse.sh [transactions.csv]
"""
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

import duckdb

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "warehouse"))
from sql_dialects import doc_sql, free_port, postgres_bin  # noqa: E402
from spark_transform import write_summary  # noqa: E402

KEZHI = ROOT / "target" / "release" / "kezhi"
RUNS = 3


def median_time(f, runs=RUNS):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def sql_times(tx: pathlib.Path, tmp: pathlib.Path):
    rows = {}
    out = tmp / "duck.csv"
    sql = doc_sql("DuckDB").replace("'transactions.csv'", f"'{tx}'").replace("'summary.csv'", f"'{out}'")
    rows["DuckDB"] = (0.0, median_time(lambda: duckdb.connect().execute(sql)))

    import pwd
    bindir, pg = postgres_bin(), tmp / "pg"
    pg.mkdir()
    as_user = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(pg, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    run = lambda *a, **kw: subprocess.run(as_user + [str(x) for x in a], check=True, capture_output=True, text=True, **kw)
    run(bindir / "initdb", "-D", pg / "data", "-U", "kezhi", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
    run(bindir / "pg_ctl", "-D", pg / "data", "-l", pg / "log", "-w", "-o", f"-p {port} -k {pg} -c listen_addresses=127.0.0.1", "start")
    try:
        psql = [bindir / "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(port), "-U", "kezhi", "-d", "postgres"]
        header = tx.open(encoding="utf-8").readline().strip().split(",")
        t0 = time.perf_counter()
        run(*psql, input=f"CREATE TABLE orders ({', '.join(f'{chr(34)}{c}{chr(34)} text' for c in header)});\n\\copy orders FROM '{tx}' WITH (FORMAT csv, HEADER)\nANALYZE orders;\n")
        load = time.perf_counter() - t0
        block = doc_sql("PostgreSQL")
        rows["PostgreSQL"] = (load, median_time(lambda: run(*psql, input=block)))
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(pg / "data"), "-m", "fast", "-w", "stop"], capture_output=True)

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]").appName("kezhi-bench").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "4g").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    start = time.perf_counter() - t0
    try:
        statements = [s.strip() for s in doc_sql("Spark SQL").replace("'transactions.csv'", f"'{tx}'").split(";") if s.strip()]
        for s in statements[:-1]:
            spark.sql(s)
        rows["Spark SQL"] = (start, median_time(lambda: spark.sql(statements[-1]).write.mode("overwrite").csv(str(tmp / "spark_out"))))
    finally:
        spark.stop()
    return rows


def gnu_time(args, stdout=subprocess.DEVNULL):
    """Wall seconds and peak resident memory (MB) of a command, from GNU time."""
    r = subprocess.run(["/usr/bin/time", "-v"] + [str(a) for a in args], stdout=stdout, stderr=subprocess.PIPE, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    return seconds, rss, r.stderr


def streaming(tmp: pathlib.Path):
    out = []
    model = tmp / "model.json"
    for n in (1_000_000, 10_000_000):
        summary = tmp / f"summary_{n}.csv"
        write_summary(n, summary, header=True)
        if n == 1_000_000:
            subprocess.run([KEZHI, "fit", summary, "--sample", "100000", "--seed", "1", "--out", model], check=True, capture_output=True)
        seconds, rss, _ = gnu_time([KEZHI, "score", "--model", model, summary])
        out.append((n, summary.stat().st_size, seconds, rss))
        if n == 1_000_000:
            one_m = summary
        else:
            summary.unlink()
    # The peer: lifetimes scoring the 1M summary with the model's parameters (bench/.venv).
    peer = subprocess.run([str(ROOT / "bench" / ".venv" / "bin" / "python"), str(ROOT / "bench" / "lifetimes_score.py"), str(one_m), str(model)],
                          capture_output=True, text=True)
    return out, peer.stdout.strip() or peer.stderr.strip()[-300:]


def simulate_bg_nbd(n: int, path: pathlib.Path, seed: int = 11):
    """A summary drawn from BG/NBD (r 0.25, α 4, a 0.8, b 2.5), T uniform over 26–104 weeks (bench/.venv's numpy)."""
    code = f"""
import numpy as np, sys
rng = np.random.default_rng({seed}); n = {n}
r, alpha, a, b = 0.25, 4.0, 0.8, 2.5
lam = rng.gamma(r, 1 / alpha, n); p = rng.beta(a, b, n); T = rng.integers(26 * 7, 104 * 7, n) / 7.0
x = np.zeros(n); tx = np.zeros(n); t = np.zeros(n); alive = np.ones(n, bool)
while alive.any():
    i = np.flatnonzero(alive)
    t[i] += rng.exponential(1 / np.maximum(lam[i], 1e-12))
    bought = t[i] < T[i]
    j = i[bought]; x[j] += 1; tx[j] = t[j]
    alive[i[~bought]] = False
    dropped = rng.random(j.size) < p[j]
    alive[j[dropped]] = False
tx = np.floor(tx * 7) / 7
m = np.where(x > 0, np.round(rng.gamma(6, 8, n), 2), 0)
import pandas as pd
pd.DataFrame({{"customer_id": np.char.add("S", np.char.zfill(np.arange(n).astype(str), 9)), "frequency": x.astype(np.int64),
              "recency": tx, "T": T, "monetary_value": m}}).to_csv(sys.argv[1], index=False, float_format="%.17g")
"""
    subprocess.run([str(ROOT / "bench" / ".venv" / "bin" / "python"), "-c", code, str(path)], check=True)


def sample_error(tmp: pathlib.Path, n_all: int = 1_000_000, sizes=(10_000, 100_000)):
    pop = tmp / f"bgnbd_{n_all}.csv"
    simulate_bg_nbd(n_all, pop)
    fit = lambda args, out: (subprocess.run([KEZHI, "fit", pop, *args, "--out", out], check=True, capture_output=True), json.loads(out.read_text()))[1]
    full = fit([], tmp / f"full_{n_all}.json")["bg_nbd"]
    rows = []
    for n in sizes:
        worst, band = 0.0, None
        for seed in (1, 2, 3):
            m = fit(["--sample", str(n), "--seed", str(seed)], tmp / f"s{n_all}_{n}_{seed}.json")["bg_nbd"]
            for k in ("r", "alpha", "a", "b"):
                worst = max(worst, abs(m["params"][k] - full["params"][k]) / full["params"][k])
            se = m.get("standard_errors")
            if se:
                fpc = (1 - n / n_all) ** 0.5
                b = max(2 * se[k] * fpc / full["params"][k] for k in ("r", "alpha", "a", "b"))
                band = b if band is None else max(band, b)
        rows.append((n, worst, band))
    return full, rows


def main():
    tx = pathlib.Path(sys.argv[1])
    with tempfile.TemporaryDirectory(dir=ROOT / "bench" / "out") as tmp:
        tmp = pathlib.Path(tmp)
        os.chmod(tmp, 0o755)
        lines = sum(1 for _ in tx.open(encoding="utf-8")) - 1
        print(f"## 1. Customer-summary SQL on {tx.name} ({lines:,} rows, {tx.stat().st_size / 1e6:.1f} MB), median of {RUNS} runs")
        print("| engine | load / start (s) | summary SQL (s) | × DuckDB |")
        print("|---|---|---|---|")
        sql = sql_times(tx, tmp)
        for name, (load, t) in sql.items():
            print(f"| {name} | {load:.2f} | {t:.2f} | {t / sql['DuckDB'][1]:.1f} |")
        print()
        print("## 2. kezhi score --model, streaming a generated summary (model fitted on a 100,000 sample)")
        print("| customers | file (MB) | wall (s) | customers/s | peak RSS (MB) |")
        print("|---|---|---|---|---|")
        rows, peer = streaming(tmp)
        for n, size, s, rss in rows:
            print(f"| {n:,} | {size / 1e6:.0f} | {s:.2f} | {n / s:,.0f} | {rss:.1f} |")
        print(f"Peer, lifetimes scoring the 1,000,000 summary with the same parameters: {peer}")
        print()
        print("## 3. Fit on a sample against the fit on all 1,000,000 (simulated BG/NBD r 0.25, α 4, a 0.8, b 2.5)")
        full, rows = sample_error(tmp)
        p = full["params"]
        print(f"Full fit: r {p['r']:.4f}, α {p['alpha']:.4f}, a {p['a']:.4f}, b {p['b']:.4f}")
        print("| sample | largest relative difference, 3 seeds | 95% band from the sample's SEs |")
        print("|---|---|---|")
        for n, worst, band in rows:
            print(f"| {n:,} | {worst:.4f} | {'—' if band is None else f'{band:.4f}'} |")
        if os.environ.get("KEZHI_BENCH_BIG"):
            print()
            print("## 3b. A sample of 1,000,000 against the fit on all of 10,000,000 (the same simulated population's law)")
            full, rows = sample_error(tmp, 10_000_000, (1_000_000,))
            p = full["params"]
            print(f"Full fit: r {p['r']:.4f}, α {p['alpha']:.4f}, a {p['a']:.4f}, b {p['b']:.4f}")
            for n, worst, band in rows:
                print(f"| {n:,} | {worst:.4f} | {'—' if band is None else f'{band:.4f}'} |")


if __name__ == "__main__":
    main()

"""docs/warehouse.md's SQL, run where it is meant to run: the PostgreSQL block on a throwaway
PostgreSQL server (a cluster in a temporary folder, on a loopback port, stopped at the end) and the
Spark SQL block in local Spark (`pyspark` from PyPI, `local[2]`), each on the same generated
transactions as the DuckDB block; each summary must equal DuckDB's row for row: the same customer ids,
the same frequency, and recency, T and monetary value within `WAREHOUSE_SQL_AGREEMENT`
(crates/kezhi-engine/src/tolerances.rs).

    python tests/warehouse/sql_dialects.py   (needs duckdb and pyspark from PyPI, Debian's postgresql
                                              and a Java runtime; scripts/setup.sh --browser installs them)
Prints one TAP-like line per check and exits non-zero on a failure. Nothing is skipped: a database
that cannot start is a failed check, with its log.
"""
import csv
import io
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile

import duckdb

from summary_route import KEZHI, ROOT, doc_sql, tolerance

COLUMNS = ["frequency", "recency", "T", "monetary_value"]


def summary_rows(header, rows):
    """{customer_id: (frequency, recency, T, monetary_value)} from rows with these column names."""
    at = {name.lower(): i for i, name in enumerate(header)}
    return {str(r[at["customer_id"]]): tuple(float(r[at[c.lower()]]) for c in COLUMNS) for r in rows}


def duckdb_summary(tx: pathlib.Path, tmp: pathlib.Path):
    out = tmp / "duckdb_summary.csv"
    sql = doc_sql("DuckDB").replace("'transactions.csv'", f"'{tx}'").replace("'summary.csv'", f"'{out}'")
    duckdb.connect().execute(sql)
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return summary_rows(rows[0], rows[1:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> pathlib.Path:
    """The server's programs: `pg_config --bindir`, else Debian's newest /usr/lib/postgresql/N/bin."""
    try:
        return pathlib.Path(subprocess.run(["pg_config", "--bindir"], check=True, capture_output=True, text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        found = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if not found:
            raise SystemExit("no PostgreSQL server found (Debian: apt-get install postgresql; scripts/setup.sh --browser does)")
        return found[-1].parent


def postgres_summary(tx: pathlib.Path, tmp: pathlib.Path):
    """Starts a cluster of its own in `tmp`, loads `tx` into `orders` (text columns named by its
    header), runs the doc's block and returns its CSV; the server is stopped whatever happens."""
    bindir = postgres_bin()
    # initdb and the server refuse to run as root: as root, they run as the `postgres` user.
    as_user = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "pgdata", free_port()
    log = tmp / "postgres.log"
    run = lambda *args, **kw: subprocess.run(as_user + [str(a) for a in args], check=True, capture_output=True, text=True, **kw)
    run(bindir / "initdb", "-D", data, "-U", "kezhi", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
    run(bindir / "pg_ctl", "-D", data, "-l", log, "-w", "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        psql = [bindir / "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(port), "-U", "kezhi", "-d", "postgres"]
        with open(tx, encoding="utf-8") as f:
            header = next(csv.reader(f))
        columns = ", ".join(f'"{c}" text' for c in header)
        load = f"CREATE TABLE orders ({columns});\n\\copy orders FROM '{tx}' WITH (FORMAT csv, HEADER)\n"
        out = run(*psql, input=load + doc_sql("PostgreSQL")).stdout
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"PostgreSQL: {e.stderr}\n{log.read_text() if log.exists() else ''}")
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
    rows = list(csv.reader(io.StringIO(out)))
    return summary_rows(rows[0], rows[1:])


def local_spark(app: str, conf: dict | None = None):
    """A local Spark session on two threads, on loopback only, without its web UI or progress bars;
    `conf` adds settings."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master("local[2]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
    )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def spark_summary(tx: pathlib.Path):
    """Runs the doc's Spark SQL block, a statement at a time, in local Spark; the last one's rows."""
    spark = local_spark("kezhi-warehouse-test", {"spark.sql.shuffle.partitions": "4"})
    try:
        statements = [s.strip() for s in doc_sql("Spark SQL").replace("'transactions.csv'", f"'{tx}'").split(";") if s.strip()]
        for s in statements[:-1]:
            spark.sql(s)
        result = spark.sql(statements[-1])
        return summary_rows(result.columns, [list(r) for r in result.collect()])
    finally:
        spark.stop()


def main() -> int:
    failures = 0

    def check(ok: bool, what: str) -> None:
        nonlocal failures
        print(("ok - " if ok else "not ok - ") + what, flush=True)
        failures += 0 if ok else 1

    tol = tolerance("WAREHOUSE_SQL_AGREEMENT")

    def compare(name, got, want):
        check(sorted(got) == sorted(want), f"{name}: the same {len(want)} customer ids as DuckDB (got {len(got)})")
        worst = {c: 0.0 for c in COLUMNS}
        for cid, w in want.items():
            g = got.get(cid)
            if g is None:
                continue
            for c, x, y in zip(COLUMNS, g, w):
                worst[c] = max(worst[c], abs(x - y) / max(1.0, abs(y)))
        for c in COLUMNS:
            check(worst[c] <= tol, f"{name} {c}: largest difference from DuckDB {worst[c]:.2e} <= {tol:g}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        tx = tmp / "transactions.csv"
        # The demo retailer (returns, same-day receipts): 3,000 customers, as summary_route.py.
        subprocess.run([str(KEZHI), "demo", "--customers", "3000", "--seed", "11", "--out", str(tx)], check=True, capture_output=True)
        os.chmod(tmp, 0o755)
        os.chmod(tx, 0o644)
        want = duckdb_summary(tx, tmp)
        check(len(want) > 2000 and any(v[0] > 0 for v in want.values()), f"DuckDB's summary: {len(want)} customers, some with repeats")
        pg_tmp = tmp / "pg"
        pg_tmp.mkdir()
        compare("PostgreSQL", postgres_summary(tx, pg_tmp), want)
        shutil.rmtree(pg_tmp, ignore_errors=True)
        compare("Spark SQL", spark_summary(tx), want)
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

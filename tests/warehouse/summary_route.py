"""The warehouse route (docs/warehouse.md), tested: runs the doc's DuckDB SQL on transactions the
project's generator made, imports the summary it writes, and checks that Kezhi's BG/NBD fit on the
summary equals its fit on the transactions (log-likelihood within `SUMMARY_ROUTE_RELATIVE`, the
parameters within `REFIT_RELATIVE`, both from crates/kezhi-engine/src/tolerances.rs), and that the customers match
one for one.

    python tests/warehouse/summary_route.py   (needs `duckdb` from PyPI and the CLI built;
                                               scripts/test.sh makes tests/.venv for it)
Prints one TAP-like line per check and exits non-zero on a failure.
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import duckdb

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The CLI `cargo test` builds (scripts/test.sh runs it first), else a release build.
KEZHI = next((p for p in (ROOT / "target" / d / "kezhi" for d in ("debug", "release")) if p.exists()), ROOT / "target" / "debug" / "kezhi")


def doc_sql(name: str) -> str:
    """The fenced ```sql block of docs/warehouse.md whose first line is `-- <name>`."""
    text = (ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sql\n(.*?)```", text, re.S):
        if block.startswith(f"-- {name}\n"):
            return block
    raise SystemExit(f"docs/warehouse.md has no ```sql block starting with '-- {name}'")


def tolerance(name: str) -> float:
    src = (ROOT / "crates" / "kezhi-engine" / "src" / "tolerances.rs").read_text(encoding="utf-8")
    return float(re.search(rf"pub const {name}: f64 = ([0-9.e-]+);", src).group(1))


def score(path: pathlib.Path) -> dict:
    out = subprocess.run([str(KEZHI), "score", str(path), "--json"], check=True, capture_output=True)
    return json.loads(out.stdout)


def main() -> int:
    failures = 0

    def check(ok: bool, what: str) -> None:
        nonlocal failures
        print(("ok - " if ok else "not ok - ") + what)
        failures += 0 if ok else 1

    tol_ll, tol_params = tolerance("SUMMARY_ROUTE_RELATIVE"), tolerance("REFIT_RELATIVE")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        tx, summary = tmp / "transactions.csv", tmp / "summary.csv"
        # 3,000 customers of the demo retailer (returns and same-day receipts included).
        subprocess.run([str(KEZHI), "demo", "--customers", "3000", "--seed", "11", "--out", str(tx)], check=True, capture_output=True)
        sql = doc_sql("DuckDB").replace("'transactions.csv'", f"'{tx}'").replace("'summary.csv'", f"'{summary}'")
        duckdb.connect().execute(sql)
        rows = duckdb.connect().execute(f"SELECT count(*) FROM read_csv('{summary}', header = true)").fetchone()[0]
        a, b = score(tx), score(summary)
        check(a["customers"] == b["customers"] == rows, f"customers: transactions {a['customers']}, summary {b['customers']}, SQL rows {rows}")
        fa, fb = a["bg_nbd"], b["bg_nbd"]
        for key in ["r", "alpha", "a", "b", "log_likelihood"]:
            x, y = fa[key], fb[key]
            rel, tol = abs(x - y) / max(abs(x), 1e-300), tol_ll if key == "log_likelihood" else tol_params
            check(rel <= tol, f"BG/NBD {key}: transactions {x!r}, summary {y!r}, relative difference {rel:.2e} <= {tol:g}")
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

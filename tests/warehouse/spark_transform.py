"""Scoring inside Spark (docs/warehouse.md, "Score every customer inside Spark"): a model fitted once on
a sample (`kezhi fit --sample`), then every customer of a summary scored by Kezhi's own engine in Spark's
partitions through `SELECT TRANSFORM (…) USING 'kezhi score --model model.json -'`, in local Spark
(`pyspark` from PyPI, `local[2]`, 4 partitions). Spark's rows must equal, cell for cell, what
`kezhi score --model` writes for the same rows on the command line.

    python tests/warehouse/spark_transform.py [CUSTOMERS]   (default 1,000,000; needs duckdb, pyspark,
                                                            a Java runtime and the CLI built)
Prints one TAP-like line per check and exits non-zero on a failure.
"""
import pathlib
import subprocess
import sys
import tempfile

import duckdb

from sql_dialects import local_spark
from summary_route import KEZHI

# The columns `kezhi score --model` writes (src/cli/stream.rs; csv_export::scored_header, the same as
# `kezhi score`'s), as Spark column names.
COLUMNS = [
    "customer_id", "name", "first_purchase", "last_purchase", "orders", "revenue", "margin", "frequency", "recency", "T",
    "monetary_value", "days_since_last_purchase", "r_score", "f_score", "m_score", "rfm_cell", "rfm_segment", "value_class",
    "p_alive", "expected_purchases", "expected_mean_spend", "clv", "historical_value", "potential_value", "priority_score",
    "rfm_combined", "pyramid_level", "tier", "gmcb_class", "new_matrix_class", "veteran_class", "veteran_grade",
    "lifecycle_stage", "value_grid_cell", "growth_grid_cell", "cluster",
]


def write_summary(n: int, path: pathlib.Path, header: bool) -> None:
    """A customer summary of `n` customers as the warehouse SQL writes it: ids, repeat purchases,
    recency and age in weeks (whole days ÷ 7), mean repeat spend (0 without repeats). Seeded."""
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""
    COPY (
      WITH base AS (
        SELECT i, 140 + floor(random() * 980) AS t_days, random() AS u1, random() AS u2, random() AS u3 FROM range({n}) t(i)
      ), f AS (
        SELECT i, t_days, CASE WHEN u1 < 0.45 THEN 0 ELSE 1 + floor(-ln(1 - u2) * 3) END AS frequency, u3 FROM base
      )
      SELECT printf('C%08d', i) AS customer_id, CAST(frequency AS BIGINT) AS frequency,
             CASE WHEN frequency = 0 THEN 0 ELSE floor(t_days * (0.2 + 0.8 * u3)) / 7.0 END AS recency,
             t_days / 7.0 AS "T",
             CASE WHEN frequency = 0 THEN 0 ELSE round(20 + 200 * u3 * u3 + 30 * (frequency % 3), 2) END AS monetary_value
      FROM f ORDER BY i
    ) TO '{path}' (HEADER {str(header).lower()}, DELIMITER '{"," if header else chr(9)}')
    """)


def main() -> int:
    failures = 0

    def check(ok: bool, what: str) -> None:
        nonlocal failures
        print(("ok - " if ok else "not ok - ") + what, flush=True)
        failures += 0 if ok else 1

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        summary, rows, model = tmp / "summary.csv", tmp / "rows.tsv", tmp / "model.json"
        write_summary(n, summary, header=True)
        write_summary(n, rows, header=False)
        fit = subprocess.run([str(KEZHI), "fit", str(summary), "--sample", "50000", "--seed", "3", "--out", str(model)], capture_output=True, text=True)
        check(fit.returncode == 0 and f"fitted on 50000 of {n} customers" in fit.stderr, f"kezhi fit on a sample: {fit.stderr.splitlines()[:1]}")
        reference = tmp / "reference.tsv"
        with open(reference, "w") as out:
            cli = subprocess.run([str(KEZHI), "score", "--model", str(model), str(rows)], stdout=out, stderr=subprocess.PIPE, text=True)
        check(cli.returncode == 0 and f"scored {n} customers" in cli.stderr, f"kezhi score --model on the command line: {cli.stderr.strip()}")

        spark = local_spark("kezhi-transform-test")
        spark.sparkContext.setLogLevel("ERROR")
        try:
            # Every value as the text the file holds: what the script reads is what the CLI read.
            df = spark.read.option("header", True).csv(str(summary)).repartition(4)
            df.createOrReplaceTempView("summary")
            partitions = df.rdd.getNumPartitions()
            command = f"{KEZHI} score --model {model} -"
            columns = ", ".join(f"`{c}` STRING" for c in COLUMNS)
            # Tabs both ways (Spark's own default between fields is \\u0001).
            tabs = "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'"
            scored = spark.sql(
                f"SELECT TRANSFORM (customer_id, frequency, recency, T, monetary_value) {tabs} USING '{command}' AS ({columns}) {tabs} FROM summary"
            )
            spark_out = tmp / "spark_out"
            scored.write.option("sep", "\t").option("header", False).option("emptyValue", "").csv(str(spark_out))
        finally:
            spark.stop()
        check(partitions == 4, f"the summary in {partitions} partitions, each scored by its own kezhi process")

        con = duckdb.connect()
        names = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS)
        for view, path in [("cli", str(reference)), ("spark", f"{spark_out}/*.csv")]:
            con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_csv('{path}', delim = '\t', header = false, columns = {{{names}}}, quote = '\"')")
        counts = con.execute("SELECT (SELECT count(*) FROM cli), (SELECT count(*) FROM spark), (SELECT count(DISTINCT customer_id) FROM spark)").fetchone()
        check(counts == (n, n, n), f"rows: command line {counts[0]}, Spark {counts[1]} ({counts[2]} distinct customers), of {n}")
        differ = " OR ".join(f"coalesce(c.\"{k}\", '') <> coalesce(s.\"{k}\", '')" for k in COLUMNS[1:])
        bad = con.execute(f"SELECT count(*) FROM cli c FULL JOIN spark s USING (customer_id) WHERE c.frequency IS NULL OR s.frequency IS NULL OR {differ}").fetchone()[0]
        check(bad == 0, f"every cell of Spark's rows equals the command line's: {bad} customers differ")
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

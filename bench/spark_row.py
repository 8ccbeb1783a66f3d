"""Benchmark row for the Spark engine: ``reportcheck`` on Spark in local[2] over the real corpus copied ten
times (75 reports, 4.6 MB -> 750 reports, 46 MB).

``bench/run.py`` calls :func:`spark_row` and prints the row next to the local engine's figure; run alone,
this script prints the Spark row (``--local`` adds the local engine's row on the same copies, with as
many worker processes as Spark has cores here)::

    python bench/spark_row.py [--corpus ../shared/corpus/real] [--copies 10] [--master 'local[2]'] [--local]

The Spark row times the run only; starting the JVM and the session is reported apart (``startup_s``), as
a cluster pays it once per job, not per report.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def copy_corpus(src: Path, copies: int, dest: Path) -> tuple[int, int]:
    """``copies`` copies of the folder ``src`` under ``dest`` (copy_00, copy_01, …); (files, bytes)."""
    files = [p for p in sorted(src.rglob("*")) if p.is_file()]
    for i in range(copies):
        for p in files:
            target = dest / f"copy_{i:02d}" / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
    return copies * len(files), copies * sum(p.stat().st_size for p in files)


def _row(engine: str, result, seconds: float, size: int, **extra) -> dict:
    s = result.summary()
    return {
        "engine": engine,
        "reports": s["reports"],
        "mb": round(size / 1e6, 1),
        "seconds": round(seconds, 1),
        "reports_per_s": round(s["reports"] / seconds, 1),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "findings": s["errors"] + s["warnings"],
        "verified": s["verified"],
        **extra,
    }


def spark_row(
    corpus: Path = CORPUS, copies: int = 10, master: str = "local[2]", local: bool = False
) -> list[dict]:
    """Time the Spark engine (and with ``local``, the local engine) on ``copies`` copies of ``corpus``.

    Returns one dict per engine: engine, reports, mb, seconds, reports_per_s, mb_per_s, findings,
    verified (and startup_s for Spark). The Spark run must find what the local one finds.
    """
    from reportcheck.engines.spark import run, session

    with tempfile.TemporaryDirectory(prefix="reportcheck-bench-") as tmp:
        data = Path(tmp) / "corpus"
        _, size = copy_corpus(Path(corpus), copies, data)
        t0 = time.perf_counter()
        spark = session(master)
        spark.range(1).count()  # the JVM and one Python worker are up
        startup = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = run([data], spark=spark)
        rows = [_row(f"spark {master}", result, time.perf_counter() - t0, size, startup_s=round(startup, 1))]
        spark.stop()
        if local:
            from reportcheck.pipeline import run as local_run
            from reportcheck.workers import default_jobs

            jobs = default_jobs()
            t0 = time.perf_counter()
            expected = local_run([data], jobs=jobs)
            rows.append(_row(f"local --jobs {jobs}", expected, time.perf_counter() - t0, size))
            if expected.to_json() != result.to_json():
                raise SystemExit("spark_row: the Spark engine's findings differ from the local engine's")
    return rows


def format_row(row: dict) -> str:
    """One line of the benchmark table."""
    extra = f" (+{row['startup_s']} s to start Spark)" if "startup_s" in row else ""
    return (
        f"{row['engine']:<16} {row['reports']:>5} reports {row['mb']:>6} MB {row['seconds']:>8} s "
        f"{row['reports_per_s']:>7} reports/s {row['mb_per_s']:>6} MB/s{extra}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--local", action="store_true", help="also time the local engine on the same copies")
    args = ap.parse_args()
    for row in spark_row(args.corpus, args.copies, args.master, args.local):
        print(format_row(row))


if __name__ == "__main__":
    main()

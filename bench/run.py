"""Performance of ``reportcheck check``: latency on one report, throughput on a corpus, peak memory.

Run from the repository (with the project installed, e.g. ``.venv/bin/python bench/run.py``). Every
figure is measured in this run and set against a floor measured in the same run on the same machine:

- W1, latency in CI: ``reportcheck check`` on one seed report, wall time, against the time Python takes
  to ``import great_expectations`` (which every check pays). Target: at most 1.3 x the floor.
- W2, throughput: ``reportcheck check`` (extraction, validation, JSON and HTML output) on the real
  corpus (../shared/corpus/real) and on that corpus copied 10 times, in characters per second end to
  end, against ``jieba.lcut`` over the same text on one core (jieba's model loaded beforehand, not
  timed). Target: at least 1.0 x the floor, with the default --jobs (all cores).
- Peak memory of the 10x run, three ways: the largest sum over reportcheck's processes (the main one
  and its workers) of their proportional set size (PSS: a page the forked workers share with the main
  process counted once, sampled every 0.25 s) and of their resident set size (RSS: shared pages
  counted in each process, every 50 ms), and the largest single process (ru_maxrss, what
  ``/usr/bin/time -v`` reports). Target: at most 1 GiB.

Wall times are the best of ``--repeat`` runs (W1 and its floor alternate) and of ``--repeat-w2`` runs
of W2 and passes of its floor, as the least disturbed by whatever else the machine does (this machine
is shared: the same run varies by a fifth from one minute to the next). Nothing here is asserted by the tests: timings are not test results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c0b1a9b0debe18f7.txt"
REAL = ROOT.parent / "shared" / "corpus" / "real"
GIB = 1024**3

FLOOR_JIEBA = r"""
import logging, sys, time
import jieba
from reportcheck.ingest import discover, read_source

jieba.setLogLevel(logging.WARNING)
texts = [read_source(f) for f in discover(sys.argv[2:])]
jieba.initialize()
best = float("inf")
for _ in range(int(sys.argv[1])):  # the best of these passes, as the best of the checks counts
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    best = min(best, time.perf_counter() - t)
print(sum(map(len, texts)), best)
"""

COUNT_CHARS = r"""
import sys
from reportcheck.ingest import IngestError, discover, read_source
n = 0
for f in discover(sys.argv[1:]):
    try:
        n += len(read_source(f))
    except IngestError:
        pass
print(n)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REAL,
                    help="the W2 corpus (default: ../shared/corpus/real)")
    ap.add_argument("--copies", type=int, default=10, help="copies of the corpus for the large W2 run")
    ap.add_argument("--repeat", type=int, default=5, help="runs of W1 and of its floor (the best counts)")
    ap.add_argument("--repeat-w2", type=int, default=3,
                    help="runs of W2 on the corpus, and passes of its floor (the best of each counts)")
    ap.add_argument("--no-spark", action="store_true", help="leave out the Spark engine's row")
    ap.add_argument("--pdf-pages", type=int, default=200, help="pages of the generated PDF whose reading is timed")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"bench: {args.corpus} not found (give --corpus DIR)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start")
    rows = []

    # W1: latency on one report against the GX import
    floor, w1 = [], []
    for _ in range(args.repeat):
        floor.append(timed([sys.executable, "-c", "import great_expectations"]).wall)
        w1.append(timed(check(SEED, "--format", "text")).wall)
    f1, t1 = min(floor), min(w1)
    print(f"W1 runs (s): check {fmt_list(w1)}; import great_expectations {fmt_list(floor)}")
    rows.append(("W1 check, 1 seed report (wall)", f"{t1:.2f} s", f"floor {f1:.2f} s",
                 "≤ 1.3 x floor", t1 / f1, t1 / f1 <= 1.3))

    with tempfile.TemporaryDirectory(prefix="reportcheck-bench-") as tmp:
        tmp = Path(tmp)
        big = tmp / "corpus"
        for k in range(args.copies):
            shutil.copytree(args.corpus, big / f"copy{k:02d}")
        # memory is sampled in the large run only: the sampler reads /proc every 50 ms, which takes CPU
        # from the run it measures (a few per cent of a short run on two cores)
        for label, corpus, repeat, sample in ((f"W2 {args.corpus.name}", args.corpus, args.repeat_w2, False),
                                              (f"W2 {args.corpus.name} x{args.copies}", big, 1, True)):
            chars = int(run_py(COUNT_CHARS, corpus))
            size = sum(f.stat().st_size for f in corpus.rglob("*") if f.is_file())
            runs = [timed(check(corpus, "--format", f"json:{tmp / 'out.json'}", "--html", str(tmp / "html")),
                          sample_memory=sample) for _ in range(repeat)]
            best = min(runs, key=lambda r: r.wall)
            n, secs = run_py(FLOOR_JIEBA, repeat, corpus).split()
            floor_cps = int(n) / float(secs)
            cps = chars / best.wall
            print(f"{label}: {size / 1e6:.1f} MB, {chars:,} characters; "
                  f"check {fmt_list([r.wall for r in runs])} s "
                  f"(exit {best.code}); jieba.lcut {float(secs):.2f} s on one core (best of {repeat})")
            rows.append((f"{label} ({size / 1e6:.0f} MB) throughput", f"{cps / 1e3:.0f} k chars/s",
                         f"floor {floor_cps / 1e3:.0f} k chars/s", "≥ 1.0 x floor", cps / floor_cps,
                         cps >= floor_cps))
        for what, peak in (("PSS", best.peak_pss), ("RSS", best.peak_rss)):
            rows.append((f"W2 x{args.copies}: peak memory, all processes ({what})", f"{peak / 2**20:.0f} MiB",
                         "", "≤ 1 GiB", peak / GIB, peak <= GIB))
        rows.append((f"W2 x{args.copies}: peak memory, largest process", f"{best.maxrss / 2**20:.0f} MiB", "",
                     "≤ 1 GiB", best.maxrss / GIB, best.maxrss <= GIB))

    print()
    head = ("figure", "measured", "floor", "target", "ratio", "met")
    table = [head] + [(a, b, c, d, f"{e:.2f}", "yes" if ok else "NO") for a, b, c, d, e, ok in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for r in table:
        print("  ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)).rstrip())
    print(f"\nall targets met: {'yes' if all(r[-1] for r in rows) else 'NO'}")
    pdf_speed(args.pdf_pages, args.repeat)
    if not args.no_spark:
        spark(args)


def pdf_speed(pages: int, repeat: int) -> None:
    """PDF reading speed: the text layer of a generated report of ``pages`` pages (paragraphs, a table
    per page, running header and page numbers; tests/pdfmaker.py) read as ingest reads it, best of
    ``repeat``. No target: a figure to watch."""
    try:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from pdfmaker import make_pdf, sample_paragraphs
    except ImportError:
        print("\nPDF reading: left out (the test extra's reportlab writes the PDF)")
        return
    from reportcheck.ingest.pdf import pdf_text

    blocks = []
    for k in range(pages):
        blocks += sample_paragraphs(4)
        blocks.append(("table", [["乡镇", "户数", "占比"], ["城关镇", str(12 + k), "48%"], ["合计", "25", "100%"]]))
        blocks.append(("page",))
    with tempfile.TemporaryDirectory(prefix="reportcheck-bench-pdf-") as tmp:
        path = make_pdf(Path(tmp) / "report.pdf", blocks[:-1])
        data = path.read_bytes()
        times, text = [], ""
        for _ in range(repeat):
            start = time.perf_counter()
            text = pdf_text(data, str(path))
            times.append(time.perf_counter() - start)
    n = text.count("\f") + 1
    print(f"\nPDF reading (pypdfium2, reportcheck.ingest.pdf): {n} pages, {len(data) / 1e6:.1f} MB, "
          f"{len(text):,} characters in {min(times):.2f} s (best of {repeat}): {n / min(times):.0f} pages/s")


def spark(args) -> None:
    """The Spark engine in local[2] on the x10 copies, next to the local engine on the same copies."""
    import importlib.util

    if importlib.util.find_spec("pyspark") is None:
        print("\nspark row: left out (pip install 'reportcheck[spark]'; Java 17)")
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from spark_row import format_row, spark_row

    print(f"\nengines on the corpus copied {args.copies} times (the same findings, checked):")
    for row in spark_row(args.corpus, args.copies, "local[2]", local=True):
        print(format_row(row))


def check(path: Path, *options: str) -> list[str]:
    """The reportcheck command line (as the console script runs it) for ``path``."""
    return [sys.executable, "-m", "reportcheck", "check", str(path), "--fail-on", "never", *options]


def run_py(code: str, *argv) -> str:
    return subprocess.run([sys.executable, "-c", code, *map(str, argv)], check=True, capture_output=True,
                          text=True).stdout.strip()


@dataclass
class Run:
    """One timed run: wall seconds, exit code, and memory in bytes (see :func:`timed`)."""

    wall: float
    code: int
    maxrss: int
    peak_rss: int
    peak_pss: int


def timed(cmd: list[str], sample_memory: bool = False) -> Run:
    """Run ``cmd`` (output discarded); its wall time, exit code and memory."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    peak = [0, 0]
    sampler = None
    if sample_memory:
        sampler = threading.Thread(target=_sample_tree, args=(p.pid, peak), daemon=True)
        sampler.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    if sampler is not None:
        sampler.join()
    if p.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed (exit {p.returncode}):\n{err}")
    return Run(wall, p.returncode, usage.ru_maxrss * 1024, peak[0], peak[1])


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _sample_tree(pid: int, peak: list[int]) -> None:
    """Largest sums of RSS (every 50 ms) and PSS (every 0.25 s) over ``pid`` and its descendants, until
    ``pid`` is gone."""
    page = os.sysconf("SC_PAGE_SIZE")
    n = 0
    while True:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                with open(f"/proc/{d}/statm", "rb") as f:
                    rss[int(d)] = int(f.read().split()[1]) * page
            except (OSError, IndexError):
                continue
            children.setdefault(int(fields[1]), []).append(int(d))
        if pid not in rss:
            return
        tree, todo = [], [pid]
        while todo:
            q = todo.pop()
            tree.append(q)
            todo += children.get(q, [])
        peak[0] = max(peak[0], sum(rss.get(q, 0) for q in tree))
        if n % 5 == 0:
            peak[1] = max(peak[1], sum(_pss(q) for q in tree))
        n += 1
        time.sleep(0.05)


def fmt_list(xs: list[float]) -> str:
    return " ".join(f"{x:.2f}" for x in xs)


if __name__ == "__main__":
    main()

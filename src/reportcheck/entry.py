"""The ``reportcheck`` command's entry point (and ``python -m reportcheck``'s).

Before anything else is imported, a command that will extract reports in worker processes starts
them (:func:`reportcheck.workers.prestart`): they load jieba while the command line is parsed. Then the
command line interface (:mod:`reportcheck.cli`) runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def local_jobs(argv: Sequence[str]) -> int | None:
    """How many extraction workers ``argv`` (without the program name) will start on this machine
    (0: one per core), or None when it will not extract here (another command, help, the Spark
    engine, or a command line that does not parse so simply)."""
    if not argv or argv[0] not in ("check", "extract"):
        return None
    jobs = 0
    args = list(argv[1:])
    for a, following in zip(args, args[1:] + [None]):
        option, eq, attached = a.partition("=")
        value = attached if eq else following
        if a in ("--help", "-h") or (option == "--engine" and value == "spark"):
            return None
        if option in ("--jobs", "-j"):
            if value is None or not value.isdigit():
                return None  # the command line will say what is wrong
            jobs = int(value)
    return jobs


def main() -> None:
    jobs = local_jobs(sys.argv[1:])
    if jobs is not None:
        from .workers import prestart

        prestart(jobs or None)
    from .cli import main as cli_main

    cli_main()

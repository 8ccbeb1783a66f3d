"""reportcheck: a spell-checker for the numbers in Chinese official work reports.

Library API (the CLI is a thin layer over these):

- :func:`extract` — the fact sheet (pandas tables with provenance) of reports;
- :func:`check` — extraction, Great Expectations validation and findings, as a RunResult.
"""

from __future__ import annotations

__version__ = "0.1.0"


def extract(paths, include=(), exclude=()):
    """The fact sheet of every report under ``paths``: a FactSheet whose ``tables`` are DataFrames."""
    from .factsheet import extract as _extract

    return _extract(paths, include, exclude)


def check(paths, include=(), exclude=(), checks=None, config=None):
    """Check every report under ``paths``; returns a :class:`reportcheck.findings.RunResult`.

    ``config`` is a :class:`reportcheck.config.Config` (``reportcheck.config.load()`` reads the one
    the command would use); without it, the defaults apply.
    """
    from .pipeline import run

    return run(paths, include, exclude, checks, config=config)


__all__ = ["extract", "check", "__version__"]

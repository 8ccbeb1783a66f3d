"""reportcheck: a spell-checker for the numbers in Chinese official work reports.

Library API (the CLI is a thin layer over these):

- :func:`extract` — the fact sheet (pandas tables with provenance) of reports;
- :func:`check` — extraction, Great Expectations validation and findings, as a RunResult.
"""

from __future__ import annotations


def __getattr__(name: str):
    """``__version__``: the installed distribution's version (importlib.metadata), so that
    ``reportcheck --version``, SARIF's driver and pip agree; read on first use, not at import."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("reportcheck")
        except PackageNotFoundError:  # a source tree that is not installed
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

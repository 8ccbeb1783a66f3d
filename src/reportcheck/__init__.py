"""reportcheck: a spell-checker for the numbers in Chinese official work reports.

Library API (the CLI is a thin layer over these):

- :func:`extract` — the fact sheet (pandas tables with provenance) of reports;
- :func:`check` — extraction, Great Expectations validation and findings, as a RunResult.
"""

from __future__ import annotations


def __getattr__(name: str):
    """``__version__``: the installed distribution's version (importlib.metadata), so that
    ``reportcheck --version``, SARIF's driver and pip agree; read on first use, not at import. And
    ``reportcheck.config`` and the other stage modules without importing them first."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("reportcheck")
        except PackageNotFoundError:  # a source tree that is not installed
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    if name in ("config", "findings", "factsheet", "pipeline", "rules", "report"):
        # reportcheck.config and the other stage modules without importing them first
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The stage package reportcheck.extract is imported before the function of that name is defined: the
# import system sets a package's attribute to a subpackage when it first loads it, which would
# otherwise replace the function the first time extraction runs.
from . import extract as _extract_stage  # noqa: F401  (isort: skip)
from .api import check, extract

__all__ = ["__version__", "check", "extract"]


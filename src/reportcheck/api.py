"""The library API: :func:`extract` and :func:`check`, which the command line is a thin layer over.

Both take one path (a string or a ``PathLike``) or a list of them, and read the configuration the
command would read (``[tool.reportcheck]`` of the nearest ``pyproject.toml``, or ``reportcheck.toml``,
looked up from the current folder) unless ``config=`` is given, so Python and the command line agree.
They may be called any number of times.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .factsheet import FactSheet
    from .findings import RunResult

Paths = str | os.PathLike | Sequence[str | os.PathLike]


def as_paths(paths: Paths) -> list[str | os.PathLike]:
    """One path or a list of them, as a list (a string is one path, never a sequence of characters)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fsdecode(paths) if isinstance(paths, bytes) else paths]
    return list(paths)


def _config(config: Config | str | os.PathLike | None) -> Config:
    from .config import Config, load

    if isinstance(config, Config):
        return config
    return load(config)  # None: the file the command would find


def extract(paths: Paths, include: Sequence[str] = (), exclude: Sequence[str] = (), *,
            config: Config | str | os.PathLike | None = None, jobs: int | None = None) -> FactSheet:
    """The fact sheet of every report under ``paths``: a FactSheet whose ``tables`` are DataFrames.

    ``config`` is a :class:`reportcheck.config.Config` or the path of a configuration file (default:
    the one the command finds). ``jobs`` worker processes extract the reports (default: this process).
    A report that cannot be read, or an entry that cannot be read as one (a FIFO …), does not stop the
    others: its error (one line naming the file) is in the sheet's ``errors``. Raises IngestError when a
    given path does not exist. The command ``reportcheck extract`` runs the same extraction
    (:func:`reportcheck.pipeline.extract`).
    """
    from .pipeline import extract as extract_all

    return extract_all(as_paths(paths), include, exclude, config=_config(config), jobs=jobs)


def check(paths: Paths, include: Sequence[str] = (), exclude: Sequence[str] = (), checks=None, *,
          config: Config | str | os.PathLike | None = None, jobs: int | None = None,
          timeout: float | None = None, keep_source: bool = False) -> RunResult:
    """Check every report under ``paths``; returns a :class:`reportcheck.findings.RunResult`
    (``result.findings_frame()`` is a DataFrame of its findings).

    ``config`` is a :class:`reportcheck.config.Config` or the path of a configuration file (default:
    the one the command finds); ``checks`` a check map (default: the shipped one); ``jobs`` worker
    processes (default: this process) and ``timeout`` their time limit per report, in seconds.
    """
    from .pipeline import run

    return run(as_paths(paths), include, exclude, checks, keep_source, config=_config(config), jobs=jobs,
               timeout=timeout)

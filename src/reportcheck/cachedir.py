"""reportcheck's cache folder: what is costly to make and the same from one run to the next.

It holds jieba's model in a quick-to-load form (:mod:`reportcheck.extract.tokenizers`) and GX's page
templates compiled (:mod:`reportcheck.report.datadocs`). It is ``$XDG_CACHE_HOME/reportcheck``, else
``~/.cache/reportcheck``, readable by its owner only; ``REPORTCHECK_CACHE_DIR`` puts it elsewhere.
Everything in it is checked against what it was made from before use, and may be deleted at any time;
where it cannot be written, nothing is cached and every run makes everything anew.
"""

from __future__ import annotations

import os
from pathlib import Path


def path() -> Path:
    """Where the cache is (it may not exist yet)."""
    explicit = os.environ.get("REPORTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportcheck"


def ensure(sub: str = "") -> Path | None:
    """The cache folder (or its subfolder ``sub``), made if need be; None when it cannot be."""
    try:
        folder = path() / sub if sub else path()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder
    except (OSError, RuntimeError):  # RuntimeError: no home folder to expand
        return None

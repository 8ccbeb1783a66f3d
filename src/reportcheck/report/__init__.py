"""Output formats: one module per format, all fed the same RunResult.

``text`` (terminal), ``json`` (the public ``reportcheck/v1``), ``sarif`` (SARIF 2.1.0), ``junit`` (JUnit
XML), ``github`` (GitHub Actions workflow commands) and ``codequality`` (GitLab Code Quality); the HTML
report (:mod:`.html`) is a folder and written on its own.
"""

from __future__ import annotations

import importlib
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads FORMATS without loading the pipeline
    from ..findings import RunResult

FORMATS = ("text", "json", "sarif", "junit", "github", "codequality")
_MODULES = {"text": "terminal", "json": "json_format"}


def render(fmt: str, result: RunResult, text_options=None) -> str:
    """The run in format ``fmt`` (one of :data:`FORMATS`); ``text_options`` (a :class:`.terminal.Options`:
    colour, quiet, statistics, the verified relations …) are for ``text``."""
    module = importlib.import_module(f"{__name__}.{_MODULES.get(fmt, fmt)}")
    if fmt == "text":
        return module.render(result, text_options)
    if fmt == "json":
        return module.render(result) + "\n"
    return module.render(result)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically: a new file beside it, then renamed over it. What is
    not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written into, never replaced: a rename
    over ``/dev/null`` by root would leave a regular file there for every program."""
    path = Path(path)
    if path.exists() and not path.is_file():
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:12]}")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as f:  # not mkstemp: the user's usual permissions
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

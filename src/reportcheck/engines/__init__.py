"""Engines: where a run's stages execute. Each engine's ``run`` takes the arguments of
:func:`reportcheck.pipeline.run` and returns the same :class:`reportcheck.findings.RunResult`.

- ``local``: :func:`reportcheck.pipeline.run`, this machine, pandas and GX's pandas datasource;
- ``spark``: :func:`reportcheck.engines.spark.run`, the same extraction inside Spark tasks and the same GX
  suites on GX's Spark datasource (needs the ``spark`` extra and Java 17).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

ENGINES = ("local", "spark")


class EngineError(Exception):
    """An engine that cannot run here (pyspark or Java missing); the message says what to install."""


def get(name: str) -> Callable:
    """The ``run`` function of an engine; ValueError for an unknown name, EngineError when the Spark
    engine's pyspark is not installed."""
    if name == "local":
        from ..pipeline import run

        return run
    if name == "spark":
        if importlib.util.find_spec("pyspark") is None:
            raise EngineError("the Spark engine needs pyspark: pip install 'reportcheck[spark]' "
                              "(and Java 17)")
        from .spark import run

        return run
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")

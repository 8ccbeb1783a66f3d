"""Deferred imports of third-party packages that Great Expectations imports but our checks never use.

``import great_expectations`` costs about three seconds, and half of that is SciPy (``scipy.stats`` and
``scipy.spatial``, for the distribution expectations such as KL divergence) and Altair (charts in
rendered Data Docs). reportcheck's suites use neither, yet every run paid for both, in CI latency above
all. :func:`deferred` imports them the way ``importlib.util.LazyLoader`` does: the module object exists
at once, and its code runs the first time an attribute of it is used. So nothing changes for a suite
that does use one of them (its first use imports it, just later); a run that never touches them never
pays for them.

Only pure-Python modules are deferred (a compiled extension module runs when it is created, so there is
nothing to defer); ``REPORTCHECK_EAGER_IMPORTS=1`` turns deferring off altogether, for a suspected
interaction (the test suite runs the checks both ways and compares).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# What GX imports eagerly and reportcheck's suites and reports do not use.
DEFERRED = ("scipy", "altair")

_LOCK = threading.Lock()


class _DeferringFinder(importlib.abc.MetaPathFinder):
    """Finds modules of ``packages`` with the other finders, and hands back their specs with a lazy
    loader (pure-Python modules only)."""

    def __init__(self, packages: tuple[str, ...]):
        self.packages = packages

    def find_spec(self, name, path, target=None):
        if name.partition(".")[0] not in self.packages:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        if isinstance(spec.loader, (importlib.machinery.SourceFileLoader, importlib.machinery.SourcelessFileLoader)):
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def eager() -> bool:
    """Whether deferring is turned off (``REPORTCHECK_EAGER_IMPORTS`` set to anything but 0 or empty)."""
    return os.environ.get("REPORTCHECK_EAGER_IMPORTS", "") not in ("", "0")


@contextmanager
def deferred(packages: tuple[str, ...] = DEFERRED) -> Iterator[None]:
    """Imports made inside the block defer running the modules of ``packages`` to their first use."""
    if eager():
        yield
        return
    finder = _DeferringFinder(tuple(packages))
    with _LOCK:
        sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with _LOCK:
            sys.meta_path.remove(finder)

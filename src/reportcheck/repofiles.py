"""Which of the files found in a folder are reports, when the folder is a repository.

``reportcheck check .`` in a repository (what the CI templates run) must not check the repository's
README, its changelog, folders that .gitignore keeps out, nor its own earlier HTML output. Of the files
that a directory walk found (:func:`reportcheck.ingest.discover`), :func:`narrow` leaves out:

- inside a git work tree, what git neither tracks nor would add: ignored files (``git ls-files --cached
  --others --exclude-standard``);
- everything in a folder holding a ``.reportcheck-html`` marker (an HTML report written by ``check
  --html``), and below it;
- files named README*, CHANGELOG*, LICENSE*, CONTRIBUTING* or requirements*.txt (any case).

A file named on the command line is always kept, and so is one that an include glob (``--include`` or
the configuration's ``include``) names. The reasons are counted, for ``check --verbose``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from . import gitutil
from .ingest import SUFFIXES

__all__ = ["HTML_MARKER", "NOT_REPORTS", "REASONS", "describe", "include_matcher", "narrow"]

#: The file that marks a folder as an HTML report of reportcheck (see report/html.py).
HTML_MARKER = ".reportcheck-html"
#: Names of files that are a repository's own documents, not reports (matched case-insensitively).
NOT_REPORTS = ("readme*", "changelog*", "license*", "licence*", "contributing*", "requirements*.txt")

GIT_IGNORED = "ignored by git"
HTML_OUTPUT = "in an HTML report folder (.reportcheck-html)"
REPO_DOCUMENT = "README, CHANGELOG, LICENSE, CONTRIBUTING or requirements*.txt"
REASONS = (GIT_IGNORED, HTML_OUTPUT, REPO_DOCUMENT)


def narrow(
    paths: Sequence[str | os.PathLike],
    files: Sequence[Path],
    included: Callable[[Path, Path], bool] = lambda f, root: False,
) -> tuple[list[Path], Counter]:
    """The report files among ``files`` (found under ``paths``), and how many were left out, by reason.

    ``included(file, root)`` tells whether an include glob names the file (``root`` is the given folder
    it was found in); such a file, and one named in ``paths``, is kept whatever its name or git's view.
    """
    named = {os.path.realpath(p) for p in paths if not Path(p).is_dir()}
    roots = sorted(
        {Path(os.path.abspath(p)) for p in paths if Path(p).is_dir()},
        key=lambda p: len(p.parts),
        reverse=True,
    )
    listings: dict[Path, set[str] | None] = {}
    marked: dict[Path, bool] = {}
    kept: list[Path] = []
    left = Counter()
    for f in files:
        if os.path.realpath(f) in named:
            kept.append(f)
            continue
        absolute = Path(os.path.abspath(f))
        root = next((r for r in roots if absolute.is_relative_to(r)), absolute.parent)
        if included(f, root):
            kept.append(f)
            continue
        reason = None
        if _in_html_output(absolute, root, marked):
            reason = HTML_OUTPUT
        elif any(fnmatchcase(f.name.lower(), g) for g in NOT_REPORTS):
            reason = REPO_DOCUMENT
        else:
            listing = listings[root] if root in listings else listings.setdefault(root, _git_listing(root))
            if listing is not None and os.path.realpath(f) not in listing:
                reason = GIT_IGNORED
        if reason is None:
            kept.append(f)
        else:
            left[reason] += 1
    return kept, left


def describe(left: Counter) -> str:
    """``3 file(s) left out: 2 README, CHANGELOG …, 1 ignored by git`` (empty when none were)."""
    if not left:
        return ""
    parts = ", ".join(f"{left[r]} {r}" for r in REASONS if left[r])
    return f"{sum(left.values())} file(s) left out: {parts}"


def _in_html_output(f: Path, root: Path, marked: dict[Path, bool]) -> bool:
    d = f.parent
    while True:
        if d not in marked:
            marked[d] = (d / HTML_MARKER).is_file()
        if marked[d]:
            return True
        if d == root or d.parent == d or not d.is_relative_to(root):
            return False
        d = d.parent


def _git_listing(root: Path) -> set[str] | None:
    """The reports git tracks or would add under ``root`` (real paths), or None outside a work tree."""
    try:
        names = gitutil.listed(root)
    except gitutil.GitError:
        return None
    return {os.path.realpath(root / name) for name in names if name.lower().endswith(SUFFIXES)}


def include_matcher(include: Sequence[str], config) -> Callable[[Path, Path], bool]:
    """Whether ``--include`` globs (matched as discover matches them) or the configuration's include
    name a file."""

    def included(f: Path, root: Path) -> bool:
        if include:
            absolute = Path(os.path.abspath(f))
            rel = absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else f.name
            if any(fnmatchcase(rel, g) or fnmatchcase(f.name, g) for g in include):
                return True
        return bool(config is not None and config.include and config.selects(f))

    return included

"""Discovery: the report files that the paths given name, walking folders and following links safely."""

from __future__ import annotations

import os
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from .. import fileio
from .document import IngestError

#: File suffixes that directory walks pick up (compared case-insensitively).
SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def discover(
    paths: Sequence[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = (),
    errors: list[IngestError] | None = None,
) -> list[Path]:
    """Expand files and directories into the list of report files to check.

    A file given directly is taken whatever its suffix (and ``include``/``exclude`` do not apply to
    it). A directory is walked recursively in sorted order, following symlinks but never a loop, skipping
    hidden entries (names starting with ``.``), and keeps files whose suffix is in :data:`SUFFIXES`.
    ``include``/``exclude`` are fnmatch globs (case-sensitive) matched against both the path relative
    to that directory (with ``/``) and the file name: with ``include`` a file must match one of them,
    and a file matching any ``exclude`` is dropped. Each file is listed once, in the order given.

    Symbolic links are followed only inside the folder being checked (for a file named directly: the
    folder holding it) and only to what the walk would read without them: a link whose target is
    outside that folder, hidden in it (``reports/x.txt -> ../.git/config``) or not a report by its
    suffix (``x.txt -> creds.json``) is refused, as is a broken link. A link to another report of the
    tree reads that report (once, listed by the report's own name). Also refused: an entry with a
    report's suffix that is not a regular file (a FIFO, a device, a socket), a name that is not UTF-8,
    a folder that cannot be listed (no permission, a path longer than the system allows) and an entry
    that cannot be looked at. With ``errors`` (a list), each refused entry is appended to it as an
    :class:`IngestError` naming it and the others are still found; without, the first is raised.

    Raises :class:`IngestError` for a path that does not exist and for a directory with no reports.
    """
    found: list[Path] = []
    seen: dict[str, int] = {}  # resolved path -> index in found
    problems: list[IngestError] = []

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen[key] = len(found)
            found.append(p)
        elif os.path.islink(found[seen[key]]) and not os.path.islink(p):
            found[seen[key]] = p  # a report and a link to it: the report by its own name

    for given in paths:
        root = Path(given)
        if not os.path.lexists(root):
            raise IngestError(str(given), "no such file or directory")
        if not _utf8(str(given)):
            problems.append(IngestError(str(given), _NOT_UTF8))
            continue
        if not root.is_dir():
            problem = _link_problem(root, Path(os.path.realpath(root.parent)), "the folder holding it")
            if problem is None and not root.exists():
                problem = "broken symbolic link"
            if problem is not None:
                problems.append(IngestError(str(given), problem))
            else:
                add(root)
            continue
        walked: list[IngestError] = []
        reports = _walk(root, walked)
        walked = [e for e in walked
                  if e.unlisted or _wanted(_rel(e.path, root), Path(e.path).name,
                                                                    include, exclude)]
        problems += walked
        if not reports:
            if walked:
                continue
            raise IngestError(str(given), f"no reports ({', '.join(SUFFIXES)}) found")
        kept = [p for p in reports if _wanted(p.relative_to(root).as_posix(), p.name, include, exclude)]
        if not kept and not walked:
            raise IngestError(
                str(given),
                f"no reports ({', '.join(SUFFIXES)}) found that match the include/exclude patterns",
            )
        for p in kept:
            add(p)
    if errors is None:
        if problems:
            raise problems[0]
    else:
        errors += problems
    return found


_NOT_UTF8 = "the name is not valid UTF-8 (rename it, e.g. convmv -f gbk -t utf-8); not read"


def _utf8(name: str) -> bool:
    """Whether a file name decoded from the file system is valid UTF-8 (no surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _rel(path: str, root: Path) -> str:
    return Path(path).relative_to(root).as_posix()


def _link_problem(p: Path, real_root: Path, root_name: str) -> str | None:
    """Why the link ``p`` may not be followed (None when ``p`` is no link or a link that may be):
    its target must be inside ``real_root`` (the resolved folder being checked, called ``root_name``
    in the message), not hidden there, and a folder or a report by its suffix."""
    if not os.path.islink(p):
        return None
    try:
        target = Path(os.path.realpath(p, strict=True))
    except (OSError, RuntimeError):
        return "broken symbolic link (or a loop of links)"
    if not target.is_relative_to(real_root):
        return (f"symbolic link to {target}, outside {root_name}; not followed (a link is read only when "
                f"its target is inside the folder being checked)")
    hidden = [part for part in target.relative_to(real_root).parts if part.startswith(".")]
    if hidden:
        return f"symbolic link to the hidden path {target}; not followed"
    if not target.is_dir() and not target.name.lower().endswith(SUFFIXES):
        return f"symbolic link to {target}, which is not a report ({', '.join(SUFFIXES)}); not followed"
    return None


def _walk(root: Path, problems: list[IngestError]) -> list[Path]:
    """Report files under ``root``, sorted by relative path; symlinked directories are visited once.

    What cannot be read as a report (see :func:`discover`) is appended to ``problems``.
    """
    out: list[Path] = []
    visited: set[str] = set()
    real_root = Path(os.path.realpath(root))
    todo = [root]
    while todo:
        d = todo.pop()
        real = os.path.realpath(d)
        if real in visited:
            continue
        visited.add(real)
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            problems.append(IngestError(str(d), f"cannot list the folder: {e.strerror or e}", unlisted=True))
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            p = d / e.name
            is_report = e.name.lower().endswith(SUFFIXES)
            if not _utf8(e.name):
                try:
                    if is_report or e.is_dir():
                        problems.append(IngestError(str(p), _NOT_UTF8))
                except OSError:
                    pass
                continue
            try:
                link = e.is_symlink()
                if link and (is_report or e.is_dir()):
                    problem = _link_problem(p, real_root, str(root))
                    if problem is not None:
                        problems.append(IngestError(str(p), problem))
                        continue
                if e.is_dir():
                    subdirs.append(p)
                elif is_report:
                    if e.is_file():
                        out.append(p)
                    else:

                        problems.append(IngestError(str(p), f"not a regular file ({fileio.kind(e.stat().st_mode)})"))
            except OSError as err:
                if is_report or not link:
                    problems.append(IngestError(str(p), f"cannot read: {err.strerror or err}"))
                continue
        todo.extend(reversed(subdirs))
    return sorted(out, key=lambda p: p.relative_to(root).parts)


def _wanted(rel: str, name: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    def hit(globs: Sequence[str]) -> bool:
        return any(fnmatchcase(rel, g) or fnmatchcase(name, g) for g in globs)

    return (not include or hit(include)) and not hit(exclude)

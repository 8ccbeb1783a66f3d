"""The git questions a run asks: where the work tree's root is, and which files changed since a ref."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    """git cannot answer (not installed, not a repository, an unknown ref); a one-line message."""


def _git(*args: str, cwd: str | os.PathLike | None = None) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                             errors="surrogateescape", check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if out.returncode:
        lines = out.stderr.strip().splitlines()
        raise GitError(f"git {args[0]}: {lines[-1] if lines else f'exit status {out.returncode}'}")
    return out.stdout


def toplevel(cwd: str | os.PathLike | None = None) -> Path | None:
    """The root of the git work tree holding ``cwd`` (default: the current folder), or None."""
    try:
        return Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    except GitError:
        return None


def changed_since(ref: str, cwd: str | os.PathLike | None = None) -> set[Path]:
    """Files added or changed since ``ref``, as resolved absolute paths.

    Compares the work tree (committed, staged, unstaged and untracked files, not ignored ones) with
    the merge base of ``ref`` and HEAD, so ``origin/main`` means the changes of the current branch.
    Deleted files are not listed.
    """
    if ref.startswith("-") or not ref.strip() or "\0" in ref:  # never an option of git's
        raise GitError(f"--changed-since {ref}: not a git ref (a ref never starts with '-')")
    root = toplevel(cwd)
    if root is None:
        raise GitError("--changed-since needs a git repository; the current folder is not in one")
    try:
        base = _git("merge-base", ref, "HEAD", cwd=root).strip()
    except GitError:
        raise GitError(f"--changed-since {ref}: not a commit that shares history with HEAD") from None
    names = _git("diff", "--name-only", "--no-renames", "--diff-filter=d", "-z", base, "--", cwd=root)
    names += _git("ls-files", "--others", "--exclude-standard", "-z", cwd=root)
    return {(root / n).resolve() for n in names.split("\0") if n}


def listed(root: str | os.PathLike) -> list[str]:
    """The files git tracks or would add (untracked, not ignored) under ``root``, relative to it;
    GitError outside a work tree or without git."""
    out = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".", cwd=root)
    return [name for name in out.split("\0") if name]

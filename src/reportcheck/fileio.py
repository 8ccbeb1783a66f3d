"""Reading input files safely: regular files only, never more than a limit.

Every file reportcheck reads (reports, ``--config``, ``--baseline``, the check map and its suites) goes
through :func:`read_regular`. A FIFO, a device or a socket is refused before anything is read (opening
a FIFO for reading would wait for a writer, and ``/dev/zero`` never ends), and a file is read up to its
limit plus one byte whatever size it claims (``/proc`` files claim 0).
"""

from __future__ import annotations

import os
import stat

__all__ = ["FileProblem", "kind", "read_regular"]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileProblem(Exception):
    """A file that is not read: not a regular file, or over the size limit; ``str(e)`` says which,
    without the file's name (the caller names it)."""


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, for an error message (``"a FIFO"``, ``"a directory"`` …)."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _refuse_special(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileProblem("is a directory")
    if not stat.S_ISREG(mode):
        what = kind(mode)
        raise FileProblem(what if what == "not a regular file" else f"not a regular file ({what})")


def read_regular(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`FileProblem` for anything but a regular file and for a file over ``limit`` bytes
    (``what`` names it in the message: "report", "configuration file" …), and ``OSError`` when the
    file cannot be opened or read.
    """
    _refuse_special(os.stat(path).st_mode)  # before opening: opening a device may do something
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC"):  # a FIFO opens at once, a tty never controls
        flags |= getattr(os, name, 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)  # the file opened, which may not be the one looked at a moment ago
        _refuse_special(st.st_mode)
        if st.st_size > limit:
            raise FileProblem(_too_large(st.st_size, limit, what))
        chunks: list[bytes] = []
        left = limit + 1  # one byte more than allowed tells a file that grew (or lies about its size)
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileProblem(_too_large(None, limit, what))
    return data


def _too_large(size: int | None, limit: int, what: str) -> str:
    shown = f"{size / 2**20:.1f} MiB" if size is not None else "more than the limit"
    return f"file too large ({shown}; a {what} is read up to {_mib(limit)})"


def _mib(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 and n % 2**20 == 0 else f"{n} bytes"

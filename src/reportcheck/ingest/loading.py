"""Loading: a report file, or a string, to a :class:`.Document` (decode, pull the article out of HTML,
normalise)."""

from __future__ import annotations

from pathlib import Path

from .decoding import read_decoded
from .document import HTML_SUFFIXES, Document, IngestError
from .html import html_text
from .normalise import normalise


def load(path: str | Path) -> Document:
    """Read, decode and normalise one report; HTML (``.html``/``.htm``) has its article text extracted.

    Raises :class:`IngestError` for anything that makes the file unreadable as a report.
    """
    name = str(path)
    source, encoding = read_decoded(name)
    return from_text(source, name, encoding)


def read_source(path: str | Path) -> str:
    """The decoded text of a report file, as :attr:`Document.source` of :func:`load` (not normalised):
    what the offsets, lines and columns of its facts refer to. Raises :class:`IngestError`."""
    return read_decoded(str(path))[0]


def from_text(source: str, path: str = "<string>", encoding: str = "utf-8") -> Document:
    """Normalise an already decoded string into a :class:`Document`.

    ``source`` is taken as is; ``encoding`` is what it was decoded from (``"docx"`` and ``"pdf"`` for the
    text of a Word file or a PDF, whose tab-separated rows are table rows). If ``path`` ends in ``.html``
    or ``.htm`` the string is treated as HTML. Raises :class:`IngestError` when nothing is left to read.
    """
    if path.lower().endswith(HTML_SUFFIXES):
        s, offs = html_text(source, path)
        text, offsets = normalise(s, offs, html_mode=True)
        if not text:
            raise IngestError(path, "HTML page has no article text")
    else:
        text, offsets = normalise(source, None, html_mode=False)
        if not text:
            raise IngestError(path, "empty file (no text)")
    offsets.append(len(source))
    return Document(path=path, source=source, text=text, offsets=offsets, encoding=encoding)

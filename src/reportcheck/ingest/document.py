"""The report as ingest hands it on: :class:`Document` (decoded source, normalised text and the offsets
that map one onto the other) and :class:`IngestError`, the one error of the ingest stage."""

from __future__ import annotations

import html
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

#: Suffixes of the reports read as HTML (compared case-insensitively).
HTML_SUFFIXES = (".html", ".htm")
# A character reference: decimal, hexadecimal or named (the semicolon is optional, as in browsers).
ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,31};?)")


class IngestError(Exception):
    """A report that cannot be read.

    ``str(e)`` is a one-line message naming the file and the problem, e.g.
    ``"seeds/x.txt: cannot decode: not valid UTF-8, GB18030 or UTF-16"``. ``path`` is the file as given and
    ``problem`` the part after the colon.
    """

    def __init__(self, path: str, problem: str, unlisted: bool = False) -> None:
        self.path = str(path)
        self.problem = " ".join(problem.split())
        self.unlisted = unlisted  # a folder that cannot be listed (reported whatever the selection)
        super().__init__(f"{self.path}: {self.problem}")


# A line break in the source, for line/column numbers (what editors count as one).
_SOURCE_LINE_BREAK = re.compile(r"\r\n?|\n")
# In the source of a PDF, a page break (a form feed, see .pdf) also ends a line.
_PDF_LINE_BREAK = re.compile(r"\r\n?|\n|\f")


@dataclass(frozen=True)
class Document:
    """A decoded report and its normalised text.

    ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the index in ``source`` of the character
    that produced ``text[i]`` (for a character decoded from an HTML entity, the entity's ``&``; for a
    line break made by an HTML tag, the tag's ``<``), and ``offsets[-1] == len(source)``. Offsets never
    decrease. A Document is HTML when its ``path`` ends in ``.html`` or ``.htm``.
    """

    path: str
    source: str = field(repr=False)
    text: str = field(repr=False)
    offsets: array = field(repr=False)
    encoding: str

    @property
    def is_html(self) -> bool:
        """Whether the text was extracted from HTML (decided by the path's suffix)."""
        return self.path.lower().endswith(HTML_SUFFIXES)

    @property
    def is_pdf(self) -> bool:
        """Whether the source is the text layer of a PDF, pages separated by form feeds (by the suffix)."""
        return self.path.lower().endswith(".pdf")

    @cached_property
    def _page_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\f", self.source))]

    def page(self, source_offset: int) -> int | None:
        """1-based page of a source offset in a PDF; None for other reports."""
        if not self.is_pdf:
            return None
        return bisect_right(self._page_starts, source_offset)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the text span ``[start, end)`` to the source span ``[s, e)`` that produced it.

        ``s`` is the offset of ``text[start]`` and ``e`` is just past the source of ``text[end - 1]``
        (past the whole entity for an HTML entity, past ``\\r\\n`` for a line break). The source span
        includes whatever normalisation dropped in between (spaces, joined line breaks, tags). An empty
        span maps to an empty span at ``offsets[start]``.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"text span [{start}, {end}) out of range for text of length {n}")
        if start == end:
            s = self.offsets[start]
            return s, s
        s = self.offsets[start]
        last = self.offsets[end - 1]
        e = last + 1
        src = self.source
        ch = src[last]
        if ch == "\r" and src.startswith("\n", e):
            e += 1
        elif ch == "&" and self.is_html:
            m = ENTITY.match(src, last)
            if m and html.unescape(m.group()) != m.group():
                e = m.end()
        return s, e

    def raw(self, start: int, end: int) -> str:
        """The source text behind the text span ``[start, end)`` (see :meth:`source_span`)."""
        s, e = self.source_span(start, end)
        return self.source[s:e]

    @cached_property
    def _line_starts(self) -> list[int]:
        breaks = _PDF_LINE_BREAK if self.is_pdf else _SOURCE_LINE_BREAK
        return [0, *(m.end() for m in breaks.finditer(self.source))]

    def line_col(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; the column counts characters.

        Lines end at ``\\n``, ``\\r\\n`` or ``\\r``. O(log n) after a first call that indexes the lines.
        """
        if not 0 <= source_offset <= len(self.source):
            raise IndexError(f"source offset {source_offset} out of range 0..{len(self.source)}")
        starts = self._line_starts
        line = bisect_right(starts, source_offset)
        return line, source_offset - starts[line - 1] + 1

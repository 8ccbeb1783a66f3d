"""Hard-wrapped plain text: find the width a text was wrapped at, and which line breaks it made.

pdftotext output, e-mail and text copied from a fixed-width page break every line at about the same
width, in the middle of sentences and numbers (``1876`` / ``.5万元``). :func:`wrap_width` tells whether a
text is wrapped so and at what width; :meth:`Wrap.joins` tells whether one of its line breaks is the
wrapper's (the line before it is full) and should go, so that the text reads as the original paragraph.

A text is wrapped when, measured in characters or in display columns (a Chinese character is two),
nearly all of its lines are at most some width W and many lines reach it: at least 40 % of the lines, and
six at least, within ``slack`` of W, and at most 5 % of them beyond it. A text with a paragraph per line
has lines of every length and is not wrapped. Breaks that this module does not join are left to the
normaliser's own rule (see :func:`reportcheck.ingest.normalise._joins`), which then sees the same lines as in
the unwrapped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Wrap", "wrap_width"]

_MIN_FULL_LINES = 6
_MIN_FULL_SHARE = 0.4
_MAX_OVER_SHARE = 0.05
_MAX_WIDTH = 100  # characters (200 columns): wider "lines" are paragraphs
_MIN_WIDTH = 12  # characters (24 columns): narrower lines are a list, not a wrap
_SENTENCE_END = frozenset("。！？!?：；:;")
_LINE = re.compile(r"[^\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


# Wide and full-width characters (East Asian Width W or F): Hangul Jamo, CJK radicals to Yi, Hangul,
# compatibility ideographs, vertical and small forms, full-width forms, and the supplementary ideographs.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd]"
)


def _columns(text: str) -> int:
    """Display width: two columns for wide and full-width characters, one for the others."""
    return len(text) + len(_WIDE.findall(text))


@dataclass(frozen=True)
class Wrap:
    """A text's wrap: lines measured in ``columns`` (or characters) reach ``width`` within ``slack``."""

    width: int
    slack: int
    columns: bool

    def measure(self, line: str) -> int:
        return _columns(line) if self.columns else len(line)

    def joins(self, line: str, indent: str) -> bool:
        """Whether the break after ``line`` (without its trailing whitespace) is the wrapper's: the line
        is full and the next one is not indented (``indent``, the whitespace that opens it, is less
        than two columns wide). A line ending a sentence is full only at the width itself (a
        paragraph's last line may end anywhere)."""
        if not line or _columns(indent.strip("\r\n")) >= 2:
            return False
        n = self.measure(line)
        # the last character may not fit in columns: a wide one needs two
        full = self.width - (1 if self.columns else 0)
        return n >= (full if line[-1] in _SENTENCE_END else self.width - self.slack)


def wrap_width(text: str) -> Wrap | None:
    """The wrap of ``text``, or None when it is not hard-wrapped (see the module docstring)."""
    lines = [m.group().rstrip() for m in _LINE.finditer(text)]
    lines = [x for x in lines if x.strip()]
    if len(lines) < _MIN_FULL_LINES:
        return None
    best = None
    for columns in (False, True):
        sizes = sorted(_columns(x) if columns else len(x) for x in lines)
        width = sizes[(9 * len(sizes)) // 10]
        if not columns and width > 2 * _MAX_WIDTH:
            return None  # paragraphs (in columns they are wider still)
        if not (2 if columns else 1) * _MIN_WIDTH <= width <= (2 if columns else 1) * _MAX_WIDTH:
            continue
        slack = max(2, round(width * (0.12 if columns else 0.1)))
        full = sum(1 for v in sizes if width - slack <= v <= width + slack // 2)
        over = sum(1 for v in sizes if v > width + slack // 2)
        if (
            full >= _MIN_FULL_LINES
            and full >= _MIN_FULL_SHARE * len(sizes)
            and over <= _MAX_OVER_SHARE * len(sizes)
        ):
            score = full / len(sizes)
            if best is None or score > best[0]:
                best = (score, Wrap(width, slack, columns))
    return best[1] if best else None

"""How text takes room where it is shown: its width in columns (a wide or full-width character, as
Chinese, takes two), fitted to a number of columns (the terminal's wrapped excerpts, the labels of the
HTML charts), and shortened to a number of characters, for every output that quotes a message or a
number's text in a line of its own (reprs, SARIF related places, the terminal's and the HTML page's
lists of places)."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal or in a monospaced label (wide and full-width characters take
    two, as Unicode's East Asian Width says)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` columns (see :func:`width`), with … when cut."""
    if width(text) <= columns:
        return text
    used = 0
    for k, c in enumerate(text):
        used += width(c)
        if used > columns - 1:  # room for the …
            return text[:k] + "…"
    return text


def shorten(text: str, n: int) -> str:
    """``text`` on one line (each run of whitespace one space), cut to ``n`` characters with … when
    longer."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"

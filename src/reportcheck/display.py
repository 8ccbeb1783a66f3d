"""How text takes room where it is shown: shortened to a number of characters, for every output that
quotes a message or a number's text in a line of its own (reprs, SARIF related places, the terminal's
and the HTML page's lists of places)."""

from __future__ import annotations


def shorten(text: str, n: int) -> str:
    """``text`` on one line (each run of whitespace one space), cut to ``n`` characters with … when
    longer."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"

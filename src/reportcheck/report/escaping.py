"""What no output may write raw, defined once, and the escapers built on it.

A file name or a report is written by whoever sends it: a raw ESC starts an ANSI sequence (recolour,
retitle, hide lines), a raw line break starts a line that a CI runner reads as a command (GitHub's
``::warning …``), a bidirectional control reorders what is shown, and a lone surrogate (a byte of a
file name that is not UTF-8) cannot even be written as UTF-8. :func:`printable` (terminal, logs, CI
annotations, JUnit), :func:`json_safe` (JSON, SARIF, Code Quality, baselines) and :func:`html` (the HTML
report and the GX Data Docs rows) all make the same characters visible.
"""

from __future__ import annotations

import re
from html import escape as _html_escape

# Invisible or reordering characters, and what cannot be encoded: DEL and the C1 controls (CSI U+009B),
# Unicode format characters (soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width
# characters, the bidirectional controls, invisible operators, BOM, interlinear annotation, tags), line
# and paragraph separators, and lone surrogates. A character class body, for the patterns below.
INVISIBLE = ("\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
             "\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f")
# What a terminal or a log must not receive raw: the C0 controls but the tab (ESC, CR, LF …), and the above
UNPRINTABLE = re.compile(f"[\x00-\x08\x0a-\x1f{INVISIBLE}]")
# What json.dumps(ensure_ascii=False) writes raw and must not (it escapes the C0 controls itself)
_JSON_RAW = re.compile(f"[{INVISIBLE}]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match) -> str:
    c = m.group()
    o = ord(c)
    return _NAMED.get(c) or (f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")


def printable(text: str) -> str:
    """``text`` safe to write to a terminal or a log, on one line: each character it must not receive raw
    (see above) becomes a visible escape (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``); the rest, tabs
    and Chinese included, is kept."""
    return UNPRINTABLE.sub(_escape, text)


def _json_escape(m: re.Match) -> str:
    o = ord(m.group())
    if o > 0xFFFF:  # JSON writes a character beyond the BMP as its UTF-16 surrogate pair
        o -= 0x10000
        return f"\\u{0xD800 + (o >> 10):04x}\\u{0xDC00 + (o & 0x3FF):04x}"
    return f"\\u{o:04x}"


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the invisible characters above as
    ``\\uXXXX`` escapes: the same JSON value, safe to print and to write as UTF-8."""
    return _JSON_RAW.sub(_json_escape, text)


def html(text: str, quote: bool = True) -> str:
    """HTML-escaped text with the characters above made visible first (``\\u202e``): a page shows what
    a report holds, not what it would have a browser display. The report pages and the rows of the GX
    Data Docs use it alike, so a path is written the same in both (the Data Docs rows link back by it)."""
    return _html_escape(printable(text), quote)

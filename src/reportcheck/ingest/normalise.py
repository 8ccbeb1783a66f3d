"""Normalisation (one linear pass, see :func:`normalise`), keeping per character its offset in the
source:

1. Full-width ASCII variants become ASCII (``８４．８％`` -> ``84.8%``), except the CJK punctuation
   ``，；：（）！？`` and the range marks ``－～``, which stay as they are.
2. ASCII punctuation used as Chinese punctuation becomes the CJK form: ``,`` -> ``，`` unless it is a
   thousands separator, ``:`` -> ``：`` unless between digits (10:30), ``; ( ) ! ?`` -> ``；（）！？``.
   URLs (``http://...``) are left alone. ``.`` and dashes stay as they are.
3. Horizontal whitespace (including NBSP, U+3000, zero-width characters and the invisible bidirectional
   controls U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) is dropped, except that one space is
   kept between two ASCII letters or digits (``New York``, ``14 8``); an invisible character alone
   never makes that space.
4. Line breaks become ``\\n``; a break inside a sentence (hard-wrapped text) is joined, a paragraph break
   is kept, blank lines collapse into one ``\\n``. In a text wrapped at a fixed width (see
   :mod:`.wrap`) a break after a full line is joined too. In HTML, raw line breaks are ordinary
   whitespace and block elements (``p``, ``div``, ``br``, ``li``, ``td`` ...) make the line breaks, which
   are never joined.
"""

from __future__ import annotations

import html
import re
from array import array

from .document import ENTITY
from .wrap import wrap_width

_ASCII_DIGITS = frozenset("0123456789")
# Digits as they may appear in the source, before full-width folding.
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM = _ASCII_ALNUM | frozenset(chr(ord(c) + 0xFEE0) for c in _ASCII_ALNUM)
# Full-width characters that stay as they are: CJK punctuation and the range marks.
_FULLWIDTH_KEPT = "，；：（）！？－～"
_FULLWIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _FULLWIDTH_KEPT}
# ASCII punctuation that always takes its CJK form (`,` and `:` depend on context).
_ASCII_TO_CJK = {";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
# Characters that end a line.
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Bidirectional controls: invisible, they change how the text around them is displayed (U+202E shows
# "09" for "90"), so that a report can read differently from what it holds. Read as zero-width, as
# the other invisible characters: text that renders the same checks the same.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible characters: removed without ever leaving a space (zero-width spaces and joiners, word
# joiner, invisible operators, BOM, soft hyphen, Mongolian vowel separator and the bidi controls).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e" + BIDI_CONTROLS)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def bidi_controls(source: str, is_html: bool = False) -> list[int]:
    """Offsets in ``source`` of its bidirectional control characters (see :data:`BIDI_CONTROLS`); in
    HTML also of the character references that stand for one (``&#x202E;``, ``&rlm;``)."""
    found = [m.start() for m in _BIDI.finditer(source)]
    if is_html and "&" in source:
        found += [m.start() for m in ENTITY.finditer(source) if _BIDI.fullmatch(html.unescape(m.group()))]
        found.sort()
    return found


def _char_class(codepoints: list[int]) -> str:
    """A regex character class body covering the given code points as ranges."""
    parts, start, prev = [], None, None
    for cp in sorted(codepoints):
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            parts.append(f"\\u{start:04x}-\\u{prev:04x}")
            start = prev = cp
    if start is not None:
        parts.append(f"\\u{start:04x}-\\u{prev:04x}")
    return "".join(parts)


_FOLD_CLASS = _char_class(list(_FULLWIDTH_FOLD))
_WS_CLASS = r"\s" + "".join(sorted(_INVISIBLE))
# What the normaliser must look at; everything between two matches is copied unchanged.
#   group 1: a URL, kept verbatim;  group 2: a run of whitespace (and, in HTML mode, tag breaks "\0");
#   group 3: a run of full-width characters to fold;  group 4: ASCII punctuation to convert.
_SPECIAL_TEXT = re.compile(rf"(https?://[!-~]+)|([{_WS_CLASS}]+)|([{_FOLD_CLASS}]+)|([,;:()!?])")
_SPECIAL_HTML = re.compile(rf"(https?://[!-~]+)|([{_WS_CLASS}\x00]+)|([{_FOLD_CLASS}]+)|([,;:()!?])")
# Trailing punctuation that ends a sentence rather than belongs to the URL before it.
_URL_TAIL = ".,;:!?)]'\""
# Start of a line that opens a heading or list item (matched on the source, before folding).
_MARKER = re.compile(
    r"""(?:
        [一二三四五六七八九十百零〇]+[、.．]                        # 一、
      | [（(][一二三四五六七八九十百零〇0-9０-９]{1,4}[）)]          # （一） (1)
      | [0-9０-９]{1,3}(?:[、）)]|[.．](?![0-9０-９]))              # 1、 1. 1） but not 8.5
      | 第[一二三四五六七八九十百零〇0-9０-９]                       # 第一 第3
      | [①-⑳⑴-⒇⒈-⒛㈠-㈩]                                        # circled and bracketed numbers
      | [◆◇●○■□▲△▼▽★☆►▶•※◎❖√]                                  # bullets
      | \#{1,6}[ \t] | [-*+][ \t] | > | \|                        # Markdown heading, item, quote, table
    )""",
    re.VERBOSE,
)
_HEADING_MAX_CHARS = 40
_SENTENCE_END = frozenset("。；：！？")
_JOINABLE_PUNCT = frozenset("，、")


def _is_han(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"
        or "\u3400" <= c <= "\u4dbf"
        or "\uf900" <= c <= "\ufaff"
        or "\U00020000" <= c <= "\U0003ffff"
        or c == "〇"
    )


def normalise(s: str, offs: array | None, html_mode: bool) -> tuple[str, array]:
    """Normalise ``s`` in one pass; return the text and, per character, its offset.

    ``offs[k]`` is the source offset of ``s[k]`` (``None``: ``s`` is the source). In HTML mode ``"\\0"``
    marks a block boundary (a hard line break) and other line breaks are plain whitespace.
    """
    out: list[str] = []
    oo = array("i")
    n = len(s)
    pos = 0
    out_len = 0
    last = ""  # last character written
    line_begin = 0  # out_len where the current output line begins
    line_src = 0  # index in s where the current line's first character is
    search = (_SPECIAL_HTML if html_mode else _SPECIAL_TEXT).search
    wrap = None if html_mode or offs is not None else wrap_width(s)  # a hard-wrapped text: its width
    phys_src = 0  # index in s where the current line of the source begins (wrapped lines count)

    def src(k: int) -> int:
        return k if offs is None else offs[k]

    while True:
        m = search(s, pos)
        i = m.start() if m else n
        if i > pos:  # copy the plain run verbatim
            out.append(s[pos:i])
            oo.extend(range(pos, i) if offs is None else offs[pos:i])
            out_len += i - pos
            last = s[i - 1]
        if m is None:
            break
        j = m.end()
        kind = m.lastindex
        if kind == 1:  # URL: verbatim, minus trailing sentence punctuation
            while j > i + 8 and s[j - 1] in _URL_TAIL:
                j -= 1
            out.append(s[i:j])
            oo.extend(range(i, j) if offs is None else offs[i:j])
            out_len += j - i
            last = s[j - 1]
        elif kind == 2:  # whitespace run
            if out_len == 0:  # leading whitespace: the first line starts after it
                line_src = phys_src = j
            elif j < n:
                breaks, first_break, first_space = _scan_ws(s, i, j, html_mode)
                # a break after a full line of a wrapped text goes, also before 第 (…省委\n第六巡视组)
                wrapped = (wrap is not None and breaks == 1 and (s[j] == "第" or not _MARKER.match(s, j))
                           and wrap.joins(s[phys_src:i], s[first_break + 1 : j]))
                if breaks and wrap is not None:
                    phys_src = j
                    while s[phys_src - 1] not in _BREAKS:  # the line begins after the run's last break
                        phys_src -= 1
                if breaks == 0:
                    if first_space >= 0 and last in _ASCII_ALNUM and s[j] in _ALNUM:
                        out.append(" ")
                        oo.append(src(first_space))
                        out_len += 1
                        last = " "
                elif html_mode or breaks > 1 or not (wrapped or _joins(s, j, last, out_len - line_begin, line_src)):
                    out.append("\n")  # one for the whole run: blank lines collapse
                    oo.append(src(first_break))
                    out_len += 1
                    last = "\n"
                    line_begin = out_len
                    line_src = j
        elif kind == 3:  # full-width ASCII variants
            out.append(m.group().translate(_FULLWIDTH_FOLD))
            oo.extend(range(i, j) if offs is None else offs[i:j])
            out_len += j - i
            last = out[-1][-1]
        else:  # ASCII punctuation
            c = s[i]
            if c == ",":
                thousands = (
                    i > 0
                    and s[i - 1] in _DIGITS
                    and i + 3 < n
                    and s[i + 1] in _DIGITS
                    and s[i + 2] in _DIGITS
                    and s[i + 3] in _DIGITS
                    and not (i + 4 < n and s[i + 4] in _DIGITS)
                )
                c = "," if thousands else "，"
            elif c == ":":
                c = ":" if 0 < i < n - 1 and s[i - 1] in _DIGITS and s[i + 1] in _DIGITS else "："
            else:
                c = _ASCII_TO_CJK[c]
            out.append(c)
            oo.append(src(i))
            out_len += 1
            last = c
        pos = j
    return "".join(out), oo


def _scan_ws(s: str, i: int, j: int, html_mode: bool) -> tuple[int, int, int]:
    """Count line breaks in the whitespace run ``s[i:j]``; return (breaks, first break, first space)."""
    breaks = 0
    first_break = first_space = -1
    after_cr = False
    for k in range(i, j):
        c = s[k]
        if html_mode:
            is_break = c == "\x00"
        else:
            is_break = c in _BREAKS
            if c == "\n" and after_cr:  # "\r\n" is one break
                after_cr = False
                continue
            after_cr = c == "\r"
        if is_break:
            breaks += 1
            if first_break < 0:
                first_break = k
        elif first_space < 0 and c not in _INVISIBLE:
            first_space = k
    return breaks, first_break, first_space


def _joins(s: str, j: int, last: str, line_len: int, line_src: int) -> bool:
    """Whether a single line break before ``s[j]`` breaks a sentence and should be removed.

    ``last`` is the character before the break and the line before it is ``line_len`` characters long
    and starts at ``s[line_src]``. Never joins before a line that opens with an ordinal or list marker.
    """
    if _MARKER.match(s, j):
        return False
    if last in _ASCII_DIGITS and s[j] in _DIGITS:  # a number split across lines: "14\n8户"
        return True
    if not (last in _ASCII_DIGITS or last in _JOINABLE_PUNCT or _is_han(last)):
        return False
    heading = (line_len <= _HEADING_MAX_CHARS and last not in _SENTENCE_END) or _MARKER.match(s, line_src)
    return not heading

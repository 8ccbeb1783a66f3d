"""Ordinal markers, the sequences they form, and the counts announced before them.

Chinese work reports number almost everything: section headings (``一、`` ``（一）`` ``1.`` ``（1）``
``①``), lists inside a paragraph (``一是…二是…``, ``一要…二要…``, ``第一，…第二，…``, ``一看…二看…``)
and they announce lists before giving them (``我讲三点意见``, ``重点抓好四个方面的工作：``, ``开展
“五个一”活动：``). Two kinds of contradiction live here:

* an ordinal sequence with a gap or a duplicate (``…六是、七是、七是…``);
* an announced count that differs from the length of the list that follows it.

:func:`extract_sequences` reads the normalised text of one report (ASCII digits, CJK punctuation,
no horizontal whitespace, ``\\n`` between paragraphs) and returns two lists of row dicts:

``marker_rows``
    one row per ordinal marker, grouped into sequences (``seq_id``); ``expected`` is the value the
    marker should carry (previous marker's value + 1), so ``value != expected`` on a ``certain`` row
    is a gap or a duplicate.
``announced_rows``
    one row per announcement linked to the sequence that fulfils it; ``stated != items`` on a
    ``certain`` row is a wrong announced count.

How markers are grouped (the rules describe how reports write lists, not any one file):

* Styles never mix. A marker is an ordinal only in its position: ``一是`` / ``一要`` / ``第一，`` at
  the start of a clause, ``一、`` / ``1.`` at the start of a line, ``（一）`` anywhere except after
  ``第``. ``统一是``, ``第一书记``, ``第三督导组``, ``第一次``, ``1.2万``, ``2014.`` are not markers.
* Line-start ``一、`` ``（一）`` ``1.`` ``（1）`` ``①`` are headings ranked in that order; a heading closes
  every open sequence of a lower rank (``1.`` restarts under each ``（一）``) and every in-paragraph
  list.
* In-paragraph lists (``是`` ``要`` ``第`` verb lists, and ``（一）`` / ``（1）`` / ``①`` written
  mid-line) live in one paragraph or in consecutive paragraphs of one section.
* A value of 1 starts a new sequence; any other value continues the open sequence of its style, so a
  duplicate or a gap stays inside one sequence and shows as ``value != expected``.
* A sequence is ``certain`` only when it starts at 1 and has at least two markers; a marker that
  jumps backwards or skips more than two values is a guess about grouping and is not certain either.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = [
    "ANNOUNCED_COLUMNS",
    "MARKER_COLUMNS",
    "extract_sequences",
    "marker_problems",
    "announced_problems",
]

# ---------------------------------------------------------------------------------------------------
# Column names of the two fact tables.
SEQ_ID = "seq_id"
STYLE = "style"
LEVEL = "level"
POSITION = "position"
VALUE = "value"
EXPECTED = "expected"
START = "start"
END = "end"
RAW = "raw"
CLAUSE_START = "clause_start"
CLAUSE_END = "clause_end"
CERTAIN = "certain"
ID = "id"
STATED = "stated"
ITEMS = "items"
SEQ_START = "seq_start"
SEQ_END = "seq_end"

MARKER_COLUMNS = (
    SEQ_ID, STYLE, LEVEL, POSITION, VALUE, EXPECTED, START, END, RAW, CLAUSE_START, CLAUSE_END, CERTAIN,
)
ANNOUNCED_COLUMNS = (ID, STATED, START, END, RAW, SEQ_ID, ITEMS, SEQ_START, SEQ_END, CERTAIN)

# Style names (the ``style`` column).
STYLE_SHI = "是"
STYLE_YAO = "要"
STYLE_DI = "第"
STYLE_CN_PAREN = "（一）"
STYLE_CN_COMMA = "一、"
STYLE_AR_DOT = "1."
STYLE_AR_COMMA = "1、"
STYLE_AR_PAREN = "（1）"
STYLE_CIRCLED = "①"

# Heading rank of each line-start style: a heading closes the open sequences of every higher rank.
HEADING_RANK = {
    STYLE_CN_COMMA: 0,
    STYLE_CN_PAREN: 1,
    STYLE_AR_DOT: 2,
    STYLE_AR_COMMA: 2,
    STYLE_AR_PAREN: 3,
    STYLE_CIRCLED: 4,
}

# ---------------------------------------------------------------------------------------------------
# Tunables (why each value: see the comment).

# An in-paragraph list may run over consecutive paragraphs; one unmarked paragraph between two items
# (an explanation, a table line) is tolerated, more means a different list.
MAX_PARA_GAP = 2
# A jump forward by more than this many values is more likely two lists than missing items.
MAX_GAP_SKIP = 3
# How far back (characters) an announcement is looked for before the first marker of a list.
ANNOUNCE_WINDOW = 1500
# Longest noun tail between an adjacent count and its list (``四个方面的工作：`` -> ``的工作``).
ADJACENT_TAIL = 12
# Longest same-sentence tail after a strong count (``4个方面，逐项推进情况如下。``).
SENTENCE_TAIL = 40
# How many characters before the count the reported announcement span may start (the verb).
ANNOUNCE_LEAD = 16

# ---------------------------------------------------------------------------------------------------
# Patterns.

_CN_DIGITS = "一二三四五六七八九"
# A Chinese numeral from 一 to 九十九 (一, 十, 十二, 二十, 二十三); the 十 forms are tried first.
_CN = rf"(?:[{_CN_DIGITS}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}])"
# A position that starts a clause: text start, line start or after 。；：，！？ .
_CLAUSE_START = r"(?<![^\n。；：，！？])"

# ``一是`` at clause start, but not the idiom ``一是一，二是二``.
_RE_SHI = re.compile(rf"{_CLAUSE_START}(?P<n>{_CN})是(?!(?P=n)[，、。；！？”])")
# ``一要`` at clause start, not the compounds 要求/要点/要素/要害/要务/要件/要闻/要冲/要地.
_RE_YAO = re.compile(rf"{_CLAUSE_START}(?P<n>{_CN})要(?![求点素害务件闻冲地])")
# ``第一，`` ``第一、`` ``第一：`` ``第一是`` at clause start; not ``第一、二季度`` or ``第一、第二产业``.
_RE_DI = re.compile(
    rf"{_CLAUSE_START}(?P<m>第(?P<n>{_CN})(?:是|(?=[，：])|(?=、(?![{_CN_DIGITS}十两第\d]))))"
)
# ``（一）`` anywhere except ``第（一）项``; line-start ones are headings.
_RE_CN_PAREN = re.compile(rf"(?<!第)（(?P<n>{_CN})）")
# ``一、`` at line start, not ``一、二年级`` (a numeral range).
_RE_CN_COMMA = re.compile(rf"^(?P<n>{_CN})、(?![{_CN_DIGITS}十两\d])", re.MULTILINE)
# ``1.`` ``1．`` ``1、`` at line start; not a decimal (``1.2万``), a range (``1、2月``) or a year.
_RE_AR_HEAD = re.compile(r"^(?P<n>\d{1,2})(?P<p>[.．、])(?![\d.．%])", re.MULTILINE)
# ``（1）`` anywhere except ``第（1）项``; line-start ones are headings.
_RE_AR_PAREN = re.compile(r"(?<!第)（(?P<n>\d{1,2})）")
# Enclosed numbers: ①-⑳ (circled), ⑴-⒇ (parenthesised), ⒈-⒛ (with full stop).
_RE_ENCLOSED = re.compile("[\u2460-\u249b]")
# ``一看`` ``二抓`` … at clause start: a candidate verb list, kept only when 一X is followed by 二X.
_RE_VERB = re.compile(rf"{_CLAUSE_START}(?P<n>{_CN})(?P<v>[\u4e00-\u9fff])")
# Characters after a numeral that make a count or a name, never a verb list (一年, 二次, 三个, 十一届…).
_VERB_EXCLUDE = frozenset(
    "一二三四五六七八九十百千万亿两零〇是要年月日号时点分秒次个些批项条件种类名位人户家所座台辆元角斤吨亩"
    "米方天周季期届级等份本张篇部套股层段步招道句字轮带线手直切旦般样致起同共向经定再度大小中半多余"
    "起把回遍趟声番场顿口头只块片根支枝颗粒盏间栋幢间处"
)
# Line breaks: paragraph boundaries (a run of blank lines counts as one).
_RE_PARA_BREAK = re.compile(r"\n+")
# The end of the clause a marker begins.
_RE_CLAUSE_END = re.compile(r"[。；！？\n]")

_NUM = rf"(?:[{_CN_DIGITS}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}两]|\d{{1,2}})"
# A stated count: ``三点`` ``四个方面`` ``五项`` ``三件`` ``4个方面`` or a quoted slogan
# ``“五个坚持”`` ``“三到位”`` ``“六个一”``. Not an ordinal (第三个), a year or a part of a bigger number.
_RE_COUNT = re.compile(
    rf"“(?P<qn>{_NUM})(?P<qg>个)?(?P<qb>[^“”\n]{{1,8}})”"
    rf"|(?<![第\d{_CN_DIGITS}十百千万亿两几每.．])(?P<n>{_NUM})"
    r"(?P<c>个方面|个层面|方面|层面|个(?![月人百千万亿])|项|点|件|条|种|类|大(?=[\u4e00-\u9fff])|招|步|句话)"
)
# Characters that make a tail a different statement (another number, a new sentence).
_RE_TAIL_BREAK = re.compile(rf"[\d{_CN_DIGITS}十两。！？；\n]")
# Characters that end a sentence.
_RE_SENTENCE_END = re.compile(r"[。！？\n]")
# Separators that may stand between an announcement and its first marker.
_SEPARATORS = "：。，；\n、"
# Characters that end the clause before an announcement (for the reported span).
_CLAUSE_PUNCT = "\n。；：，！？"
# Nouns that make a count a list announcement even when the list starts a sentence later.
_STRONG_CLASSIFIERS = frozenset({"个方面", "个层面", "方面", "层面", "点"})

_CN_VALUE = {c: i for i, c in enumerate(_CN_DIGITS, start=1)} | {"两": 2}


def cn_to_int(s: str) -> int:
    """Read a Chinese numeral from 一 to 九十九 (or ASCII digits)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)
    return _CN_VALUE[s]


# ---------------------------------------------------------------------------------------------------
# Internal model.


@dataclass(slots=True)
class _Marker:
    start: int
    end: int
    value: int
    style: str
    heading: bool  # a line-start heading (ranked) rather than an in-paragraph list marker
    key: tuple  # grouping key: (style, heading, verb character)
    para: int = 0
    seq: _Seq | None = None
    certain: bool = True


@dataclass(slots=True)
class _Seq:
    key: tuple
    style: str
    heading: bool
    level: int
    markers: list[_Marker] = field(default_factory=list)
    seq_id: int = -1

    @property
    def certain(self) -> bool:
        return len(self.markers) >= 2 and self.markers[0].value == 1


def _find_markers(text: str) -> list[_Marker]:
    """Every ordinal marker candidate in document order (verb candidates included)."""
    out: list[_Marker] = []

    def at_line_start(i: int) -> bool:
        return i == 0 or text[i - 1] == "\n"

    for m in _RE_SHI.finditer(text):
        out.append(_Marker(m.start(), m.end(), cn_to_int(m["n"]), STYLE_SHI, False, (STYLE_SHI,)))
    for m in _RE_YAO.finditer(text):
        out.append(_Marker(m.start(), m.end(), cn_to_int(m["n"]), STYLE_YAO, False, (STYLE_YAO,)))
    for m in _RE_DI.finditer(text):
        out.append(_Marker(m.start("m"), m.end("m"), cn_to_int(m["n"]), STYLE_DI, False, (STYLE_DI,)))
    for m in _RE_CN_COMMA.finditer(text):
        out.append(_Marker(m.start(), m.end(), cn_to_int(m["n"]), STYLE_CN_COMMA, True, (STYLE_CN_COMMA,)))
    for m in _RE_CN_PAREN.finditer(text):
        head = at_line_start(m.start())
        out.append(
            _Marker(m.start(), m.end(), cn_to_int(m["n"]), STYLE_CN_PAREN, head, (STYLE_CN_PAREN, head))
        )
    for m in _RE_AR_HEAD.finditer(text):
        value = int(m["n"])
        if value == 0:
            continue
        style = STYLE_AR_COMMA if m["p"] == "、" else STYLE_AR_DOT
        out.append(_Marker(m.start(), m.end(), value, style, True, (style,)))
    for m in _RE_AR_PAREN.finditer(text):
        value = int(m["n"])
        if value == 0:
            continue
        head = at_line_start(m.start())
        out.append(_Marker(m.start(), m.end(), value, STYLE_AR_PAREN, head, (STYLE_AR_PAREN, head)))
    for m in _RE_ENCLOSED.finditer(text):
        code = ord(m.group()) - 0x2460
        style, value = (
            (STYLE_CIRCLED, code + 1) if code < 20 else
            (STYLE_AR_PAREN, code - 19) if code < 40 else
            (STYLE_AR_DOT, code - 39)
        )
        head = at_line_start(m.start())
        out.append(_Marker(m.start(), m.end(), value, style, head, (style, head, "enclosed")))
    for m in _RE_VERB.finditer(text):
        verb = m["v"]
        if verb in _VERB_EXCLUDE:
            continue
        out.append(_Marker(m.start(), m.end(), cn_to_int(m["n"]), verb, False, ("verb", verb)))
    out.sort(key=lambda mk: (mk.start, -mk.end))
    return out


def _group(markers: list[_Marker], para_starts: list[int]) -> list[_Seq]:
    """Group markers into sequences (see the module docstring for the rules)."""
    seqs: list[_Seq] = []
    open_heads: dict[int, _Seq] = {}  # rank -> open heading sequence
    open_lists: dict[tuple, _Seq] = {}  # key -> open in-paragraph sequence
    for mk in markers:
        mk.para = bisect.bisect_right(para_starts, mk.start) - 1
        if mk.heading:
            rank = HEADING_RANK[mk.style]
            for r in [r for r in open_heads if r > rank]:
                del open_heads[r]
            open_lists.clear()
            seq = open_heads.get(rank)
            if seq is None or seq.key != mk.key or mk.value == 1:
                level = sum(1 for r in open_heads if r < rank)
                seq = _Seq(mk.key, mk.style, True, level)
                seqs.append(seq)
                open_heads[rank] = seq
        else:
            seq = open_lists.get(mk.key)
            if seq is None or mk.value == 1 or mk.para - seq.markers[-1].para > MAX_PARA_GAP:
                nested = sum(
                    1 for s in open_lists.values() if s.key != mk.key and s.markers[-1].para == mk.para
                )
                seq = _Seq(mk.key, mk.style, False, len(open_heads) + nested)
                seqs.append(seq)
                open_lists[mk.key] = seq
        if seq.markers:
            prev = seq.markers[-1].value
            if mk.value < prev or mk.value - prev > MAX_GAP_SKIP:
                mk.certain = False
        seq.markers.append(mk)
        mk.seq = seq
    # A verb list (一看…二看…) is real only when it opens with 一X, 二X.
    kept = []
    for seq in seqs:
        if seq.key[0] == "verb":
            vals = [mk.value for mk in seq.markers[:2]]
            if vals != [1, 2]:
                continue
        kept.append(seq)
    return kept


@dataclass(slots=True)
class _Count:
    start: int
    end: int
    stated: int
    strong: bool


def _count_at(m: re.Match) -> _Count | None:
    """Read one count match; None when it is not a usable count (a slogan with several numbers…)."""
    if m["qn"] is not None:
        body = m["qb"]
        # “三严三实”, “两学一做”: several numbers make a slogan, not a count; “六个一” is a count.
        if not (m["qg"] and body == "一") and _RE_TAIL_BREAK.search(body):
            return None
        stated = cn_to_int(m["qn"]) if not m["qn"].isdigit() else int(m["qn"])
        strong = False
    else:
        if m["c"] == "点" and m["n"].isdigit():  # 3点 is a time of day
            return None
        stated = cn_to_int(m["n"])
        strong = m["c"] in _STRONG_CLASSIFIERS
    if stated < 2:
        return None
    return _Count(m.start(), m.end(), stated, strong)


def _announcement_span(text: str, count: _Count, tail_end: int) -> tuple[int, int]:
    """The reported span: the announcing clause from (at most ANNOUNCE_LEAD chars before) the count to
    the end of its noun tail."""
    lo = max(0, count.start - ANNOUNCE_LEAD)
    start = count.start
    while start > lo and text[start - 1] not in _CLAUSE_PUNCT:
        start -= 1
    return start, max(count.end, tail_end)


def _link(text: str, seqs: list[_Seq], markers: list[_Marker], para_starts: list[int]) -> list[dict]:
    """Link each sequence starting at 1 to the nearest announcement before it."""
    rows: list[dict] = []
    starts = [mk.start for mk in markers]
    used: set[int] = set()
    for seq in seqs:
        first = seq.markers[0]
        if first.value != 1:
            continue
        # Never look past another marker: a count before another list announces that list.
        i = bisect.bisect_left(starts, first.start) - 1
        bound = markers[i].end if i >= 0 else 0
        # A heading list may be announced in the previous section (巡视反馈的4个方面 … 二、 … （一）).
        far_bound = bound
        if seq.heading and i >= 0 and markers[i].heading and HEADING_RANK[markers[i].style] < HEADING_RANK[
            seq.style
        ]:
            far_bound = markers[i - 1].end if i >= 1 else 0
        para = first.para
        win_lo = max(para_starts[max(0, para - 1)], bound, first.start - ANNOUNCE_WINDOW)
        found = None
        counts = [c for c in map(_count_at, _RE_COUNT.finditer(text, win_lo, first.start)) if c]
        for count in reversed(counts):
            if count.start in used:
                continue
            found = _classify(text, count, first.start, counts)
            if found:
                break
        if found is None and seq.heading and far_bound < bound:
            lo = max(far_bound, first.start - ANNOUNCE_WINDOW)
            for m in reversed(list(_RE_COUNT.finditer(text, lo, first.start))):
                count = _count_at(m)
                if count and count.strong and count.start not in used:
                    found = (count, count.end, False)
                    break
        if found is None:
            continue
        count, tail_end, certain = found
        used.add(count.start)
        start, end = _announcement_span(text, count, tail_end)
        rows.append(
            {
                ID: len(rows),
                STATED: count.stated,
                START: start,
                END: end,
                RAW: text[start:end],
                SEQ_ID: seq.seq_id,
                ITEMS: len(seq.markers),
                SEQ_START: first.start,
                SEQ_END: seq.markers[-1].end,
                CERTAIN: certain and seq.certain and all(mk.certain for mk in seq.markers),
            }
        )
    return rows


def _classify(text: str, count: _Count, marker_start: int, counts: list[_Count]):
    """How a count before a list announces it: (count, tail_end, certain) or None.

    * adjacent: only a short noun tail and separators stand between the count and the first marker
      (``重点抓好四个方面的工作：一是``, ``提出五点要求。一要``, ``我讲三点意见。\\n一、``): certain;
    * same sentence: a strong count (方面, 点) whose sentence runs on without numbers to the list
      (``按照反馈意见的4个方面，逐项推进情况如下。\\n（一）``): certain;
    * same or previous paragraph, a strong count and no other count in between
      (``提出三点要求。他指出，…。一要``): linked, not certain.
    """
    between = text[count.end:marker_start]
    core = between.rstrip(_SEPARATORS)
    tail_end = count.end + len(core)
    if any(c.start > count.start for c in counts):
        return None if not count.strong else _far(count, counts, tail_end, core)
    if len(core) <= ADJACENT_TAIL and not _RE_TAIL_BREAK.search(core) and not any(p in core for p in "，："):
        return count, tail_end, True
    if not count.strong:
        return None
    if len(core) <= SENTENCE_TAIL and not _RE_TAIL_BREAK.search(core):
        return count, count.end, True
    return _far(count, counts, tail_end, core)


def _far(count: _Count, counts: list[_Count], tail_end: int, core: str):
    if any(c.start > count.start and c.strong for c in counts):
        return None
    if core.count("\n") > 1 or re.search(r"\d", core):
        return None
    return count, count.end, False


def _clause_end(text: str, pos: int) -> int:
    m = _RE_CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def extract_sequences(text: str) -> tuple[list[dict], list[dict]]:
    """Extract ordinal markers grouped into sequences, and announced counts linked to them.

    ``text`` is the normalised text of one report. Returns ``(marker_rows, announced_rows)`` with the
    columns :data:`MARKER_COLUMNS` and :data:`ANNOUNCED_COLUMNS`; every span is an offset in ``text``.
    """
    para_starts = [0] + [m.end() for m in _RE_PARA_BREAK.finditer(text)]
    candidates = _find_markers(text)
    seqs = _group(candidates, para_starts)
    markers: list[_Marker] = []
    for seq_id, seq in enumerate(seqs):
        seq.seq_id = seq_id
        markers.extend(seq.markers)
    markers.sort(key=lambda mk: mk.start)

    marker_rows: list[dict] = []
    for seq in seqs:
        seq_certain = seq.certain
        prev = None
        for pos, mk in enumerate(seq.markers, start=1):
            marker_rows.append(
                {
                    SEQ_ID: seq.seq_id,
                    STYLE: seq.style,
                    LEVEL: seq.level,
                    POSITION: pos,
                    VALUE: mk.value,
                    EXPECTED: 1 if prev is None else prev + 1,
                    START: mk.start,
                    END: mk.end,
                    RAW: text[mk.start:mk.end],
                    CLAUSE_START: mk.start,
                    CLAUSE_END: _clause_end(text, mk.end),
                    CERTAIN: seq_certain and mk.certain,
                }
            )
            prev = mk.value
    marker_rows.sort(key=lambda r: (r[START], r[SEQ_ID]))
    announced_rows = _link(text, seqs, markers, para_starts)
    return marker_rows, announced_rows


def marker_problems(marker_rows: list[dict], certain_only: bool = True) -> list[dict]:
    """Marker rows that break their sequence (a gap or a duplicate)."""
    return [r for r in marker_rows if r[VALUE] != r[EXPECTED] and (r[CERTAIN] or not certain_only)]


def announced_problems(announced_rows: list[dict], certain_only: bool = True) -> list[dict]:
    """Announced rows whose stated count differs from the length of the list."""
    return [r for r in announced_rows if r[STATED] != r[ITEMS] and (r[CERTAIN] or not certain_only)]

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
  the start of a clause, ``一、`` / ``1.`` at the start of a line, ``（一）`` / ``（1）`` / ``①``
  anywhere unless cited (``第（一）项``, ``（一）至（三）``). ``统一是``, ``第一书记``, ``第三督导组``,
  ``第一次``, ``一、二季度``, ``1.2万``, ``2014.`` are not markers, except that a line-start ``N.``
  followed by digits is entry N of a numbered list (a glossary's ``3.10种…``, ``14.2025年…``) when the
  nearest ``1.`` entry before it is N-1 or the nearest after it is N+1. A verb list (``一看…二看…``, style
  ``看``) counts only when it opens with 一X, 二X.
* Line-start ``一、`` ``（一）`` ``1.`` ``（1）`` ``①`` are headings ranked in that order; a heading closes
  every open sequence of a lower rank (``1.`` restarts under each ``（一）``) and every in-paragraph
  list.
* In-paragraph lists (``是`` ``要`` ``第`` verb lists, and ``（一）`` / ``（1）`` / ``①`` written
  mid-line) live in one paragraph or in consecutive paragraphs of one section; an item that opens its
  paragraph may continue its list further away in the same section, but that join is not certain.
* A value of 1 starts a new sequence; any other value continues the open sequence of its style, so a
  duplicate or a gap stays inside one sequence and shows as ``value != expected``.
* A sequence is ``certain`` only when it starts at 1 and has at least two markers. A row is not
  certain either when its place is a guess: it jumps backwards or skips more than two values, it
  joined its list from far away, or it fits an earlier list of its style as well. Two rows are never
  blamed for one slip: after ``三、三、`` a ``五、`` that is right by position is not certain, and a
  duplicate whose item repeats the previous item word for word is a repeated passage, not a slip.

How announcements are linked: each sequence that starts at 1 takes the nearest count before its first
marker (never across another marker) that reads as an announcement:

* a count (``三点`` ``四个方面`` ``五项`` ``三件`` ``两个`` …) or a quoted slogan whose first word is
  the count (``“五个坚持”`` ``“三到位”`` ``“十二个一”``; not ``“三严三实”``, which has several numbers);
* followed only by its noun and separators (``重点抓好四个方面的工作：一是``, ``提出五点要求。一要``),
  or, for 方面/点, by the rest of its sentence (certain), or by a few sentences of the same or the
  previous paragraph (linked, not certain);
* not certain when a predicate after the counted noun tells what became of the items
  (``十方面民生实事圆满完成``: a statement about the past), or when a slogan closes its paragraph
  before a list of headings with no colon (``做到“两个维护”。⏎1.…``: a fixed term);
* never, for a slogan named beside another (``拥护“两个确立”、做到“两个维护”``);
* not certain either when the count is adverbial (``从两方面采取措施：一要…九要``) or points back
  at items already named (``甲、乙这两个问题``), a statistic
  written in digits (``共有5个乡镇。一是…``), or when the list is finished in other words after its
  last marker (``一是…二是…还有两类…``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..numbers import run_in_entries

__all__ = [
    "ANNOUNCED_COLUMNS",
    "MARKER_COLUMNS",
    "announced_problems",
    "cn_to_int",
    "extract_sequences",
    "marker_problems",
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
# Longest counted noun between a count and its list when nothing else stands between them:
# ``四个方面的工作：`` (strong) -> ``的工作``, ``四项工作。`` (weak) -> ``工作``, ``“五个一”活动：`` -> ``活动``.
STRONG_TAIL = 12
WEAK_TAIL = 6
QUOTED_TAIL = 4
# Longest same-sentence tail after a strong count (``4个方面，逐项推进情况如下。``).
SENTENCE_TAIL = 40
# How many characters before the count the reported announcement span may start (the verb).
ANNOUNCE_LEAD = 16
# Same-style lists interrupted by a restart that are remembered for resumption.
MAX_NESTED = 4
# Characters after a marker compared to tell a repeated passage from a numbering slip.
ITEM_HEAD = 16
# Longest clause reported for a marker (``clause_end``); also bounds the search on text without stops.
MAX_CLAUSE = 300

# ---------------------------------------------------------------------------------------------------
# Patterns.

_CN_DIGITS = "一二三四五六七八九"
# A Chinese numeral from 一 to 九十九 (一, 十, 十二, 二十, 二十三); the 十 forms are tried first.
_CN = rf"(?:[{_CN_DIGITS}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}])"
# Patterns that begin with a lookbehind begin with a lookahead for their first character too, so that
# the regex engine skips other positions at once (as numbers.MASKS; tests/test_speedups.py checks it).
_CN_FIRST = rf"(?=[{_CN_DIGITS}十])"
# A position that starts a clause: text start, line start or after 。；：，！？ .
_CLAUSE_START = r"(?<![^\n。；：，！？])"
# Where a 是/要 list item may start: a clause start, or right after a closing quote, since a heading
# such as ``确保活动“三到位” 一是…`` loses its space in normalisation. Not after an opening quote:
# “三要三不要” is a slogan.
_ITEM_START = r"(?<![^\n。；：，！？”])"

# After ``、``: not a second numeral of a range or pair (``一、二季度``, ``第一、第二产业``, ``一、二年级``);
# a heading that begins with a word such as 一年来 or 一定 is still a heading.
_NOT_RANGE = rf"(?!第|{_CN}(?:[、季产年级等和至批次届类期])|{_CN}$)"
# ``一是`` at clause start, but not the idiom ``一是一，二是二``.
_RE_SHI = re.compile(rf"{_CN_FIRST}{_ITEM_START}(?P<n>{_CN})是(?!(?P=n)[，、。；！？”])")
# ``一要`` at clause start, not the compounds 要求/要点/要素/要害/要务/要件/要闻/要冲/要地.
_RE_YAO = re.compile(rf"{_CN_FIRST}{_ITEM_START}(?P<n>{_CN})要(?![求点素害务件闻冲地])")
# ``第一，`` ``第一、`` ``第一：`` ``第一是`` at clause start; not ``第一、二季度`` or ``第一、第二产业``.
_RE_DI = re.compile(rf"(?=第){_CLAUSE_START}(?P<m>第(?P<n>{_CN})(?:是|(?=[，：])|(?=、{_NOT_RANGE})))")
# A bracketed number cited rather than listed: ``第（一）项``, ``第十条（二）``, ``（一）至（三）``,
# ``（二）、（三）``. (Not ``（二）项目建设…``: a heading may begin with 项.)
_NOT_CITED_BEFORE = r"(?<![第条款至到和或及、—～~-])"
_NOT_CITED_AFTER = r"(?![至到和或及、—～~\-])"
# ``（一）`` anywhere except when cited; line-start ones are headings.
_RE_CN_PAREN = re.compile(rf"(?=（){_NOT_CITED_BEFORE}（(?P<n>{_CN})）{_NOT_CITED_AFTER}")
# ``一、`` at line start, not ``一、二年级`` (a numeral range).
_RE_CN_COMMA = re.compile(rf"^(?P<n>{_CN})、{_NOT_RANGE}", re.MULTILINE)
# ``1.`` ``1．`` ``1、`` at line start; not a decimal (``1.2万``), a range (``1、2月``) or a year.
_RE_AR_HEAD = re.compile(r"^(?P<n>\d{1,2})(?P<p>[.．、])(?![\d.．%])", re.MULTILINE)
# ``（1）`` anywhere except when cited; line-start ones are headings.
_RE_AR_PAREN = re.compile(rf"(?=（){_NOT_CITED_BEFORE}（(?P<n>\d{{1,2}})）{_NOT_CITED_AFTER}")
# Enclosed numbers: ①-⑳ (circled), ⑴-⒇ (parenthesised), ⒈-⒛ (with full stop); not a glyph
# placeholder (＠①), a bracketed note reference (（⑴⑵）), one of a run of two (⑵⑶) or a citation (①至③).
_RE_ENCLOSED = re.compile(
    rf"(?=[\u2460-\u249b])(?<![＠@（\u2460-\u249b])(?<![至到和或及、—～~-])[\u2460-\u249b](?![\u2460-\u249b]){_NOT_CITED_AFTER}"
)
# ``一看`` ``二抓`` … at clause start: a candidate verb list, kept only when 一X is followed by 二X.
_RE_VERB = re.compile(rf"{_CN_FIRST}{_CLAUSE_START}(?P<n>{_CN})(?P<v>[\u4e00-\u9fff])")
# Characters after a numeral that make a count or a name, never a verb list (一年, 二次, 三个, 十一届…).
_VERB_EXCLUDE = frozenset(
    "一二三四五六七八九十百千万亿两零〇是要年月日号时点分秒次个些批项条件种类名位人户家所座台辆元角斤吨亩"
    "米方天周季期届级等份本张篇部套股层段步招道句字轮带线手直切旦般样致起同共向经定再度大小中半多余"
    "把回遍趟声番场顿口头只块片根支枝颗粒盏间栋幢处"
)
# Line breaks: paragraph boundaries (a run of blank lines counts as one).
_RE_PARA_BREAK = re.compile(r"\n+")
# The end of the clause a marker begins.
_RE_CLAUSE_END = re.compile(r"[。；！？\n]")

_NUM = rf"(?:[{_CN_DIGITS}]?十[{_CN_DIGITS}]?|[{_CN_DIGITS}两]|\d{{1,2}})"
# A stated count: ``三点`` ``四个方面`` ``五项`` ``三件`` ``4个方面`` or a quoted slogan
# ``“五个坚持”`` ``“三到位”`` ``“六个一”``. Not an ordinal (第三个), a year, a part of a bigger number,
# a percentage (百分之九点六) or a decimal (九点六).
_RE_COUNT = re.compile(
    rf"“(?P<qn>{_NUM})(?P<qg>个)?(?P<qb>[^“”\n]{{1,8}})”"
    rf"|(?<![第\d{_CN_DIGITS}十百千万亿两几每之.．])(?P<n>{_NUM})"
    rf"(?P<c>个方面|个层面|方面|层面|个(?![月人百千万亿])|项|点(?![\d{_CN_DIGITS}十零〇])|件|条|种|类"
    r"|大(?=[\u4e00-\u9fff])|招|步|句话)"
)
# Characters that make a tail a different statement (another number, a new sentence).
_RE_TAIL_BREAK = re.compile(rf"[\d{_CN_DIGITS}十两。！？；\n]")
# The counted noun after a count: up to STRONG_TAIL characters that are no punctuation or number.
_RE_NOUN_TAIL = re.compile(rf"[^\n。；：，！？、“”（）\d{_CN_DIGITS}十两]{{0,{STRONG_TAIL}}}")
# Any ASCII digit (a tail with a number in it is another statement).
_RE_DIGIT = re.compile(r"\d")
# A preposition that makes the count adverbial (从两方面采取措施, 按照反馈意见的4个方面): the list then
# counts something else, so the link is not certain. 从严/从而/从事… are words, not the preposition.
# (从以下四个方面, 从下列三点 announce the list: 以下 points ahead)
_RE_ADVERBIAL = re.compile(r"从(?![严实而事来中未不没头]|以下|下列|如下)|按照|根据|针对|围绕|通过|结合|对照")
# A count that points back at items already named (合作化、增产、领导这三个问题; 上述两个方面).
_RE_BACK_REFERENCE = re.compile(r"(?:这|那|等|上述|以上|前述)$")
# A list finished in other words after its last marker: 还有两类, 另有三项.
_RE_CONTINUATION = re.compile(rf"(?:还有|另有|此外还有)(?:{_NUM})(?:个|类|种|项|点|条|方面|大类)")
# A predicate after the counted noun that tells what became of the items (``十方面民生实事圆满完成``):
# the count is the subject of a statement about the past, not an announcement of the list below it.
_RE_STATEMENT = re.compile(r"完成|实现|落实|兑现|办结|见效|到位|取得|达到|圆满|顺利|全部|均已|已经|已")
# A quoted count that is one of a run of slogans (``拥护“两个确立”、做到“两个维护”``): fixed terms
# named side by side, none of them announcing what follows.
_RE_SLOGAN_RUN = re.compile(r"”[^“”\n。；！？]{0,12}$")
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
    key: tuple  # grouping key: (style, heading, …) or ("verb", character)
    para: int = 0
    certain: bool = True  # False when this marker's place in its sequence is a guess


@dataclass(slots=True)
class _Seq:
    key: tuple
    style: str
    heading: bool
    level: int
    markers: list[_Marker] = field(default_factory=list)
    seq_id: int = -1

    @property
    def last(self) -> int:
        return self.markers[-1].value

    @property
    def certain(self) -> bool:
        return len(self.markers) >= 2 and self.markers[0].value == 1


def _find_markers(text: str) -> list[_Marker]:
    """Every ordinal marker candidate in document order (verb-list candidates included)."""
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
    out += _entries_opening_with_digits(text)
    for m in _RE_AR_PAREN.finditer(text):
        value = int(m["n"])
        if value == 0:
            continue
        head = at_line_start(m.start())
        out.append(_Marker(m.start(), m.end(), value, STYLE_AR_PAREN, head, (STYLE_AR_PAREN, head)))
    for m in _RE_ENCLOSED.finditer(text):
        code = ord(m.group()) - 0x2460
        if code < 20:
            style, value = STYLE_CIRCLED, code + 1
        elif code < 40:
            style, value = STYLE_AR_PAREN, code - 19
        else:
            style, value = STYLE_AR_DOT, code - 39
        head = at_line_start(m.start())
        out.append(_Marker(m.start(), m.end(), value, style, head, (style, head, "enclosed")))
    for m in _RE_VERB.finditer(text):
        verb = m["v"]
        if verb in _VERB_EXCLUDE:
            continue
        out.append(_Marker(m.start(), m.end(), cn_to_int(m["n"]), verb, False, ("verb", verb)))
    out.sort(key=lambda mk: (mk.start, -mk.end))
    return out


def _entries_opening_with_digits(text: str) -> list[_Marker]:
    """Line-start ``N.`` followed by a digit that is entry N of a numbered list (a glossary's
    ``3.10种有色金属：…`` between ``2.`` and ``4.``), as :func:`reportcheck.numbers.run_in_entries`
    reads it (the numbers read the figure after it)."""
    return [_Marker(s, e, n, STYLE_AR_DOT, True, (STYLE_AR_DOT,)) for s, e, n in run_in_entries(text)]


def _group(markers: list[_Marker], para_starts: list[int]) -> list[_Seq]:
    """Group markers into sequences (see the module docstring for the rules).

    Each heading rank and each in-paragraph style keeps a stack: the top is the open sequence, the
    ones below are lists of the same style that a restart at 1 interrupted. Indentation is lost in
    normalisation, so ``一、…四、`` with a nested ``一、二、三、`` inside section 四 reads as a restart;
    ``五、`` then fits the interrupted outer list, not the nested one, and resumes it.
    """
    seqs: list[_Seq] = []
    heads: dict[int, list[_Seq]] = {}
    lists: dict[tuple, list[_Seq]] = {}
    verbs: dict[tuple, list[_Seq]] = {}  # verb-list candidates, kept apart: there are many of them

    def new_seq(mk: _Marker, level: int, stack: list[_Seq]) -> _Seq:
        seq = _Seq(mk.key, mk.style, mk.heading, level)
        seqs.append(seq)
        stack.append(seq)
        del stack[:-MAX_NESTED]
        return seq

    for mk in markers:
        mk.para = bisect.bisect_right(para_starts, mk.start) - 1
        if mk.value != 1 and mk.style in HEADING_RANK:
            _mend_bracket_run(mk, heads, lists)
        if mk.heading:
            rank = HEADING_RANK[mk.style]
            for r in [r for r in heads if r > rank]:
                del heads[r]
            lists.clear()
            verbs.clear()
            stack = heads.setdefault(rank, [])
            if stack and stack[-1].key != mk.key:
                stack.clear()
            seq = stack[-1] if stack else None
            if seq is not None and mk.value not in (1, seq.last + 1):
                for j in range(len(stack) - 2, -1, -1):
                    if stack[j].last + 1 == mk.value:
                        del stack[j + 1:]
                        seq = stack[j]
                        break
            if seq is None or mk.value == 1:
                seq = new_seq(mk, sum(1 for r, st in heads.items() if r < rank and st), stack)
        else:
            verb = mk.key[0] == "verb"
            stack = (verbs if verb else lists).setdefault(mk.key, [])
            far = bool(stack) and mk.para - stack[-1].markers[-1].para > MAX_PARA_GAP
            if far and not _at_para_start(mk, para_starts):
                stack.clear()
            seq = stack[-1] if stack else None
            if far and seq is not None:
                # An item that opens its paragraph continues its list anywhere in the section
                # (第一，… several paragraphs … 第二，…), but so far away the grouping is a guess.
                mk.certain = False
            if seq is None and mk.value != 1 and mk.style in (STYLE_SHI, STYLE_YAO):
                # 一要…。二是…三是…: a list that changes its marker word halfway is still one list
                other = lists.get((STYLE_YAO if mk.style == STYLE_SHI else STYLE_SHI,))
                if other and other[-1].last + 1 == mk.value and mk.para - other[-1].markers[-1].para <= 1:
                    seq = other[-1]
                    stack.append(seq)
            if seq is None or mk.value == 1:
                nested = 0 if verb else sum(
                    1 for k, st in lists.items() if k != mk.key and st and st[-1].markers[-1].para == mk.para
                )
                seq = new_seq(mk, sum(1 for st in heads.values() if st) + nested, stack)
            elif mk.value != seq.last + 1 and any(s.last + 1 == mk.value for s in stack[:-1]):
                # It also fits an earlier list of this style in the same passage: which one is a guess.
                mk.certain = False
        if seq.markers:
            prev = seq.last
            if mk.value < prev or mk.value - prev > MAX_GAP_SKIP:
                mk.certain = False
        seq.markers.append(mk)
    # A verb list (一看…二看…) is real only when it opens with 一X, 二X.
    return [seq for seq in seqs if seq.key[0] != "verb" or [mk.value for mk in seq.markers[:2]] == [1, 2]]


def _mend_bracket_run(mk: _Marker, heads: dict[int, list[_Seq]], lists: dict[tuple, list[_Seq]]) -> None:
    """Let one run of bracketed markers stay one list across the line-start/mid-line divide.

    ``（1）…；（2）…；（3）…`` whose first item opens the paragraph is one list, as is ``措施：（1）…⏎（2）…``
    whose later items open lines. A marker that continues the open sequence of the other kind, close by,
    takes that kind.
    """
    if mk.heading:
        stack = heads.get(HEADING_RANK[mk.style])
        if stack and stack[-1].style == mk.style and stack[-1].last + 1 == mk.value:
            return
        inline = lists.get((mk.style, False)) or lists.get((mk.style, False, "enclosed"))
        if inline and inline[-1].last + 1 == mk.value and mk.para - inline[-1].markers[-1].para <= 1:
            mk.heading = False
            mk.key = inline[-1].key
    else:
        inline = lists.get(mk.key)
        if inline and inline[-1].markers[-1].para >= mk.para - MAX_PARA_GAP:
            return  # （一）主要成绩。做到：（一）…；（二）…: the mid-line list has its own run
        stack = heads.get(HEADING_RANK[mk.style])
        if stack and stack[-1].style == mk.style and stack[-1].markers[-1].para == mk.para:
            mk.heading = True
            mk.key = stack[-1].key


def _at_para_start(mk: _Marker, para_starts: list[int]) -> bool:
    return para_starts[mk.para] == mk.start


def _marker_rows(text: str, seqs: list[_Seq]) -> list[dict]:
    """One row per marker, in document order, with the verdict-level ``certain`` flag."""
    rows: list[dict] = []
    for seq in seqs:
        seq_certain = seq.certain
        prev: _Marker | None = None
        slipped = False
        for pos, mk in enumerate(seq.markers, start=1):
            # a list seen from its second item on (its first lost in a quotation, a title, a table) is
            # checked from there: its opening is no evidence of a gap
            expected = mk.value if prev is None else prev.value + 1
            clause_end = _clause_end(text, mk.end)
            if pos < len(seq.markers) and seq.markers[pos].start < clause_end:
                # 一是A，二是B: the item ends where the next one begins.
                clause_end = seq.markers[pos].start
                while clause_end > mk.end and text[clause_end - 1] in _SEPARATORS:
                    clause_end -= 1
            certain = seq_certain and mk.certain
            if prev is not None and mk.value != expected:
                if slipped and mk.value == pos:
                    # 一、二、三、三、五: 五 is right by position; the slip is the second 三, reported there.
                    certain = False
                elif mk.value == prev.value and _item_head(text, prev) == _item_head(text, mk):
                    # The same item twice, word for word: a repeated passage, not a numbering slip.
                    certain = False
                slipped = True
            rows.append(
                {
                    SEQ_ID: seq.seq_id,
                    STYLE: seq.style,
                    LEVEL: seq.level,
                    POSITION: pos,
                    VALUE: mk.value,
                    EXPECTED: expected,
                    START: mk.start,
                    END: mk.end,
                    RAW: text[mk.start:mk.end],
                    CLAUSE_START: mk.start,
                    CLAUSE_END: clause_end,
                    CERTAIN: certain,
                }
            )
            prev = mk
    rows.sort(key=lambda r: (r[START], r[SEQ_ID]))
    return rows


def _item_head(text: str, mk: _Marker) -> str:
    return text[mk.end:min(mk.end + ITEM_HEAD, _clause_end(text, mk.end))]


def _clause_end(text: str, pos: int) -> int:
    limit = min(len(text), pos + MAX_CLAUSE)
    m = _RE_CLAUSE_END.search(text, pos, limit)
    return m.start() if m else limit


# ---------------------------------------------------------------------------------------------------
# Announcements.


@dataclass(slots=True)
class _Count:
    start: int
    end: int
    stated: int
    strong: bool  # 方面 / 点: a count that announces a list even a sentence before it
    quoted: bool  # a slogan “五个坚持”
    arabic: bool  # written in digits: 共有5个乡镇 is a statistic; lists are announced in words (三项工作)


def _read_count(m: re.Match) -> _Count | None:
    """One count match, or None when it is not a usable count (a slogan with several numbers, 3点…)."""
    if m["qn"] is not None:
        body = m["qb"]
        # “三严三实”, “两学一做”: several numbers make a slogan, not a count; “六个一” is a count.
        if not (m["qg"] and body == "一") and _RE_TAIL_BREAK.search(body):
            return None
        stated, strong, quoted = cn_to_int(m["qn"]), False, True
    else:
        if m["c"] == "点" and m["n"].isdigit():  # 3点 is a time of day
            return None
        stated, strong, quoted = cn_to_int(m["n"]), m["c"] in _STRONG_CLASSIFIERS, False
    if stated < 2:
        return None
    arabic = (m["qn"] or m["n"]).isdigit()
    return _Count(m.start(), m.end(), stated, strong, quoted, arabic)


# The nouns of a quoted count that announce a list (“四个方面”, “三项任务”), unlike a fixed term (“两个责任”)
_RE_LIST_NOUN = re.compile(r"方面|点|项|条|类|问题|任务|措施|工程|行动|举措|件")


def _clause_before(text: str, pos: int) -> int:
    """Start of the clause that contains ``pos``."""
    lo = max(0, pos - ANNOUNCE_WINDOW)
    i = pos
    while i > lo and text[i - 1] not in _CLAUSE_PUNCT:
        i -= 1
    return i


def _classify(text: str, count: _Count, marker_start: int, nearer: list[_Count],
              headed: bool = False) -> tuple[int, bool] | None:
    """Whether ``count`` announces the list whose first marker is at ``marker_start``.

    Returns ``(end of the announcing phrase, certain)`` or None:

    * adjacent: only the counted noun and separators stand between the count and the first marker
      (``重点抓好四个方面的工作：一是``, ``提出五点要求。一要``, ``我讲三点意见。⏎一、``): certain;
    * same sentence: a strong count (方面, 点) whose sentence runs on, without other numbers, into the
      list (``按照反馈意见的4个方面，逐项推进情况如下。⏎（一）``): certain;
    * same or previous paragraph: a strong count and no strong count nearer the list
      (``提出三点要求。他指出，…。一要``): linked, not certain.
    """
    core = text[count.end:marker_start].rstrip(_SEPARATORS)
    if count.quoted and _RE_SLOGAN_RUN.search(text, _clause_before(text, count.start), count.start):
        return None
    clause_tail = core.split("，", 1)[0]
    stated_only = bool(_RE_STATEMENT.search(clause_tail)) and not any(w in clause_tail for w in ("如下", "情况"))
    if count.quoted and not core and "\n" in text[count.end:marker_start] and "：" not in text[count.end:marker_start]:
        stated_only = True  # ``做到“两个维护”。⏎1.…``: a slogan closing its paragraph names a fixed term
    if count.quoted and headed and "：" not in text[count.end:marker_start] \
            and not _RE_LIST_NOUN.search(text, count.start, count.end):
        # ``（二）关于落实“两个责任”方面⏎1.…``: a heading's slogan of a fixed term (not “四个方面”, “三项任务”)
        # names its topic, not the items under it
        stated_only = True
    if not nearer:
        limit = QUOTED_TAIL if count.quoted else STRONG_TAIL if count.strong else WEAK_TAIL
        if (
            len(core) <= limit
            and (core or count.quoted or count.strong)
            and not _RE_TAIL_BREAK.search(core)
            and "，" not in core
            and "：" not in core
        ):
            return count.end + len(core), (count.strong or count.quoted or not count.arabic) and not stated_only
        if count.strong and len(core) <= SENTENCE_TAIL and not _RE_TAIL_BREAK.search(core):
            return count.end, not stated_only
    if (
        count.strong
        and not any(c.strong for c in nearer)
        and len(_RE_PARA_BREAK.findall(core)) <= 1
        and not _RE_DIGIT.search(core)
    ):
        return count.end, False
    return None


def _link(text: str, seqs: list[_Seq], markers: list[_Marker], para_starts: list[int]) -> list[dict]:
    """Link each sequence that starts at 1 to the nearest announcement before it."""
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
        lo = max(para_starts[max(0, first.para - 1)], bound, first.start - ANNOUNCE_WINDOW)
        counts = [c for c in map(_read_count, _RE_COUNT.finditer(text, lo, first.start)) if c]
        found = None
        for k in range(len(counts) - 1, -1, -1):
            if counts[k].start in used:
                break
            # the count stands in the heading of the marker before the list (（二）关于…“两个责任”方面)
            headed = i >= 0 and markers[i].heading and text.rfind("\n", 0, counts[k].start) < markers[i].start
            verdict = _classify(text, counts[k], first.start, counts[k + 1:], headed)
            if verdict:
                found = (counts[k], *verdict)
                break
        if found is None and seq.heading and i >= 1 and _is_parent(markers[i], seq):
            # A heading list may be announced in the previous section (巡视反馈的4个方面 … 二、… （一）).
            lo = max(markers[i - 1].end, first.start - ANNOUNCE_WINDOW)
            for m in reversed(list(_RE_COUNT.finditer(text, lo, markers[i].start))):
                count = _read_count(m)
                if count and count.strong and count.start not in used:
                    found = (count, count.end, False)
                    break
        if found is None:
            continue
        count, phrase_end, certain = found
        used.add(count.start)
        clause = _clause_before(text, count.start)
        if _RE_ADVERBIAL.search(text, clause, count.start) or _RE_BACK_REFERENCE.search(
            text, clause, count.start
        ):
            # 从两方面采取措施：一要…九要: the count qualifies the manner, the list counts the measures;
            # 甲、乙这两个问题：the count names what came before it.
            certain = False
        last = seq.markers[-1]
        para_end = para_starts[last.para + 1] if last.para + 1 < len(para_starts) else len(text)
        if _RE_CONTINUATION.search(text, last.end, min(para_end, last.end + ANNOUNCE_WINDOW)):
            # 四种类型：一是…二是…还有两类…: the list is finished in other words.
            certain = False
        sure = certain and seq.certain and all(mk.certain for mk in seq.markers)
        if not sure and count.stated != len(seq.markers):
            continue  # an unsure link that disagrees says more about the link than about the report
        start = max(clause, count.start - ANNOUNCE_LEAD)
        phrase_end = max(phrase_end, _noun_end(text, count.end))
        rows.append(
            {
                ID: len(rows),
                STATED: count.stated,
                START: start,
                END: phrase_end,
                RAW: text[start:phrase_end],
                SEQ_ID: seq.seq_id,
                ITEMS: len(seq.markers),
                SEQ_START: first.start,
                SEQ_END: last.end,
                CERTAIN: sure,
            }
        )
    return rows


def _noun_end(text: str, pos: int) -> int:
    """End of the counted noun after a count (三点|要求。 -> after 要求), at most STRONG_TAIL chars."""
    m = _RE_NOUN_TAIL.match(text, pos)
    return m.end() if m else pos


def _is_parent(mk: _Marker, seq: _Seq) -> bool:
    return mk.heading and HEADING_RANK[mk.style] < HEADING_RANK[seq.style]


# ---------------------------------------------------------------------------------------------------
# Public API.


def extract_sequences(text: str) -> tuple[list[dict], list[dict]]:
    """Extract ordinal markers grouped into sequences, and announced counts linked to them.

    ``text`` is the normalised text of one report. Returns ``(marker_rows, announced_rows)`` with the
    columns :data:`MARKER_COLUMNS` and :data:`ANNOUNCED_COLUMNS`; every span is an offset in ``text``.
    """
    para_starts = [0] + [m.end() for m in _RE_PARA_BREAK.finditer(text)]
    seqs = _group(_find_markers(text), para_starts)
    markers: list[_Marker] = []
    for seq_id, seq in enumerate(seqs):
        seq.seq_id = seq_id
        markers.extend(seq.markers)
    markers.sort(key=lambda mk: mk.start)
    announced = _link(text, seqs, markers, para_starts)
    for row in _slogan_rows(text, para_starts):
        if any(a[START] < row[END] and row[START] < a[END] for a in announced):
            continue  # “六个一”活动：一是…六是: already linked to its ordinal markers
        row[ID] = len(announced)
        announced.append(row)
    return _marker_rows(text, seqs), announced


# “五个一”活动 … 开展一次…，组织一次…，进行一次…: a slogan counts the 一X items that follow it
_RE_SLOGAN = re.compile(rf"“(?P<n>{_CN})个一”")
_RE_ONE_ITEM = r"(?<![{d}十百千\d第每])一{cls}(?![一二三四五六七八九十])"
SLOGAN_WINDOW = 600


def _slogan_rows(text: str, para_starts: list[int]) -> list[dict]:
    """Announced counts of “N个一” slogans against the 一次/一场… items after them, in their paragraph.

    The items are found by wording alone, so a row is never certain: a mismatch is a warning.
    """
    rows = []
    for m in _RE_SLOGAN.finditer(text):
        i = bisect.bisect_right(para_starts, m.start())
        end = min(para_starts[i] if i < len(para_starts) else len(text), m.end() + SLOGAN_WINDOW)
        first = re.search(r"(?<![一二三四五六七八九十百千\d第每])一(次|场|项|堂|批|封|篇|本|份|张|回|天)", text[m.end(): end])
        if first is None:
            continue
        item = re.compile(_RE_ONE_ITEM.format(d=_CN_DIGITS, cls=first.group(1)))
        hits = list(item.finditer(text, m.end(), end))
        if len(hits) != cn_to_int(m.group("n")):
            continue  # found by wording alone: only an agreeing count is worth a row
        rows.append({ID: 0, STATED: cn_to_int(m.group("n")), START: m.start(), END: m.end(), RAW: m.group(0),
                     SEQ_ID: -1, ITEMS: len(hits), SEQ_START: hits[0].start(), SEQ_END: hits[-1].end(),
                     CERTAIN: False})
    return rows


def marker_problems(marker_rows: list[dict], certain_only: bool = True) -> list[dict]:
    """Marker rows that break their sequence: a gap or a duplicate (``value != expected``)."""
    return [r for r in marker_rows if r[VALUE] != r[EXPECTED] and (r[CERTAIN] or not certain_only)]


def announced_problems(announced_rows: list[dict], certain_only: bool = True) -> list[dict]:
    """Announced rows whose stated count differs from the length of the list (``stated != items``)."""
    return [r for r in announced_rows if r[STATED] != r[ITEMS] and (r[CERTAIN] or not certain_only)]

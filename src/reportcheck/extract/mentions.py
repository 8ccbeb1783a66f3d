"""Mentions: every countable number of a report, placed in its sentence and clause, with role cues and
the noun it counts.

Roles come from the words around the number (cue patterns below); the counted noun comes from jieba
segmentation of the clause with the domain dictionary shipped in ``reportcheck/data/userdict.txt``.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..numbers import TIME_UNITS, Number, scan
from .lexicon import (
    RE_CHANGE_CUE,
    RE_CUT_AFTER,
    RE_NOUN_AFTER,
    RE_PART_CUE,
    RE_PLAN_CUE,
    RE_RATE_CUE,
    RE_TOTAL_CUE,
)
from .scope import REVIEW, Zones
from .text import TextIndex

# words that are not nouns even if jieba says so, trimmed from noun phrases
STOPWORDS = frozenset({
    "共", "共计", "合计", "累计", "总计", "其中", "已", "正在", "尚未", "未", "的", "了", "和", "及", "与", "等", "各类", "各项",
    "各种", "全部", "全", "有", "为", "是", "达", "达到", "到", "约", "近", "超过", "余", "多", "个", "名", "项", "条", "件",
    "次", "共有", "涉及", "方面", "完成", "实现"
})


@dataclass
class Mention:
    """A countable number with its place and cues (one row of the ``mentions`` table)."""

    id: int
    num: Number
    sentence: int
    clause: int
    segment: int
    paragraph: int
    clause_start: int
    clause_end: int
    sent_start: int
    sent_end: int
    pre: str  # clause text before the number
    post: str  # clause text after the number
    noun: str = ""
    verb: str = ""
    roles: set[str] = field(default_factory=set)
    zone: str = REVIEW  # the part of the report: review, plan or notes (see extract.scope)

    @property
    def unit(self) -> str:
        return self.num.unit

    @property
    def is_count(self) -> bool:
        """A plain count or amount (not a share, a change, a rate or a duration)."""
        # 35岁以下 names an age group, not a count
        # (a multiple, 2.7倍, is a ratio, not a count)
        return (self.num.kind == "quantity" and self.num.unit not in TIME_UNITS and self.num.unit not in ("岁", "倍")
                and not ({"change", "rate", "before"} & self.roles) and self.num.unit != "")


# Units that count the same things
UNIT_FAMILY = {"名": "人", "人": "人", "位": "人"}


def unit_key(unit: str) -> str:
    """Units that measure the same thing compare equal (名 and 人)."""
    return UNIT_FAMILY.get(unit, unit)


USERDICT = Path(__file__).resolve().parents[1] / "data" / "userdict.txt"
"""The domain dictionary shipped in the package (words jieba would otherwise split)."""

_JIEBA = None
_JIEBA_LOCK = threading.Lock()


def tokenizer():
    """The jieba tokenizer with reportcheck's domain dictionary, loaded once."""
    global _JIEBA
    if _JIEBA is None:
        with _JIEBA_LOCK:
            if _JIEBA is None:
                from .tokenizers import plain_tokenizer

                tk = plain_tokenizer()
                # an open file, closed here: given a path, jieba opens the file and never closes it
                with USERDICT.open("rb") as f:
                    tk.load_userdict(f)
                _JIEBA = tk
    return _JIEBA


_EXTRA_WORDS: tuple[str, ...] = ()


def use_words(lines: Sequence[str] = ()) -> None:
    """Teach the tokenizer these words besides the domain dictionary (jieba user-dictionary lines,
    ``word [freq] [tag]``: the configuration's ``extra-words``); a later call replaces them."""
    global _JIEBA, _POSSEG, _EXTRA_WORDS
    lines = tuple(lines)
    if lines == _EXTRA_WORDS:
        return
    with _JIEBA_LOCK:
        _JIEBA = _POSSEG = None  # rebuilt from the domain dictionary on next use
        _POS_SEEN.clear()
        _EXTRA_WORDS = lines
    if lines:
        tokenizer().load_userdict(io.StringIO("\n".join(lines)))


_POSSEG = None


_POS_SEEN: dict[str, tuple[tuple[str, str], ...]] = {}  # phrase -> its words (a third of phrases recur)
_POS_SEEN_MAX = 200_000


def _pos(s: str) -> tuple[tuple[str, str], ...]:
    """Words of ``s`` with their part-of-speech flags (jieba.posseg with the domain dictionary)."""
    global _POSSEG
    words = _POS_SEEN.get(s)
    if words is not None:
        return words
    if _POSSEG is None:
        from .tokenizers import pos_tokenizer

        _POSSEG = pos_tokenizer(tokenizer())
    words = tuple((w.word, w.flag) for w in _POSSEG.lcut(s))
    if len(_POS_SEEN) >= _POS_SEEN_MAX:
        _POS_SEEN.clear()
    _POS_SEEN[s] = words
    return words


def _is_noun(word: str, flag: str) -> bool:
    return (flag.startswith("n") or flag in ("vn", "an", "j", "l", "i")) and word not in STOPWORDS


def _noun_after(post: str) -> str:
    """The noun right after a number and its classifier: 137个意见 -> 意见, 426名党员 -> 党员."""
    m = RE_NOUN_AFTER.match(post)
    if not m:
        return ""
    phrase = m.group(0)[:10]
    cut = RE_CUT_AFTER.search(phrase, 1)
    words = list(_pos(phrase[: cut.start()] if cut else phrase))
    # 68项具体整改任务: an adjective before the noun is not the noun, but does not stop it
    if len(words) >= 2 and words[0][1] in ("a", "b", "ad", "z") and not _is_noun(*words[0]):
        words = words[1:]
    # 236人次来访群众: a verb that qualifies the noun belongs to it
    if len(words) >= 2 and words[0][1].startswith("v") and _is_noun(*words[1]):
        words = [(words[0][0] + words[1][0], "n")] + words[2:]
    out = []
    for w, f in words:
        if _is_noun(w, f) and len(out) < 3:
            out.append(w)
        else:
            break
    return "".join(out).strip("“”")


def _noun_verb_before(pre: str) -> tuple[str, str]:
    """The noun right before a number (走访农户2140户 -> 农户) and the verb before it (走访)."""
    tail = re.sub(r"(?:共有|共计|合计|累计|总计|共|达到|达|为|是|有|约|近|超过|计|总数|总量)$", "", pre[-16:])
    if not tail:
        return "", ""
    words = [(w, f) for w, f in _pos(tail) if w.strip()]
    nouns: list[str] = []
    while words and words[-1][0] in STOPWORDS:
        words.pop()
    while words and _is_noun(*words[-1]) and len(nouns) < 3:
        nouns.insert(0, words.pop()[0])
    # 意见和建议18类: two nouns joined by 和/及/与 name one thing
    if nouns and len(words) >= 2 and words[-1][0] in ("和", "及", "与") and _is_noun(*words[-2]):
        nouns[:0] = [words[-2][0], words[-1][0]]
        del words[-2:]
    while words and words[-1][0] in STOPWORDS:
        words.pop()
    # 接待来访群众263人次: of two verbs before the noun, the nearer qualifies it
    if nouns and len(words) >= 2 and words[-1][1].startswith("v") and words[-2][1].startswith("v") and not \
            pre.endswith(nouns[-1] + "的"):
        nouns.insert(0, words.pop()[0])
    verb = words[-1][0] if words and words[-1][1].startswith("v") else ""
    return "".join(nouns).strip("“”"), verb


def extract_mentions(text: str, index: TextIndex | None = None, numbers: list[Number] | None = None) -> list[Mention]:
    """All countable numbers of ``text`` as mentions, in text order."""
    index = index or TextIndex(text)
    numbers = numbers if numbers is not None else scan(text)
    out: list[Mention] = []
    zones = Zones(text)
    for num in numbers:
        if not num.countable:
            continue
        sent = index.sentence_at(num.start)
        cl = index.clause_at(num.start)
        seg = index.segment_at(num.start)
        pre = text[cl.start: num.start]
        post = text[num.end: cl.end]
        m = Mention(len(out), num, sent.index, cl.index, seg.index, index.paragraph(sent.index),
                    cl.start, cl.end, sent.start, sent.end, pre, post, zone=zones.at(num.start))
        pre_q = pre
        prefix = num.extra.get("prefix", "")
        if prefix and pre_q.endswith(prefix) and prefix not in ("共", "计", "共计", "合计", "累计", "总计"):
            pre_q = pre_q[: -len(prefix)]
        if RE_TOTAL_CUE.search(pre_q) or prefix in ("共", "计", "共计", "合计", "累计", "总计"):
            m.roles.add("total")
        if RE_PART_CUE.search(pre):
            m.roles.add("part")
        if RE_CHANGE_CUE.search(pre_q):
            m.roles.add("change")
        if num.kind in ("percent", "points") and RE_RATE_CUE.search(pre_q):
            m.roles.add("rate")
        if RE_PLAN_CUE.search(pre):
            m.roles.add("plan")
        if num.kind == "quantity":
            m.noun = _noun_after(post) if num.unit else ""
            nb, vb = _noun_verb_before(pre)
            if not m.noun:
                m.noun = nb
            m.verb = vb if m.noun == nb else (nb if nb else vb)
            prev = out[-1] if out else None
            # 接待群众418批1326人次: the second figure counts the same noun under the same verb
            if prev is not None and prev.clause == m.clause and prev.num.end == num.start and not m.noun:
                m.noun, m.verb = prev.noun, prev.verb
        out.append(m)
    return out


def noun_overlap(a: str, b: str) -> int:
    """Characters two noun phrases share in order-insensitive bigrams (意见建议 vs 意见 -> 2)."""
    if not a or not b:
        return 0
    if a in b or b in a:
        return min(len(a), len(b))
    grams = {a[i: i + 2] for i in range(len(a) - 1)}
    return sum(2 for i in range(len(b) - 1) if b[i: i + 2] in grams)

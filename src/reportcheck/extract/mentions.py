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
from .scope import REVIEW, Zones
from .text import TextIndex

# total cue right before the number in its clause: 共收集…137条, 合计, 累计, 总计, 以上共计
# (共 of 共建, 共享, 共同, 公共, 共产党 … is no total)
RE_TOTAL_CUE = re.compile(r"(?:(?<!公)共(?![建享同识产商治赢青和用担通创办])|共计|合计|累计|总计|总数|总共|一共|总量|总额|总人数|总户数)[^，；。]{0,12}$")
# part cue at the start of the clause: 其中…, 已整改…, 正在…, 尚未…, 其余…
RE_PART_CUE = re.compile(r"^(?:其中|其余|剩余|另有|已|正在|尚未|未|待|仍有|仍|基本|需|阶段性)")
# status words anywhere in the clause before the number
RE_STATUS = re.compile(r"已|正在|尚未|未能?|待|其余|剩余|基本完成|需长期|需持续|长期坚持|持续|跟踪|推进中|办理中|阶段性|"
                       r"保留|撤并|取消|合并|整合|废止|修订|新建|在建|完成|办结|化解|整改|解决|答复|立行立改|转办|交办|销号")
# change verb right before the number: 减少71辆, 增长8.9%, 提高了8.6个百分点
RE_CHANGE_CUE = re.compile(r"(?:增加|减少|增长|下降|提高|降低|压缩|缩短|缩减|上升|回落|扩大|新增|增|减|降|升|多|少|节约|节省|"
                           r"精简|削减|下调|上调|提升|增收|减收|增幅|降幅|涨幅|跌幅|收窄|增速|攀升)(?:了|约|近|超过|达)?$")
# rate cue: 办结率91.3%, 占32.2%, 比重, 比例
RE_RATE_CUE = re.compile(r"(?:率|占|比重|比例|占比|面|覆盖|达标)(?:为|达到|达|是|已达|提高到|保持在|稳定在)?(?:了)?$")
# plan cue anywhere before the number in the clause or sentence
# (要 of 需要, 主要, 重要, 要求 is no plan)
RE_PLAN_CUE = re.compile(r"计划|目标|力争|预计|拟|争取|将要|将|确保|(?<![需主重必只摘纲提])要(?![求点素害领])|规划|预期|打算|安排|"
                         r"年底前|以前|之前")
# period words that tie a figure to a time: 今年, 上年, 五年来, 一季度
RE_PERIOD = re.compile(r"(?:(?:19|20)\d{2}年|今年|去年|上年|前年|明年|本年|全年|当年|每年|年均|上半年|下半年|[一二三四]季度|前三季度|"
                       r"[一二三四五六七八九十两\d]{1,2}年(?:来|间|中)|过去[一二三四五六七八九十\d]{1,2}年|"
                       r"[一二三四五六七八九十\d]{1,2}月(?:份|末|底)?(?![一二三四五六七八九十\d]{1,3}[日号])|同期|年初|年末|期间)")
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


RE_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff“”A-Za-z]{1,10}")
RE_CUT_AFTER = re.compile(r"的|和|及|与|等|，|、|；|。|（|是|被|已|为|在|中|时|后|里|参加|参与|通过|全部|均|都|共|其中|[\d]")


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

"""分别: figures given "respectively" for a list of subjects must be as many as the subjects.

    城镇和农村居民人均可支配收入分别增长6.2%和7.1%        2 subjects, 2 figures  ✓
    医疗废物、生活垃圾、城市污水处理率分别达到95%、85%      3 subjects, 2 figures  ✗

The subjects are the items before 分别 in its clause, joined by 、 with at most a final 和/及/与 (a
shared head after the last item, 处理率, belongs to all of them); the figures are the numbers right after
分别 and its verb, joined the same way. A subject list with 和 inside an earlier item (A和B、C和D) is
nested and gives no row; so does a subject counted by a numeral (三类地区分别…) or a single subject.
Rows go to the ``enumerations`` table (side ``respectively``): ``stated`` is the number of subjects,
``items`` the number of figures. The subjects are read from words, never certainly (a shared head may
hide a nested list), so a mismatch is a warning.
"""

from __future__ import annotations

import bisect
import re

from ..numbers import Number
from .text import TextIndex

# 分别, and the verb after it
RE_RESPECTIVELY = re.compile(r"分别")
RE_VERB_AFTER = re.compile(r"(?:比上年|比去年|同比|较上年)?(?:为|是|达|达到|增长|增加|提高|上升|下降|减少|降低|占|完成|突破|超过|"
                           r"保持在|控制在|稳定在)?(?:了|到|至)?")
# what joins the items of a list
RE_JOIN = re.compile(r"、|以及|和|及|与")
RE_FIGURE_JOIN = re.compile(r"、|和|及|与|，|,")
MAX_SUBJECT = 16  # characters of one subject: a longer one is a clause


def extract_respectively(text: str, index: TextIndex, numbers: list[Number]) -> list[dict]:
    """Rows of the enumerations table for each 分别 with a list of subjects (its clause before it) and a
    list of figures."""
    out = []
    countable = [n for n in numbers if n.countable]
    starts = [n.start for n in countable]
    for m in RE_RESPECTIVELY.finditer(text):
        cut = index.clause_at(m.start()).start
        subject = text[cut: m.start()]
        if not subject or re.search(r"[\d%％]", subject):
            continue  # figures among the subjects: not a list of names
        pieces = RE_JOIN.split(subject)
        joins = RE_JOIN.findall(subject)
        # at most one 和/及/与, and only before the last item
        if len(pieces) < 2 or any(j != "、" for j in joins[:-1]) or any(not p.strip() for p in pieces):
            continue
        if any(len(p) > MAX_SUBJECT for p in pieces):
            continue
        # the figures: the first number after the verb, and each one joined to it
        verb = RE_VERB_AFTER.match(text, m.end())
        k = bisect.bisect_left(starts, verb.end())
        if k >= len(countable) or countable[k].start != verb.end():
            continue
        figures = [countable[k]]
        while k + 1 < len(countable):
            between = text[figures[-1].end: countable[k + 1].start]
            if not RE_FIGURE_JOIN.fullmatch(between) or countable[k + 1].kind != figures[0].kind:
                break  # (6.2%、7.1%，74个: a figure of another kind starts another statement)
            k += 1
            figures.append(countable[k])
        if len(figures) < 2:
            continue
        out.append({"stated": len(pieces), "items": len(figures), "items_low": len(figures),
                    "items_high": len(figures), "truncated": False, "side": "respectively",
                    "item_texts": [f.raw for f in figures], "item_spans": [(f.start, f.end) for f in figures],
                    "start": cut, "end": m.end(), "certain": False})
    return out

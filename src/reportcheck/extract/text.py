"""Sentences and clauses of a normalised text, with fast lookup from an offset to its sentence/clause."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

# Sentence ends: 。！？ and paragraph breaks
RE_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）]?|\n+")
# Clause boundaries inside a sentence: ，；：
# (a comma between digits before three more is a thousands separator: 29，821，828，000元)
RE_CLAUSE_END = re.compile(r"[；：;]|[，,](?!(?<=\d[，,])\d{3}(?!\d))")
# Segment boundaries (half-sentences) inside a sentence: ；
RE_SEGMENT_END = re.compile(r"[；;]")
# A sentence longer than this is cut at its last clause boundary before the limit (a page with no 。, a
# table flattened into one line): relations never span so far, and per-sentence work stays bounded.
MAX_SENTENCE = 400


class Span(NamedTuple):
    """A piece of text: [start, end) in the normalised text, with its index."""

    index: int
    start: int
    end: int


def _split(text: str, rx: re.Pattern[str], lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    s = lo
    for m in rx.finditer(text, lo, hi):
        if m.end() > s:
            out.append((s, m.end()))
        s = m.end()
    if s < hi:
        out.append((s, hi))
    return out


def _cuts(marks: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """``_split`` of [lo, hi) for a one-character boundary pattern, from the ends of all its matches in
    the text (``marks``, sorted): the same spans, without searching the text again."""
    out = []
    s = lo
    for k in range(bisect.bisect_right(marks, lo), bisect.bisect_right(marks, hi)):
        out.append((s, marks[k]))
        s = marks[k]
    if s < hi:
        out.append((s, hi))
    return out


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of at most MAX_SENTENCE characters: a longer one is cut at clause boundaries."""
    out = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            cut = max((m.end() for m in RE_CLAUSE_END.finditer(text, s + MAX_SENTENCE // 2, s + MAX_SENTENCE)),
                      default=s + MAX_SENTENCE)
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def _cut_into(marks: list[int], lo: int, hi: int, starts: list[int], ends: list[int]) -> None:
    """Append the spans of :func:`_cuts` to ``starts`` and ``ends``."""
    inside = marks[bisect.bisect_right(marks, lo): bisect.bisect_right(marks, hi)]
    starts.append(lo)
    if not inside:
        ends.append(hi)
        return
    if inside[-1] < hi:
        starts.extend(inside)
        ends.extend(inside)
        ends.append(hi)
    else:
        starts.extend(inside[:-1])
        ends.extend(inside)


class TextIndex:
    """Sentence, segment (；) and clause (，；：) spans of a text, with offset -> span lookup.

    Clauses and segments are kept as start and end offsets and made into spans when looked up (a
    report has tens of thousands; the extractors look up a few hundred)."""

    def __init__(self, text: str):
        self.text = text
        self.sentences: list[Span] = []
        self.paragraph_of_sentence: list[int] = []
        self._clause_starts: list[int] = []
        self._clause_ends: list[int] = []
        self._seg_starts: list[int] = []
        self._seg_ends: list[int] = []
        para = 0
        # clause and segment boundaries are single characters: found once, then cut per sentence
        clause_marks = [m.end() for m in RE_CLAUSE_END.finditer(text)]
        segment_marks = [m.end() for m in RE_SEGMENT_END.finditer(text)]
        broken = False  # a line break since the last sentence's start: the next sentence opens a paragraph
        for s, e in _bounded(text, _split(text, RE_SENTENCE_END, 0, len(text))):
            if not text[s:e].strip():
                broken = broken or "\n" in text[s:e]
                continue
            if broken and self.sentences:
                para += 1
            broken = "\n" in text[s:e]
            self.sentences.append(Span(len(self.sentences), s, e))
            self.paragraph_of_sentence.append(para)
            _cut_into(segment_marks, s, e, self._seg_starts, self._seg_ends)
            _cut_into(clause_marks, s, e, self._clause_starts, self._clause_ends)
        self._sent_starts = [s.start for s in self.sentences]

    @property
    def clauses(self) -> list[Span]:
        return [Span(i, s, e) for i, (s, e) in enumerate(zip(self._clause_starts, self._clause_ends))]

    @property
    def segments(self) -> list[Span]:
        return [Span(i, s, e) for i, (s, e) in enumerate(zip(self._seg_starts, self._seg_ends))]

    @staticmethod
    def _find(starts: list[int], ends: list[int], pos: int) -> Span:
        i = bisect.bisect_right(starts, pos) - 1
        return Span(i, starts[i], ends[i]) if i >= 0 else Span(-1, 0, 0)

    def sentence_at(self, pos: int) -> Span:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        return self.sentences[i] if i >= 0 else Span(-1, 0, 0)

    def clause_at(self, pos: int) -> Span:
        return self._find(self._clause_starts, self._clause_ends, pos)

    def segment_at(self, pos: int) -> Span:
        return self._find(self._seg_starts, self._seg_ends, pos)

    def paragraph(self, sentence_index: int) -> int:
        return self.paragraph_of_sentence[sentence_index] if sentence_index >= 0 else -1

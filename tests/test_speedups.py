"""The speed-ups that must not change a result: reportcheck's Viterbi search for jieba's POS tagging
of unknown words gives jieba's answers, and deferring SciPy and Altair while GX loads changes no
finding and keeps them unloaded. (How much faster is bench/run.py's business, not a test's.)"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
from conftest import SEEDS

jieba_posseg = pytest.importorskip("jieba.posseg")
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from reportcheck.extract import tokenizers


def _strings(n: int, seed: int) -> list[str]:
    """Runs of 1 to 8 characters: mostly characters jieba's model knows, some it has never seen."""
    rnd = random.Random(seed)
    known = sorted(char_state_tab_P)
    return ["".join(rnd.choice(known) if rnd.random() < 0.7 else chr(rnd.randint(0x4E00, 0x9FD5))
                    for _ in range(rnd.randint(1, 8))) for _ in range(n)]


def test_viterbi_gives_jiebas_route_and_probability():
    for s in _strings(1500, seed=7) + ["贫困户", "脱贫攻坚", "驻村工作队员", "〇", "龘龘龘"]:
        ours = tokenizers.viterbi(s, char_state_tab_P, start_P, trans_P, emit_P)
        assert ours == jieba_viterbi(s, char_state_tab_P, start_P, trans_P, emit_P), s


def test_pos_tokenizer_tags_as_jiebas_on_report_text():
    import jieba

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    ours = tokenizers.pos_tokenizer(tokenizers.plain_tokenizer(read_only=True))
    theirs = jieba_posseg.POSTokenizer(jieba.Tokenizer())
    for line in text.splitlines()[:200]:
        assert [(p.word, p.flag) for p in ours.cut(line)] == [(p.word, p.flag) for p in theirs.cut(line)], line
    tokenizers._TAGGED.clear()  # and from a cold cache, twice
    for _ in range(2):
        assert [tuple(p) for p in ours.cut("驻村工作队员走访贫困户")] == \
            [tuple(p) for p in theirs.cut("驻村工作队员走访贫困户")]


_LOADED = r"""
import importlib.util, json, sys
from reportcheck.pipeline import run
result = run([sys.argv[1]])
lazy = importlib.util._LazyModule
ran = sorted(m for m, mod in sys.modules.items()
             if m.partition(".")[0] in ("scipy", "altair") and not isinstance(mod, lazy))
print(json.dumps({"ran": ran, "result": result.to_json()}))
"""


def _run(eager: bool) -> dict:
    env = dict(os.environ, REPORTCHECK_EAGER_IMPORTS="1" if eager else "0")
    out = subprocess.run([sys.executable, "-c", _LOADED, str(SEEDS)], capture_output=True, text=True,
                         env=env, check=True)
    return json.loads(out.stdout)


def test_deferred_imports_change_no_result_and_scipy_stats_is_never_run():
    lazy, eager = _run(eager=False), _run(eager=True)
    assert lazy["result"] == eager["result"]
    assert lazy["result"]["summary"]["errors"] >= 1
    assert "scipy.stats" in eager["ran"] and "altair" in eager["ran"]
    assert "scipy.stats" not in lazy["ran"] and "altair" not in lazy["ran"]


def test_a_deferred_module_still_loads_on_first_use():
    code = ("from reportcheck.validate import _gx; _gx(); import scipy.stats, altair; "
            "print(scipy.stats.norm.cdf(0), altair.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0.5", "altair"]


def test_clause_and_segment_cuts_equal_a_search_per_sentence():
    from reportcheck.extract import text as T
    from reportcheck.ingest import load

    texts = [load(p).text for p in sorted(SEEDS.glob("*.txt"))] + ["甲，乙；丙：丁,戊;己", "；；，", "", "无标点"]
    for t in texts:
        marks = {rx: [m.end() for m in rx.finditer(t)] for rx in (T.RE_CLAUSE_END, T.RE_SEGMENT_END)}
        for s, e in T._bounded(t, T._split(t, T.RE_SENTENCE_END, 0, len(t))) + [(0, len(t)), (1, 3)]:
            for rx, ends in marks.items():
                assert T._cuts(ends, s, e) == T._split(t, rx, s, e)

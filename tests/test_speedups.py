"""The speed-ups that must not change a result: reportcheck's Viterbi search for jieba's POS tagging
of unknown words gives jieba's answers, and deferring SciPy and Altair while GX loads changes no
finding and keeps them unloaded. (How much faster is bench/run.py's business, not a test's.)"""

from __future__ import annotations

import json
import os
import random
import re
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


def _without_lookahead(rx):
    """A mask pattern without its leading first-character lookahead (None when it has none)."""
    import re

    m = re.match(r"\(\?=(?:\[[^\]]*\]|[^()\[\]])\)", rx.pattern)
    return re.compile(rx.pattern[m.end():], rx.flags) if m else None


def test_mask_and_marker_lookaheads_admit_every_match():
    from reportcheck.extract import sequences
    from reportcheck.ingest import load
    from reportcheck.numbers import MASKS, RE_NUMBER

    rnd = random.Random(3)
    alphabet = "0123456789,，.百分之两千万亿壹拾点一二三四五六七八九十〇○零其第年月日号时分：:.-/—至到届中全会小院“”（）、是要来则者五规划 \nhfw:/。；，①⑵⒊＠抓"
    texts = [load(p).text for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["".join(rnd.choice(alphabet) for _ in range(200)) for _ in range(300)]
    texts += [("2014年2月18日至20日，二〇一四年十月，10:30，8时30分，0471-8888888，1950年代，十八届三中全会，"
               "“十三五”规划，北岸二中，\n一是抓落实，其三，（二）\n3.认真"), "www.example.cn/a http://x.cn",
              "一、总体情况\n（一）主要做法。第一，二要抓，三抓；①任务⑵⒊\n十二是", "第（一）项至（三）"]
    markers = [(name, rx) for name in dir(sequences) if name.startswith("_RE_")
               and isinstance(rx := getattr(sequences, name), re.Pattern)]
    plain = [(kind, rx, _without_lookahead(rx)) for kind, rx in MASKS + markers + [("number", RE_NUMBER)]]
    assert sum(p is not None for _, _, p in plain) >= 15
    for t in texts:
        for kind, rx, p in plain:
            if p is not None:
                assert [(m.span(), m.groupdict()) for m in rx.finditer(t)] == \
                    [(m.span(), m.groupdict()) for m in p.finditer(t)], (kind, t[:40])


_MODEL_DIGEST = r"""
import hashlib, json, sys
from reportcheck.extract import tokenizers
freq, total, tags = tokenizers._model()
pkg = "pkg_resources" in sys.modules
import jieba, jieba.posseg
def digest(d):
    return hashlib.sha256(json.dumps(sorted(d.items()), ensure_ascii=False).encode()).hexdigest()
out = {"freq": digest(freq), "total": total, "tags": digest(tags), "global_tags": digest(jieba.posseg.dt.word_tag_tab),
       "pkg_resources": pkg}
if sys.argv[1] == "jieba":  # what jieba itself loads
    tk = jieba.Tokenizer(); tk.initialize()
    out["jieba"] = [digest(tk.FREQ), tk.total, digest(jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab)]
print(json.dumps(out))
"""


def test_the_model_cache_gives_what_jieba_loads_and_survives_a_bad_file(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))

    def load(mode: str) -> dict:
        out = subprocess.run([sys.executable, "-c", _MODEL_DIGEST, mode], capture_output=True, text=True, env=env,
                             check=True)
        return json.loads(out.stdout)

    first = load("jieba")  # no cache yet: jieba's own load, then written
    files = list((tmp_path / "reportcheck").glob("jieba-*.marshal"))
    assert len(files) == 1
    theirs = first.pop("jieba")
    assert [first["freq"], first["total"], first["tags"]] == theirs
    assert first["global_tags"] == first["tags"]
    assert first["pkg_resources"] is False  # jieba opened its files without it
    assert load("cached") == first  # from the cache, jieba.posseg's own tokenizer included
    files[0].write_bytes(b"\x00 not a cache")
    assert load("cached") == first
    assert files[0].stat().st_size > 1_000_000  # written anew


def test_text_index_clauses_and_segments_are_the_cuts_of_each_sentence():
    from reportcheck.extract import text as T
    from reportcheck.ingest import load

    for t in [load(p).text for p in sorted(SEEDS.glob("*.txt"))] + ["甲，乙；丙。丁，", "；", "无标点"]:
        index = T.TextIndex(t)
        clauses = [c for s in index.sentences for c in T._cuts(
            [m.end() for m in T.RE_CLAUSE_END.finditer(t)], s.start, s.end)]
        segments = [c for s in index.sentences for c in T._cuts(
            [m.end() for m in T.RE_SEGMENT_END.finditer(t)], s.start, s.end)]
        assert [(c.start, c.end) for c in index.clauses] == clauses
        assert [(c.start, c.end) for c in index.segments] == segments
        for pos in range(0, len(t), 7):
            c = index.clause_at(pos)
            assert c == index.clauses[c.index] and c.start <= pos

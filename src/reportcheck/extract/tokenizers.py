"""jieba tokenizers built from one in-memory copy of jieba's default dictionary.

Loading jieba's model is the largest fixed cost of extraction: the prefix dictionary (half a million
entries, read from jieba's cache file) and the part-of-speech tags of its words (read again from the
dictionary file by every ``POSTokenizer``). Mentions and enumerations each want their own tokenizer
(mentions add the domain dictionary, enumerations do not), and ``import jieba.posseg`` builds a third
one. Built through this module they share one load: a new tokenizer gets a copy of the default prefix
dictionary and a new POS tokenizer a copy of the word tags ``jieba.posseg`` read at import, which is
what jieba itself would have loaded for them (tests/test_parallel.py compares them). That load comes
from a cache of reportcheck's own after the first run on a machine (below: :func:`_read_cache`), three
times as fast as jieba's.

Their POS tokenizers also find the tags of words jieba's dictionary lacks (its hidden Markov model)
faster: :func:`viterbi` is jieba's own search with the same results, but it only weighs the states that
can lead to each state (about 20 of 256) instead of all of them, and a span already tagged is not
tagged again. That search was the largest cost of extraction.
"""

from __future__ import annotations

import array
import hashlib
import logging
import marshal
import os
import threading
from pathlib import Path

from .. import cachedir

_LOCK = threading.Lock()
_MODEL: tuple[dict, int, dict] | None = None  # (FREQ, total, word tags) of the default dictionary


def _jieba():
    """The jieba module. jieba imports pkg_resources (deprecated, and a tenth of a second to import)
    only to open its own data files, and opens them by path when it is missing: so while jieba is
    imported here, it is."""
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # import pkg_resources raises ImportError
        try:
            import jieba
        finally:
            if sys.modules.get("pkg_resources", 0) is None:
                del sys.modules["pkg_resources"]
    import jieba

    return jieba


def plain_tokenizer(read_only: bool = False):
    """A new ``jieba.Tokenizer`` on the default dictionary, initialised from the shared load: with a
    copy of it, or, when the caller never adds words to the tokenizer (``read_only``), with it."""
    jieba = _jieba()

    freq, total, _ = _model()
    tk = jieba.Tokenizer()
    # what Tokenizer.initialize sets for the default dictionary, from the shared load instead
    tk.FREQ, tk.total, tk.initialized = freq if read_only else dict(freq), total, True
    return tk


def pos_tokenizer(tokenizer):
    """A ``jieba.posseg.POSTokenizer`` over ``tokenizer`` (on the default dictionary), its word tags
    taken from the shared load instead of read from the file again: shared for a read-only plain
    tokenizer (nothing will add to them), else a copy."""
    jieba = _jieba()

    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        return pos_tokenizer_class()(tokenizer)  # another dictionary: jieba's own way
    freq, _, tags = _model()
    pos = pos_tokenizer_class().__new__(pos_tokenizer_class())
    pos.tokenizer = tokenizer
    shared = tokenizer.FREQ is freq and not tokenizer.user_word_tag_tab
    pos.word_tag_tab = tags if shared else dict(tags)
    return pos


def _model() -> tuple[dict, int, dict]:
    """jieba's default dictionary as its tokenizers hold it: the prefix dictionary (FREQ), the total
    frequency and the words' part-of-speech tags; loaded once, from reportcheck's cache when it has
    them (see :func:`_read_cache`)."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            jieba = _jieba()
            jieba.setLogLevel(logging.WARNING)
            model = _read_cache(jieba)
            if model is not None:
                _import_posseg(jieba, model[2])
            else:
                tk = jieba.Tokenizer()
                tk.initialize()
                model = (tk.FREQ, tk.total, _jieba_tags(jieba))
                _write_cache(jieba, model)
            _MODEL = model
    return _MODEL


def _jieba_tags(jieba) -> dict:
    """The word tags of the default dictionary, as ``jieba.posseg`` loaded them at import while jieba's
    global tokenizer is untouched (nothing can have merged user words into them), else read anew."""
    import jieba.posseg

    used = jieba.dt.initialized or jieba.dt.dictionary != jieba.DEFAULT_DICT
    if used or jieba.posseg.dt.tokenizer is not jieba.dt:
        return jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab
    return dict(jieba.posseg.dt.word_tag_tab)


def _import_posseg(jieba, tags: dict) -> None:
    """Import ``jieba.posseg`` without its reading the dictionary's word tags again (half a second):
    its global tokenizer reads them at import from jieba's global one's dictionary, so for that moment
    the dictionary is an empty file, and then it gets the tags it would have read."""
    import sys

    if "jieba.posseg" in sys.modules or jieba.dt.initialized or jieba.dt.dictionary != jieba.DEFAULT_DICT:
        import jieba.posseg  # already imported, or another dictionary: jieba's own way

        return
    saved = jieba.dt.dictionary
    jieba.dt.dictionary = os.devnull
    try:
        import jieba.posseg
    finally:
        jieba.dt.dictionary = saved
    jieba.posseg.dt.word_tag_tab = dict(tags)


# The model cache: jieba keeps its prefix dictionary in a marshal file and still takes about 0.6 s to
# load it, and posseg reads the word tags from the 5 MB dictionary text every time (0.5 s more). Here
# both are one marshal file of three strings and an array of integers, which load in about 0.3 s. It
# holds no code and is read only if it is a tuple of exactly those types, made for this jieba and this
# dictionary file (its version, path, size and time in the name); anything else is ignored and written
# anew. It lives in reportcheck's cache folder (see reportcheck.cachedir); where that cannot be written
# nothing is cached.

_CACHE_FORMAT = 1


def _cache_file(jieba) -> Path | None:
    try:
        dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
        st = dictionary.stat()
    except (OSError, AttributeError, TypeError):
        return None
    key = f"{_CACHE_FORMAT}|{getattr(jieba, '__version__', '')}|{dictionary}|{st.st_size}|{st.st_mtime_ns}"
    try:
        return cachedir.path() / f"jieba-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"
    except RuntimeError:  # no home folder
        return None


def _read_cache(jieba) -> tuple[dict, int, dict] | None:
    path = _cache_file(jieba)
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 6 and data[0] == _CACHE_FORMAT and type(data[1]) is int
            and type(data[2]) is str and type(data[3]) is bytes and type(data[4]) is str
            and type(data[5]) is str):
        return None
    _, total, words, freqs, tagged, tags = data
    values = array.array("q")
    try:
        values.frombytes(freqs)
    except ValueError:
        return None
    words, tagged, tags = words.split("\n"), tagged.split("\n"), tags.split("\n")
    if len(words) != len(values) or len(tagged) != len(tags):
        return None
    same = {t: t for t in set(tags)}  # one string per tag, not one per word
    return dict(zip(words, values.tolist(), strict=True)), total, dict(zip(tagged, map(same.__getitem__, tags),
                                                                         strict=True))


def _write_cache(jieba, model: tuple[dict, int, dict]) -> None:
    path = _cache_file(jieba)
    freq, total, tags = model
    if path is None or any("\n" in w for w in freq) or any("\n" in w or "\n" in t for w, t in tags.items()):
        return
    blob = marshal.dumps((_CACHE_FORMAT, total, "\n".join(freq), array.array("q", freq.values()).tobytes(),
                          "\n".join(tags), "\n".join(tags.values())))
    if cachedir.ensure() is None:
        return
    try:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------------
# jieba's POS tagging of unknown words (posseg's hidden Markov model), the same answers sooner.

MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi's log probability of an unseen emission
_INTO: tuple[dict, dict] | None = None  # (transition table, state -> states that can precede it)


def _preceding(trans_p: dict) -> dict:
    """For each state, the states with a transition into it and that transition's log probability."""
    global _INTO
    if _INTO is None or _INTO[0] is not trans_p:
        table: dict = {}
        for y0, nexts in trans_p.items():
            for y, p in nexts.items():
                table.setdefault(y, []).append((y0, p))
        _INTO = (trans_p, table)
    return _INTO[1]


def viterbi(obs, states, start_p, trans_p, emit_p):
    """``jieba.posseg.viterbi.viterbi`` with the same result, only faster.

    jieba scores, for every state ``y`` at a character, ``V[y0] + trans_p[y0].get(y, -inf) + emit``
    over every state ``y0`` at the previous character and keeps the largest (prob, y0) pair. A state
    with no transition into ``y`` scores -inf, which never wins while a finite score exists, and one
    always does: the states kept at a character are those some previous state can move into, and
    every score of a previous state is finite. So only the previous states that can move into ``y``
    are scored here (going through whichever is shorter: the previous states, or the states that can
    precede ``y``); the sums are the same additions in the same order and ties go to the same
    (largest) state. In the one case jieba's search falls back on every state (no previous state has
    any transition) its own function runs.
    """
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    into = _preceding(trans_p)
    all_states = trans_p.keys()
    V = {}
    mem_path = [{}]
    for y in states.get(obs[0], all_states):
        V[y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        prev = V
        expect_next = {y for x in prev if trans_p[x] for y in trans_p[x]}
        if not expect_next:
            return jieba_viterbi(obs, states, start_p, trans_p, emit_p)
        obs_states = set(states.get(obs[t], all_states)) & expect_next or expect_next
        V, path = {}, {}
        o = obs[t]
        n_prev = len(prev)
        for y in obs_states:
            em = emit_p[y].get(o, MIN_FLOAT)
            best_p = best_s = None
            before = into[y]
            if n_prev < len(before):
                for y0, v0 in prev.items():
                    tp = trans_p[y0].get(y)
                    if tp is not None:
                        p = v0 + tp + em
                        if best_p is None or p > best_p or (p == best_p and y0 > best_s):
                            best_p, best_s = p, y0
            else:
                for y0, tp in before:
                    v0 = prev.get(y0)
                    if v0 is not None:
                        p = v0 + tp + em
                        if best_p is None or p > best_p or (p == best_p and y0 > best_s):
                            best_p, best_s = p, y0
            V[y], path[y] = best_p, best_s
        mem_path.append(path)
    prob, state = max((V[y], y) for y in mem_path[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return prob, route


_TAGGED: dict[str, list[tuple[str, str]]] = {}  # a run of unknown characters -> its words and tags
_TAGGED_MAX = 100_000


_POS_CLASS = None


def pos_tokenizer_class():
    """jieba's ``POSTokenizer`` with :func:`viterbi`, each run of unknown characters tagged once."""
    global _POS_CLASS
    if _POS_CLASS is not None:
        return _POS_CLASS
    from jieba import posseg

    class _POSTokenizer(posseg.POSTokenizer):
        """jieba's POSTokenizer with :func:`viterbi`, each run of unknown characters tagged once."""

        def _POSTokenizer__cut(self, sentence):  # overrides POSTokenizer.__cut (name-mangled)
            words = _TAGGED.get(sentence)
            if words is None:
                _, pos_list = viterbi(sentence, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P,
                                      posseg.emit_P)
                words, begin, nexti = [], 0, 0
                for i, char in enumerate(sentence):  # as POSTokenizer.__cut reads the route
                    pos = pos_list[i][0]
                    if pos == "B":
                        begin = i
                    elif pos == "E":
                        words.append((sentence[begin:i + 1], pos_list[i][1]))
                        nexti = i + 1
                    elif pos == "S":
                        words.append((char, pos_list[i][1]))
                        nexti = i + 1
                if nexti < len(sentence):
                    words.append((sentence[nexti:], pos_list[nexti][1]))
                if len(_TAGGED) >= _TAGGED_MAX:
                    _TAGGED.clear()
                _TAGGED[sentence] = words
            return (posseg.pair(w, f) for w, f in words)

    _POS_CLASS = _POSTokenizer
    return _POSTokenizer

"""jieba tokenizers built from one in-memory copy of jieba's default dictionary.

Loading jieba's model is the largest fixed cost of extraction: the prefix dictionary (half a million
entries, read from jieba's cache file) and the part-of-speech tags of its words (read again from the
dictionary file by every ``POSTokenizer``). Mentions and enumerations each want their own tokenizer
(mentions add the domain dictionary, enumerations do not), and ``import jieba.posseg`` builds a third
one. Built through this module they share one load: a new tokenizer gets a copy of the default prefix
dictionary and a new POS tokenizer a copy of the word tags ``jieba.posseg`` read at import, which is
what jieba itself would have loaded for them (tests/test_parallel.py compares them).
"""

from __future__ import annotations

import logging
import threading

_LOCK = threading.Lock()
_PREFIX: tuple[dict, int] | None = None  # (FREQ, total) of the default dictionary, never changed


def plain_tokenizer(read_only: bool = False):
    """A new ``jieba.Tokenizer`` on the default dictionary, initialised from the shared load: with a
    copy of it, or, when the caller never adds words to the tokenizer (``read_only``), with it."""
    global _PREFIX
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _LOCK:
        if _PREFIX is None:
            tk = jieba.Tokenizer()
            tk.initialize()
            _PREFIX = (tk.FREQ, tk.total)
    tk = jieba.Tokenizer()
    # what Tokenizer.initialize sets for the default dictionary, from the copy instead of the cache file
    tk.FREQ, tk.total, tk.initialized = _PREFIX[0] if read_only else dict(_PREFIX[0]), _PREFIX[1], True
    return tk


def pos_tokenizer(tokenizer):
    """A ``jieba.posseg.POSTokenizer`` over ``tokenizer`` (on the default dictionary), its word tags
    taken from the ones ``jieba.posseg`` loaded at import instead of read from the file again: shared
    for a read-only plain tokenizer (nothing will add to them), else a copy."""
    import jieba
    import jieba.posseg

    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        return jieba.posseg.POSTokenizer(tokenizer)  # another dictionary: jieba's own way
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = tokenizer
    tags = _default_tags()
    shared = _PREFIX is not None and tokenizer.FREQ is _PREFIX[0] and not tokenizer.user_word_tag_tab
    pos.word_tag_tab = tags if shared else dict(tags)
    return pos


_TAGS: dict | None = None


def _default_tags() -> dict:
    """The word tags of the default dictionary, as ``jieba.posseg`` loaded them at import while jieba's
    global tokenizer is untouched (nothing can have merged user words into them), else read anew."""
    global _TAGS
    import jieba
    import jieba.posseg

    with _LOCK:
        if _TAGS is None:
            used = jieba.dt.initialized or jieba.dt.dictionary != jieba.DEFAULT_DICT
            if used or jieba.posseg.dt.tokenizer is not jieba.dt:
                _TAGS = jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab
            else:
                _TAGS = dict(jieba.posseg.dt.word_tag_tab)
    return _TAGS

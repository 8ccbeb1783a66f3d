"""Extraction stage: turn a normalised report text into fact rows.

Each submodule reads the normalised text of one report (see :mod:`reportcheck.ingest`) and returns
plain row dicts whose ``start``/``end`` and member spans are offsets in that normalised text; the
fact sheet stage maps them back to the source file (line, column, character span, raw text).
"""

"""Ingest: find report files, decode them, pull the article text out of HTML and normalise it.

This is the first stage of reportcheck. It turns a file into a :class:`Document`, whose ``text`` is what
the extraction stage reads and whose ``offsets`` map every character of ``text`` back to the decoded
file (``source``), so every fact can be traced to a line, a column and the raw characters it came from.

One module per step, in the order a report goes through them:

- :mod:`.discovery`: the report files that the paths given name (folders walked, links followed safely);
- :mod:`.decoding`: a file's bytes to its text, within the size limit (UTF-8, GB18030, UTF-16), a Word
  file's text by :mod:`.word` and a PDF's text layer by :mod:`.pdf`;
- :mod:`.html`: the article text of an HTML page, with the offset of each character;
- :mod:`.normalise`: the one pass that cleans the text (full-width folding, CJK punctuation, whitespace,
  joined line breaks; :mod:`.wrap` finds a hard-wrapped text's width) and keeps every offset;
- :mod:`.document`: the :class:`Document` that comes out, and :class:`IngestError`;
- :mod:`.loading`: :func:`load` and :func:`from_text`, which put the steps together.

Everything other stages use is imported from here (``from reportcheck.ingest import load``).
"""

from __future__ import annotations

from .decoding import decode, decode_report
from .discovery import SUFFIXES, discover
from .document import Document, IngestError
from .loading import from_text, load, read_source
from .normalise import BIDI_CONTROLS, bidi_controls

__all__ = ["BIDI_CONTROLS", "SUFFIXES", "Document", "IngestError", "bidi_controls", "decode", "decode_report",
           "discover", "from_text", "load", "read_source"]

"""Decoding: a report file's bytes to its text (the ``source`` of a :class:`.Document`), within the size
limit: plain text in UTF-8, GB18030 or UTF-16, refusing binary files and mojibake; a Word file's text
(:mod:`.word`) and a PDF's text layer (:mod:`.pdf`) by the suffix."""

from __future__ import annotations

import re

from ..fileio import FileProblem, read_regular
from .document import IngestError
from .pdf import pdf_text
from .word import docx_text

#: Largest report read (bytes): a bigger file is an error, not minutes of extraction (official reports
#: are rarely over 1 MiB; an archive of many reports is many files).
MAX_BYTES = 20 * 2**20


# Leading bytes of binary formats people drop into report folders by mistake.
_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx or .xlsx"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document, e.g. .doc or .xls"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
)
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"

# A character that real Chinese text decoded as GB18030 rarely contains: everything except ASCII
# printable and whitespace, Latin-1, Greek, Cyrillic, general punctuation, letterlike and number forms,
# arrows, maths, enclosed numbers, shapes, symbols, CJK punctuation, kana, enclosed CJK, CJK ideographs
# and compatibility ideographs, vertical/small forms and full-width forms. Mojibake from GB18030 decoding
# lands in private use, Yi, Hangul, box drawing and the like.
_UNUSUAL = re.compile(
    "[^\t\n\r\x0b\x0c\x20-\x7e\u00a0-\u00ff\u0370-\u04ff\u2000-\u22ff\u2460-\u24ff\u25a0-\u26ff"
    "\u3000-\u30ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
# C0 control characters other than whitespace, and DEL: a sign of binary data.
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
_MAX_UNUSUAL_SHARE = 0.05
_UNDECODABLE = "cannot decode: not valid UTF-8, GB18030 or UTF-16"


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a report's bytes; return ``(text, encoding)``, never mojibake.

    Tried in order: UTF-8 with BOM (``'utf-8-sig'``), UTF-16 with BOM LE or BE (``'utf-16'``), strict
    UTF-8 (``'utf-8'``), strict GB18030 (``'gb18030'``, a superset of GBK and GB2312). The BOM is
    removed. GB18030 accepts many byte strings, so a GB18030 result with more than 5 % characters that
    Chinese text does not use is rejected, as is a file that is UTF-8 except for a few corrupt bytes.

    Raises :class:`IngestError` (naming ``path``) for an empty or whitespace-only file, a binary file
    (known signature, NUL bytes, control characters) and text that decodes in none of these.
    """
    if not data:
        raise IngestError(path, "empty file")
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise IngestError(path, f"binary file ({kind})")
    if data.startswith(_UTF8_BOM):
        text, encoding = _strict(data[len(_UTF8_BOM) :], "utf-8", path, "UTF-8"), "utf-8-sig"
    elif data.startswith(_UTF32_BOMS):
        raise IngestError(path, "cannot decode: UTF-32 is not supported")
    elif data.startswith(_UTF16_BOMS):
        text, encoding = _strict(data, "utf-16", path, "UTF-16"), "utf-16"
        if "\x00" in text:
            raise IngestError(path, "binary file (contains NUL characters)")
        _check_plausible(text, "UTF-16", path)
    elif b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            _reject_corrupt_utf8(data, e.start, path)
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise IngestError(path, _UNDECODABLE) from None
            _check_plausible(text, "GB18030", path)
    if not text.strip():
        raise IngestError(path, "empty file (only whitespace)")
    controls = sum(1 for _ in _CONTROL.finditer(text))
    if controls > _MAX_UNUSUAL_SHARE * len(text):
        raise IngestError(path, "binary file (control characters)")
    return text, encoding


def _strict(data: bytes, codec: str, path: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise IngestError(path, f"cannot decode: invalid {name} after the byte-order mark") from None


def _reject_corrupt_utf8(data: bytes, first_bad: int, path: str) -> None:
    """Refuse a UTF-8 file with a few bad bytes rather than decode all of it as GB18030 mojibake.

    Decoded leniently as UTF-8, GB18030 Chinese yields a replacement character for most of its bytes
    (about 4 bad for each valid non-ASCII character); a damaged UTF-8 file yields almost none.
    """
    loose = data.decode("utf-8", "replace")
    bad = loose.count("\ufffd")
    good = len(loose) - len(loose.encode("ascii", "ignore")) - bad
    if good > 4 * bad:
        raise IngestError(
            path, f"cannot decode: invalid UTF-8 at byte {first_bad} (the rest of the file is UTF-8)"
        )


def _check_plausible(text: str, codec: str, path: str) -> None:
    """Refuse a decoding whose result is mostly characters Chinese reports do not use (mojibake)."""
    unusual = sum(1 for _ in _UNUSUAL.finditer(text))
    if unusual > _MAX_UNUSUAL_SHARE * len(text):
        share = round(100 * unusual / len(text))
        raise IngestError(path, f"{_UNDECODABLE} (as {codec} it would be {share}% unusual characters)")


def read_decoded(name: str) -> tuple[str, str]:
    """(decoded source, encoding) of a report file; for a Word file its text and ``"docx"``, for a PDF
    its text layer and ``"pdf"``.

    Only a regular file is read (a FIFO or a device is an error, never a hang), and never more than
    :data:`MAX_BYTES` plus one byte, whatever size it claims.
    """

    try:
        data = read_regular(name, MAX_BYTES, "report")
    except FileProblem as e:
        raise IngestError(name, str(e)) from None
    except FileNotFoundError:
        raise IngestError(name, "no such file or directory") from None
    except OSError as e:
        raise IngestError(name, f"cannot read: {e.strerror or e}") from None
    return decode_report(data, name)


def decode_report(data: bytes, name: str) -> tuple[str, str]:
    """(source, encoding) of a report's bytes, as :func:`.load` reads the file ``name``: a Word file's
    text and ``"docx"``, else :func:`decode`. Raises :class:`IngestError`."""
    _check_size(len(data), name)
    if name.lower().endswith(".docx"):
        return docx_text(data, name), "docx"
    if name.lower().endswith(".pdf"):
        return pdf_text(data, name), "pdf"
    return decode(data, name)


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise IngestError(name, f"file too large ({size / 2**20:.1f} MiB; a report is read up to "
                                f"{MAX_BYTES // 2**20} MiB)")

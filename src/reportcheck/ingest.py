"""Ingest: find report files, decode them, pull the article text out of HTML and normalise it.

This is the first stage of reportcheck. It turns a file into a :class:`Document`, whose ``text`` is what
the extraction stage reads and whose ``offsets`` map every character of ``text`` back to the decoded
file (``source``), so every fact can be traced to a line, a column and the raw characters it came from.

Normalisation (one linear pass, see :func:`from_text`):

1. Full-width ASCII variants become ASCII (``８４．８％`` -> ``84.8%``), except the CJK punctuation
   ``，；：（）！？`` and the range marks ``－～``, which stay as they are.
2. ASCII punctuation used as Chinese punctuation becomes the CJK form: ``,`` -> ``，`` unless it is a
   thousands separator, ``:`` -> ``：`` unless between digits (10:30), ``; ( ) ! ?`` -> ``；（）！？``.
   URLs (``http://...``) are left alone. ``.`` and dashes stay as they are.
3. Horizontal whitespace (including NBSP, U+3000, zero-width characters and the invisible bidirectional
   controls U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) is dropped, except that one space is
   kept between two ASCII letters or digits (``New York``, ``14 8``); an invisible character alone
   never makes that space.
4. Line breaks become ``\\n``; a break inside a sentence (hard-wrapped text) is joined, a paragraph break
   is kept, blank lines collapse into one ``\\n``. In a text wrapped at a fixed width (see
   :mod:`.ingest_wrap`) a break after a full line is joined too. In HTML, raw line breaks are ordinary
   whitespace and block elements (``p``, ``div``, ``br``, ``li``, ``td`` ...) make the line breaks, which
   are never joined.
"""

from __future__ import annotations

import html
import os
import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path

from . import fileio
from .fileio import FileProblem, read_regular
from .ingest_wrap import wrap_width

__all__ = ["SUFFIXES", "Document", "IngestError", "decode", "decode_report", "discover", "from_text", "load",
           "read_source"]

#: Largest report read (bytes): a bigger file is an error, not minutes of extraction (official reports
#: are rarely over 1 MiB; an archive of many reports is many files).
MAX_BYTES = 20 * 2**20

#: File suffixes that directory walks pick up (compared case-insensitively).
SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
_HTML_SUFFIXES = (".html", ".htm")


class IngestError(Exception):
    """A report that cannot be read.

    ``str(e)`` is a one-line message naming the file and the problem, e.g.
    ``"seeds/x.txt: cannot decode: not valid UTF-8, GB18030 or UTF-16"``. ``path`` is the file as given and
    ``problem`` the part after the colon.
    """

    def __init__(self, path: str, problem: str, unlisted: bool = False) -> None:
        self.path = str(path)
        self.problem = " ".join(problem.split())
        self.unlisted = unlisted  # a folder that cannot be listed (reported whatever the selection)
        super().__init__(f"{self.path}: {self.problem}")


# --------------------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------------------

# A line break in the source, for line/column numbers (what editors count as one).
_SOURCE_LINE_BREAK = re.compile(r"\r\n?|\n")
# In the source of a PDF, a page break (a form feed, see ingest_pdf) also ends a line.
_PDF_LINE_BREAK = re.compile(r"\r\n?|\n|\f")


@dataclass(frozen=True)
class Document:
    """A decoded report and its normalised text.

    ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the index in ``source`` of the character
    that produced ``text[i]`` (for a character decoded from an HTML entity, the entity's ``&``; for a
    line break made by an HTML tag, the tag's ``<``), and ``offsets[-1] == len(source)``. Offsets never
    decrease. A Document is HTML when its ``path`` ends in ``.html`` or ``.htm``.
    """

    path: str
    source: str = field(repr=False)
    text: str = field(repr=False)
    offsets: array = field(repr=False)
    encoding: str

    @property
    def is_html(self) -> bool:
        """Whether the text was extracted from HTML (decided by the path's suffix)."""
        return self.path.lower().endswith(_HTML_SUFFIXES)

    @property
    def is_pdf(self) -> bool:
        """Whether the source is the text layer of a PDF, pages separated by form feeds (by the suffix)."""
        return self.path.lower().endswith(".pdf")

    @cached_property
    def _page_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\f", self.source))]

    def page(self, source_offset: int) -> int | None:
        """1-based page of a source offset in a PDF; None for other reports."""
        if not self.is_pdf:
            return None
        return bisect_right(self._page_starts, source_offset)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the text span ``[start, end)`` to the source span ``[s, e)`` that produced it.

        ``s`` is the offset of ``text[start]`` and ``e`` is just past the source of ``text[end - 1]``
        (past the whole entity for an HTML entity, past ``\\r\\n`` for a line break). The source span
        includes whatever normalisation dropped in between (spaces, joined line breaks, tags). An empty
        span maps to an empty span at ``offsets[start]``.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"text span [{start}, {end}) out of range for text of length {n}")
        if start == end:
            s = self.offsets[start]
            return s, s
        s = self.offsets[start]
        last = self.offsets[end - 1]
        e = last + 1
        src = self.source
        ch = src[last]
        if ch == "\r" and src.startswith("\n", e):
            e += 1
        elif ch == "&" and self.is_html:
            m = _ENTITY.match(src, last)
            if m and html.unescape(m.group()) != m.group():
                e = m.end()
        return s, e

    def raw(self, start: int, end: int) -> str:
        """The source text behind the text span ``[start, end)`` (see :meth:`source_span`)."""
        s, e = self.source_span(start, end)
        return self.source[s:e]

    @cached_property
    def _line_starts(self) -> list[int]:
        breaks = _PDF_LINE_BREAK if self.is_pdf else _SOURCE_LINE_BREAK
        return [0, *(m.end() for m in breaks.finditer(self.source))]

    def line_col(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; the column counts characters.

        Lines end at ``\\n``, ``\\r\\n`` or ``\\r``. O(log n) after a first call that indexes the lines.
        """
        if not 0 <= source_offset <= len(self.source):
            raise IndexError(f"source offset {source_offset} out of range 0..{len(self.source)}")
        starts = self._line_starts
        line = bisect_right(starts, source_offset)
        return line, source_offset - starts[line - 1] + 1


# --------------------------------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------------------------------


def discover(
    paths: Sequence[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = (),
    errors: list[IngestError] | None = None,
) -> list[Path]:
    """Expand files and directories into the list of report files to check.

    A file given directly is taken whatever its suffix (and ``include``/``exclude`` do not apply to
    it). A directory is walked recursively in sorted order, following symlinks but never a loop, skipping
    hidden entries (names starting with ``.``), and keeps files whose suffix is in :data:`SUFFIXES`.
    ``include``/``exclude`` are fnmatch globs (case-sensitive) matched against both the path relative
    to that directory (with ``/``) and the file name: with ``include`` a file must match one of them,
    and a file matching any ``exclude`` is dropped. Each file is listed once, in the order given.

    Symbolic links are followed only inside the folder being checked (for a file named directly: the
    folder holding it) and only to what the walk would read without them: a link whose target is
    outside that folder, hidden in it (``reports/x.txt -> ../.git/config``) or not a report by its
    suffix (``x.txt -> creds.json``) is refused, as is a broken link. A link to another report of the
    tree reads that report (once, listed by the report's own name). Also refused: an entry with a
    report's suffix that is not a regular file (a FIFO, a device, a socket), a name that is not UTF-8,
    a folder that cannot be listed (no permission, a path longer than the system allows) and an entry
    that cannot be looked at. With ``errors`` (a list), each refused entry is appended to it as an
    :class:`IngestError` naming it and the others are still found; without, the first is raised.

    Raises :class:`IngestError` for a path that does not exist and for a directory with no reports.
    """
    found: list[Path] = []
    seen: dict[str, int] = {}  # resolved path -> index in found
    problems: list[IngestError] = []

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen[key] = len(found)
            found.append(p)
        elif os.path.islink(found[seen[key]]) and not os.path.islink(p):
            found[seen[key]] = p  # a report and a link to it: the report by its own name

    for given in paths:
        root = Path(given)
        if not os.path.lexists(root):
            raise IngestError(str(given), "no such file or directory")
        if not _utf8(str(given)):
            problems.append(IngestError(str(given), _NOT_UTF8))
            continue
        if not root.is_dir():
            problem = _link_problem(root, Path(os.path.realpath(root.parent)), "the folder holding it")
            if problem is None and not root.exists():
                problem = "broken symbolic link"
            if problem is not None:
                problems.append(IngestError(str(given), problem))
            else:
                add(root)
            continue
        walked: list[IngestError] = []
        reports = _walk(root, walked)
        walked = [e for e in walked
                  if e.unlisted or _wanted(_rel(e.path, root), Path(e.path).name,
                                                                    include, exclude)]
        problems += walked
        if not reports:
            if walked:
                continue
            raise IngestError(str(given), f"no reports ({', '.join(SUFFIXES)}) found")
        kept = [p for p in reports if _wanted(p.relative_to(root).as_posix(), p.name, include, exclude)]
        if not kept and not walked:
            raise IngestError(
                str(given),
                f"no reports ({', '.join(SUFFIXES)}) found that match the include/exclude patterns",
            )
        for p in kept:
            add(p)
    if errors is None:
        if problems:
            raise problems[0]
    else:
        errors += problems
    return found


_NOT_UTF8 = "the name is not valid UTF-8 (rename it, e.g. convmv -f gbk -t utf-8); not read"


def _utf8(name: str) -> bool:
    """Whether a file name decoded from the file system is valid UTF-8 (no surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _rel(path: str, root: Path) -> str:
    return Path(path).relative_to(root).as_posix()


def _link_problem(p: Path, real_root: Path, root_name: str) -> str | None:
    """Why the link ``p`` may not be followed (None when ``p`` is no link or a link that may be):
    its target must be inside ``real_root`` (the resolved folder being checked, called ``root_name``
    in the message), not hidden there, and a folder or a report by its suffix."""
    if not os.path.islink(p):
        return None
    try:
        target = Path(os.path.realpath(p, strict=True))
    except (OSError, RuntimeError):
        return "broken symbolic link (or a loop of links)"
    if not target.is_relative_to(real_root):
        return (f"symbolic link to {target}, outside {root_name}; not followed (a link is read only when "
                f"its target is inside the folder being checked)")
    hidden = [part for part in target.relative_to(real_root).parts if part.startswith(".")]
    if hidden:
        return f"symbolic link to the hidden path {target}; not followed"
    if not target.is_dir() and not target.name.lower().endswith(SUFFIXES):
        return f"symbolic link to {target}, which is not a report ({', '.join(SUFFIXES)}); not followed"
    return None


def _walk(root: Path, problems: list[IngestError]) -> list[Path]:
    """Report files under ``root``, sorted by relative path; symlinked directories are visited once.

    What cannot be read as a report (see :func:`discover`) is appended to ``problems``.
    """
    out: list[Path] = []
    visited: set[str] = set()
    real_root = Path(os.path.realpath(root))
    todo = [root]
    while todo:
        d = todo.pop()
        real = os.path.realpath(d)
        if real in visited:
            continue
        visited.add(real)
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            problems.append(IngestError(str(d), f"cannot list the folder: {e.strerror or e}", unlisted=True))
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            p = d / e.name
            is_report = e.name.lower().endswith(SUFFIXES)
            if not _utf8(e.name):
                try:
                    if is_report or e.is_dir():
                        problems.append(IngestError(str(p), _NOT_UTF8))
                except OSError:
                    pass
                continue
            try:
                link = e.is_symlink()
                if link and (is_report or e.is_dir()):
                    problem = _link_problem(p, real_root, str(root))
                    if problem is not None:
                        problems.append(IngestError(str(p), problem))
                        continue
                if e.is_dir():
                    subdirs.append(p)
                elif is_report:
                    if e.is_file():
                        out.append(p)
                    else:

                        problems.append(IngestError(str(p), f"not a regular file ({fileio.kind(e.stat().st_mode)})"))
            except OSError as err:
                if is_report or not link:
                    problems.append(IngestError(str(p), f"cannot read: {err.strerror or err}"))
                continue
        todo.extend(reversed(subdirs))
    return sorted(out, key=lambda p: p.relative_to(root).parts)


def _wanted(rel: str, name: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    def hit(globs: Sequence[str]) -> bool:
        return any(fnmatchcase(rel, g) or fnmatchcase(name, g) for g in globs)

    return (not include or hit(include)) and not hit(exclude)


# --------------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------


def load(path: str | Path) -> Document:
    """Read, decode and normalise one report; HTML (``.html``/``.htm``) has its article text extracted.

    Raises :class:`IngestError` for anything that makes the file unreadable as a report.
    """
    name = str(path)
    source, encoding = _read(name)
    return _build(source, name, encoding)


def read_source(path: str | Path) -> str:
    """The decoded text of a report file, as :attr:`Document.source` of :func:`load` (not normalised):
    what the offsets, lines and columns of its facts refer to. Raises :class:`IngestError`."""
    return _read(str(path))[0]


def _read(name: str) -> tuple[str, str]:
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
    """(source, encoding) of a report's bytes, as :func:`load` reads the file ``name``: a Word file's
    text and ``"docx"``, else :func:`decode`. Raises :class:`IngestError`."""
    _check_size(len(data), name)
    if name.lower().endswith(".docx"):
        return _docx_text(data, name), "docx"
    if name.lower().endswith(".pdf"):
        from .ingest_pdf import pdf_text

        return pdf_text(data, name), "pdf"
    return decode(data, name)


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise IngestError(name, f"file too large ({size / 2**20:.1f} MiB; a report is read up to "
                                f"{MAX_BYTES // 2**20} MiB)")


#: Limits on what a .docx file may inflate to (its size on disk is bounded by :data:`MAX_BYTES`): a
#: Word file is a ZIP archive, and a small one can hold gigabytes of XML.
MAX_DOCX_MEMBER = 64 * 2**20  # bytes one member (document.xml …) inflates to
MAX_DOCX_TOTAL = 128 * 2**20  # bytes all members together inflate to
MAX_DOCX_RATIO = 100  # inflated / compressed size of a member over 1 MiB (XML packs about 5 to 20 times)
MAX_DOCX_MEMBERS = 10_000


def _check_docx_archive(data: bytes, path: str) -> None:
    """Refuse a Word file whose members would inflate beyond the limits, before anything is inflated.

    The sizes are those the archive declares; :mod:`zipfile` never inflates a member beyond its declared
    size (a member that holds more fails its CRC check), so they bound what python-docx reads.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise IngestError(path, f"not a readable .docx file ({type(e).__name__})") from None
    if len(members) > MAX_DOCX_MEMBERS:
        raise IngestError(path, f"not a readable .docx file ({len(members)} members; at most "
                                f"{MAX_DOCX_MEMBERS} are read)")
    total = 0
    for m in members:
        if m.file_size > MAX_DOCX_MEMBER:
            raise IngestError(path, f"too large once inflated: member {m.filename!r} inflates to "
                                    f"{m.file_size / 2**20:.0f} MiB (at most {MAX_DOCX_MEMBER // 2**20} MiB)")
        if m.file_size > 2**20 and m.file_size > MAX_DOCX_RATIO * max(1, m.compress_size):
            raise IngestError(path, f"too large once inflated: member {m.filename!r} inflates "
                                    f"{m.file_size // max(1, m.compress_size)} times (at most "
                                    f"{MAX_DOCX_RATIO} times; a ZIP bomb?)")
        total += m.file_size
    if total > MAX_DOCX_TOTAL:
        raise IngestError(path, f"too large once inflated: {total / 2**20:.0f} MiB in all (at most "
                                f"{MAX_DOCX_TOTAL // 2**20} MiB)")


def _local_name(el) -> str:
    """The local name of an XML element; "" for a comment or a processing instruction (whose tag is
    not a string)."""
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _runs_text(el) -> str:
    """The text of the ``w:t`` elements under ``el`` (an unresolved entity reference in one is dropped,
    the text after it kept)."""
    return "".join((t.text or "") + "".join(c.tail or "" for c in t)
                   for t in el.iter() if _local_name(t) == "t")


def _docx_text(data: bytes, path: str) -> str:
    """The text of a Word file: its paragraphs and table cells in document order, a line each.

    For a .docx report, ``source`` (and so every line, column and offset) is this text, not the XML.
    The archive is checked against the inflation limits first; the XML is parsed by lxml without
    XML_PARSE_HUGE (depth at most 256, a text node at most 10 MB) and without resolving entities.
    """
    import io

    from docx import Document as Docx
    from lxml import etree

    _check_docx_archive(data, path)
    try:
        doc = Docx(io.BytesIO(data))
        body = doc.element.body
    except etree.XMLSyntaxError as e:
        raise IngestError(path, f"not a readable .docx file (malformed XML: {e.msg or e})") from None
    except (MemoryError, RecursionError):
        raise
    except Exception as e:  # python-docx answers a broken package in many ways (KeyError, ValueError …)
        raise IngestError(path, f"not a readable .docx file ({type(e).__name__})") from None
    if body is None:
        raise IngestError(path, "not a readable .docx file (no document body)")
    lines: list[str] = []
    for child in body.iterchildren():
        tag = _local_name(child)
        if tag == "p":
            lines.append(_runs_text(child))
        elif tag == "tbl":
            for row in child.iter():
                if _local_name(row) == "tr":
                    cells = [_runs_text(c) for c in row.iterchildren() if _local_name(c) == "tc"]
                    lines.append("\t".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(path, "empty file (no text)")
    return text


def from_text(source: str, path: str = "<string>") -> Document:
    """Normalise an already decoded string into a :class:`Document` (encoding ``'utf-8'``).

    ``source`` is taken as is. If ``path`` ends in ``.html`` or ``.htm`` the string is treated as HTML.
    Raises :class:`IngestError` when nothing is left to read.
    """
    return _build(source, path, "utf-8")


def _build(source: str, path: str, encoding: str) -> Document:
    if path.lower().endswith(_HTML_SUFFIXES):
        s, offs = _html_text(source, path)
        text, offsets = _normalise(s, offs, html_mode=True)
        if not text:
            raise IngestError(path, "HTML page has no article text")
    else:
        text, offsets = _normalise(source, None, html_mode=False)
        if not text:
            raise IngestError(path, "empty file (no text)")
    offsets.append(len(source))
    return Document(path=path, source=source, text=text, offsets=offsets, encoding=encoding)


# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

_ASCII_DIGITS = frozenset("0123456789")
# Digits as they may appear in the source, before full-width folding.
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM = _ASCII_ALNUM | frozenset(chr(ord(c) + 0xFEE0) for c in _ASCII_ALNUM)
# Full-width characters that stay as they are: CJK punctuation and the range marks.
_FULLWIDTH_KEPT = "，；：（）！？－～"
_FULLWIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _FULLWIDTH_KEPT}
# ASCII punctuation that always takes its CJK form (`,` and `:` depend on context).
_ASCII_TO_CJK = {";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
# Characters that end a line.
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Bidirectional controls: invisible, they change how the text around them is displayed (U+202E shows
# "09" for "90"), so that a report can read differently from what it holds. Read as zero-width, as
# the other invisible characters: text that renders the same checks the same.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible characters: removed without ever leaving a space (zero-width spaces and joiners, word
# joiner, invisible operators, BOM, soft hyphen, Mongolian vowel separator and the bidi controls).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e" + BIDI_CONTROLS)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def bidi_controls(source: str, is_html: bool = False) -> list[int]:
    """Offsets in ``source`` of its bidirectional control characters (see :data:`BIDI_CONTROLS`); in
    HTML also of the character references that stand for one (``&#x202E;``, ``&rlm;``)."""
    found = [m.start() for m in _BIDI.finditer(source)]
    if is_html and "&" in source:
        found += [m.start() for m in _ENTITY.finditer(source) if _BIDI.fullmatch(html.unescape(m.group()))]
        found.sort()
    return found


def _char_class(codepoints: list[int]) -> str:
    """A regex character class body covering the given code points as ranges."""
    parts, start, prev = [], None, None
    for cp in sorted(codepoints):
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            parts.append(f"\\u{start:04x}-\\u{prev:04x}")
            start = prev = cp
    if start is not None:
        parts.append(f"\\u{start:04x}-\\u{prev:04x}")
    return "".join(parts)


_FOLD_CLASS = _char_class(list(_FULLWIDTH_FOLD))
_WS_CLASS = r"\s" + "".join(sorted(_INVISIBLE))
# What the normaliser must look at; everything between two matches is copied unchanged.
#   group 1: a URL, kept verbatim;  group 2: a run of whitespace (and, in HTML mode, tag breaks "\0");
#   group 3: a run of full-width characters to fold;  group 4: ASCII punctuation to convert.
_SPECIAL_TEXT = re.compile(rf"(https?://[!-~]+)|([{_WS_CLASS}]+)|([{_FOLD_CLASS}]+)|([,;:()!?])")
_SPECIAL_HTML = re.compile(rf"(https?://[!-~]+)|([{_WS_CLASS}\x00]+)|([{_FOLD_CLASS}]+)|([,;:()!?])")
# Trailing punctuation that ends a sentence rather than belongs to the URL before it.
_URL_TAIL = ".,;:!?)]'\""
# Start of a line that opens a heading or list item (matched on the source, before folding).
_MARKER = re.compile(
    r"""(?:
        [一二三四五六七八九十百零〇]+[、.．]                        # 一、
      | [（(][一二三四五六七八九十百零〇0-9０-９]{1,4}[）)]          # （一） (1)
      | [0-9０-９]{1,3}(?:[、）)]|[.．](?![0-9０-９]))              # 1、 1. 1） but not 8.5
      | 第[一二三四五六七八九十百零〇0-9０-９]                       # 第一 第3
      | [①-⑳⑴-⒇⒈-⒛㈠-㈩]                                        # circled and bracketed numbers
      | [◆◇●○■□▲△▼▽★☆►▶•※◎❖√]                                  # bullets
      | \#{1,6}[ \t] | [-*+][ \t] | > | \|                        # Markdown heading, item, quote, table
    )""",
    re.VERBOSE,
)
_HEADING_MAX_CHARS = 40
_SENTENCE_END = frozenset("。；：！？")
_JOINABLE_PUNCT = frozenset("，、")


def _is_han(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"
        or "\u3400" <= c <= "\u4dbf"
        or "\uf900" <= c <= "\ufaff"
        or "\U00020000" <= c <= "\U0003ffff"
        or c == "〇"
    )


def _normalise(s: str, offs: array | None, html_mode: bool) -> tuple[str, array]:
    """Normalise ``s`` in one pass; return the text and, per character, its offset.

    ``offs[k]`` is the source offset of ``s[k]`` (``None``: ``s`` is the source). In HTML mode ``"\\0"``
    marks a block boundary (a hard line break) and other line breaks are plain whitespace.
    """
    out: list[str] = []
    oo = array("i")
    n = len(s)
    pos = 0
    out_len = 0
    last = ""  # last character written
    line_begin = 0  # out_len where the current output line begins
    line_src = 0  # index in s where the current line's first character is
    search = (_SPECIAL_HTML if html_mode else _SPECIAL_TEXT).search
    wrap = None if html_mode or offs is not None else wrap_width(s)  # a hard-wrapped text: its width
    phys_src = 0  # index in s where the current line of the source begins (wrapped lines count)

    def src(k: int) -> int:
        return k if offs is None else offs[k]

    while True:
        m = search(s, pos)
        i = m.start() if m else n
        if i > pos:  # copy the plain run verbatim
            out.append(s[pos:i])
            oo.extend(range(pos, i) if offs is None else offs[pos:i])
            out_len += i - pos
            last = s[i - 1]
        if m is None:
            break
        j = m.end()
        kind = m.lastindex
        if kind == 1:  # URL: verbatim, minus trailing sentence punctuation
            while j > i + 8 and s[j - 1] in _URL_TAIL:
                j -= 1
            out.append(s[i:j])
            oo.extend(range(i, j) if offs is None else offs[i:j])
            out_len += j - i
            last = s[j - 1]
        elif kind == 2:  # whitespace run
            if out_len == 0:  # leading whitespace: the first line starts after it
                line_src = phys_src = j
            elif j < n:
                breaks, first_break, first_space = _scan_ws(s, i, j, html_mode)
                # a break after a full line of a wrapped text goes, also before 第 (…省委\n第六巡视组)
                wrapped = (wrap is not None and breaks == 1 and (s[j] == "第" or not _MARKER.match(s, j))
                           and wrap.joins(s[phys_src:i], s[first_break + 1 : j]))
                if breaks and wrap is not None:
                    phys_src = j
                    while s[phys_src - 1] not in _BREAKS:  # the line begins after the run's last break
                        phys_src -= 1
                if breaks == 0:
                    if first_space >= 0 and last in _ASCII_ALNUM and s[j] in _ALNUM:
                        out.append(" ")
                        oo.append(src(first_space))
                        out_len += 1
                        last = " "
                elif html_mode or breaks > 1 or not (wrapped or _joins(s, j, last, out_len - line_begin, line_src)):
                    out.append("\n")  # one for the whole run: blank lines collapse
                    oo.append(src(first_break))
                    out_len += 1
                    last = "\n"
                    line_begin = out_len
                    line_src = j
        elif kind == 3:  # full-width ASCII variants
            out.append(m.group().translate(_FULLWIDTH_FOLD))
            oo.extend(range(i, j) if offs is None else offs[i:j])
            out_len += j - i
            last = out[-1][-1]
        else:  # ASCII punctuation
            c = s[i]
            if c == ",":
                thousands = (
                    i > 0
                    and s[i - 1] in _DIGITS
                    and i + 3 < n
                    and s[i + 1] in _DIGITS
                    and s[i + 2] in _DIGITS
                    and s[i + 3] in _DIGITS
                    and not (i + 4 < n and s[i + 4] in _DIGITS)
                )
                c = "," if thousands else "，"
            elif c == ":":
                c = ":" if 0 < i < n - 1 and s[i - 1] in _DIGITS and s[i + 1] in _DIGITS else "："
            else:
                c = _ASCII_TO_CJK[c]
            out.append(c)
            oo.append(src(i))
            out_len += 1
            last = c
        pos = j
    return "".join(out), oo


def _scan_ws(s: str, i: int, j: int, html_mode: bool) -> tuple[int, int, int]:
    """Count line breaks in the whitespace run ``s[i:j]``; return (breaks, first break, first space)."""
    breaks = 0
    first_break = first_space = -1
    after_cr = False
    for k in range(i, j):
        c = s[k]
        if html_mode:
            is_break = c == "\x00"
        else:
            is_break = c in _BREAKS
            if c == "\n" and after_cr:  # "\r\n" is one break
                after_cr = False
                continue
            after_cr = c == "\r"
        if is_break:
            breaks += 1
            if first_break < 0:
                first_break = k
        elif first_space < 0 and c not in _INVISIBLE:
            first_space = k
    return breaks, first_break, first_space


def _joins(s: str, j: int, last: str, line_len: int, line_src: int) -> bool:
    """Whether a single line break before ``s[j]`` breaks a sentence and should be removed.

    ``last`` is the character before the break and the line before it is ``line_len`` characters long
    and starts at ``s[line_src]``. Never joins before a line that opens with an ordinal or list marker.
    """
    if _MARKER.match(s, j):
        return False
    if last in _ASCII_DIGITS and s[j] in _DIGITS:  # a number split across lines: "14\n8户"
        return True
    if not (last in _ASCII_DIGITS or last in _JOINABLE_PUNCT or _is_han(last)):
        return False
    heading = (line_len <= _HEADING_MAX_CHARS and last not in _SENTENCE_END) or _MARKER.match(s, line_src)
    return not heading


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------

# A character reference: decimal, hexadecimal or named (the semicolon is optional, as in browsers).
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
# A tag, honouring quoted attribute values (a quote may not run past the next "<").
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"<]*"|'[^'<]*')*+)>""")
# A tag cut at the first ">" (fallback for an unbalanced quote).
_TAG_LOOSE = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
# One attribute: name and optional value.
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# A Han character, for measuring how much Chinese text a block holds.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# id/class words of page chrome: navigation, breadcrumbs, footers, menus, sidebars, sharing, comments.
_NOISE_WORDS = re.compile(r"nav|breadcrumb|crumb|footer|menu|sidebar|share|comment|copyright", re.IGNORECASE)
# id/class words of the article body on news and government sites (TRS_Editor and zoom: TRS CMS).
_CONTENT_WORDS = re.compile(r"content|article|trs_editor|zoom|text", re.IGNORECASE)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elements whose content is never article text.
_HARD_NOISE = _names(
    "head title script style noscript iframe template svg math object embed select button textarea "
    "audio video canvas map"
)
# Page chrome by element name.
_CHROME = _names("nav header footer aside menu")
_NOISE_ROLES = _names("navigation banner contentinfo complementary search menu menubar form")
# Elements an id/class can never mark as chrome (a page-wide class on them is no signal).
_NEVER_NOISE = _names("#root html body main article")
# Elements whose content the tokenizer skips without parsing tags inside.
_RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes")
_VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
_BLOCK = _names(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul"
)
# A start tag closes these open elements first (unclosed <p>, <li>, <td> ...).
_IMPLIED_CLOSE = {
    "p": frozenset({"p"}),
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "option": frozenset({"option"}),
}
_HEAD_CONTENT = _names("title meta link style script base noscript template")
# Without an article element or class, descend into a container while it holds this share of the text.
_DESCEND_SHARE = 0.6


class _Node:
    """An element of the parsed page; ``items`` are child nodes and text pieces in document order."""

    __slots__ = (
        "chrome",
        "content",
        "depth",
        "end",
        "hard",
        "has_block",
        "in_article",
        "items",
        "noise",
        "own",
        "parent",
        "soft",
        "start",
        "tag",
        "weight",
    )

    def __init__(self, tag: str, parent: _Node | None, start: int) -> None:
        self.tag = tag
        self.parent = parent
        self.items: list = []
        self.start = start  # offset of "<" of the start tag
        self.end = start  # offset of "<" of the tag that closed it
        self.depth = parent.depth + 1 if parent else 0
        self.hard = bool(parent and parent.hard) or tag in _HARD_NOISE
        self.in_article = bool(parent and parent.in_article) or tag in ("article", "main")
        # chrome: always dropped; soft (a <form>, or chrome by id/class/role): dropped unless it holds most
        # of the page's text, as when ASP.NET wraps the whole page in one <form>.
        self.chrome = tag in _CHROME and not (tag == "header" and self.in_article)
        self.soft = tag == "form"
        self.content = False
        self.has_block = False
        self.own = [0, 0]  # Han characters, non-space characters of its own text
        self.weight = 0
        self.noise = False


def _html_text(source: str, path: str) -> tuple[str, array]:
    """Pick the article out of an HTML page; return its text with ``"\\0"`` at block boundaries.

    Also returns, per character, its offset in ``source``.
    """
    root, nodes = _parse_html(source.replace("\x00", " ") if "\x00" in source else source)
    article = _pick_article(root, nodes)
    if article is None:
        raise IngestError(path, "HTML page has no article text")
    parts: list[str] = []
    offs = array("i")
    stack = [(article, 0)]
    while stack:
        node, k = stack[-1]
        if k < len(node.items):
            stack[-1] = (node, k + 1)
            item = node.items[k]
            if isinstance(item, tuple):
                text, start, same = item
                parts.append(text)
                offs.extend([start] * len(text) if same else range(start, start + len(text)))
            elif not item.noise:
                if item.tag in _BLOCK:
                    parts.append("\x00")
                    offs.append(item.start)
                stack.append((item, 0))
        else:
            stack.pop()
            if node.tag in _BLOCK and node is not article:
                parts.append("\x00")
                offs.append(node.end)
    return "".join(parts), offs


def _parse_html(src: str) -> tuple[_Node, list[_Node]]:
    """Tokenize ``src`` into a tree without recursion; tolerate any malformed markup.

    Returns the root and all nodes in document (pre-)order.
    """
    root = _Node("#root", None, 0)
    nodes = [root]
    stack = [root]
    open_count: dict[str, int] = {}
    n = len(src)

    def pop() -> None:
        node = stack.pop()
        open_count[node.tag] -= 1

    def close(tag: str, at: int) -> None:
        while stack[-1].tag != tag:
            stack[-1].end = at
            pop()
        stack[-1].end = at
        pop()

    def add_text(a: int, b: int) -> None:
        chunk = src[a:b]
        top = stack[-1]
        if top.tag == "head" and not chunk.isspace():
            close("head", a)
            top = stack[-1]
        if top.hard:
            return
        if "&" not in chunk:
            top.items.append((chunk, a, False))
        else:
            k = 0
            for m in _ENTITY.finditer(chunk):
                decoded = html.unescape(m.group())
                if decoded == m.group():
                    continue
                if m.start() > k:
                    top.items.append((chunk[k : m.start()], a + k, False))
                top.items.append((decoded, a + m.start(), True))
                k = m.end()
            if k < len(chunk):
                top.items.append((chunk[k:], a + k, False))
        top.own[0] += sum(1 for _ in _HAN.finditer(chunk))
        top.own[1] += len("".join(chunk.split()))

    pos = 0
    while pos < n:
        lt = src.find("<", pos)
        if lt < 0:
            lt = n
        if lt > pos:
            add_text(pos, lt)
        if lt >= n:
            break
        nxt = src[lt + 1 : lt + 2]
        if nxt in ("!", "?"):  # comment, doctype, CDATA, processing instruction
            if src.startswith("<!--", lt):
                e = src.find("-->", lt + 4)
                pos = n if e < 0 else e + 3
            else:
                e = src.find(">", lt + 2)
                pos = n if e < 0 else e + 1
            continue
        m = _TAG.match(src, lt) or _TAG_LOOSE.match(src, lt)
        if m is None:
            if (nxt.isascii() and nxt.isalpha()) or (nxt == "/" and src[lt + 2 : lt + 3].isalpha()):
                break  # a tag cut off by the end of the file
            add_text(lt, lt + 1)  # a stray "<"
            pos = lt + 1
            continue
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if open_count.get(tag):
                close(tag, lt)
                continue
            if tag not in ("br", "p"):
                continue  # an end tag with nothing to close
            attrs = "/"  # a stray </br> or </p> is an empty element: a line break, as in browsers
        if tag in _RAW_TEXT and not attrs.rstrip().endswith("/"):
            end = re.compile(rf"</{re.escape(tag)}[\s/>]", re.IGNORECASE).search(src, pos)
            if end is None:
                break
            gt = src.find(">", end.start())
            pos = n if gt < 0 else gt + 1
            continue
        if open_count.get("head") and tag not in _HEAD_CONTENT:
            close("head", lt)
        implied = _IMPLIED_CLOSE.get(tag)
        while implied and stack[-1].tag in implied:
            stack[-1].end = lt
            pop()
        parent = stack[-1]
        node = _Node(tag, parent, lt)
        if "=" in attrs:
            _classify(node, attrs)
        parent.items.append(node)
        if tag in _BLOCK:
            parent.has_block = True
        nodes.append(node)
        if tag not in _VOID and not attrs.rstrip().endswith("/"):
            stack.append(node)
            open_count[tag] = open_count.get(tag, 0) + 1
    return root, nodes


def _classify(node: _Node, attrs: str) -> None:
    """Mark a node as page chrome or as a likely article container from its id, class and role."""
    names = []
    for m in _ATTR.finditer(attrs):
        key = m.group(1).lower()
        value = m.group(2) or m.group(3) or m.group(4) or ""
        if key in ("id", "class"):
            names.append(value)
        elif key == "role" and value.strip().lower() in _NOISE_ROLES:
            node.soft = True
    words = " ".join(names)
    if words:
        if node.tag not in _NEVER_NOISE and _NOISE_WORDS.search(words):
            node.soft = True
        if _CONTENT_WORDS.search(words):
            node.content = True


def _pick_article(root: _Node, nodes: list[_Node]) -> _Node | None:
    """Choose the element holding the article; ``None`` when the page has no text at all.

    Text is weighed in Han characters (non-space characters on a page without Chinese). Chrome does not
    count: ``nav``, ``header`` (outside an article), ``footer``, ``aside``, ``menu``, and a ``form`` or an
    element whose id/class/role says navigation, footer, sharing ... unless that one holds more than
    half of the page's text (a page wrapped in one ``<form>``). Preference: the heaviest ``<article>``,
    else the heaviest ``<main>``; else the tightest of the heaviest elements whose id/class says
    content/article/TRS_Editor/zoom/text; else the deepest container holding most of the text.
    """
    metric = 0 if any(node.own[0] for node in nodes) else 1
    for node in reversed(nodes):  # children before parents
        if not node.hard:
            node.weight += node.own[metric]
            if node.parent is not None:
                node.parent.weight += node.weight
    total = root.weight
    for node in nodes[1:]:
        node.noise = node.hard or node.chrome or node.parent.noise or (node.soft and 2 * node.weight <= total)
    for node in nodes:  # weigh again without the chrome
        node.weight = 0
    for node in reversed(nodes):
        if not node.noise:
            node.weight += node.own[metric]
            if node.parent is not None:
                node.parent.weight += node.weight
    total = root.weight
    if total == 0:
        return None
    for tag in ("article", "main"):
        found = [x for x in nodes if x.tag == tag and x.weight]
        if found:
            return max(found, key=lambda x: x.weight)
    content = [x for x in nodes if x.content and x.weight]
    if content:
        heaviest = max(x.weight for x in content)
        return max((x for x in content if x.weight >= 0.9 * heaviest), key=lambda x: x.depth)
    node = root
    while True:
        inner = next(
            (
                x
                for x in node.items
                if isinstance(x, _Node) and x.has_block and x.weight >= _DESCEND_SHARE * total
            ),
            None,
        )
        if inner is None:
            return node
        node = inner

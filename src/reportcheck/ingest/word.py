"""Word reports (.docx): their paragraphs and table cells as text, within limits on what the archive
inflates to."""

from __future__ import annotations

from .document import IngestError

#: Limits on what a .docx file may inflate to (its size on disk is bounded by :data:`.MAX_BYTES`): a
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


def docx_text(data: bytes, path: str) -> str:
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

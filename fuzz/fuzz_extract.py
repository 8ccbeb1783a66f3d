"""Fuzz ingest + extraction with atheris (coverage-guided). Run by hand, not in CI:

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=600 -max_len=4096 fuzz/corpus

Every input is read four ways, as a report file would be: as a ``.txt`` and as an ``.html`` report
(decoded, normalised), as the ``word/document.xml`` of an otherwise valid Word file, and as the bytes
of a ``.docx`` file itself (the ZIP archive, its limits and python-docx). Each is extracted into the
fact sheet. IngestError is the expected answer to bytes that are no report; any other exception, any
span that does not index the source exactly, and a text whose invisible bidirectional controls change
what it reads as, are crashes that atheris reports with its input. The seed corpus (fuzz/corpus)
starts from the seed reports, cut into pieces, and Word document parts made from them.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile

import atheris

with atheris.instrument_imports():
    from reportcheck.factsheet import extract_document
    from reportcheck.ingest import BIDI_CONTROLS, IngestError, decode, decode_report, from_text


def _template() -> list[tuple[str, bytes]]:
    """The members of an empty Word file made by python-docx (document.xml is replaced per input)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return [(i.filename, z.read(i)) for i in z.infolist()]


TEMPLATE = _template()
_NO_BIDI = {ord(c): None for c in BIDI_CONTROLS}


def as_docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in TEMPLATE:
            z.writestr(name, document_xml if name == "word/document.xml" else data)
    return out.getvalue()


def check(data: bytes, path: str) -> None:
    try:
        source, encoding = decode_report(data, path) if path.endswith(".docx") else decode(data, path)
        doc = from_text(source, path, encoding)
    except IngestError:
        return
    if not doc.is_html and any(c in source for c in BIDI_CONTROLS):
        # text that renders the same reads the same: the bidi controls change nothing but offsets
        try:
            plain = from_text(source.translate(_NO_BIDI), path, encoding).text
        except IngestError:
            plain = ""
        if plain != doc.text:
            raise AssertionError(f"bidi controls change the text: {doc.text!r} != {plain!r}")
    sheet = extract_document(doc)
    for name, df in sheet.tables.items():
        for row in df.to_dict("records"):
            s, e = int(row["start"]), int(row["end"])
            if doc.source[s:e] != row["raw"]:
                raise AssertionError(f"{name}: span {s}:{e} is {doc.source[s:e]!r}, raw {row['raw']!r}")
            if doc.line_col(s) != (row["line"], row["column"]):
                raise AssertionError(f"{name}: line/column of {s} disagree")
            for m in json.loads(row["members"]):
                if doc.source[m["start"]:m["end"]] != m["text"]:
                    raise AssertionError(f"{name}: member span {m} does not index the source")


def TestOneInput(data: bytes) -> None:
    check(data, "fuzz.txt")
    check(data, "fuzz.html")
    check(as_docx(data), "fuzz.docx")
    check(data, "raw.docx")


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()

"""Fuzz ingest + extraction with atheris (coverage-guided). Run by hand, not in CI:

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=600 -max_len=4096 fuzz/corpus

Every input is decoded as a report file would be (as .txt, and as .html), normalised and extracted into
the fact sheet. IngestError is the expected answer to bytes that are no report; any other exception,
and any span that does not index the source exactly, is a crash that atheris reports with its input.
The seed corpus (fuzz/corpus) starts from the seed reports, cut into pieces.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from reportcheck.factsheet import extract_document
    from reportcheck.ingest import IngestError, _build, decode


def check(data: bytes, path: str) -> None:
    try:
        source, encoding = decode(data, path)
        doc = _build(source, path, encoding)
    except IngestError:
        return
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


def TestOneInput(data: bytes) -> None:  # noqa: N802 (atheris' name)
    check(data, "fuzz.txt")
    check(data, "fuzz.html")


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()

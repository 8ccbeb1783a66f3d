"""The characters no output writes raw, the same for every format (reportcheck.report.escaping)."""

from __future__ import annotations

import json

import pytest

from reportcheck.report.escaping import printable
from reportcheck.report.json_format import dumps

# one of each kind: C1 control (NEL), soft hyphen, zero-width space, right-to-left override, first strong
# isolate, BOM, line separator, a tag character (invisible, beyond the BMP), a lone surrogate
INVISIBLE = ["\x85", "\u00ad", "\u200b", "\u202e", "\u2068", "\ufeff", "\u2028", "\U000e0041", "\udcff"]


@pytest.mark.parametrize("c", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_json_and_the_terminal_escape_the_same_invisible_characters(c):
    text = f"报告{c}.txt"
    assert c not in printable(text)
    out = dumps({"path": text})
    assert c not in out
    out.encode("utf-8")  # even a lone surrogate: escaped, so UTF-8 can write it
    assert json.loads(out) == {"path": text}  # the same JSON value (a tag character as its surrogate pair)


def test_json_keeps_its_own_line_breaks_and_chinese():
    out = dumps({"a": "第一\n第二\t三"})
    assert out == '{\n "a": "第一\\n第二\\t三"\n}'

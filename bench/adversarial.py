"""Regex and algorithm audit by experiment: extraction time on pathological inputs (long runs of digits,
numerals, separators, brackets, a 600 KB line with no break, deep HTML). Every figure should grow about
linearly with the input; a case far slower than its size suggests is catastrophic backtracking or a
quadratic loop. Prints one line per case; no assertion (machines are noisy).

    python bench/adversarial.py
"""

from __future__ import annotations

import time

from reportcheck.factsheet import extract_document
from reportcheck.ingest import from_text

cases = {
 "600 KB line of report text": ("全年共受理群众信访事项1876件，其中来信412件、来访893件、网上信访571件，" * 14000)[:1_000_000],
 "digits": "1" * 200000,
 "cn numerals": "一二三四五六七八九十百千万亿" * 20000,
 "commas digits": "1,234," * 40000,
 "fullwidth commas": "2，895，" * 40000,
 "dots": "1." * 100000,
 "quotes": "“" * 100000 + "四" * 1000,
 "由 repeated": "由" * 100000 + "1个",
 "percent": "百分之" * 50000,
 "spaces digits": "1 2 " * 100000,
 "brackets": "（" * 50000 + "一" + "）" * 50000,
 "list seps": "、" * 200000,
 "date-like": "2014年" * 50000,
 "ordinals": "一是二是三是" * 30000,
 "html nested": "<div>" * 50000 + "全年共受理1876件" + "</div>" * 50000,
}

for name, text in cases.items():
    t = time.time()
    path = "x.html" if name.startswith("html") else "x.txt"
    try:
        doc = from_text(text, path)
        extract_document(doc)
    except Exception as e:
        print("  EXC", type(e).__name__, str(e)[:80])
    print(f"{name:28s} {len(text):>8} chars {time.time()-t:7.2f}s", flush=True)

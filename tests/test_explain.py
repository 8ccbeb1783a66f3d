"""The explain view: sentence by sentence, the quantities read and the relations checked."""

from __future__ import annotations

from reportcheck.report.explain import explain

REPORT = ("关于整改工作的报告\n"
          "镇党委梳理形成为民办实事清单20项，目前已完成16项，完成率85%。\n"
          "全年共受理信访事项120件，其中来信30件、来访90件。\n"
          "一是加强学习。二是改进作风。\n")


def test_explain_shows_quantities_and_relations_per_sentence(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    out = explain(p)
    lines = out.splitlines()
    assert lines[0].endswith("1 error(s), 0 warning(s)")
    block = out[out.index("2:1  镇党委"): out.index("3:1  全年")]
    assert "· 20项" in block and "· 16项" in block and "[84.5, 85.5] %" in block
    assert "✗ RC107 16项 / 20项 = 80% ≠ 85%" in block
    block = out[out.index("3:1  全年"):]
    assert "· 120件" in block and "[total]" in block
    assert "✓ RC101 120件 = 30件 + 90件 = 120" in block
    assert "✓ RC105 marker 二是" in out
    # a sentence without quantities or relations is left out
    assert "关于整改工作的报告" not in out.split("\n", 1)[1]


def test_explain_command(tmp_path):
    import subprocess
    import sys

    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reportcheck", "explain", str(p)], capture_output=True, text=True)
    assert out.returncode == 0 and "✗ RC107" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "reportcheck", "explain", str(tmp_path)], capture_output=True,
                         text=True)
    assert bad.returncode == 2 and "explain takes one report file" in bad.stderr and "Traceback" not in bad.stderr

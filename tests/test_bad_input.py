"""Bad input, table-driven, end to end through the command line: every case gets one clear line naming the
file and the problem, exit code 2 and no traceback; a bad report is status "error" in the JSON while the
good report beside it is checked as usual."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

GOOD = "全年共受理信访事项120件，其中来信30件、来访90件。\n"
REPORT = "关于整改工作的报告\n" + GOOD * 3


def cli(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600, **kw)


def _png(p: Path) -> None:
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def _zip(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.txt", "x" * 100)


def _docx_broken(p: Path) -> None:
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 50)


def _nested_html(p: Path) -> None:
    p.write_text("<html><body>" + "<div>" * 20000 + "<p>" + GOOD + "</p>" + "</div>" * 20000 + "</body></html>",
                 encoding="utf-8")


def _malformed_html(p: Path) -> None:
    p.write_text("<html><body><div class=article><p>" + GOOD + "<p><b>未闭合<table><tr><td>" + GOOD
                 + "</div></span></html>", encoding="utf-8")


def _docx_good(p: Path) -> None:
    import docx

    d = docx.Document()
    for line in REPORT.splitlines():
        d.add_paragraph(line)
    d.save(p)


def _huge(p: Path) -> None:
    with open(p, "w", encoding="utf-8") as f:
        chunk = GOOD * 1000
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)


# name, how to make it, expected status of the bad report ("error" or a checked status), message part
REPORT_CASES = [
    ("empty.txt", lambda p: p.write_bytes(b""), "error", "empty file"),
    ("blank.txt", lambda p: p.write_bytes(b" \n\t\r\n"), "error", "empty file"),
    ("image.txt", _png, "error", "binary file (PNG"),
    ("archive.md", _zip, "error", "binary file (ZIP"),
    ("nul.txt", lambda p: p.write_bytes(GOOD.encode() + b"\x00\x00abc"), "error", "binary file"),
    ("invalid-utf8.txt", lambda p: p.write_bytes(b"\xff\xfe\xfd" * 3 + b"\xc3\x28" * 50), "error", "cannot decode"),
    ("mixed.txt", lambda p: p.write_bytes(GOOD.encode("utf-8") * 20 + GOOD.encode("gb18030")), "error",
     "cannot decode"),
    ("utf16.txt", lambda p: p.write_bytes(REPORT.encode("utf-16")), "passed", ""),
    ("gb18030.txt", lambda p: p.write_bytes(REPORT.encode("gb18030")), "passed", ""),
    ("huge.txt", _huge, "error", "file too large"),
    ("longline.txt", lambda p: p.write_text(("全年共受理信访事项120件，其中来信30件、来访90件，" + "坚持问题导向，" * 40)
                                            * 3000, encoding="utf-8"), "passed", ""),
    ("nested.html", _nested_html, "passed", ""),
    ("malformed.html", _malformed_html, "passed", ""),
    ("noarticle.html", lambda p: p.write_text("<html><head><script>var a=1;</script></head><body><nav>首页</nav>"
                                              "</body></html>", encoding="utf-8"), "error", "no article text"),
    ("report.docx", _docx_good, "passed", ""),
    ("broken.docx", _docx_broken, "error", "not a readable .docx file"),
]


@pytest.mark.parametrize("name, make, status, message", REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_a_bad_report_is_an_error_and_the_good_one_is_still_checked(tmp_path, name, make, status, message):
    good = tmp_path / "good.txt"
    good.write_text(REPORT.replace("来访90件", "来访80件"), encoding="utf-8")  # one sum_mismatch to find
    bad = tmp_path / name
    make(bad)
    out = cli("check", str(good), str(bad), "--format", "json")
    assert "Traceback" not in out.stderr
    data = json.loads(out.stdout)
    by_path = {Path(r["path"]).name: r for r in data["reports"]}
    assert by_path["good.txt"]["status"] == "failed"
    assert [f["rule"] for f in by_path["good.txt"]["findings"]] == ["RC101"] * 3
    assert by_path[name]["status"] == status
    if status == "error":
        assert out.returncode == 2
        assert message in by_path[name]["error"] and name in by_path[name]["error"]
        lines = [x for x in out.stderr.splitlines() if name in x]
        assert len(lines) == 1 and message in lines[0]
    else:
        assert out.returncode == 1


def test_an_unreadable_file(tmp_path):
    # a file that opens but cannot be read, whoever runs the test (root reads a chmod 000 file); named
    # directly (a link to it would be refused: it leads out of the folder)
    p = Path("/proc/self/mem")
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    out = cli("check", str(tmp_path / "good.txt"), str(p), "--format", "json")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == [f"reportcheck: {p}: cannot read: Input/output error"]
    assert [r["status"] for r in json.loads(out.stdout)["reports"]] == ["passed", "error"]


USAGE_CASES = [
    ("missing path", lambda d: ["check", str(d / "nope.txt")], "nope.txt: no such file or directory"),
    ("directory without reports", lambda d: (d / "empty").mkdir() or ["check", str(d / "empty")], "no reports"),
    ("symlink loop", lambda d: ((d / "loop").mkdir(), (d / "loop" / "self").symlink_to(d / "loop"))
     and ["check", str(d / "loop")], "no reports"),
    ("broken suite JSON", lambda d: _checks(d, "{not json"), "invalid JSON at line 1"),
    ("unknown expectation type", lambda d: _checks(d, json.dumps({"expectations": [
        {"type": "expect_column_values_to_be_pink", "kwargs": {"column": "total"}, "meta": {"rule": "RC101"}}]})),
     "expect_column_values_to_be_pink"),
    ("bad config value", lambda d: (d / "reportcheck.toml").write_text('fail-on = "sometimes"\n') and
     ["check", str(d / "good.txt"), "--config", str(d / "reportcheck.toml")], "fail-on"),
    ("output directory not writable", lambda d: ["check", str(d / "good.txt"), "--html", str(d / "good.txt" / "out")],
     "good.txt"),
    ("output file not writable", lambda d: ["check", str(d / "good.txt"), "--format", f"json:{d / 'good.txt' / 'x.json'}"],
     "good.txt"),
]


def _checks(d: Path, suite: str) -> list[str]:
    (d / "suite.json").write_text(suite, encoding="utf-8")
    (d / "checks.json").write_text(json.dumps({"checks": [{"table": "breakdowns", "suite": "suite.json"}]}),
                                   encoding="utf-8")
    return ["check", str(d / "good.txt"), "--checks", str(d / "checks.json")]


@pytest.mark.parametrize("name, args, message", USAGE_CASES, ids=[c[0] for c in USAGE_CASES])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, name, args, message):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    out = cli(*args(tmp_path), cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    err = [x for x in out.stderr.splitlines() if x.strip()]
    assert len(err) == 1 and message in err[0], out.stderr

"""Hostile input, table-driven, end to end through the command line, as an attacker of a CI gate would
send it: links out of the tree, devices and FIFOs, names that are terminal or workflow commands,
invisible characters that change what a figure looks like, archives that inflate to gigabytes, XML
nested too deep, configuration files built to crash the parser, options that are git options.

Every case runs ``reportcheck`` in a child process whose address space the test limits (RLIMIT_AS, set
in the child before it starts) and whose run is bounded by a generous subprocess timeout (no timed
assertion): a case that needs more memory or hangs fails. Each asserts the exit code, that no traceback
is printed, that stderr has exactly one line naming the hostile file, and, for reports, that the good
report beside it still gets its result (one RC101 finding).
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# one contradiction (120 ≠ 30 + 80): a report that is read gets exactly one RC101 finding
BAD_SUM = "全年共受理信访事项120件，其中来信30件、来访80件。"
GOOD = "关于整改工作的报告\n" + BAD_SUM + "\n"
CHILD_MEMORY = 3 * 2**30  # address space of every process of the run (the workers' own limit is lower)
SECRET = "ghp_hostileTestTokenNotARealOne0123456789"


def cli(*args: str, cwd: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))

    env = {**os.environ, "CI": "1", **(extra_env or {})}
    env.pop("REPORTCHECK_DEBUG", None)
    out = subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, cwd=cwd,
                         timeout=300, preexec_fn=limit, env=env)
    return subprocess.CompletedProcess(out.args, out.returncode,
                                       out.stdout.decode("utf-8", "surrogateescape"),
                                       out.stderr.decode("utf-8", "surrogateescape"))


# ------------------------------------------------------------------------------------ Word files

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
RUN = f"<w:p><w:r><w:t>{BAD_SUM}</w:t></w:r></w:p>"


def _docx_with(document_xml: bytes, extra: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """A Word file made by python-docx with its word/document.xml replaced (and members added)."""
    import docx

    d = docx.Document()
    d.add_paragraph("x")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, document_xml if info.filename == "word/document.xml" else src.read(info))
        for name, data in extra:
            z.writestr(name, data)
    return out.getvalue()


def _body(body: str, prolog: str = "") -> bytes:
    return f'{prolog}<w:document {W}><w:body>{body}</w:body></w:document>'.encode()


def _docx(body: str, prolog: str = ""):
    return lambda p: p.write_bytes(_docx_with(_body(body, prolog)))


def _docx_text_node(p: Path, mib: int) -> None:
    """A Word file whose document.xml is one text node of ``mib`` MiB, written as it is compressed."""
    head, tail = _body("<w:p><w:r><w:t>@</w:t></w:r></w:p>").split(b"@")
    import docx

    d = docx.Document()
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head)
            chunk = "数".encode() * (2**20 // 3)
            for _ in range(mib):
                f.write(chunk)
            f.write(tail)


def _docx_random_text(p: Path) -> None:
    """A text node of 12 MB that does not compress: within the inflation limits, over libxml2's."""
    r = random.Random(13)
    text = "".join(chr(0x4E00 + r.randrange(20000)) for _ in range(4 * 2**20))
    p.write_bytes(_docx_with(_body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")))


def _docx_bomb(p: Path) -> None:
    """1.2 GB of XML packed into about a megabyte per member … here 8 MiB of zeros (ratio ~1000)."""
    p.write_bytes(_docx_with(_body(RUN), extra=(("word/media/bomb.xml", b"\0" * (8 * 2**20)),)))


NESTED_TABLES = "<w:tbl><w:tr><w:tc>" * 300 + RUN + "</w:tc></w:tr></w:tbl>" * 300
XXE = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "ha">'
          + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)) + "]>")


# ------------------------------------------------------------------------------------- the table

def _link(target: str):
    return lambda p: p.symlink_to(target)


def _secret_link(p: Path) -> None:
    git = p.parent.parent / ".git"
    git.mkdir(exist_ok=True)
    (git / "config").write_text(f'[http]\n\textraheader = "AUTHORIZATION: basic {SECRET}"\n')
    p.symlink_to("../.git/config")


def _hidden_inside(p: Path) -> None:
    hidden = p.parent / ".secrets"
    hidden.mkdir()
    (hidden / "token.txt").write_text(f"{BAD_SUM}{SECRET}\n", encoding="utf-8")
    p.symlink_to(".secrets/token.txt")


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _too_deep(p: Path) -> Path:
    """Folders nested past PATH_MAX, with a report at the bottom; returns the first folder that
    cannot be listed."""
    d = p
    d.mkdir()
    fd = os.open(d, os.O_RDONLY)
    parts = [p]
    try:
        for _ in range(20):  # 20 × 251 characters > 4096
            os.mkdir("d" * 250, dir_fd=fd)
            nfd = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
            parts.append(Path("d" * 250))
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w", encoding="utf-8") as f:
            f.write(GOOD)
    finally:
        os.close(fd)
    return p


def _sparse(p: Path) -> None:
    with open(p, "wb") as f:
        f.truncate(10 * 2**30)  # 10 GiB that take no disk: refused by its size, never read


def _bidi_html(p: Path) -> None:
    p.write_text("<html><body><article><p>全年共受理信访事项&#x202E;120&#x202C;件，其中来信30件、来访80件。"
                 "</p></article></body></html>", encoding="utf-8")


# name, how to make it (in the folder checked, beside good.txt), extra arguments, the bad report's
# status, what its one stderr line says (None: no line; a status other than "error" is read as a report)
REPORT_CASES = [
    # links: never read through a link leaving the tree (here a token in .git/config)
    ("secret-link.txt", _secret_link, (), "error", "outside"),
    ("absolute-link.txt", _link("/etc/passwd"), (), "error", "outside"),
    ("hidden-link.txt", _hidden_inside, (), "error", "hidden path"),
    ("broken-link.txt", _link("nowhere.txt"), (), "error", "broken symbolic link"),
    ("zero-link.txt", _link("/dev/zero"), (), "error", "outside"),
    # devices and FIFOs: never read, never waited on (also with no time limit)
    ("fifo.txt", _fifo, ("--timeout", "0"), "error", "not a regular file (a FIFO)"),
    # sizes: a sparse 10 GiB file, a report that needs more memory than a worker may have
    ("sparse.txt", _sparse, (), "error", "file too large"),
    ("memory.txt", lambda p: p.write_text(("全年共受理信访事项120件，其中来信30件、来访90件；" * 40 + "\n") * 3000,
                                          encoding="utf-8"), ("--memory-limit", "300"), "error", "out of memory"),
    # Word files
    ("comment-in-run.docx", _docx("<w:p><w:r><!-- c --><w:t>全年共受理信访事项120件，</w:t><?pi x?></w:r>"
                                  "<!-- c --><w:r><w:t>其中来信30件、来访80件。</w:t></w:r></w:p><!-- c -->"),
     (), "failed", None),
    ("xxe.docx", _docx("<w:p><w:r><w:t>&x;" + BAD_SUM + "</w:t></w:r></w:p>", XXE), (), "failed", None),
    ("malformed.docx", lambda p: p.write_bytes(_docx_with(f"<w:document {W}><w:body><w:p><w:t>".encode())),
     (), "error", "malformed XML"),
    ("nested-tables.docx", _docx(NESTED_TABLES), (), "error", "Excessive depth"),
    ("laughs.docx", _docx("<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>", LAUGHS), (), "error", "malformed XML"),
    ("bomb.docx", _docx_bomb, (), "error", "inflates"),
    ("text-node-300mb.docx", lambda p: _docx_text_node(p, 300), (), "error", "too large once inflated"),
    ("text-node-12mb.docx", _docx_random_text, (), "error", "Text node too long"),
    # invisible bidi controls around a figure: read as absent (the contradiction is found), with a notice
    ("bidi.txt", lambda p: p.write_text("全年共受理信访事项\u202e120\u202c件，其中来信\u206630\u2069件、来访80件。",
                                        encoding="utf-8"), (), "failed", "bidirectional control"),
    ("bidi.html", _bidi_html, (), "failed", "bidirectional control"),
    # markup that shows 80 as 08: read as written, with a notice
    ("bdo.html", lambda p: p.write_text("<html><body><p>全年共受理信访事项120件，其中来信30件、来访"
                                        "<bdo dir=rtl>80</bdo>件。</p></body></html>", encoding="utf-8"),
     (), "failed", "displays text in another order"),
]


@pytest.mark.parametrize("name, make, args, status, message", REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_a_hostile_report_is_one_error_and_the_good_one_is_still_checked(tmp_path, name, make, args, status,
                                                                       message):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    make(d / name)
    html = tmp_path / "html"
    out = cli("check", "reports", "--format", "json", "--html", str(html), "--jobs", "2", *args, cwd=tmp_path)
    assert "Traceback" not in out.stderr, out.stderr
    reports = {Path(r["path"]).name: r for r in json.loads(out.stdout)["reports"]}
    assert reports["good.txt"]["status"] == "failed"
    assert [f["rule"] for f in reports["good.txt"]["findings"]] == ["RC101"]
    bad = reports[name]
    assert bad["status"] == status, bad
    lines = [x for x in out.stderr.splitlines() if name in x]
    if message is None:
        assert lines == []
    else:
        assert len(lines) == 1 and message in lines[0], out.stderr
    if status == "error":
        assert out.returncode == 2
        assert message in bad["error"] and name in bad["error"]
    else:
        assert out.returncode == 1
        assert [f["rule"] for f in bad["findings"]] == ["RC101"]  # read as it renders
    published = out.stdout + out.stderr + "".join(p.read_text("utf-8") for p in html.rglob("*.html"))
    assert SECRET not in published and "root:x:0:0" not in published


def test_bidi_controls_are_a_warning_annotation_in_github_format(tmp_path):
    (tmp_path / "bidi.txt").write_text("全年共受理信访事项\u202e120\u202c件，其中来信30件、来访80件。", encoding="utf-8")
    out = cli("check", "bidi.txt", "--format", "github", cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == ("::warning file=bidi.txt,title=reportcheck note::bidi.txt: holds 2 invisible bidirectional "
                        "control character(s) (the first, U+202E, at line 1, column 10); they are read as absent")
    assert lines[1].startswith("::error file=bidi.txt,line=1,col=11,") and "\u202e" not in out.stdout


def test_links_inside_the_tree(tmp_path):
    """A link to a report of the tree reads that report once, by its own name; a link to a file that is
    not a report (a credentials file a CI step left in the work tree) is refused, also named directly."""
    from reportcheck.ingest import IngestError, discover

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to("good.txt")
    (tmp_path / "creds.json").write_text('{"token": "x"}', encoding="utf-8")
    (tmp_path / "creds.txt").symlink_to("creds.json")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    errors: list[IngestError] = []
    assert discover([tmp_path], errors=errors) == [tmp_path / "good.txt"]
    assert [(Path(e.path).name, "not a report" in e.problem) for e in errors] == [("creds.txt", True)]
    errors = []
    assert discover([tmp_path / "creds.txt", tmp_path / "alias.txt"], errors=errors) == [tmp_path / "alias.txt"]
    assert [Path(e.path).name for e in errors] == ["creds.txt"]


def test_a_report_whose_fact_rows_are_too_large_is_an_error(tmp_path, monkeypatch):
    """The calling process holds every report's rows: a worker sends back at most MAX_RESULT_BYTES."""
    from reportcheck import workers

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "big.txt").write_text(GOOD * 40, encoding="utf-8")  # 40 repeats of one figure …
    monkeypatch.setattr(workers, "MAX_RESULT_BYTES", 20_000)  # … over a limit the forked worker inherits
    with workers.Extraction([tmp_path / "good.txt", tmp_path / "big.txt"], {"repeats", "breakdowns"},
                            jobs=1) as ex:
        got = {i: (sheet is not None, error) for i, sheet, error in ex.results()}
    assert got[0] == (True, None)
    assert got[1][0] is False and got[1][1].startswith(f"{tmp_path / 'big.txt'}: its fact rows take ")
    assert got[1][1].endswith("MiB (at most 0 MiB per report); not checked")


def test_a_fifo_or_a_device_named_on_the_command_line(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    out = cli("check", "good.txt", "fifo.txt", "/dev/zero", "--timeout", "0", "--format", "json", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.splitlines() == ["reportcheck: fifo.txt: not a regular file (a FIFO)",
                                       "reportcheck: /dev/zero: not a regular file (a character device)"]
    assert [r["status"] for r in json.loads(out.stdout)["reports"]] == ["failed", "error", "error"]


def test_a_path_longer_than_the_system_allows(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "good.txt").write_text(GOOD, encoding="utf-8")
    _too_deep(tmp_path / "reports" / "deep")
    out = cli("check", "reports", "--format", "json", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reportcheck: reports/deep/")
    assert lines[0].endswith(": cannot list the folder: File name too long")
    reports = json.loads(out.stdout)["reports"]
    assert [r["status"] for r in reports] == ["failed", "error"]


def test_an_unreadable_folder_is_one_error(tmp_path, monkeypatch):
    """In-process (root reads a chmod 000 folder): the folder that cannot be listed is an error."""
    from reportcheck.pipeline import run

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "r.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run([tmp_path])
    assert [(Path(r.path).name, r.status) for r in result.reports] == [("good.txt", "failed"), ("locked", "error")]
    assert result.reports[1].error == f"{tmp_path / 'locked'}: cannot list the folder: Permission denied"


# ------------------------------------------------------------------------- names that are commands

NAME_CASES = [
    ("workflow-command", "a\n::warning file=x.txt::pwned.txt", "\n::warning"),
    ("ansi", "b\x1b[2J\x1b]0;owned\x07.txt", "\x1b"),
    ("bidi", "c\u202eevil.txt", "\u202e"),
    ("carriage-return", "d\r::error::fake.txt", "\r::error"),
]


@pytest.mark.parametrize("name, raw", [c[1:] for c in NAME_CASES], ids=[c[0] for c in NAME_CASES])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_file_name_never_reaches_a_terminal_or_a_log_raw(tmp_path, name, raw, fmt):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / name).write_text(GOOD, encoding="utf-8")
    os.mkfifo(d / f"{name}.md")  # and an error line naming it
    out = cli("check", "reports", "--format", fmt, cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    for stream in (out.stdout, out.stderr):
        assert raw not in stream
        assert not any(line.startswith(("::warning file=x", "::error::fake")) for line in stream.splitlines())
    assert len(out.stderr.splitlines()) == 1 and "not a regular file" in out.stderr
    assert out.stdout.count(": RC101 sum-mismatch" if fmt == "text" else "::error file=reports/") == 2 + (fmt == "github")


def test_a_file_name_that_is_not_utf8(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(d), "报告.txt".encode("gbk")), "w", encoding="utf-8") as f:
        f.write(GOOD)
    for fmt in ("json", "sarif", "text"):
        out = cli("check", "reports", "--format", fmt, "--html", "html", cwd=tmp_path)
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert [x for x in out.stderr.splitlines() if not x.startswith("HTML report: ")] == [("reportcheck: reports/\\udcb1\\udca8\\udcb8\\udce6.txt: the name is not "
                                           "valid UTF-8 (rename it, e.g. convmv -f gbk -t utf-8); not read")]
    assert "RC101" in out.stdout


# --------------------------------------------------------------- configuration, options, output

def _nested_toml(p: Path) -> list[str]:
    p.write_text("[tool.reportcheck]\nextra-words = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    return ["--config", p.name]


def _inline_tables_toml(p: Path) -> list[str]:
    p.write_text("[tool.reportcheck]\nfail-on = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", encoding="utf-8")
    return ["--config", p.name]


def _gbk_toml(p: Path) -> list[str]:
    p.write_bytes('[tool.reportcheck]\nextra-words = ["双服务"]\n'.encode("gbk"))
    return ["--config", p.name]


def _fifo_option(option: str):
    def make(p: Path) -> list[str]:
        os.mkfifo(p)
        return [option, p.name]
    return make


def _baseline(content: str):
    def make(p: Path) -> list[str]:
        p.write_text(content, encoding="utf-8")
        return ["--baseline", p.name]
    return make


def _suite(content: str | None):
    def make(p: Path) -> list[str]:
        if content is None:
            os.mkfifo(p)
        else:
            p.write_text(content, encoding="utf-8")
        (p.parent / "checks.json").write_text(json.dumps({"checks": [{"table": "breakdowns", "suite": p.name}]}))
        return ["--checks", "checks.json"]
    return make


DEEP_JSON = "[" * 100_000 + "]" * 100_000
ENTRY = '{"fingerprint": "x", "path": "good.txt", "rule": "RC101", "line": 1e400, "message": "m"}'

# name, file name, how to make it (returns the arguments naming it), what the one stderr line says
USAGE_CASES = [
    ("toml nested arrays", "pyproject.toml", _nested_toml, "nested too deeply"),
    ("toml nested inline tables", "pyproject.toml", _inline_tables_toml, "nested too deeply"),
    ("toml not UTF-8", "pyproject.toml", _gbk_toml, "not valid UTF-8"),
    ("config FIFO", "reportcheck.toml", _fifo_option("--config"), "not a regular file (a FIFO)"),
    ("baseline FIFO", "baseline.json", _fifo_option("--baseline"), "not a regular file (a FIFO)"),
    ("baseline nested", "baseline.json", _baseline(DEEP_JSON), "nested too deeply"),
    ("baseline 1e400", "baseline.json",
     _baseline('{"schema": "reportcheck-baseline/v1", "findings": [' + ENTRY + "]}"), "findings[0]"),
    ("suite nested", "suite.json", _suite(DEEP_JSON), "nested too deeply"),
    ("suite FIFO", "suite.json", _suite(None), "not a regular file (a FIFO)"),
    ("jobs beyond the open-file limit", "--jobs", lambda p: ["--jobs", "10000000"], "open-file limit"),
    ("timeout that cannot be enforced", "--timeout", lambda p: ["--timeout", "0.001"], "shorter than can be enforced"),
    ("changed-since as a git option", "--output=", lambda p: ["--changed-since", "--output=/tmp/pwned"],
     "not a git ref"),
]


@pytest.mark.parametrize("name, filename, make, message", USAGE_CASES, ids=[c[0] for c in USAGE_CASES])
def test_hostile_configuration_and_options_are_one_line_errors(tmp_path, name, filename, make, message):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    args = make(tmp_path / filename)
    out = cli("check", "good.txt", *args, "--timeout", "0", cwd=tmp_path) if "--timeout" not in args \
        else cli("check", "good.txt", *args, cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and filename in lines[0] and message in lines[0], out.stderr
    assert not Path("/tmp/pwned").exists()


def test_html_never_replaces_a_folder_holding_inputs(tmp_path):
    """A committed marker used to make --html DIR replace an input folder: its reports were deleted."""
    d = tmp_path / "reports"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / ".reportcheck-html").write_text("written by reportcheck check --html; replaced by the next run. "
                                         "Files:\ngood.txt\n", encoding="utf-8")
    # the folder given: discovery never reads a folder holding the marker (issue 16), so nothing is run
    out = cli("check", "reports", "--html", "reports", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(out.stderr.splitlines()) == 1 and "no reports found" in out.stderr
    # the report named: it is read, and the folder holding it is never replaced
    for target in ("reports", "."):
        out = cli("check", "reports/good.txt", "--html", target, cwd=tmp_path)
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert len(out.stderr.splitlines()) == 1 and "an input of this run; not replacing it" in out.stderr
        assert (d / "good.txt").read_text(encoding="utf-8") == GOOD


def test_html_replaces_only_exactly_an_earlier_report(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert cli("check", "good.txt", "--html", "site", cwd=tmp_path).returncode == 1
    assert cli("check", "good.txt", "--html", "site", cwd=tmp_path).returncode == 1  # its own: replaced
    (tmp_path / "site" / "reports" / "thesis.txt").write_text("years of work", encoding="utf-8")
    out = cli("check", "good.txt", "--html", "site", cwd=tmp_path)
    assert out.returncode == 2 and "not exactly an earlier reportcheck HTML report" in out.stderr
    assert (tmp_path / "site" / "reports" / "thesis.txt").exists()

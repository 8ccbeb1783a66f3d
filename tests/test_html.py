"""HTML output (``check --html DIR``): the files written, and the pages as headless Chromium shows them.

The browser tests open the pages from file:// with the network cut off (http(s) goes to a dead proxy,
no host name resolves) and read the rendered page over the DevTools protocol: the visible text, the
requests the page made, its errors. They skip when Chromium is missing, except in CI (``CI`` set),
where .ci/run installs it and a missing browser is a failure.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path, PurePosixPath

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from reportcheck import background, exitcodes
from reportcheck.cli import app
from reportcheck.pipeline import run
from reportcheck.report import datadocs, html

SEED_003 = "003_2a5315d4f9a02ca3"
PWNED = "pwned"
# a report that tries to run code in the page, in its text, in a finding's excerpt and in its file name
EVIL_TEXT = ("关于整改工作的报告\n"
             "全年共查处问题12个，其中违纪问题5个、违规问题4个。\n"
             "一是加强学习。二是完善制度。二是<script>document.title='pwned'</script>"
             "<img src=x onerror=\"document.title='pwned'\">强化监督。\n")
EVIL_NAME = "evil<b>x.txt"
# an outside load or link in a written file: src=/href= or a CSS url()
EXTERNAL = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*|url\(\s*["']?)(?:https?:)?//""", re.IGNORECASE)

runner = CliRunner()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The seeds, a report with markup in it and an unreadable (empty) one."""
    d = tmp_path_factory.mktemp("reports")
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, d / f.name)
    (d / EVIL_NAME).write_text(EVIL_TEXT, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    return d


@pytest.fixture(scope="module")
def site(reports, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "site"
    assert html.write(run([reports], keep_source=True), out) == out / "index.html"
    return out


def _page_of(site: Path, name: str) -> Path:
    index = (site / "index.html").read_text(encoding="utf-8")
    href = re.search(r'href="(reports/[^"]+)">[^<]*' + re.escape(name), index).group(1)
    return site / href


# ------------------------------------------------------------------------------------------- files


def test_index_lists_every_report_with_status_and_counts(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"7 report\(s\): \d+ passed, \d+ failed, 1 unreadable", index)
    row = re.search(rf"<tr class=\"failed\">.*?{SEED_003}.*?</tr>", index).group(0)
    assert re.search(r'<td class="n">1</td><td class="n">\d+</td><td class="n">\d+</td>', row), row
    err = re.search(r'<tr class="error">.*?</tr>', index).group(0)
    assert "empty.txt" in err and "empty file" in err and "<a " not in err
    assert 'href="gx/index.html"' in index


def test_report_page_has_finding_arithmetic_verified_and_text(site):
    page = _page_of(site, SEED_003).read_text(encoding="utf-8")
    assert "RC105" in page and "marker 七是: value 7, expected 8" in page
    assert re.search(r'<span class="ok">✓</span> <span class="rule">RC101</span>.*137', page)
    # the duplicated 七是 is marked in the text as an error and links to its finding
    assert re.search(r'<span class="anchor" id="at-f\d+"></span><mark class="error"[^>]*><a href="#finding-\d+">七是</a>',
                     page)
    text = (SEEDS / f"{SEED_003}.txt").read_text(encoding="utf-8")
    assert page.count('<div class="line"') == len(re.findall(r"\r\n?|\n", text)) + 1
    assert re.search(r'href="\.\./gx/validations/sequences/[^"]+\.html"', page)


def test_index_failed_first_then_every_finding_and_charts(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    table = index[index.index('<table class="reports">'):index.index("</table>")]
    statuses = re.findall(r'<tr class="(\w+)">', table)
    assert statuses[0] == "failed" and statuses == sorted(statuses, key=["failed", "error", "passed"].index)
    findings = index[index.index('<table class="findings">'):]
    rows = re.findall(r'<tr class="(error|warning)">.*?<a href="(reports/[^"#]+)#(finding-\d+)">(\d+)</a>', findings)
    total = sum(len(re.findall(r'<li class="finding ', p.read_text(encoding="utf-8")))
                for p in (site / "reports").glob("*.html"))
    assert len(rows) == total > 0
    for _, page, anchor, line in rows:  # each links to its finding, whose line it shows
        target = (site / page).read_text(encoding="utf-8")
        card = re.search(rf'<li class="finding \w+" id="{anchor}">.*?</li>', target, re.DOTALL).group(0)
        assert f"line {line}," in card
    svgs = re.findall(r"<svg [^>]*>.*?</svg>", index, re.DOTALL)
    assert len(svgs) == 2 and all('role="img"' in x and "<rect" in x for x in svgs)
    assert "<script" not in index.lower()


def test_report_page_findings_first_with_places_and_only_numbers_shaded(site):
    page = _page_of(site, SEED_003).read_text(encoding="utf-8")
    assert page.index('id="findings"') < page.index('id="text"') < page.index('id="verified"')
    card = re.search(r'<li class="finding error" id="finding-1">.*?</li>\n', page, re.DOTALL).group(0)
    assert '<mark class="error">七是</mark>' in card  # the number marked inside the card
    places = re.findall(r'<span class="role">(\w+)</span> <q>七是</q> <a href="#L(\d+)">\d+:(\d+)</a>', card)
    assert [p[0] for p in places] == ["previous", "marker"] and places[0][2] != places[1][2]
    assert "← previous" in card and "next →" in card
    text = page[page.index('id="text"'):page.index('id="verified"')]
    shaded = re.findall(r'<mark class="pass"[^>]*><a [^>]*>([^<]*)</a></mark>', text)
    assert shaded and max(len(x) for x in shaded) <= 20, max(shaded, key=len)  # numbers, not sentences
    assert re.search(r'<details class="verified"><summary>.*RC101', page)


def test_data_docs_rows_show_report_line_excerpt_and_link_back(site):
    validation = next((site / "gx" / "validations" / "sequences").rglob("*.html"))
    doc = validation.read_text(encoding="utf-8")
    for column in ("report", "line", "excerpt"):
        assert re.search(rf"<th\s*>\s*{column}\s*</th>", doc), column
    link = re.search(r'<a href="((?:\.\./)+reports/[^"#]+)#L(\d+)">[^<]*003_2a5315d4f9a02ca3\.txt</a>', doc)
    assert link and (validation.parent / link.group(1)).resolve().is_file()
    assert "七是创新思路" in doc


def test_everything_from_a_report_is_escaped(site):
    page = _page_of(site, "evil&lt;b&gt;x.txt").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    for f in site.rglob("*.html"):
        content = f.read_text(encoding="utf-8")
        assert "<script>document.title" not in content and "<img src=x" not in content, f
        assert "evil<b>" not in content, f


def test_nothing_is_loaded_from_outside(site):
    written = [f for f in site.rglob("*") if f.suffix in (".html", ".css", ".js")]
    assert len(written) > 10
    for f in written:
        if "vendor" not in f.parts:  # the vendored files are unchanged upstream copies
            m = EXTERNAL.search(f.read_text(encoding="utf-8"))
            assert m is None, f"{f}: {f.read_text(encoding='utf-8')[m.start():m.start() + 120]}"


def test_data_docs_need_no_asset_without_an_offline_copy(reports, tmp_path):
    result = run([reports])
    built = datadocs.build(result.validations, result.suites, tmp_path / "gx")
    assert built.left_out == []
    assert set(built.validation_pages) >= {"sequences", "part_whole"}
    pages = list((tmp_path / "gx").rglob("*.html"))
    # vega (charts) is the one library left out: no page may draw a chart
    assert pages and not any("vegaEmbed" in p.read_text(encoding="utf-8") for p in pages)
    for rel in built.validation_pages.values():
        assert (tmp_path / "gx" / rel).is_file()


def test_data_docs_rows_link_back_for_a_name_with_control_characters(tmp_path):
    """The Data Docs rows and the report pages escape a path alike, so its row still links to its page."""
    from types import SimpleNamespace

    path = "reports/ctl\x1b[2Jname\u202e.txt"
    gx = SimpleNamespace(results=[SimpleNamespace(result={"unexpected_index_list": [
        {"id": "sequences:1", "report": path, "line": 3, "excerpt": "一是<b>"}]})])
    row = datadocs._escaped(gx).results[0].result["unexpected_index_list"][0]
    assert row["report"] == html.escape(path) and "\x1b" not in row["report"] and row["excerpt"] == "一是&lt;b&gt;"
    page = tmp_path / "gx" / "validations" / "sequences.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<td id="a" ><div class="show-scrollbars">{row["report"]}</div></td>'
                    f'<td id="b" ><div class="show-scrollbars">{row["line"]}</div></td>', encoding="utf-8")
    html._link_gx_rows(tmp_path / "gx", ["validations/sequences.html"], {path: "reports/001_ctl.html"}, tmp_path)
    assert page.read_text(encoding="utf-8").count('<a href="../../reports/001_ctl.html#L3">') == 2


def test_rewrite_of_outside_assets():
    dropped: list[str] = []
    page = ('<script src="https://code.jquery.com/jquery-3.7.1.min.js" integrity="sha384-x" crossorigin="anonymous">'
            '</script><script src="https://cdn.example.org/new.js"></script>'
            '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>'
            '<link rel="shortcut icon" href="../../../static/images/favicon.ico">'
            '<a href="https://greatexpectations.io">GX</a><a href="#top">top</a>'
            "<style>a { background: url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"
            "full_logo_dark.png') }</style>")
    out = datadocs._rewrite(page, PurePosixPath("../../../../static"), dropped)
    assert '<script src="../../../../static/vendor/jquery.min.js"></script>' in out
    assert "new.js" not in out and "vega" not in out and dropped == ["https://cdn.example.org/new.js"]
    assert 'href="../../../../static/images/favicon.ico"' in out
    assert "<a>GX</a>" in out and '<a href="#top">top</a>' in out
    assert "url('../../../../static/images/logo-long.png')" in out


# --------------------------------------------------------------------------------- writing safely


def test_cli_writes_html_next_to_json_on_stdout(tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["check", str(SEEDS), "--format", "json", "--html", str(out)])
    assert res.exit_code == exitcodes.CONTRADICTIONS, res.output
    assert json.loads(res.stdout)["schema"] == "reportcheck/v1"
    assert (out / "index.html").is_file() and (out / html.MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind


def test_a_report_written_inside_a_checked_folder_is_not_checked_next_time(tmp_path):
    shutil.copy(SEEDS / f"{SEED_003}.txt", tmp_path)
    for _ in range(2):
        res = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--html", str(tmp_path / "html")])
        assert [r["path"] for r in json.loads(res.stdout)["reports"]] == [str(tmp_path / f"{SEED_003}.txt")]


def test_existing_report_is_replaced_only_when_the_new_one_is_complete(tmp_path, monkeypatch):
    result = run([SEEDS], keep_source=True)
    out = tmp_path / "out"
    html.write(result, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(html, "render_index", crash)  # dies after the pages and the Data Docs
    with pytest.raises(RuntimeError):
        html.write(result, out)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    monkeypatch.undo()
    html.write(result, out)  # exactly the earlier report: replaced
    assert (out / "index.html").is_file()
    (out / "stale.html").write_text("not written by reportcheck", encoding="utf-8")
    with pytest.raises(html.OutputError, match="not exactly an earlier reportcheck HTML report"):
        html.write(result, out)  # something else in it: never replaced
    assert (out / "stale.html").exists() and (out / "index.html").is_file()


def test_the_data_docs_are_built_in_a_forked_process_with_the_same_pages(tmp_path, monkeypatch):
    result = run([SEEDS], keep_source=True)
    built_here = []
    real = html.datadocs.build

    def build(*args):
        built_here.append(os.getpid())
        return real(*args)

    monkeypatch.setattr(html.datadocs, "build", build)
    # a thread some other test left running would make it build here (forking is safe in this test)
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)
    html.write(result, tmp_path / "forked")
    assert built_here == []  # not in this process
    monkeypatch.setattr(background.sys, "platform", "win32")  # no fork: built here
    html.write(result, tmp_path / "here")
    assert built_here == [os.getpid()]

    def pages(root):
        stamp = re.compile(r"\d{8}T\d{6}\.\d+Z")
        return {p.relative_to(root).as_posix(): stamp.sub("T", p.read_text(encoding="utf-8"))
                for p in (root / "reports").glob("*.html")} | {"index": (root / "index.html").read_text("utf-8")}

    assert pages(tmp_path / "forked") == pages(tmp_path / "here")
    assert any("../gx/validations/sequences/" in page for page in pages(tmp_path / "forked").values())


def test_a_failure_in_the_forked_data_docs_is_raised_and_leaves_nothing(tmp_path, monkeypatch):
    result = run([SEEDS], keep_source=True)
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html.datadocs, "build", broken)
    with pytest.raises(OSError, match="No space left"):
        html.write(result, tmp_path / "out")
    monkeypatch.setattr(html.datadocs, "build", lambda *args: os._exit(9))  # the process dies
    with pytest.raises(html.OutputError, match="building the GX Data Docs failed"):
        html.write(result, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_compiled_templates_from_the_cache_make_the_same_data_docs(tmp_path, monkeypatch):
    result = run([SEEDS], keep_source=True)
    monkeypatch.setenv("REPORTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    varying = re.compile(r"\d{8}T\d{6}\.\d+Z|\d{4}-\d\d-\d\dT?\s?\d\d:\d\d:\d\d(?:\.\d+)?Z?(?: UTC)?|"
                         r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|_run_time_sort.: [0-9.]+")

    def site(name):
        datadocs.build(result.validations, result.suites, tmp_path / name)
        return {varying.sub("~", p.relative_to(tmp_path / name).as_posix()): varying.sub("~", p.read_text("utf-8"))
                for p in (tmp_path / name).rglob("*.html")}

    cold = site("cold")
    compiled = list((tmp_path / "cache" / "jinja").iterdir())
    assert len(compiled) >= 10
    assert site("warm") == cold
    for path in compiled:
        path.write_bytes(b"not bytecode")
    assert site("spoilt") == cold


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work", encoding="utf-8")
    res = runner.invoke(app, ["check", str(SEEDS), "--html", str(mine)])
    assert res.exit_code == exitcodes.USAGE
    assert "not exactly an earlier reportcheck HTML report" in res.output
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


# ------------------------------------------------------------------------------------------ browser


def _chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed: CI must have it (.ci/run installs it with apt-get)")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe)."""

    FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             # no network: every http(s) request goes to a closed port, no host name resolves
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost")

    def __init__(self, binary: str, profile: Path):
        cmd_r, cmd_w = os.pipe()  # we write commands, Chromium reads them on its fd 3
        res_r, res_w = os.pipe()  # Chromium writes replies and events on its fd 4
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (cmd_r, res_w)]  # out of the way of 3 and 4

        def fds():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen([binary, *self.FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe",
                                      "about:blank"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, pass_fds=(3, 4), preexec_fn=fds)  # noqa: PLW1509 (no threads yet)
        for fd in (cmd_r, res_w, *high):
            os.close(fd)
        self.w, self.r = cmd_w, res_r
        self.buf = b""
        self.next_id = 0
        self.events: list[dict] = []

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.r, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_event(self, method: str, session: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for e in self.events:
                if e.get("method") == method and e.get("sessionId") == session:
                    return e
            self.events.append(self._read(deadline))

    def open(self, url: str) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Page.navigate", {"url": url}, session)
        self.wait_event("Page.loadEventFired", session)
        return Page(self, session)

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except (OSError, RuntimeError, TimeoutError):  # it is going away anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.w)
        os.close(self.r)


class Page:
    """One loaded page: evaluate JavaScript in it, see what it requested and what went wrong."""

    def __init__(self, browser: Chromium, session: str):
        self.browser, self.session = browser, session

    def js(self, expression: str):
        res = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                     "awaitPromise": True}, self.session)
        if "exceptionDetails" in res:
            raise AssertionError(f"{expression}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def _events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.browser.events if e.get("method") == method
                and e.get("sessionId") == self.session]

    @property
    def requests(self) -> list[str]:
        return [e["request"]["url"] for e in self._events("Network.requestWillBeSent")]

    @property
    def errors(self) -> list[str]:
        return ([e["exceptionDetails"].get("text", "") for e in self._events("Runtime.exceptionThrown")]
                + [e["entry"]["text"] for e in self._events("Log.entryAdded") if e["entry"]["level"] == "error"])

    @property
    def text(self) -> str:
        """What a reader sees: innerText leaves out what is not rendered."""
        return self.js("document.body.innerText")

    def resize(self, width: int, height: int, mobile: bool = False) -> None:
        """Lay the page out as a window (or a phone, ``mobile``) of this size in CSS pixels."""
        self.browser.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                                  "deviceScaleFactor": 1, "mobile": mobile},
                          self.session)

    def screenshot(self, path: Path) -> bytes:
        """The visible part of the page as PNG, written to ``path``."""
        import base64

        png = base64.b64decode(self.browser.call("Page.captureScreenshot", {"format": "png"}, self.session)["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
        return png

    def visible(self, selector: str) -> bool:
        return self.js(f"[...document.querySelectorAll({json.dumps(selector)})]"
                       ".some(e => e.checkVisibility() && e.getBoundingClientRect().height > 0)")


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    browser = Chromium(_chromium_binary(), tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.close()


def _offline(page: Page) -> None:
    """The page loaded only local files and had no error (a missing file shows up as one)."""
    assert [u for u in page.requests if not u.startswith(("file:", "data:"))] == []
    assert page.errors == []


def test_browser_index_shows_every_report(chromium, site):
    page = chromium.open((site / "index.html").as_uri())
    _offline(page)
    text = page.text
    assert re.search(r"7 report\(s\): \d+ passed, \d+ failed, 1 unreadable", text), text
    assert re.search(rf"{SEED_003}\.txt\s+failed\s+1\s+\d+\s+\d+", text), text
    assert re.search(r"empty\.txt\s+error\s+.*empty file", text), text
    assert page.visible('a[href="gx/index.html"]')


def test_browser_report_page_shows_findings_and_verified_relations(chromium, site):
    page = chromium.open(_page_of(site, SEED_003).as_uri())
    _offline(page)
    assert page.js("document.scripts.length") == 0
    text = page.text
    assert re.search(r"ERROR RC105 .*\s+.*duplicates.*\s+marker 七是: value 7, expected 8", text), text[:2000]
    assert page.visible("li.finding.error") and not page.visible("li.verified")  # folded by rule
    assert page.js("document.querySelectorAll('details.verified').length") >= 3
    page.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.visible("li.verified")
    text = page.text
    assert re.search(r"✓ RC101 \d+:\d+ 137\S* = 113\S* \+ 10\S* \+ 14\S* = 137", text), text[:3000]
    assert page.visible("mark.error") and page.visible("mark.pass")
    assert page.js("document.querySelector('mark.error').innerText") == "七是"


def test_browser_markup_in_a_report_does_not_run(chromium, site, reports):
    page = chromium.open(_page_of(site, "evil&lt;b&gt;x.txt").as_uri())
    _offline(page)
    assert page.js("document.title") == f"reportcheck: {reports / EVIL_NAME}"
    assert page.js("document.querySelectorAll('script, img, [onerror]').length") == 0
    assert "二是<script>document.title='pwned'</script><img src=x" in page.text


def test_browser_data_docs_work_offline(chromium, site):
    index = chromium.open((site / "gx" / "index.html").as_uri())
    _offline(index)
    # GX fills its index with jQuery + bootstrap-table: empty without the vendored copies
    rows = index.js("document.querySelectorAll('table[id$=\"-body-table\"] tbody tr[data-index]').length")
    assert rows >= 5
    assert "sequences" in index.text and index.visible("tr[data-index]")
    validation = next((site / "gx" / "validations" / "sequences").rglob("*.html"))
    page = chromium.open(validation.as_uri())
    _offline(page)
    text = page.text
    # the expectation as GX words it, after its row condition ("If certain == True, values in …")
    assert "values in value and expected must always be equal." in text.lower()
    assert re.search(r"\d+ unexpected values? found", text), text
    assert page.js("getComputedStyle(document.querySelector('nav.navbar')).display") == "flex"  # bootstrap CSS
    # the status icons: Font Awesome's solid font, loaded from the vendored copy
    assert page.js("document.fonts.ready.then(fonts => [...fonts].some(f => f.family.includes('Font Awesome 6 Free')"
                   " && f.status === 'loaded'))")
    assert PWNED not in page.js("document.title")


def test_browser_index_charts_order_and_phone_width(chromium, site):
    page = chromium.open((site / "index.html").as_uri())
    _offline(page)
    # the charts are drawn: bars with a width, and a label per bar
    bars = page.js("[...document.querySelectorAll('figure.chart svg rect.e')].map(r => r.getBBox().width)")
    assert bars and max(bars) > 50
    assert page.visible("figure.chart svg") and page.js("document.querySelectorAll('svg a').length") >= 2
    statuses = page.js("[...document.querySelectorAll('table.reports tbody tr')].map(r => r.className)")
    assert statuses[0] == "failed" and statuses[-1] == "passed"
    assert page.visible("table.findings a[href*='#finding-']")
    # at 420 px nothing is cut off: no sideways scrolling, every count inside the window
    page.resize(420, 900, mobile=True)
    assert page.js("document.documentElement.scrollWidth") <= 420
    rights = page.js("[...document.querySelectorAll('td.n, th')].map(c => c.getBoundingClientRect().right)")
    assert rights and max(rights) <= 420, rights
    assert page.js("document.querySelector('figure.chart svg').getBoundingClientRect().right") <= 420


SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SHOWCASE = ("全县“三公”经费由312.6万元下降到196.4万元，下降了106.2万元。\n"
            "本年度走访农户2140户，收集意见建议86条。\n各乡镇认真开展回访工作。\n"
            "在走访的2410户农户中，多数反映良好。\n"
            "重点抓好四个方面：一是抓学习；二是抓整改；三是抓制度。\n"
            "共受理投诉200件，已办结180件，办结率95%。\n"
            "共收集意见建议137条，已整改113条，正在协调10条，全年跟踪15条。\n")


@pytest.fixture(scope="module")
def showcase(tmp_path_factory) -> Path:
    """A run as a user makes it, from the folder above the reports: the seeds and a report with one
    finding of several rules; its pages are the README's screenshots."""
    d = tmp_path_factory.mktemp("showcase")
    (d / "reports").mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, d / "reports" / f.name)
    (d / "reports" / "示例_整改通报.txt").write_text(SHOWCASE, encoding="utf-8")
    here = os.getcwd()
    os.chdir(d)
    try:
        html.write(run(["reports"], keep_source=True), d / "site")
    finally:
        os.chdir(here)
    return d / "site"


def test_browser_screenshots_of_a_real_run(chromium, showcase):
    """Takes the README's screenshots (docs/screenshots/); they are rewritten when missing or when
    REPORTCHECK_UPDATE_SCREENSHOTS is set, so the README shows what the current code draws."""
    write = os.environ.get("REPORTCHECK_UPDATE_SCREENSHOTS") or not (SHOTS / "report.png").exists()
    out = SHOTS if write else Path(showcase).parent / "shots"
    index = chromium.open((showcase / "index.html").as_uri())
    index.resize(1100, 900)
    png = index.screenshot(out / "index.png")
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 1100
    index.resize(420, 900, mobile=True)
    assert int.from_bytes(index.screenshot(out / "index-420px.png")[16:20], "big") == 420
    page = chromium.open(_page_of(showcase, "示例_整改通报.txt").as_uri())
    _offline(page)
    assert page.js("document.querySelectorAll('li.finding').length") >= 4
    page.resize(1100, 1000)
    assert page.screenshot(out / "report.png").startswith(b"\x89PNG")
    for name in ("index.png", "index-420px.png", "report.png"):
        assert (out / name).stat().st_size > 10_000

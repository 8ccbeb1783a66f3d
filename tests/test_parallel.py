"""Extraction in worker processes: the same results whatever the number of workers, a per-file time
limit, a dead worker replaced, jieba loaded once, and the commands that need neither GX nor jieba do
not import them. No test here measures time: bench/run.py does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import SEEDS, shared_dir
from typer.testing import CliRunner

from reportcheck import workers
from reportcheck.cli import app
from reportcheck.pipeline import run

runner = CliRunner()


def _json(*args: str) -> dict:
    res = runner.invoke(app, ["check", *args, "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_one_or_two_workers_or_none_give_the_same_json_on_the_seeds():
    one, two = _json(str(SEEDS), "--jobs", "1"), _json(str(SEEDS), "--jobs", "2")
    assert one == two
    assert one["summary"]["reports"] == len(list(SEEDS.glob("*.txt")))
    assert run([SEEDS]).to_json() == one  # in this process, one report after the other


def test_one_or_two_workers_give_the_same_json_on_the_dev_corpus():
    dev = shared_dir("corpus", "dev")
    assert _json(str(dev), "--jobs", "1") == _json(str(dev), "--jobs", "2")


def test_a_bad_report_among_workers_does_not_hide_the_others(tmp_path):
    (tmp_path / "a.txt").write_text("全年共受理信访事项120件，其中来信30件、来访80件。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("全年共受理信访事项120件，其中来信30件、来访90件。\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--jobs", "2"])
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    assert [r["status"] for r in out["reports"]] == ["failed", "error", "passed"]
    assert "b.txt: empty file" in out["reports"][1]["error"]


def _slow_for(name: str, how):
    """An extractor that runs ``how()`` on the file called ``name`` (forked workers inherit it)."""
    real = workers._extract_one

    def extract(path, tables):
        if os.path.basename(path) == name:
            how()
        return real(path, tables)

    return extract


@pytest.fixture
def reports(tmp_path):
    names = ["a.txt", "slow.txt", "b.txt", "c.txt"]
    for n in names:
        (tmp_path / n).write_text("全年共受理信访事项120件，其中来信30件、来访90件。\n", encoding="utf-8")
    return [tmp_path / n for n in names]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_an_error_and_its_worker_is_replaced(monkeypatch, reports, jobs):
    monkeypatch.setattr(workers, "_extract_one", _slow_for("slow.txt", lambda: time.sleep(600)))
    with workers.Extraction(reports, {"breakdowns"}, jobs=jobs, timeout=3) as ex:
        got = {i: (sheet, error) for i, sheet, error in ex.results()}
    assert sorted(got) == [0, 1, 2, 3]
    assert got[1][0] is None and got[1][1] == workers.timeout_message(str(reports[1]), 3)
    assert "slow.txt: extraction took longer than 3 s" in got[1][1] and "\n" not in got[1][1]
    for i in (0, 2, 3):  # the files after it too, with one worker: its replacement did them
        assert got[i][1] is None and len(got[i][0].tables["breakdowns"]) == 1


def test_a_file_over_the_time_limit_in_a_run(monkeypatch, reports):
    monkeypatch.setattr(workers, "_extract_one", _slow_for("slow.txt", lambda: time.sleep(600)))
    result = run([reports[0].parent], jobs=2, timeout=3)
    by_name = {os.path.basename(r.path): r for r in result.reports}
    assert by_name["slow.txt"].status == "error"
    assert by_name["slow.txt"].error == workers.timeout_message(str(reports[1]), 3)
    assert all(by_name[n].status == "passed" and by_name[n].verified for n in ("a.txt", "b.txt", "c.txt"))


def test_the_time_limit_on_the_command_line(monkeypatch, reports):
    monkeypatch.setattr(workers, "_extract_one", _slow_for("slow.txt", lambda: time.sleep(600)))
    res = runner.invoke(app, ["check", str(reports[0].parent), "--format", "json", "--timeout", "3"])
    assert res.exit_code == 2  # an unreadable report
    out = json.loads(res.stdout)
    assert [r["status"] for r in out["reports"]] == ["passed", "passed", "passed", "error"]  # a, b, c, slow
    assert out["reports"][3]["error"] == workers.timeout_message(str(reports[1]), 3)


def test_a_worker_that_dies_costs_only_its_file(monkeypatch, reports):
    monkeypatch.setattr(workers, "_extract_one", _slow_for("slow.txt", lambda: os._exit(3)))
    with workers.Extraction(reports, {"breakdowns"}, jobs=1) as ex:
        got = {i: error for i, _, error in ex.results()}
    assert got[1] == f"{reports[1]}: the extraction process died (exit code 3); not checked"
    assert [got[i] for i in (0, 2, 3)] == [None, None, None]


def test_a_copied_worker_that_dies_or_hangs_costs_only_its_file(monkeypatch, tmp_path):
    # with two workers the second is a copy the first forks: files 1 and 3 go to it
    names = ["a.txt", "dies.txt", "b.txt", "hangs.txt", "c.txt"]
    for n in names:
        (tmp_path / n).write_text("全年共受理信访事项120件，其中来信30件、来访90件。\n", encoding="utf-8")
    real = workers._extract_one

    def extract(path, tables):
        name = os.path.basename(path)
        if name == "dies.txt":
            os._exit(3)
        if name == "hangs.txt":
            time.sleep(600)
        return real(path, tables)

    monkeypatch.setattr(workers, "_extract_one", extract)
    files = [tmp_path / n for n in names]
    with workers.Extraction(files, {"breakdowns"}, jobs=2, timeout=3) as ex:
        got = {i: (sheet, error) for i, sheet, error in ex.results()}
        pids = [w.proc.pid for w in ex._workers]
    assert sorted(got) == [0, 1, 2, 3, 4]
    assert got[1][1] == f"{files[1]}: the extraction process died; not checked"
    assert got[3][1] == workers.timeout_message(str(files[3]), 3)
    for i in (0, 2, 4):
        assert got[i][1] is None and len(got[i][0].tables["breakdowns"]) == 1
    for pid in pids:  # stopped on leaving
        assert not workers._Clone(pid).is_alive()


def test_jieba_is_loaded_once_for_two_workers(monkeypatch, tmp_path, reports):
    from reportcheck import factsheet

    log = tmp_path / "loads"
    real = factsheet.prepare

    def prepare():
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        real()

    monkeypatch.setattr(factsheet, "prepare", prepare)
    with workers.Extraction(reports, {"breakdowns"}, jobs=2) as ex:
        got = {i: error for i, _, error in ex.results()}
        first, copy = ex._workers[0].proc.pid, ex._workers[1].proc.pid
    assert got == {0: None, 1: None, 2: None, 3: None}
    assert log.read_text().split() == [str(first)]
    assert copy is not None and copy != first


def test_no_worker_starts_for_no_file():
    with workers.Extraction([], None, jobs=4) as ex:
        assert list(ex.results()) == []


def test_the_tokenizers_loaded_once_are_jiebas_own():
    import jieba
    import jieba.posseg

    from reportcheck.extract import enumerations, mentions

    mentions.use_words()
    ours = mentions._POSSEG or (mentions._pos(""), mentions._POSSEG)[1]
    plain = enumerations._posseg()
    ref = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    ref.tokenizer.initialize()
    assert plain.tokenizer.FREQ == ref.tokenizer.FREQ and plain.tokenizer.total == ref.tokenizer.total
    assert plain.word_tag_tab == ref.word_tag_tab
    tk = jieba.Tokenizer()
    with mentions.USERDICT.open("rb") as f:  # by its path, jieba would leave the file open
        tk.load_userdict(f)
    ref = jieba.posseg.POSTokenizer(tk)
    ref.lcut("开展")  # merges the domain dictionary's tags, as ours did on its first use
    assert ours.tokenizer.FREQ == tk.FREQ and ours.word_tag_tab == ref.word_tag_tab
    assert plain.tokenizer.FREQ is not ours.tokenizer.FREQ  # the domain words stay out of the plain one


def test_no_progress_bar_off_a_terminal():
    res = runner.invoke(app, ["check", str(SEEDS), "--format", "json", "--fail-on", "never"])
    assert res.stderr == ""


def test_the_progress_bar_shows_on_a_terminal_outside_ci(monkeypatch, capsys):
    from reportcheck import cli

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = cli._progress_bar()
    for done in range(1, 21):
        bar(done, 20)
    bar.close()
    assert "20/20" in capsys.readouterr().err
    monkeypatch.setenv("CI", "true")
    assert not cli._progress_bar().on
    monkeypatch.delenv("CI")
    assert not cli._progress_bar(quiet=True).on


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["rules", "RC101"],
                                  ["extract", str(SEEDS / "000_c0b1a9b0debe18f7.txt"), "--out", "{tmp}"]])
def test_commands_that_do_not_validate_do_not_import_gx(tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code = ("import sys\nfrom reportcheck.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('great_expectations', 'jieba') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    loaded = out.stdout.strip().splitlines()[-1]
    assert "great_expectations" not in loaded
    if args[0] != "extract":  # extract reads reports (in workers), the others not even that
        assert "jieba" not in loaded


def test_spawned_workers_give_the_same_sheets(monkeypatch):
    """Workers as macOS and Windows start them (a new interpreter each) give what forked ones give."""
    files = sorted(SEEDS.glob("*.txt"))[:2]
    with workers.Extraction(files, None, jobs=2) as ex:
        forked = {i: sheet for i, sheet, _ in ex.results()}
    monkeypatch.setattr(workers, "start_method", lambda: "spawn")
    with workers.Extraction(files, None, jobs=2) as ex:
        spawned = {i: sheet for i, sheet, _ in ex.results()}
    assert sorted(spawned) == [0, 1]
    for i, sheet in forked.items():
        for name, df in sheet.tables.items():
            assert spawned[i].tables[name].equals(df), name


@pytest.mark.parametrize("argv, jobs", [
    (["check", "seeds"], 0), (["check", "seeds", "--jobs", "3"], 3), (["check", "--jobs=1", "x"], 1),
    (["extract", "seeds", "-j", "2"], 2), (["check", "seeds", "--engine", "spark"], None),
    (["check", "--engine=spark", "seeds"], None), (["check", "--help"], None), (["rules"], None),
    (["explain", "a.txt"], None), ([], None), (["check", "seeds", "--jobs", "many"], None),
])
def test_which_command_lines_start_the_workers_early(argv, jobs):
    from reportcheck.entry import local_jobs

    assert local_jobs(argv) == jobs


def test_prestarted_workers_are_taken_and_give_the_same_results(tmp_path):
    # in a fresh process: the workers start before the command line is read, as the command does
    code = ("import json, sys\n"
            "from reportcheck import workers\n"
            "workers.prestart(3)\n"
            "early = workers._PRESTARTED[0].pid\n"
            "def anew(self, n):\n"
            "    raise AssertionError('workers started anew: the prestarted ones were not taken')\n"
            "workers.Extraction._start_workers = anew\n"
            "from reportcheck.pipeline import run\n"
            "result = run([sys.argv[1]], jobs=2)\n"
            "assert workers._PRESTARTED is None\n"
            "print(json.dumps({'early': early, 'result': result.to_json()}))\n")
    out = subprocess.run([sys.executable, "-c", code, str(SEEDS)], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    assert got["result"] == run([SEEDS]).to_json()
    assert got["early"] > 0


def test_the_command_starts_its_workers_before_reading_the_command_line(tmp_path):
    # a bad option is found only after the workers started: they end with the command, which says why
    res = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(SEEDS), "--no-such-option"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and "No such option" in res.stderr
    res = subprocess.run([sys.executable, "-m", "reportcheck", "check", str(SEEDS), "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1 and json.loads(res.stdout)["summary"]["errors"] == 1

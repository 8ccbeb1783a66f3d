"""The version scheme: ``reportcheck --version``, ``reportcheck.__version__``, the installed metadata and
pyproject.toml agree; the CI templates install from a git tag, not a name PyPI does not have."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

import yaml
from conftest import ROOT
from typer.testing import CliRunner

import reportcheck
from reportcheck.cli import app


def test_version_everywhere_is_the_same() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", declared)
    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout == f"reportcheck {declared}\n"
    assert reportcheck.__version__ == version("reportcheck") == declared


def test_ci_templates_install_from_a_release_tag() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    gh = yaml.safe_load((ROOT / "ci" / "github-actions.yml").read_text(encoding="utf-8"))["env"][
        "REPORTCHECK"
    ]
    (job,) = yaml.safe_load((ROOT / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8")).values()
    gl = job["variables"]["REPORTCHECK"]
    for spec in (gh, gl):
        assert re.fullmatch(rf"reportcheck @ git\+https://\S+\.git@v{re.escape(declared)}", spec), spec
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{declared}" in readme and f'.git@v{declared}"' in readme

"""Configuration: ``[tool.reportcheck]`` in pyproject.toml, or the top level of a reportcheck.toml.

The file is looked up from the current folder upwards: the first folder with a reportcheck.toml, or a
pyproject.toml that has a ``[tool.reportcheck]`` table, wins (``--config FILE`` names one instead).
Globs (``include``, ``exclude``, ``per-path-ignores``) are fnmatch patterns matched against the report's
path relative to the configuration file's folder (with ``/``; ``*`` also matches ``/``) and against its
file name. Every key is checked: an unknown key or a value of the wrong type is a :class:`ConfigError`
naming the file and the key.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from . import rules as R
from .fileio import FileProblem, read_regular

FILE_NAMES = ("reportcheck.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "never")
LEVELS = ("error", "warning", "off")
# a jieba user-dictionary line: word, optional frequency, optional part-of-speech tag
_WORD_LINE = re.compile(r"\S+(?: \d+)?(?: [a-z]+)?")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Ignore:
    """One ``[[tool.reportcheck.ignore]]`` entry: a finding accepted, with the reason why."""

    path: str  # glob, as in per-path-ignores
    rule: str  # rule ID
    reason: str
    fingerprint: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Config:
    """The settings of one configuration file (defaults when there is none)."""

    path: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    rules: dict[str, str] = field(default_factory=dict)  # rule ID -> error | warning | off
    per_path_ignores: dict[str, frozenset[str]] = field(default_factory=dict)  # glob -> rule IDs
    extra_words: tuple[str, ...] = ()  # jieba user-dictionary lines, each with a tag
    ignores: tuple[Ignore, ...] = ()  # findings accepted ([[tool.reportcheck.ignore]])

    @property
    def root(self) -> Path:
        """The folder globs are relative to: the configuration file's, else the current one."""
        return self.path.parent if self.path else Path.cwd()

    def _matches(self, path: str | os.PathLike, globs) -> bool:
        p = Path(os.path.abspath(path))
        rel = p.relative_to(self.root).as_posix() if p.is_relative_to(self.root) else p.as_posix()
        return any(fnmatchcase(rel, g) or fnmatchcase(p.name, g) for g in globs)

    def selects(self, path: str | os.PathLike) -> bool:
        """Whether ``include``/``exclude`` keep this report."""
        return ((not self.include or self._matches(path, self.include))
                and not (self.exclude and self._matches(path, self.exclude)))

    def level(self, rule_id: str, path: str | os.PathLike) -> str | None:
        """``off`` if the rule is off (everywhere or for this path), else its configured severity or None."""
        if any(rule_id in ids and self._matches(path, [g]) for g, ids in self.per_path_ignores.items()):
            return "off"
        return self.rules.get(rule_id)


    def ignored(self, finding, path: str | os.PathLike) -> Ignore | None:
        """The ``ignore`` entry that accepts ``finding`` of the report at ``path``, if any: same rule, a
        matching path, and the finding's fingerprint or a line of its span."""
        for e in self.ignores:
            if e.rule != finding.rule or not self._matches(path, [e.path]):
                continue
            if (e.fingerprint is not None and e.fingerprint == finding.fingerprint) or \
                    (e.line is not None and finding.line <= e.line <= finding.end_line):
                return e
        return None


def find(start: str | os.PathLike | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the current folder), or None."""
    here = Path(os.path.abspath(start or os.getcwd()))
    for d in (here, *here.parents):
        if (d / FILE_NAMES[0]).is_file():
            return d / FILE_NAMES[0]
        p = d / FILE_NAMES[1]
        if p.is_file() and isinstance(tool := _read(p).get("tool"), dict) and "reportcheck" in tool:
            return p
    return None


def load(path: str | os.PathLike | None = None) -> Config:
    """Read the configuration file ``path``, or the one :func:`find` finds; defaults when there is none."""
    p = Path(path) if path is not None else find()
    if p is None:
        return Config()
    try:
        return _load(p)
    except RecursionError:  # a value nested thousands deep, shown in a message
        raise ConfigError(f"{_show(p)}: a value is nested too deeply") from None


def _load(p: Path) -> Config:
    data = _read(p)
    if p.name == FILE_NAMES[1]:
        data = data.get("tool", {}).get("reportcheck")
        if data is None:
            raise ConfigError(f"{_show(p)}: has no [tool.reportcheck] table")
        return parse(data, p, "tool.reportcheck")
    return parse(data, p)


#: Largest configuration file read (bytes).
MAX_BYTES = 4 * 2**20


def _read(path: Path) -> dict:
    """The TOML document of ``path``; ConfigError for anything but a readable, regular, UTF-8 TOML file
    of at most :data:`MAX_BYTES` (a FIFO is refused, never waited on) nested as deep as Python parses."""

    try:
        return tomllib.loads(read_regular(path, MAX_BYTES, "configuration file").decode("utf-8"))
    except FileProblem as e:
        raise ConfigError(f"{_show(path)}: {e}") from None
    except OSError as e:
        raise ConfigError(f"{_show(path)}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{_show(path)}: not valid UTF-8 (at byte {e.start}); TOML is UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{_show(path)}: invalid TOML: {e}") from None
    except RecursionError:
        raise ConfigError(f"{_show(path)}: invalid TOML: nested too deeply") from None


def _show(path: Path) -> str:
    p = os.path.abspath(path)
    rel = os.path.relpath(p)
    return p if rel.startswith("..") else rel


def parse(data: dict, path: Path, table: str = "") -> Config:
    """Check the settings of ``data`` (the table ``table`` of ``path``) and make a Config of them."""

    def fail(key: str, problem: str) -> ConfigError:
        name = ".".join(k for k in (table, key) if k)
        return ConfigError(f"{_show(path)}: {name + ': ' if name else ''}{problem}")

    def strings(key: str) -> tuple[str, ...]:
        v = data.get(key, [])
        if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
            raise fail(key, f"must be a list of strings, not {_kind(v)}")
        return tuple(v)

    def rule_id(key: str, name: str) -> str:
        if not isinstance(name, str) or (rule := R.get(name)) is None:
            raise fail(key, f"no rule {name!r} (see 'reportcheck rules')")
        return rule.id

    if not isinstance(data, dict):
        raise fail("", f"must be a table, not {_kind(data)}")
    known = ("include", "exclude", "fail-on", "rules", "per-path-ignores", "extra-words", "ignore")
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"
            raise fail(key, f"unknown key{hint}")
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise fail("fail-on", f"must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("rules", f"must be a table of rule = level, not {_kind(rules)}")
    levels = {}
    for name, level in rules.items():
        if level not in LEVELS:
            raise fail(f"rules.{name}", f"must be one of {', '.join(LEVELS)}, not {level!r}")
        levels[rule_id(f"rules.{name}", name)] = level
    ignores = data.get("per-path-ignores", {})
    if not isinstance(ignores, dict):
        raise fail("per-path-ignores", f"must be a table of glob = [rules], not {_kind(ignores)}")
    per_path = {}
    for glob, names in ignores.items():
        key = f'per-path-ignores."{glob}"'
        if not isinstance(names, list):
            raise fail(key, f"must be a list of rules, not {_kind(names)}")
        per_path[glob] = frozenset(rule_id(key, n) for n in names)
    words = strings("extra-words")
    for w in words:
        if not _WORD_LINE.fullmatch(w):
            raise fail("extra-words", f"{w!r} is not 'word', 'word tag' or 'word frequency tag'")
    entries = data.get("ignore", [])
    if not isinstance(entries, list):
        raise fail("ignore", f"must be an array of tables ([[{table + '.' if table else ''}ignore]]), "
                             f"not {_kind(entries)}")
    ignores = []
    entry_keys = ("path", "rule", "fingerprint", "line", "reason")
    for i, e in enumerate(entries):
        key = f"ignore[{i}]"
        if not isinstance(e, dict):
            raise fail(key, f"must be a table, not {_kind(e)}")
        for k in e:
            if k not in entry_keys:
                raise fail(f"{key}.{k}", f"unknown key (known keys: {', '.join(entry_keys)})")
        for k in ("path", "rule", "reason"):
            if not isinstance(e.get(k), str) or not e[k].strip():
                raise fail(f"{key}.{k}", "is required (a string)" if k not in e else
                           f"must be a non-empty string, not {_kind(e[k])}")
        if "fingerprint" not in e and "line" not in e:
            raise fail(key, "needs the finding's fingerprint or its line")
        if "fingerprint" in e and not isinstance(e["fingerprint"], str):
            raise fail(f"{key}.fingerprint", f"must be a string, not {_kind(e['fingerprint'])}")
        if "line" in e and (type(e["line"]) is not int or e["line"] < 1):
            raise fail(f"{key}.line", f"must be a line number (1 or more), not {_kind(e['line'])}")
        ignores.append(Ignore(e["path"], rule_id(f"{key}.rule", e["rule"]), e["reason"].strip(),
                              e.get("fingerprint"), e.get("line")))
    return Config(path=Path(os.path.abspath(path)), include=strings("include"), exclude=strings("exclude"),
                  fail_on=fail_on, rules=levels, per_path_ignores=per_path, ignores=tuple(ignores),
                  extra_words=tuple(w if re.search(r" [a-z]+$", w) else f"{w} n" for w in words))


def _kind(v) -> str:
    """How an error message names a TOML value: a table, a list, a string ('x'), a number (3) …"""
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "a list"
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}.get(type(v), "a value")
    return f"{kind} ({v!r})"

"""Baselines: the findings a repository already has, so that a check reports only new ones.

``reportcheck baseline PATHS --out FILE`` records every finding (error or warning) of a run by its
fingerprint (see :mod:`.fingerprint`); ``reportcheck check --baseline FILE`` drops the findings whose
fingerprint is recorded and counts the entries of the reports it checked that no longer occur. The
file is JSON, one entry per finding, with its rule, path, line and message for people reading it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from .fileio import FileProblem, read_regular
from .findings import RunResult
from .report import write_text
from .report.json_format import dumps

SCHEMA = "reportcheck-baseline/v1"
#: Largest baseline file read (bytes; an entry takes about 200).
MAX_BYTES = 256 * 2**20


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Entry:
    """One recorded finding."""

    fingerprint: str
    path: str  # relative to the project root, as fingerprints see it
    rule: str
    line: int
    message: str


@dataclass(frozen=True)
class Applied:
    """What a baseline did to a run."""

    suppressed: int  # findings dropped because the baseline records them
    gone: int  # entries of the checked reports that no longer occur


def entries(result: RunResult) -> list[Entry]:
    """The findings of ``result`` as baseline entries."""
    return [Entry(f.fingerprint, r.rel_path, f.rule, f.line, f.message)
            for r in result.reports for f in r.findings]


def write(result: RunResult, path: str | os.PathLike) -> int:
    """Write the baseline of ``result`` to ``path`` (atomically); returns the number of entries."""
    es = entries(result)
    doc = {"schema": SCHEMA, "findings": [vars(e) for e in es]}
    write_text(path, dumps(doc) + "\n")
    return len(es)


def load(path: str | os.PathLike) -> list[Entry]:
    """Read a baseline file; BaselineError naming the file and the problem."""

    try:
        doc = json.loads(read_regular(path, MAX_BYTES, "baseline").decode("utf-8"))
    except FileProblem as e:
        raise BaselineError(f"{path}: {e}") from None
    except OSError as e:
        raise BaselineError(f"{path}: cannot read the baseline: {e.strerror or e}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BaselineError(f"{path}: not a baseline (invalid JSON: {e})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a baseline (JSON nested too deeply)") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline (expected an object with schema {SCHEMA!r} and a "
                            f"'findings' list; write one with 'reportcheck baseline')")
    out = []
    for i, e in enumerate(doc["findings"]):
        try:
            out.append(Entry(str(e["fingerprint"]), str(e["path"]), str(e["rule"]), int(e["line"]),
                             str(e["message"])))
        except (TypeError, KeyError, ValueError, OverflowError, RecursionError):
            raise BaselineError(f"{path}: findings[{i}] needs fingerprint, path, rule, line and message") \
                from None
    return out


def apply(result: RunResult, baseline: list[Entry]) -> Applied:
    """Drop the findings of ``result`` that ``baseline`` records (report statuses follow)."""
    known = {e.fingerprint for e in baseline}
    seen: set[str] = set()
    suppressed = 0
    for r in result.reports:
        kept = [f for f in r.findings if f.fingerprint not in known]
        suppressed += len(r.findings) - len(kept)
        seen.update(f.fingerprint for f in r.findings)
        r.findings = kept
        r.update_status()
    checked = {r.rel_path for r in result.reports if r.status != "error"}
    gone = sum(1 for e in baseline if e.path in checked and e.fingerprint not in seen)
    return Applied(suppressed, gone)

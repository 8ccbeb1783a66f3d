"""Fingerprints of findings, stable across edits elsewhere in a report.

A fingerprint hashes the rule, the report's path relative to the project root and the finding's
evidence (each number's role and text, normalised), never a line number or an offset: a paragraph
inserted above a finding keeps its fingerprint. Findings of one report with the same evidence are told
apart by their order. Baselines, SARIF ``partialFingerprints`` and GitLab Code Quality all use these.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable

from .findings import Finding


def normalise(text: str) -> str:
    """Text as the fingerprint sees it: NFKC (full-width digits as ASCII), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# evidence that only shows where to look (the marker before a misnumbered one), not what the finding is
CONTEXT_ROLES = frozenset({"previous"})


def assign(findings: Iterable[Finding], path: str) -> None:
    """Set ``fingerprint`` on each finding of the report at ``path`` (relative to the project root)."""
    seen: Counter[str] = Counter()
    for f in findings:
        key = "\x1f".join([f.rule, path, *(f"{e['role']}={normalise(e['text'] or '')}" for e in f.evidence
                                          if e["role"] not in CONTEXT_ROLES)])
        f.fingerprint = hashlib.sha256(f"{key}\x1e{seen[key]}".encode()).hexdigest()[:32]
        seen[key] += 1

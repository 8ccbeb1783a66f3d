"""The rule catalogue: one module per rule, each with a stable ID, a slug, a severity and its docs.

A rule names the fact table it reads and turns a rejected (or verified) row into a message with its
arithmetic. The registry refuses duplicate IDs and slugs. ``reportcheck rules`` lists the catalogue.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from dataclasses import dataclass

SECTIONS = ("What it checks", "Why it matters", "Passing example", "Failing example")


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue (built from a rule module)."""

    id: str
    slug: str
    name: str
    severity: str
    table: str
    doc: str
    module: object

    @property
    def summary(self) -> str:
        """The first line of the docstring: the message users see."""
        return self.doc.strip().splitlines()[0].strip()

    def section(self, title: str) -> str:
        """The text of one documented section (What it checks, Why it matters, …)."""
        m = re.search(rf"^{re.escape(title)}\n-+\n(.*?)(?=^\S[^\n]*\n-+\n|\Z)", self.doc, re.S | re.M)
        return m.group(1).strip() if m else ""

    def explain(self, row: dict) -> tuple[str, str]:
        """Message and arithmetic for a row of the rule's table."""
        return self.module.explain(row)


_REGISTRY: dict[str, Rule] = {}


class DuplicateRuleError(Exception):
    """Two rule modules claim one ID or slug."""


def register(module) -> Rule:
    doc = module.__doc__ or ""
    rule = Rule(module.ID, module.SLUG, module.NAME, module.SEVERITY, module.TABLE, doc, module)
    for r in _REGISTRY.values():
        if r.id == rule.id or r.slug == rule.slug:
            raise DuplicateRuleError(f"rule {rule.id} ({rule.slug}) duplicates {r.id} ({r.slug})")
    _REGISTRY[rule.id] = rule
    return rule


def _load() -> None:
    if _REGISTRY:
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if re.fullmatch(r"rc\d{3}_\w+", info.name):
            register(importlib.import_module(f"{__name__}.{info.name}"))


def all_rules() -> list[Rule]:
    """Every registered rule, by ID."""
    _load()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get(rule_id: str) -> Rule | None:
    """A rule by ID (RC101) or slug (sum-mismatch), case-insensitive."""
    _load()
    key = rule_id.strip()
    for r in _REGISTRY.values():
        if r.id.lower() == key.lower() or r.slug == key.lower():
            return r
    return None


def fmt(v) -> str:
    """A number as a reader would write it: 137, 82.9, 1.36万 stays 13600000."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "?"
    if isinstance(v, float) and math.isinf(v):
        return "∞"
    v = float(v)
    if v.is_integer():
        return str(int(v))
    return f"{v:.4f}".rstrip("0").rstrip(".")


def interval(lo, hi) -> str:
    """[lo, hi] or a single value when exact."""
    if lo == hi:
        return fmt(lo)
    return f"[{fmt(lo)}, {fmt(hi)}]"

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
from functools import lru_cache

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
    def yields_to(self) -> dict[str, tuple[str, str]]:
        """Findings of other rules that make this rule's finding redundant, as the module declares them:
        ``{other rule: (role here, role there)}`` — dropped when an evidence item of this finding with the
        first role is at the place of one of the other finding's with the second."""
        return getattr(self.module, "YIELDS_TO", {})

    @property
    def summary(self) -> str:
        """The first line of the docstring: the message users see."""
        return self.doc.strip().splitlines()[0].strip()

    def section(self, title: str) -> str:
        """The text of one documented section (What it checks, Why it matters, …)."""
        m = re.search(rf"^{re.escape(title)}\n-+\n(.*?)(?=^\S[^\n]*\n-+\n|\Z)", self.doc, re.DOTALL | re.MULTILINE)
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


# -- arithmetic in the writer's terms ----------------------------------------------------------------

_SCALE = {"万": 1e4, "亿": 1e8, "万亿": 1e12}


@dataclass(frozen=True)
class Written:
    """How a number is written: its scale (万, 亿 or none) and unit, its decimals, whether approximate."""

    scale: str
    factor: float
    unit: str
    decimals: int
    approx: bool


@lru_cache(maxsize=4096)
def written(text: str) -> Written:
    """How the number in ``text`` (an evidence text such as 106.2万元, 300余条, 21.4%) is written."""
    from ..numbers import scan

    n = next((x for x in scan(text or "") if x.countable), None)
    if n is None:
        return Written("", 1.0, "", 0, False)
    scale = n.scale or ("亿" if "亿" in n.raw else "万" if "万" in n.raw and (n.value or 0) >= 1e4 else "")
    digits = re.search(r"[.．点](\d+)", n.raw)
    return Written(scale, _SCALE.get(scale, 1.0), n.unit, len(digits.group(1)) if digits else 0, n.approx)


def approximate(*members: dict) -> bool:
    """Whether any of the members is written as an approximation (约, 余, 多, 近, a range …)."""
    return any(written(m.get("text") or "").approx for m in members)


def amount(value, like: str, decimals: int | None = None) -> str:
    """``value`` (in base units) written as the number in ``like`` is: 1162000 like 106.2万元 is
    116.2万元, to the decimals written there (one more when they would hide a difference)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    w = written(like)
    if isinstance(value, float) and math.isinf(value):
        return f"∞{w.unit}"
    d = w.decimals if decimals is None else decimals
    return f"{fmt(round(value / w.factor, d))}{w.scale}{w.unit}"


def amount_range(low, high, like: str) -> str:
    """An interval written as the number in ``like`` is, or one amount when both ends agree there."""
    lo, hi = amount(low, like, written(like).decimals + 1), amount(high, like, written(like).decimals + 1)
    if lo == hi:
        return lo
    w = written(like)
    return f"{lo.removesuffix(w.scale + w.unit) if w.scale + w.unit else lo}–{hi}"


def meets(row: dict, a: str, b: str) -> bool:
    """Whether the intervals ``a_low``–``a_high`` and ``b_low``–``b_high`` of the row meet: the suite's
    verdict on the row (``gx_failed``, set by the findings stage from what GX rejected) where there is one,
    else the same comparison the suites make (for a row explained outside a validation)."""
    if "gx_failed" in row:
        return not row["gx_failed"]
    return row[f"{a}_high"] >= row[f"{b}_low"] and row[f"{b}_high"] >= row[f"{a}_low"]


def summed(row: dict, total: dict, parts: list[dict]) -> str:
    """What the parts sum to, from the row's columns, in the total's unit and scale (万元 stays 万元):
    ``parts_sum``, or the interval ``sum_low``–``sum_high`` where a figure is approximate."""
    if approximate(total, *parts) or row.get("parts_sum") is None:
        return amount_range(row["sum_low"], row["sum_high"], total["text"])
    return amount(row["parts_sum"], total["text"])


def computed_rate(row: dict, rate: dict, point=None) -> str:
    """The rate its figures give, from the row's ``computed_low``–``computed_high``, written as the
    stated rate is: one figure where both ends are one (or ``point``, the rate of the figures as
    written, is given), to the stated decimals and at least one; else the interval."""
    lo, hi = row["computed_low"], row["computed_high"]
    if point is None and lo == hi:
        point = lo
    if point is not None:
        return amount(point, rate["text"], max(1, written(rate["text"]).decimals))
    return amount_range(lo, hi, rate["text"])


def direction(value) -> str:
    """How the text says a change goes: rose, fell or unchanged."""
    if value is None or value == 0:
        return "unchanged"
    return "fell" if value < 0 else "rose"

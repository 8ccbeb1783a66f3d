"""Rule documentation in Markdown, generated from the registry (``reportcheck rules --markdown``).

``docs/rules.md`` is this module's output (a test keeps it up to date); SARIF carries each rule's part
as its help text.
"""

from __future__ import annotations

from . import rules as R

_EXAMPLES = ("Passing example", "Failing example")


def rule_markdown(rule: R.Rule) -> str:
    """One rule's documentation: its message, severity and table, then its sections."""
    meta = f"Severity: {rule.severity} · table: `{rule.table}` · `reportcheck rules {rule.id}`"
    parts = [rule.summary, meta]
    for title in R.SECTIONS:
        text = rule.section(title)
        parts.append(f"### {title}\n\n" + (f"```text\n{text}\n```" if title in _EXAMPLES else text))
    return "\n\n".join(parts) + "\n"


def render() -> str:
    """The whole catalogue: a table of the rules, then each rule's documentation."""
    rules = R.all_rules()
    lines = ["# Rules", "",
             ("<!-- Generated from the rule registry by `reportcheck rules --markdown > docs/rules.md`; "
             "do not edit by hand. -->"), "",
             "| ID | slug | severity | table | message |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| [{r.id}](#{r.id.lower()}-{r.slug}) | {r.slug} | {r.severity} | {r.table} | {r.summary} |"
              for r in rules]
    out = "\n".join(lines) + "\n"
    for r in rules:
        out += f"\n## {r.id} {r.slug}\n\n{rule_markdown(r)}"
    return out

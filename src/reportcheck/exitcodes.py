"""Exit codes of the reportcheck command (as ruff and sqlfluff do: CI can tell bad data from a broken run)."""

CLEAN = 0
"""No finding at or above the --fail-on level."""
CONTRADICTIONS = 1
"""At least one finding at or above the --fail-on level."""
USAGE = 2
"""Usage, input or tool error: a bad option, an unreadable report, a broken suite."""

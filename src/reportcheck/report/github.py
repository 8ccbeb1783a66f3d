"""GitHub Actions workflow commands (``--format github``): each finding becomes an annotation.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` (``::warning`` for a warning),
with the path relative to the project root and the columns as in the other formats (1-based, end
exclusive). Property values and the message are escaped as the runner expects (``%``, CR, LF, and in
properties also ``:`` and ``,``), after every control character of their text (an ESC, a line break in
a file name or in a report) is made visible (:func:`.escaping.printable`): no text of a report or of a
file name can end a command or start one. The message's second line is the arithmetic. An unreadable report is
an ``::error`` on its file, and a notice about a report (it holds invisible bidirectional controls) a
``::warning`` on its file. The last line is the plain summary of the terminal format.
"""

from __future__ import annotations

from .. import rules as R
from ..findings import RunResult
from .escaping import printable
from .terminal import summary


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props) -> str:
    """One workflow command, e.g. ``command("error", "msg", file="a.txt", line=3)``; ``message`` may
    hold line breaks (escaped as the runner expects), its other control characters already made
    visible."""
    args = ",".join(f"{k}={_prop(printable(str(v)))}" for k, v in props.items())
    return f"::{level} {args}::{_data(message)}"


def render(result: RunResult) -> str:
    """The annotations of the run, then its summary line."""
    lines = []
    for r in result.reports:
        for note in r.notices:  # e.g. invisible bidi controls: worth a look in the pull request
            lines.append(command("warning", printable(note), file=r.rel_path, title="reportcheck note"))
        if r.status == "error":
            lines.append(command("error", printable(r.error or "unreadable report"), file=r.rel_path,
                                 title="reportcheck"))
        for f in r.findings:
            rule = R.get(f.rule)
            title = f"{f.rule} {rule.slug}" if rule else f.rule
            message = printable(f.message + f.where) + (f"\n{printable(f.arithmetic)}" if f.arithmetic else "")
            lines.append(command(f.severity, message, file=r.rel_path, line=f.line, col=f.column,
                                 endLine=f.end_line, endColumn=f.end_column, title=title))
    lines.append(summary(result))
    return "\n".join(lines) + "\n"

"""JUnit XML output (``--format junit``) for GitLab's test reports, Jenkins and other CI test views.

One ``testsuite`` per run, one ``testcase`` per report (named by its path), one ``failure`` per error
finding (typed by its rule) and an ``error`` for an unreadable report; warnings are listed in the test
case's ``system-out``. The suite counts test cases, as JUnit does: ``failures`` is the number of reports
with an error finding, ``errors`` the number of unreadable ones.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..findings import Finding, RunResult
from .escaping import printable

# characters XML 1.0 cannot hold
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """Text for an attribute or an element: line by line, its control, bidirectional and format
    characters made visible as in the terminal (:func:`.escaping.printable`), and anything XML 1.0
    cannot hold (a lone surrogate) replaced."""
    return _NOT_XML.sub("\ufffd", "\n".join(printable(line) for line in text.split("\n")))


def _headline(path: str, f: Finding) -> str:
    return f"{path}:{f.line}:{f.column}: {f.rule} {f.message}{f.where}"


def to_xml(result: RunResult) -> ET.Element:
    """The run as a ``testsuites`` element holding one ``testsuite``."""
    s = result.summary()
    counts = {"tests": str(s["reports"]), "failures": str(s["failed"]), "errors": str(s["error"])}
    root = ET.Element("testsuites", name="reportcheck", **counts)
    suite = ET.SubElement(root, "testsuite", name="reportcheck", skipped="0", **counts)
    for r in result.reports:
        case = ET.SubElement(suite, "testcase", classname="reportcheck", name=_clean(r.path),
                             file=_clean(r.rel_path))
        if r.status == "error":
            ET.SubElement(case, "error", message=_clean(r.error or "unreadable report"), type="unreadable")
        for f in r.findings:
            if f.severity == "error":
                el = ET.SubElement(case, "failure", message=_clean(f"{f.rule} {f.message}"), type=f.rule)
                el.text = _clean(f"{_headline(r.path, f)}\n{f.excerpt}\n{f.arithmetic}")
        warnings = [f for f in r.findings if f.severity == "warning"]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(f"{_headline(r.path, f)} (warning)\n{f.arithmetic}"
                                        for f in warnings))
    ET.indent(root)
    return root


def render(result: RunResult) -> str:
    """The JUnit XML document."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(to_xml(result), encoding="unicode") + "\n"

"""JSON output: the documented public format ``reportcheck/v1`` (see README, "JSON format")."""

from __future__ import annotations

import json
import math
import re

from ..findings import RunResult


def _default(o):
    if isinstance(o, float) and not math.isfinite(o):
        return
    raise TypeError(type(o).__name__)


def _sanitize(o):
    if isinstance(o, float) and not math.isfinite(o):
        return None
    if isinstance(o, dict):
        return {k: _sanitize(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_sanitize(v) for v in o]
    if hasattr(o, "item"):  # numpy scalars
        return _sanitize(o.item())
    return o


# Characters json.dumps(ensure_ascii=False) writes raw that a terminal, a log or UTF-8 must not get:
# C1 controls, format characters (bidi controls …), line separators and lone surrogates (undecodable
# bytes of a file name, which UTF-8 cannot even encode). Outside strings JSON holds none of them.
_RAW = re.compile("[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                  "\ufff9-\ufffb\ud800-\udfff]")


def dumps(obj, **kw) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=1)``, with the characters above as ``\\uXXXX``
    escapes: the same JSON value, safe to print and to write as UTF-8."""
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False, indent=1, **kw))


def render(result: RunResult) -> str:
    """The run as a JSON document (UTF-8, Chinese kept as is)."""
    return dumps(_sanitize(result.to_json()), default=_default)

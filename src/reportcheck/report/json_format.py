"""JSON output: the documented public format ``reportcheck/v1`` (see README, "JSON format")."""

from __future__ import annotations

import json
import math

from ..findings import RunResult
from .escaping import json_safe


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


def dumps(obj, **kw) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=1)``, with the characters no output may write raw
    as ``\\uXXXX`` escapes (see :func:`.escaping.json_safe`)."""
    return json_safe(json.dumps(obj, ensure_ascii=False, indent=1, **kw))


def render(result: RunResult) -> str:
    """The run as a JSON document (UTF-8, Chinese kept as is)."""
    return dumps(_sanitize(result.to_json()), default=_default)

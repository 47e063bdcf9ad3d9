"""JSON as Go's encoding/json ``MarshalIndent(value, "", "  ")`` writes it."""

from __future__ import annotations

import json
import math
from typing import Any

from composecheck.gocompat.numbers import go_json_float

__all__ = ["dumps_json"]

_encode_string = json.encoder.encode_basestring  # the C encoder, non-ASCII kept as is


def _write_json(value: Any, pad: str, out: list[str]) -> None:
    """Append ``value`` as encoding/json's MarshalIndent(value, "", "  ") writes it."""
    if value.__class__ is str:
        out.append(_encode_string(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        lead = "{\n" + inner
        # Each service (and each network, volume...) is joined as soon as it is
        # written: a million small pieces cost far more memory than the text.
        compact = len(pad) == 2
        for key, item in value.items():
            mark = len(out)
            out.append(lead + _encode_string(key) + ": ")
            _write_json(item, inner, out)
            if compact:
                out[mark:] = ["".join(out[mark:])]
            lead = ",\n" + inner
        out.append("\n" + pad + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = pad + "  "
        lead = "[\n" + inner
        for item in value:
            out.append(lead)
            _write_json(item, inner, out)
            lead = ",\n" + inner
        out.append("\n" + pad + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            # encoding/json refuses them (Compose prints nothing and fails).
            shown = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
            raise ValueError(f"json: unsupported value: {shown}")
        else:
            out.append(go_json_float(value))
    else:
        out.append(_encode_string(str(value)))


def dumps_json(doc: dict[str, Any]) -> str:
    """JSON as Compose prints it: two-space indent, HTML characters escaped, no final newline."""
    out: list[str] = []
    _write_json(doc, "", out)
    text = "".join(out)
    # encoding/json escapes these inside strings; they cannot occur outside of one.
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )

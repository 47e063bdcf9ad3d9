"""The reference's wording of a schema failure, and our hint on how to fix it.

Messages are built from jsonschema's structured fields (the keyword, its value in the
schema, the instance), never by parsing jsonschema's own message text.
"""

from __future__ import annotations

import difflib
from typing import Any

from composecheck.gocompat.numbers import format_go_float
from composecheck.gocompat.quote import go_quote
from composecheck.load.schema_select import Leaf, PathT
from composecheck.load.tree import Timestamp

__all__ = ["hint", "message"]


def _go_quote(s: str) -> str:
    """A string in the reference's single quotes (Go %q, then ' escaped, " bare)."""
    return go_quote(s, "'")


def _go_value(v: Any) -> str:
    """A JSON value as the reference prints it in enum/const messages (Go %v)."""
    if isinstance(v, str):
        return _go_quote(v)
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return "value"
    if isinstance(v, float):
        return _go_float(v)
    return str(v)


def _go_float(f: float) -> str:
    # Go's %v; a zero prints as "0" whatever its sign, as these messages always have.
    return "0" if f == 0 else format_go_float(f)


def _human_types(want: Any) -> str:
    """The reference's wording of a set of JSON types (sorted, "object" read as mapping)."""
    types = [want] if isinstance(want, str) else list(want)
    names = sorted("mapping" if t == "object" else t for t in types)
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _dotted(path: PathT) -> str:
    return ".".join(str(p) for p in path)


def message(leaf: Leaf) -> str:
    where = _dotted(leaf.path)
    kw = leaf.validator
    if isinstance(leaf.instance, Timestamp) and kw in ("type", "enum", "const"):
        return f"{where} invalid jsonType time.Time"
    if kw == "type":
        return f"{where} must be a {_human_types(leaf.value)}"
    if kw == "additionalProperties":
        keys = ", ".join(_go_quote(k) for k in leaf.extra)
        return f"{where} additional properties {keys} not allowed"
    if kw == "required":
        if len(leaf.extra) == 1:
            return f"{where} missing property {_go_quote(leaf.extra[0])}"
        return f"{where} missing properties {', '.join(_go_quote(k) for k in leaf.extra)}"
    if kw == "enum":
        want = list(leaf.value)
        if any(isinstance(w, (list, dict)) for w in want):
            return f"{where} enum failed"
        if len(want) == 1:
            return f"{where} value must be {_go_value(want[0])}"
        return f"{where} value must be one of {', '.join(_go_value(w) for w in want)}"
    if kw == "const":
        if isinstance(leaf.value, (list, dict)):
            return f"{where} const failed"
        return f"{where} value must be {_go_value(leaf.value)}"
    if kw == "pattern":
        text, pattern = _go_quote(str(leaf.instance)), _go_quote(leaf.value)
        return f"{where} {text} does not match pattern {pattern}"
    if kw == "uniqueItems":
        i, j = leaf.dup if leaf.dup is not None else (0, 1)
        # The reference's message printer groups digits: "items at 7 and 50,000".
        return f"{where} items at {i:,} and {j:,} are equal"
    if kw == "minimum":
        return f"{where} must be greater than or equal to {_go_number(leaf.value)}"
    if kw == "maximum":
        return f"{where} must be less than or equal to {_go_number(leaf.value)}"
    if kw == "oneOf":
        if leaf.matched is not None:
            return f"{where} oneOf failed, subschemas {leaf.matched[0]}, {leaf.matched[1]} matched"
        return f"{where} oneOf failed, none matched"
    if kw == "anyOf":
        return f"{where} anyOf failed"
    if kw in ("minItems", "maxItems", "minProperties", "maxProperties", "minLength", "maxLength"):
        return f"{where} {kw}: got {len(leaf.instance)}, want {leaf.value}"
    if kw == "not":
        return f"{where} not failed"
    if kw == "dependencies":
        return f"{where} dependencies failed"
    return f"{where} {kw} failed"


def _go_number(n: Any) -> str:
    # The reference prints the numerator of the bound as a fraction; schema bounds are
    # integers, so that is the integer itself.
    if isinstance(n, float) and n.is_integer():
        return str(int(n))
    return str(n)


def hint(leaf: Leaf) -> str | None:
    kw = leaf.validator
    if isinstance(leaf.instance, Timestamp):
        return f'a date is not a string here; quote it: "{leaf.instance}"'
    if kw == "additionalProperties":
        allowed = sorted(leaf.schema.get("properties", {}))
        tips = []
        for key in leaf.extra:
            close = difflib.get_close_matches(key, allowed, n=1)
            if close:
                tips.append((key, f"did you mean {close[0]!r}?"))
        if len(leaf.extra) == 1 and tips:
            return tips[0][1]
        if tips:
            return "; ".join(f"{key}: {tip}" for key, tip in tips)
        if any(k.lower().startswith("x_") for k in leaf.extra):
            return "extension keys must start with 'x-'"
        if not allowed and leaf.schema.get("patternProperties"):
            # A collection of named things (services, volumes, ...): the name is wrong.
            return "names may only contain letters, digits, '.', '_' and '-'"
        return None
    if kw == "type":
        types = [leaf.value] if isinstance(leaf.value, str) else list(leaf.value)
        return "expected " + " or ".join(_FRIENDLY_TYPES.get(t, t) for t in types)
    if kw == "enum":
        return "expected one of: " + ", ".join(str(v) for v in leaf.value)
    if kw == "pattern":
        return f"expected a value matching {leaf.value}"
    if kw == "required":
        return "add " + ", ".join(leaf.extra)
    if kw == "uniqueItems":
        return "remove the repeated item"
    return None


_FRIENDLY_TYPES = {
    "string": "a string",
    "array": "a list",
    "object": "a mapping",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing (null)",
}

"""A compiled yes/no check equivalent to the schema: jsonschema only runs where it fails.

It understands exactly the keywords our schema uses and refuses to compile anything
else, so a schema edit cannot silently make it disagree with jsonschema (the tests also
compare the two on every mutation case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from composecheck.load.tree import Timestamp

__all__ = ["Compiler", "Predicate", "first_duplicate", "json_key"]

Predicate = Callable[[Any], bool]


def _json_equal(a: Any, b: Any) -> bool:
    # JSON equality: true is not 1, 1 is 1.0, containers compare deeply.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return bool(a == b)
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) and isinstance(b, str):
        return a == b and isinstance(a, Timestamp) == isinstance(b, Timestamp)
    if a is None or b is None:
        return a is None and b is None
    return type(a) is type(b) and bool(a == b)


def json_key(value: Any) -> Hashable:
    """A hashable key equal for two values exactly when :func:`_json_equal` holds.

    JSON equality, not Python's: ``True`` and ``1`` differ, ``1`` and ``1.0`` are equal,
    a timestamp is not the string it was written as, key order does not count, and NaN
    equals nothing (not even itself, so it gets a key of its own). Raises ``TypeError``
    for a value JSON has no counterpart for and Python cannot hash.
    """
    if isinstance(value, str):
        return ("t", str(value)) if isinstance(value, Timestamp) else ("s", value)
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        if value != value:  # NaN
            return ("nan", object())
        return ("n", value)
    if value is None:
        return ("z",)
    if isinstance(value, Mapping):
        return ("m", frozenset((k, json_key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("l", tuple(json_key(v) for v in value))
    hash(value)
    return ("o", type(value), value)


def first_duplicate(items: list[Any]) -> tuple[int, int] | None:
    """The first later item equal (as JSON) to an earlier one, paired with the earliest
    such earlier item, as the reference reports a ``uniqueItems`` failure.

    One pass with a table of keys: linear in the size of the list, where comparing every
    pair took minutes on a generated list of 50,000 items.
    """
    first: dict[Hashable, int] = {}
    try:
        for later, item in enumerate(items):
            key = json_key(item)
            earlier = first.setdefault(key, later)
            if earlier != later:
                return (earlier, later)
    except TypeError:  # an unhashable value of no JSON type: compare pairwise
        return _first_duplicate_pairwise(items)
    return None


def _first_duplicate_pairwise(items: list[Any]) -> tuple[int, int] | None:
    for i in range(1, len(items)):
        for j in range(i):
            if _json_equal(items[i], items[j]):
                return (j, i)
    return None


def _is_string(v: Any) -> bool:
    return isinstance(v, str) and not isinstance(v, Timestamp)


def _is_integer(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    return isinstance(v, int) or (isinstance(v, float) and v.is_integer())


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_TYPE_TESTS: dict[str, Predicate] = {
    "string": _is_string,
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}

_ANNOTATIONS = frozenset(
    {"$schema", "$id", "title", "description", "deprecated", "definitions", "$comment"}
)


class Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root
        self._refs: dict[str, Predicate] = {}

    def compile(self, node: Any) -> Predicate:
        if node is True or node == {}:
            return _always
        if node is False:
            return _never
        if not isinstance(node, Mapping):
            raise ValueError(f"not a schema: {node!r}")
        unknown = set(node) - _KNOWN_KEYWORDS - _ANNOTATIONS
        if unknown:
            raise ValueError(f"fast check cannot compile keywords {sorted(unknown)}")
        if "$ref" in node:
            return self._ref(str(node["$ref"]))
        type_ok = _type_check(node["type"]) if "type" in node else None
        # Keywords that only look at one kind of value run behind an isinstance gate.
        on_dict = self._object(node) if _OBJECT_KEYWORDS & node.keys() else None
        on_list = self._array(node) if _ARRAY_KEYWORDS & node.keys() else None
        on_str = _pattern_check(node["pattern"]) if "pattern" in node else None
        on_num = (
            _bounds(node.get("minimum"), node.get("maximum"))
            if "minimum" in node or "maximum" in node
            else None
        )
        general: list[Predicate] = []
        if "enum" in node:
            values = list(node["enum"])
            general.append(lambda v: any(_json_equal(v, w) for w in values))
        if "oneOf" in node:
            general.append(_exactly_one([self.compile(b) for b in node["oneOf"]]))
        if "anyOf" in node:
            anyb = [self.compile(b) for b in node["anyOf"]]
            general.append(lambda v: any(b(v) for b in anyb))
        if on_dict is None and on_list is None and on_str is None and on_num is None:
            if not general:
                return type_ok or _always
            if type_ok is None and len(general) == 1:
                return general[0]
        if (
            node.get("type") == "object"
            and on_dict is not None
            and on_list is on_str is on_num is None
            and not general
        ):
            only_dict = on_dict
            return lambda v: isinstance(v, dict) and only_dict(v)

        def check(v: Any) -> bool:
            if type_ok is not None and not type_ok(v):
                return False
            if isinstance(v, dict):
                if on_dict is not None and not on_dict(v):
                    return False
            elif isinstance(v, list):
                if on_list is not None and not on_list(v):
                    return False
            elif isinstance(v, str):
                if on_str is not None and not on_str(v):
                    return False
            elif on_num is not None and not on_num(v):
                return False
            return all(g(v) for g in general)

        return check

    def _ref(self, ref: str) -> Predicate:
        if not ref.startswith("#/definitions/"):
            raise ValueError(f"unsupported reference {ref}")
        name = ref.rsplit("/", 1)[1]
        if name not in self._refs:
            # Placeholder first so a recursive definition would resolve lazily.
            self._refs[name] = lambda v: self._refs[name](v)
            self._refs[name] = self.compile(self._root["definitions"][name])
        return self._refs[name]

    def _object(self, node: Mapping[str, Any]) -> Predicate:
        props = {k: self.compile(s) for k, s in node.get("properties", {}).items()}
        patterns = [
            (re.compile(p), self.compile(s)) for p, s in node.get("patternProperties", {}).items()
        ]
        extra = node.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)
        required = list(node.get("required", ()))
        # When no declared name also matches a pattern, a declared key needs no regex.
        overlap = any(rx.search(k) for rx, _ in patterns for k in props)

        def check_object(v: dict[str, Any]) -> bool:
            for r in required:
                if r not in v:
                    return False
            for key, value in v.items():
                sub = props.get(key)
                if sub is not None:
                    if not sub(value):
                        return False
                    if not overlap:
                        continue
                seen = sub is not None
                for rx, pat in patterns:
                    if rx.search(key) is not None:
                        seen = True
                        if not pat(value):
                            return False
                if not seen and extra_check is not None and not extra_check(value):
                    return False
            return True

        return check_object

    def _array(self, node: Mapping[str, Any]) -> Predicate:
        items = self.compile(node["items"]) if "items" in node else _always
        unique = bool(node.get("uniqueItems", False))

        def check_array(v: list[Any]) -> bool:
            if unique and len(v) > 1 and first_duplicate(v) is not None:
                return False
            return all(items(x) for x in v)

        return check_array


_KNOWN_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "pattern",
        "minimum",
        "maximum",
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "items",
        "uniqueItems",
        "oneOf",
        "anyOf",
    }
)


_OBJECT_KEYWORDS = frozenset(
    {"properties", "patternProperties", "additionalProperties", "required"}
)
_ARRAY_KEYWORDS = frozenset({"items", "uniqueItems"})


def _pattern_check(pattern: str) -> Predicate:
    rx = re.compile(pattern)
    return lambda v: isinstance(v, Timestamp) or rx.search(v) is not None


def _exactly_one(branches: list[Predicate]) -> Predicate:
    def check_one(v: Any) -> bool:
        found = False
        for b in branches:
            if b(v):
                if found:
                    return False
                found = True
        return found

    return check_one


def _always(_v: Any) -> bool:
    return True


def _never(_v: Any) -> bool:
    return False


def _type_check(want: Any) -> Predicate:
    if isinstance(want, str):
        return _TYPE_TESTS[want]
    tests = [_TYPE_TESTS[t] for t in want]
    return lambda v: any(t(v) for t in tests)


def _bounds(low: Any, high: Any) -> Predicate:
    def check_bounds(v: Any) -> bool:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return True
        if low is not None and v < low:
            return False
        return not (high is not None and v > high)

    return check_bounds

"""Structural check of a compose document against composecheck's own JSON Schema.

The schema (``schemas/compose.schema.json``) describes what Docker Compose v2.40.3
accepts. jsonschema finds the violations; this module turns them into the messages the
reference prints after ``validating <file>: `` and orders them so the first one is the
one the reference reports.

How the reference picks its error (compose-go v2.9.1 on santhosh-tekuri/jsonschema v6,
confirmed by running the binary):

* It keeps the *deepest* failing leaf: the depth is the number of components of the
  instance path, plus one for an unknown-key ("additional properties") failure, which
  is reported at the mapping holding the key.  A failed ``oneOf``/``anyOf`` is never
  reported itself; the deepest failure inside its branches is.
* Among equally deep failures the first one found wins.  The validator checks a value's
  type first and stops there if it is wrong, then (for a mapping) ``required``, each
  present key, then the unknown keys all at once; for a list ``uniqueItems`` then the
  items in order; ``oneOf`` branches in order.  Keys of one mapping are visited in Go
  map order, which is random: with two bad keys at the same depth the reference prints
  either.  We settle such ties by document order (one of the reference's answers), and
  list unknown keys in document order too (the reference rotates them at random).
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from composecheck.load.tree import Timestamp

__all__ = ["SchemaViolation", "check", "load_schema"]

PathT = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class SchemaViolation:
    path: PathT
    key: str | None
    message: str
    hint: str | None


_SCHEMA_FILE = "compose.schema.json"
_SCHEMA: dict[str, Any] | None = None
_VALIDATORS: dict[str, Any] = {}


def load_schema() -> dict[str, Any]:
    """The schema document, read once (installed package first, then the repository)."""
    global _SCHEMA
    if _SCHEMA is None:
        # Plain paths rather than importlib.resources: this runs on every command, and
        # the package ships the file beside its modules (repository layout as fallback).
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        candidates = (
            os.path.join(package, "schemas", _SCHEMA_FILE),
            os.path.join(os.path.dirname(package), "schemas", _SCHEMA_FILE),
        )
        for candidate in candidates:
            if os.path.isfile(candidate):
                with open(candidate, encoding="utf-8") as handle:
                    loaded = json.load(handle)
                break
        else:  # pragma: no cover - a broken installation
            raise FileNotFoundError(f"{_SCHEMA_FILE} is not installed with composecheck")
        if not isinstance(loaded, dict):
            raise TypeError(f"{_SCHEMA_FILE} is not a JSON object")
        _SCHEMA = loaded
    return _SCHEMA


def _validator(definition: str | None = None) -> Any:
    """A compiled validator for the whole file, or for one of its definitions.

    Built once per process: compiling and resolving references is most of the cost of a
    small check.
    """
    name = definition or ""
    cached = _VALIDATORS.get(name)
    if cached is not None:
        return cached
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    schema = _python_dialect()
    base = jsonschema.Draft7Validator
    # A YAML timestamp is a Go time.Time for the reference, which is no JSON type at all;
    # excluding it from "string" makes every typed schema refuse it, as the reference does.
    checker = base.TYPE_CHECKER.redefine(
        "string", lambda _c, v: isinstance(v, str) and not isinstance(v, Timestamp)
    )
    cls = jsonschema.validators.extend(base, type_checker=checker)
    target: dict[str, Any] = schema
    registry: Registry[Any] = Registry()
    if definition is not None:
        # Sub-validators resolve "#/definitions/..." against the whole document.
        uri = str(schema.get("$id", "urn:composecheck:compose.schema.json"))
        registry = registry.with_resource(uri, Resource.from_contents(schema, DRAFT7))
        target = {"$ref": f"{uri}#/definitions/{definition}"}
    validator = cls(target, registry=registry)
    _VALIDATORS[name] = validator
    return validator


_DIALECT: dict[str, Any] | None = None


def _python_dialect() -> dict[str, Any]:
    """The schema with its regular expressions adjusted to Python's ``re``.

    In Python ``$`` also matches before a final newline; in Go (and ECMA-262) it does
    not, so a key such as ``"web\\n"`` would pass here and fail in the reference.
    """
    global _DIALECT
    if _DIALECT is None:
        _DIALECT = _anchor_ends(load_schema())
    return _DIALECT


def _anchor_ends(node: Any) -> Any:
    if isinstance(node, list):
        return [_anchor_ends(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "patternProperties" and isinstance(value, dict):
            out[key] = {_end_anchor(p): _anchor_ends(v) for p, v in value.items()}
        elif key == "pattern" and isinstance(value, str):
            out[key] = _end_anchor(value)
        else:
            out[key] = _anchor_ends(value)
    return out


def _end_anchor(pattern: str) -> str:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


# -- messages ------------------------------------------------------------------------


def _go_quote(s: str) -> str:
    """A string in the reference's single quotes (Go %q, then ' escaped, " bare)."""
    out = []
    for ch in s:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch in _GO_ESCAPES:
            out.append(_GO_ESCAPES[ch])
        elif ch == " " or (ch.isprintable() and unicodedata.category(ch)[0] != "Z"):
            out.append(ch)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "'" + "".join(out) + "'"


_GO_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


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
    # Go's %v: shortest round-trip digits, exponent form below 1e-4 and from 1e+06 up.
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "0"
    sign, digits, exponent = Decimal(repr(f)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    sci = len(text) + exponent - 1
    lead = "-" if sign else ""
    if sci < -4 or sci >= 6:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{lead}{mantissa}e{'-' if sci < 0 else '+'}{abs(sci):02d}"
    if exponent >= 0:
        return lead + text + "0" * exponent
    point = len(text) + exponent
    if point > 0:
        return f"{lead}{text[:point]}.{text[point:]}"
    return f"{lead}0.{'0' * -point}{text}"


def _human_types(want: Any) -> str:
    """The reference's wording of a set of JSON types (sorted, "object" read as mapping)."""
    types = [want] if isinstance(want, str) else list(want)
    names = sorted("mapping" if t == "object" else t for t in types)
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _dotted(path: PathT) -> str:
    return ".".join(str(p) for p in path)


# -- error selection -----------------------------------------------------------------

# Rank of a keyword among the checks the reference makes on one value, in its order:
# the type (and enum/const, which likewise stop the checks of that value), then the
# container checks, then the combinators.
_RANK_FIRST = {"type": 0, "const": 1, "enum": 2}
_RANK_CONTAINER_PRE = {"minProperties": 0, "maxProperties": 0, "required": 0}
_RANK_ARRAY_PRE = {"minItems": 0, "maxItems": 0, "uniqueItems": 0}
_COMBINATORS = {"allOf": 0, "anyOf": 1, "oneOf": 2}


@dataclass(slots=True)
class _Leaf:
    path: PathT
    validator: str
    instance: Any
    value: Any  # the keyword's value in the schema
    schema: Any  # the schema object holding the keyword
    schema_path: tuple[str | int, ...]
    extra: tuple[str, ...] = ()  # unknown keys / missing keys
    dup: tuple[int, int] | None = None
    matched: tuple[int, int] | None = None

    @property
    def specificity(self) -> int:
        return len(self.path) + (1 if self.validator == "additionalProperties" else 0)


_Positions = dict[int, dict[str, int]]


def _order_key(
    leaf: _Leaf, document: Any, positions: _Positions
) -> tuple[int, list[tuple[int, ...]]]:
    """Sort key: deepest first, then the order in which the reference meets the failure."""
    steps: list[tuple[int, ...]] = []
    node = document
    sp = list(leaf.schema_path)
    ip = list(leaf.path)
    i = 0
    while i < len(sp):
        tok = sp[i]
        if tok in ("properties", "patternProperties") and i + 1 < len(sp):
            i += 2
            node = _step(node, ip, steps, positions)
            continue
        if tok == "additionalProperties" and i + 1 < len(sp):
            i += 1
            node = _step(node, ip, steps, positions)
            continue
        if tok in ("items", "additionalItems") and i + 1 < len(sp):
            i += 1
            if isinstance(sp[i], int) and ip and sp[i] == ip[0]:
                i += 1
            node = _step(node, ip, steps, positions)
            continue
        if tok in _COMBINATORS and i + 1 < len(sp) and isinstance(sp[i + 1], int):
            steps.append((3, _COMBINATORS[str(tok)], int(sp[i + 1])))
            i += 2
            continue
        if tok == "dependencies" and i + 1 < len(sp):
            steps.append((1, -1))
            i += 2
            continue
        if i == len(sp) - 1:
            steps.append(_leaf_rank(str(tok)))
        i += 1
    return (-leaf.specificity, steps)


def _step(
    node: Any, ip: list[str | int], steps: list[tuple[int, ...]], positions: _Positions
) -> Any:
    if not ip:
        steps.append((1, 0))
        return node
    comp = ip.pop(0)
    if isinstance(node, Mapping) and isinstance(comp, str) and comp in node:
        index = positions.get(id(node))
        if index is None:
            # Many violations in one big mapping: index its keys once.
            index = {k: n for n, k in enumerate(node)}
            positions[id(node)] = index
        pos = index[comp]
        steps.append((1, pos))
        return node[comp]
    if isinstance(node, list) and isinstance(comp, int) and 0 <= comp < len(node):
        steps.append((1, comp))
        return node[comp]
    steps.append((1, 0))
    return None


def _leaf_rank(keyword: str) -> tuple[int, ...]:
    if keyword in _RANK_FIRST:
        return (0, _RANK_FIRST[keyword])
    if keyword in _RANK_CONTAINER_PRE or keyword in _RANK_ARRAY_PRE:
        return (1, -1)
    if keyword == "additionalProperties":
        return (2,)
    if keyword in _COMBINATORS:
        return (3, _COMBINATORS[keyword], 1 << 30)
    return (1, 1 << 30)


def _leaves(error: Any, out: list[_Leaf]) -> None:
    """The failures the reference would see below ``error`` (combinators unfolded)."""
    kw = error.validator
    if kw in ("oneOf", "anyOf") and error.context:
        # One group per combinator: every branch failed, the reference reports the
        # deepest failure among all branches.
        for sub in error.context:
            _leaves(sub, out)
        return
    path = tuple(error.absolute_path)
    leaf = _Leaf(
        path=path,
        validator=str(kw),
        instance=error.instance,
        value=error.validator_value,
        schema=error.schema,
        schema_path=tuple(error.absolute_schema_path),
    )
    if kw == "additionalProperties":
        leaf.extra = tuple(_unknown_keys(error.instance, error.schema))
    elif kw == "required":
        leaf.extra = tuple(
            r for r in error.validator_value if isinstance(r, str) and r not in error.instance
        )
    elif kw == "uniqueItems":
        leaf.dup = _first_duplicate(error.instance)
    elif kw == "oneOf":
        leaf.matched = _matched_branches(error)
    out.append(leaf)


def _unknown_keys(instance: Mapping[str, Any], schema: Mapping[str, Any]) -> Iterator[str]:
    props = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key in props or any(p.search(key) for p in patterns):
            continue
        yield key


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


def _first_duplicate(items: list[Any]) -> tuple[int, int] | None:
    # The reference reports the first later item equal to an earlier one, paired with
    # the earliest such earlier item.
    for i in range(1, len(items)):
        for j in range(i):
            if _json_equal(items[i], items[j]):
                return (j, i)
    return None


def _matched_branches(error: Any) -> tuple[int, int] | None:
    validator = _validator()
    matched: list[int] = []
    for n, branch in enumerate(error.validator_value):
        if validator.evolve(schema=branch).is_valid(error.instance):
            matched.append(n)
            if len(matched) == 2:
                return (matched[0], matched[1])
    return None


def _prune(groups: list[list[_Leaf]]) -> list[list[_Leaf]]:
    """Drop what the reference never reaches, merge what it reports as one failure.

    jsonschema reports each keyword separately (each as its own top-level error), so
    this looks across all groups.
    """
    # A wrong type (or a value outside an enum/const) ends the reference's checks of
    # that value under that schema; jsonschema goes on and reports more.
    stopped: dict[tuple[int, PathT], str] = {}
    for group in groups:
        for leaf in group:
            if leaf.validator in _RANK_FIRST:
                k = (id(leaf.schema), leaf.path)
                prior = stopped.get(k)
                if prior is None or _RANK_FIRST[leaf.validator] < _RANK_FIRST[prior]:
                    stopped[k] = leaf.validator
    required: dict[tuple[int, PathT], _Leaf] = {}
    out: list[list[_Leaf]] = []
    for group in groups:
        kept: list[_Leaf] = []
        for leaf in group:
            k = (id(leaf.schema), leaf.path)
            if k in stopped and stopped[k] != leaf.validator:
                continue
            if leaf.validator == "required":
                # One error per missing key in jsonschema; the reference names them together.
                first = required.get(k)
                if first is not None:
                    first.extra = tuple(dict.fromkeys((*first.extra, *leaf.extra)))
                    continue
                required[k] = leaf
            kept.append(leaf)
        if kept:
            out.append(kept)
    return out


def _message(leaf: _Leaf) -> str:
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
        return f"{where} items at {i} and {j} are equal"
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


def _hint(leaf: _Leaf) -> str | None:
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


def _violation(leaf: _Leaf) -> SchemaViolation:
    key = leaf.extra[0] if leaf.validator == "additionalProperties" and leaf.extra else None
    return SchemaViolation(path=leaf.path, key=key, message=_message(leaf), hint=_hint(leaf))


# -- entry point ---------------------------------------------------------------------


def check(document: Mapping[str, Any]) -> list[SchemaViolation]:
    """Every structural violation of ``document``; the first is the reference's error."""
    picked: list[tuple[tuple[int, list[tuple[int, ...]]], _Leaf]] = []
    positions: _Positions = {}
    groups: list[list[_Leaf]] = []
    for error in _errors(document):
        group: list[_Leaf] = []
        _leaves(error, group)
        groups.append(group)
    for group in _prune(groups):
        keyed = [(_order_key(lf, document, positions), lf) for lf in group]
        picked.append(min(keyed, key=lambda kv: kv[0]))
    picked.sort(key=lambda kv: kv[0])
    return [_violation(lf) for _, lf in picked]


def _errors(document: Mapping[str, Any]) -> Iterator[Any]:
    """jsonschema errors for ``document``, looking only where the fast check failed.

    jsonschema costs about a millisecond per service; the compiled predicate answers
    "valid?" some twenty times faster. So the predicate screens the top level (with
    the services left out) and each service, and jsonschema only sees what failed:
    the top level, and of a failing service only its failing or unknown keys (the
    errors under one key do not depend on the others).
    """
    services = document.get("services") if isinstance(document, Mapping) else None
    if not isinstance(services, Mapping) or not services:
        if not _predicate()(document):
            yield from _validator().iter_errors(document)
        return
    # The top level sees only the misnamed services (to report them as unknown keys).
    shallow = dict(document)
    shallow["services"] = {n: None for n in services if not _SERVICE_NAME.search(n)}
    if not _predicate()(shallow):
        yield from _validator().iter_errors(shallow)
    parts = _service_parts()
    for name, body in services.items():
        if not _SERVICE_NAME.search(name):
            continue
        if isinstance(body, dict):
            body = {k: v for k, v in body.items() if not parts.key_ok(k, v)}
            if not body:
                continue
        elif parts.whole(body):
            continue
        for error in _validator("service").iter_errors(body):
            yield _Rebased(error, ("services", name))


# The schema's service-name pattern, anchored the Go way (see _python_dialect).
_SERVICE_NAME = re.compile(r"^[a-zA-Z0-9._-]+\Z")


class _ServiceParts:
    """Per-key predicates of the service definition, to find a service's bad keys."""

    def __init__(self, compiler: _Compiler, node: Mapping[str, Any]) -> None:
        self.whole = compiler.compile(node)
        self.props = {k: compiler.compile(v) for k, v in node.get("properties", {}).items()}
        self.patterns = [
            (re.compile(p), compiler.compile(v))
            for p, v in node.get("patternProperties", {}).items()
        ]
        self.closed = node.get("additionalProperties", True) is False
        if node.get("required") or not isinstance(node.get("additionalProperties", False), bool):
            raise ValueError("service definition shape not supported by the fast path")

    def key_ok(self, key: str, value: Any) -> bool:
        sub = self.props.get(key)
        ok = sub is None or sub(value)
        matched = sub is not None
        for rx, pat in self.patterns:
            if rx.search(key) is not None:
                matched = True
                ok = ok and pat(value)
        return ok and (matched or not self.closed)


_PARTS: list[_ServiceParts] = []


def _service_parts() -> _ServiceParts:
    if not _PARTS:
        schema = _python_dialect()
        _PARTS.append(_ServiceParts(_Compiler(schema), schema["definitions"]["service"]))
    return _PARTS[0]


class _Rebased:
    """A service-level jsonschema error seen from the document root."""

    __slots__ = ("_error", "_prefix")

    def __init__(self, error: Any, prefix: PathT) -> None:
        self._error = error
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        if name == "absolute_path":
            return (*self._prefix, *self._error.absolute_path)
        if name == "absolute_schema_path":
            return (
                "properties",
                "services",
                "patternProperties",
                "service",
                *self._error.absolute_schema_path,
            )
        if name == "context":
            return [_Rebased(e, self._prefix) for e in (self._error.context or [])]
        return getattr(self._error, name)


# -- fast validity predicate ---------------------------------------------------------

Predicate = Callable[[Any], bool]
_PREDICATES: dict[str, Predicate] = {}


def _predicate(definition: str | None = None) -> Predicate:
    """A compiled yes/no check equivalent to the schema (or one of its definitions).

    It understands exactly the keywords our schema uses and refuses to compile anything
    else, so a schema edit cannot silently make it disagree with jsonschema (the tests
    also compare the two on every mutation case).
    """
    name = definition or ""
    cached = _PREDICATES.get(name)
    if cached is None:
        schema = _python_dialect()
        compiler = _Compiler(schema)
        node = schema if definition is None else schema["definitions"][definition]
        cached = compiler.compile(node)
        _PREDICATES[name] = cached
    return cached


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


class _Compiler:
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
            if unique and len(v) > 1 and _first_duplicate(v) is not None:
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

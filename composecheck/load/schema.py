"""Structural check of a compose document against composecheck's own JSON Schema.

The schema (``schemas/compose.schema.json``) describes what Docker Compose v2.40.3
accepts. jsonschema finds the violations; they come out as the messages the reference
prints after ``validating <file>: ``, ordered so the first one is the one the
reference reports.

This module runs the check: it loads the schema, screens the document with a compiled
predicate (:mod:`.schema_predicate`), and asks jsonschema where it fails. Which failure
the reference reports is :mod:`.schema_select`'s business; its wording,
:mod:`.schema_messages`'.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from composecheck.load.schema_messages import hint, message
from composecheck.load.schema_predicate import Compiler, Predicate, first_duplicate
from composecheck.load.schema_select import Leaf, PathT, Positions, leaves, order_key, prune
from composecheck.load.tree import Timestamp

__all__ = ["SchemaViolation", "check", "load_schema"]


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
    # jsonschema's own uniqueItems compares pairs when the items do not sort (mappings,
    # mixed types): ours hashes, and agrees with the fast check on what is equal.
    cls = jsonschema.validators.extend(
        base, validators={"uniqueItems": _unique_items}, type_checker=checker
    )
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


def _unique_items(validator: Any, unique: Any, instance: Any, _schema: Any) -> Iterator[Any]:
    if unique and validator.is_type(instance, "array") and first_duplicate(instance) is not None:
        from jsonschema.exceptions import ValidationError

        yield ValidationError("array has non-unique elements")


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


def _violation(leaf: Leaf) -> SchemaViolation:
    key = leaf.extra[0] if leaf.validator == "additionalProperties" and leaf.extra else None
    return SchemaViolation(path=leaf.path, key=key, message=message(leaf), hint=hint(leaf))


# -- entry point ---------------------------------------------------------------------


def check(document: Mapping[str, Any]) -> list[SchemaViolation]:
    """Every structural violation of ``document``; the first is the reference's error."""
    picked: list[tuple[tuple[int, list[tuple[int, ...]]], Leaf]] = []
    positions: Positions = {}
    groups: list[list[Leaf]] = []
    for error in _errors(document):
        group: list[Leaf] = []
        leaves(error, group, _validator())
        groups.append(group)
    for group in prune(groups):
        keyed = [(order_key(lf, document, positions), lf) for lf in group]
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

    def __init__(self, compiler: Compiler, node: Mapping[str, Any]) -> None:
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
        _PARTS.append(_ServiceParts(Compiler(schema), schema["definitions"]["service"]))
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
        compiler = Compiler(schema)
        node = schema if definition is None else schema["definitions"][definition]
        cached = compiler.compile(node)
        _PREDICATES[name] = cached
    return cached

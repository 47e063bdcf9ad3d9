"""Which schema failure the reference reports, and in which order the others come.

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

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from composecheck.load.schema_predicate import first_duplicate

__all__ = ["Leaf", "PathT", "Positions", "leaves", "order_key", "prune"]

PathT = tuple[str | int, ...]

# Rank of a keyword among the checks the reference makes on one value, in its order:
# the type (and enum/const, which likewise stop the checks of that value), then the
# container checks, then the combinators.
_RANK_FIRST = {"type": 0, "const": 1, "enum": 2}
_RANK_CONTAINER_PRE = {"minProperties": 0, "maxProperties": 0, "required": 0}
_RANK_ARRAY_PRE = {"minItems": 0, "maxItems": 0, "uniqueItems": 0}
_COMBINATORS = {"allOf": 0, "anyOf": 1, "oneOf": 2}


@dataclass(slots=True)
class Leaf:
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


Positions = dict[int, dict[str, int]]


def order_key(leaf: Leaf, document: Any, positions: Positions) -> tuple[int, list[tuple[int, ...]]]:
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
    node: Any, ip: list[str | int], steps: list[tuple[int, ...]], positions: Positions
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


def leaves(error: Any, out: list[Leaf], validator: Any) -> None:
    """The failures the reference would see below ``error`` (combinators unfolded)."""
    kw = error.validator
    if kw in ("oneOf", "anyOf") and error.context:
        # One group per combinator: every branch failed, the reference reports the
        # deepest failure among all branches.
        for sub in error.context:
            leaves(sub, out, validator)
        return
    path = tuple(error.absolute_path)
    leaf = Leaf(
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
        leaf.dup = first_duplicate(error.instance)
    elif kw == "oneOf":
        leaf.matched = _matched_branches(error, validator)
    out.append(leaf)


def _unknown_keys(instance: Mapping[str, Any], schema: Mapping[str, Any]) -> Iterator[str]:
    props = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key in props or any(p.search(key) for p in patterns):
            continue
        yield key


def _matched_branches(error: Any, validator: Any) -> tuple[int, int] | None:
    matched: list[int] = []
    for n, branch in enumerate(error.validator_value):
        if validator.evolve(schema=branch).is_valid(error.instance):
            matched.append(n)
            if len(matched) == 2:
                return (matched[0], matched[1])
    return None


def prune(groups: list[list[Leaf]]) -> list[list[Leaf]]:
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
    required: dict[tuple[int, PathT], Leaf] = {}
    out: list[list[Leaf]] = []
    for group in groups:
        kept: list[Leaf] = []
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

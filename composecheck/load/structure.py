"""The structural check of each file, as a stage: schema violations become located errors.

:mod:`.schema` judges plain values; this stage decides what tree it sees (an override
file as it will merge) and points each violation back into the positioned tree.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError
from composecheck.load.merge import enforce_unicity, strip_markers
from composecheck.load.tree import YList, YMap, clone, locate, plain


def as_override(doc: YMap, model: YMap) -> YMap:
    """The override file as the structural check should see it.

    An empty value (``labels:``) in an override leaves what came before untouched,
    so it is checked as what it merges into.
    """
    tree: YMap = strip_markers(clone(doc))

    def fill(over: YMap, base: YMap) -> None:
        for key, value in over.items():
            before = base.get(key)
            if value is None and before is not None:
                if isinstance(before, YMap):
                    over[key] = YMap(over.vloc(key))
                elif isinstance(before, YList):
                    over[key] = YList(over.vloc(key))
                else:
                    over[key] = before
            elif isinstance(value, YMap) and isinstance(before, YMap):
                fill(value, before)

    fill(tree, model)
    # Compose de-duplicates keyed sequences before it checks the structure.
    return enforce_unicity(tree)


def validate(tree: YMap, display: str) -> None:
    """Raise the first schema violation of ``tree``, carrying the others along."""
    from composecheck.load.schema import check

    violations = check(plain(tree))
    if not violations:
        return
    errors = []
    for violation in violations:
        loc = locate(tree, violation.path) if violation.path else tree.loc
        if violation.key is not None:
            node: Any = tree
            # A schema path alternates keys and indexes as the tree does: Any steps it.
            step: Any
            for step in violation.path:
                node = node[step] if isinstance(node, (dict, list)) else None
            if isinstance(node, YMap) and violation.key in node:
                loc = node.kloc(violation.key)
        errors.append(
            InputError(f"validating {display}: {violation.message}", loc, hint=violation.hint)
        )
    # Compose reports the first; `validate` reports them all.
    errors[0].others = errors[1:]
    raise errors[0]


def validate_untyped(model: dict[str, Any], filename: str) -> None:
    """The untyped mode's check: the first violation only, without a position."""
    from composecheck.load.schema import check

    violations = check(model)
    if violations:
        raise InputError(f"validating {filename}: {violations[0].message}")


__all__ = ["as_override", "validate", "validate_untyped"]

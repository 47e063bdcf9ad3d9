"""The structural check of each file, as a stage: schema violations become located errors.

:mod:`.schema` judges plain values; this stage hands it the model merged so far (before
its canonical form, as Compose checks it) and points each violation back into the
positioned tree.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError
from composecheck.load.tree import YMap, locate, plain


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


__all__ = ["validate", "validate_untyped"]

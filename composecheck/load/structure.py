"""The structural check of each file, as a stage: schema violations become located errors.

:mod:`.schema` judges plain values; this stage hands it the model merged so far (before
its canonical form, as Compose checks it) and points each violation back into the
positioned tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from composecheck.errors import INVALID_VALUE, UNKNOWN_ATTRIBUTE, InputError, Problems
from composecheck.load.tree import YList, YMap, locate, plain


def validate(
    tree: YMap,
    display: str,
    problems: Problems | None = None,
    *,
    written: set[tuple[Any, ...]] | None = None,
) -> None:
    """Raise the first schema violation of ``tree`` (Compose reports the first).

    With ``problems`` that keep going (validating), report every violation and remove
    what each one names from ``tree``: an unknown key is ignored, a value of the wrong
    type or shape is dropped, so that the stages after it see a sound model.
    """
    from composecheck.load.schema import check

    violations = check(plain(tree))
    if written is not None:
        # Merged onto earlier documents: an empty key that no mapping of this document
        # wrote came from a `K=V` list's item (`labels: ["a=b", ""]`), which Compose
        # checks as the list item it was, and accepts.
        violations = [v for v in violations if v.key != "" or tuple(v.path) in written]
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
            InputError(
                f"validating {display}: {violation.message}",
                loc,
                hint=violation.hint,
                code=UNKNOWN_ATTRIBUTE if violation.key is not None else INVALID_VALUE,
            )
        )
    if problems is None or not problems.keep_going:
        raise errors[0]
    for error in errors:
        problems.report(error)
    for violation in violations:
        if len(violation.path) >= 2 and violation.path[0] == "services":
            # Not blamed later for what the dropped value would have given it.
            problems.incomplete.add(str(violation.path[1]))
    targets = [_target(tree, v.path, v.key) for v in violations]
    # List items last to first, so that each index still names its item.
    for parent, last in sorted(
        (t for t in targets if t is not None),
        key=lambda t: -t[1] if isinstance(t[1], int) else 0,
    ):
        if isinstance(parent, YMap) and isinstance(last, str) and last in parent:
            parent.drop(last)
        elif isinstance(parent, YList) and isinstance(last, int) and last < len(parent):
            parent.remove_at(last)


def _target(
    tree: YMap, path: Sequence[str | int], key: str | None
) -> tuple[YMap | YList, str | int] | None:
    """What a structural violation names: the unknown ``key`` under ``path``, or the
    value at ``path`` (None when the path no longer leads anywhere)."""
    parent: Any = tree
    steps = list(path) if key is not None else list(path[:-1])
    for part in steps:
        in_map = isinstance(parent, YMap) and isinstance(part, str) and part in parent
        in_list = isinstance(parent, YList) and isinstance(part, int) and part < len(parent)
        if not (in_map or in_list):
            return None
        parent = parent[part]
    last = key if key is not None else (path[-1] if path else None)
    if last is None or not isinstance(parent, (YMap, YList)):
        return None
    return parent, last


def written_mappings(doc: YMap, model: YMap | None = None) -> set[tuple[Any, ...]]:
    """The paths of the mappings ``doc`` writes with an empty key, but for those merged
    into ``model``'s as ``K=V`` entries: Compose checks the entries, which allow it."""
    from composecheck.load.entries import TO_SEQUENCE
    from composecheck.load.unicity import path_pattern

    out: set[tuple[Any, ...]] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, YMap):
            if (
                "" in node
                and not _from_entry(node)
                and not (
                    model is not None and path_pattern(path) in TO_SEQUENCE and _holds(model, path)
                )
            ):
                out.add(path)
            stack.extend((value, (*path, key)) for key, value in node.items())
        elif isinstance(node, YList):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
    return out


def _from_entry(mapping: YMap) -> bool:
    """Whether the empty key of ``mapping`` was read from a ``K=V`` entry."""
    from composecheck.load.keyvalue import EntryName

    return any(key == "" and isinstance(key, EntryName) for key in mapping)


def _holds(tree: Any, path: tuple[Any, ...]) -> bool:
    for part in path:
        if not isinstance(tree, YMap) or part not in tree:
            return False
        tree = tree[part]
    return True


def validate_untyped(model: dict[str, Any], filename: str) -> None:
    """The untyped mode's check: the first violation only, without a position."""
    from composecheck.load.schema import check

    violations = check(model)
    if violations:
        raise InputError(f"validating {filename}: {violations[0].message}")


__all__ = ["validate", "validate_untyped"]

"""What CC211-CC214 and CC301-CC306 share: one-shot jobs, the ``!reset`` to blame for a
missing setting, load order, paths and sizes as people write them.

Not a check: helpers only, listed in no registry.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable

from composecheck.checks import Check, Context, OptionSpec
from composecheck.findings import Finding
from composecheck.load.tree import Path, YMap
from composecheck.location import Loc

#: ``deploy.mode`` values that run a task to completion instead of keeping it up.
JOB_MODES = frozenset({"replicated-job", "global-job"})


def one_shot_reason(
    ctx: Context, name: str, service: YMap, configured: Collection[str] = ()
) -> str | None:
    """Why ``name`` is a job that runs to completion, or None for a long-running service.

    A service is a job when its author said so: ``restart: "no"``, a
    ``deploy.restart_policy.condition`` of ``none``, a ``*-job`` deploy mode, or another
    service waiting for it with ``condition: service_completed_successfully``. A service
    scaled to zero starts nothing, so it is not long-running either. ``configured``:
    the ``one-shot-services`` a team listed in its configuration.
    """
    if name in configured:
        return "the configuration lists it in one-shot-services"
    if scaled_to_zero(service):
        return "it is scaled to zero"
    if service.get("restart") == "no":
        return 'its restart policy is "no"'
    deploy = service.get("deploy")
    if isinstance(deploy, YMap):
        policy = deploy.get("restart_policy")
        if isinstance(policy, YMap) and policy.get("condition") in ("none", "no"):
            return 'its deploy.restart_policy.condition is "none"'
        if deploy.get("mode") in JOB_MODES:
            return f"its deploy.mode is {deploy.get('mode')}"
    everyone = {**ctx.disabled_services(), **ctx.services()}
    for other in sorted(everyone):
        deps = everyone[other].get("depends_on")
        if not isinstance(deps, YMap):
            continue
        entry = deps.get(name)
        if isinstance(entry, YMap) and entry.get("condition") == "service_completed_successfully":
            return f'service "{other}" waits for it to complete successfully'
    return None


def one_shot_option(what: str) -> OptionSpec:
    """The ``one-shot-services`` option of CC305 and CC306."""
    return {
        "one_shot_services": (
            list[str],
            [],
            f"Services that run to completion (migrations, seeders) and need no {what}.",
        )
    }


def removal(ctx: Context, name: str, paths: Iterable[Path]) -> tuple[Path, Loc] | None:
    """The ``!reset`` that removed one of ``paths`` (or a mapping holding one) of service
    ``name`` from what the files before it had set: the line to blame when an override
    drops a setting. None when no reset removed one (the setting was never there).

    The loader records what each reset took away, so this reads the record: nothing is
    loaded again."""
    wanted = [("services", name, *p) for p in paths]
    for record in reversed(ctx.loaded.removals):
        removed = tuple(record.path)
        # Resetting the service itself removes the service, not one of its settings.
        if record.kind != "reset" or record.loc is None or len(removed) < 3:
            continue
        if removed[:2] != ("services", name):
            continue
        for path in wanted:
            if path[: len(removed)] != removed:
                continue
            rest = path[len(removed) :]
            if not rest or locate_value(record.removed, rest) is not None:
                return removed, record.loc
    return None


def locate_value(tree: object, path: Path) -> object:
    node: object = tree
    for part in path:
        if not isinstance(node, YMap) or not isinstance(part, str):
            return None
        node = node.get(part)
    return node


def service_loc(ctx: Context, name: str) -> Loc | None:
    """The service's key, in the file that defines it."""
    return ctx.resources("services").kloc(name)


def display(ctx: Context, path: str) -> str:
    """A file or folder as the user would write it: relative to where composecheck runs
    (as finding locations are), else to the project folder, else absolute."""
    for base in (ctx.cwd, ctx.loaded.working_dir):
        if not base:
            continue
        relative = os.path.relpath(path, base)
        if relative == ".":
            return "."
        if relative != ".." and not relative.startswith("../"):
            return "./" + relative
    return path


def setting(path: Path) -> str:
    return ".".join(str(p) for p in path[2:])


def as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def as_float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def written_order(ctx: Context, service: str, loc: Loc | None) -> tuple[int, int, int, str]:
    """Where a value sits in load order (base file, then overrides; line, column).

    Of two values that clash, the one written last made the clash: findings go there.
    A value from an ``extends`` or ``include`` source counts as written where the
    service that pulls it in is declared.
    """
    files = list(ctx.loaded.files)
    if loc is not None and loc.file not in files:
        loc = service_loc(ctx, service) or loc
    if loc is None:
        return (-1, 0, 0, service)
    rank = files.index(loc.file) if loc.file in files else -1
    return (rank, loc.line, loc.col, service)


def scaled_to_zero(service: YMap) -> bool:
    """``scale: 0`` or ``deploy.replicas: 0``: defined, but Compose starts no container."""
    deploy = service.get("deploy")
    counts = (service.get("scale"), deploy.get("replicas") if isinstance(deploy, YMap) else None)
    return any(isinstance(c, int) and not isinstance(c, bool) and c == 0 for c in counts)


def override_related(ctx: Context, name: str, setting_name: str) -> list[tuple[Loc | None, str]]:
    """A second location for a missing setting: the last override file that configures
    the service, since a setting added there applies to this environment only."""
    service = ctx.services().get(name)
    defined = service_loc(ctx, name)
    if service is None or defined is None:
        return []
    files = list(ctx.loaded.files)
    written = [
        loc
        for loc in service.vlocs.values()
        if loc is not None and loc.file in files and loc.file != defined.file
    ]
    if not written:
        return []
    last = max(files.index(loc.file) for loc in written)
    there = min(
        (loc for loc in written if files.index(loc.file) == last),
        key=lambda loc: (loc.line, loc.col),
    )
    return [
        (
            there,
            f"this file configures the service too: {setting_name} added here applies to "
            f"the {ctx.environment} environment only",
        )
    ]


def missing_setting(
    check: Check,
    ctx: Context,
    name: str,
    *,
    paths: Iterable[Path],
    what: str,
    message: str,
    hint: str,
    reset_hint: str,
) -> Finding:
    """The finding for a production setting a service lacks.

    When a later file removed it with ``!reset``, the finding points at that line;
    otherwise at the service, with any override file that configures the service as a
    second place (a value set there applies to that environment only).
    """
    dropped = removal(ctx, name, paths)
    if dropped is not None:
        path, loc = dropped
        return ctx.finding(
            check,
            f'service "{name}" has no {what}: this override resets {setting(path)} with !reset',
            reset_hint,
            loc=loc,
            service=name,
        )
    return ctx.finding(
        check,
        message,
        hint,
        loc=service_loc(ctx, name),
        service=name,
        related=override_related(ctx, name, f"a {what}"),
    )

"""``extends`` in the untyped mode: a service built on another, on plain values.

A base from another file is loaded with the stages ``extends`` needs only (no include,
no structural check) and its paths made relative to this project; the child's
``!reset``/``!override`` paths are removed from what it inherits.
"""

from __future__ import annotations

import copy
import os
from typing import Any

from composecheck.errors import InputError
from composecheck.load.untyped.context import Context, Loader, Tracker
from composecheck.load.untyped.gocompat import Path
from composecheck.load.untyped.merge import merge
from composecheck.load.untyped.paths import PathResolver, abs_path, rel_dir
from composecheck.load.untyped.read import apply_resets


def apply_extends(
    loader: Loader,
    cfg: dict[str, Any],
    filename: str,
    ctx: Context,
    tracker: Tracker,
    post: list[list[Path]],
) -> None:
    if "services" not in cfg:
        return
    services = cfg["services"]
    if not isinstance(services, dict):
        raise InputError("services must be a mapping")
    for name in list(services):
        services[name] = extend_service(loader, name, services, filename, ctx, tracker, post)


def extend_service(
    loader: Loader,
    name: str,
    services: dict[str, Any],
    filename: str,
    ctx: Context,
    tracker: Tracker,
    post: list[list[Path]],
) -> Any:
    service = services.get(name)
    if service is None:
        return None
    if not isinstance(service, dict):
        raise InputError(f"services.{name} must be a mapping")
    if "extends" not in service:
        return service
    spec = service["extends"]
    file: Any = None
    if isinstance(spec, dict):
        ref = spec.get("service")
        if not isinstance(ref, str):
            raise InputError(f"extends.{name}.service is required")
        file = spec.get("file")
        if file is not None and not isinstance(file, str):
            raise InputError(f"services.{name}.extends.file must be a string")
    elif isinstance(spec, str):
        ref = spec
    else:
        ref = ""
    resets: list[list[Path]] = []
    if file is not None:
        ref_file = str(file)
        services, base_resets = extends_base(loader, name, ref, filename, ref_file, ctx, tracker)
        resets = [base_resets]
        filename = ref_file
    elif ref not in services:
        raise InputError(f'cannot extend service "{name}" in {filename}: service "{ref}" not found')
    tracker = tracker.add(filename, name)
    base = extend_service(loader, ref, services, filename, ctx, tracker, resets)
    if base is None:
        return service
    source = copy.deepcopy(base)
    for paths in post:
        apply_resets({"services": {name: source}}, paths)
    merged = merge(source, service, ("services", "x"))
    merged.pop("extends", None)
    services[name] = merged
    return merged


def extends_base(
    loader: Loader,
    name: str,
    ref: str,
    filename: str,
    ref_file: str,
    ctx: Context,
    tracker: Tracker,
) -> tuple[dict[str, Any], list[Path]]:
    local = abs_path(ctx.resolve_root, ref_file)
    rel = rel_dir(ctx.resolve_root, ref_file)
    sub = Context(
        working_dir=rel,
        resolve_root=os.path.dirname(local),
        environment=ctx.environment,
        resolve_paths=False,
        skip_extends=True,
        skip_include=True,
        skip_validation=True,
    )
    source, resets = loader.load_file(local, sub, {}, tracker)
    services = source.get("services")
    if "services" not in source:
        raise InputError(f'cannot extend service "{name}" in {local}: no services section')
    if not isinstance(services, dict):
        raise InputError(f'cannot extend service "{name}" in {local}: services must be a mapping')
    if ref not in services:
        raise InputError(
            f'cannot extend service "{name}" in {filename}: service "{ref}" not found in {ref_file}'
        )
    PathResolver(rel, loader.home, loader.warnings).resolve(source)
    return services, resets


__all__ = ["apply_extends"]

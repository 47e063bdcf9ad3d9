"""``include`` in the untyped mode: other projects loaded on their own, then imported.

Each included project has its own folder and ``.env`` (the parent's variables winning);
a resource defined on both sides must be identical.
"""

from __future__ import annotations

import os
from typing import Any

from composecheck.errors import InputError
from composecheck.load.environment import Environment, is_env_file, load_env_file
from composecheck.load.include import include_entry
from composecheck.load.untyped.context import Context, Loader
from composecheck.load.untyped.gocompat import NilList, go_join, go_sprint
from composecheck.load.untyped.locate import locate_path
from composecheck.load.untyped.paths import abs_path
from composecheck.load.untyped.paths import rel_dir as folder_of


def apply_include(loader: Loader, cfg: dict[str, Any], ctx: Context) -> None:
    if "include" not in cfg:
        return
    items = cfg["include"]
    if items is None:
        del cfg["include"]
        return
    if not isinstance(items, list):
        raise InputError(f"`include` must be a list, got {go_sprint(items)}")
    for position, item in enumerate(items):
        try:
            paths, directory, files = include_entry(item, position)
        except InputError as exc:
            exc.loc = locate_path(["include", str(position)], getattr(loader, "trees", ()))
            raise
        project_dir = directory or ""
        env_files = files or []
        rel_dir = ""
        resolved: list[str] = []
        for index, path in enumerate(paths):
            full = abs_path(ctx.resolve_root, str(path))
            if index == 0:
                if not project_dir:
                    rel_dir = folder_of(ctx.resolve_root, full)
                    project_dir = os.path.dirname(full)
                elif not os.path.isabs(project_dir):
                    rel_dir = folder_of(ctx.resolve_root, project_dir)
                    project_dir = go_join(ctx.resolve_root, project_dir)
                else:
                    rel_dir = project_dir
                if full in ctx.included:
                    chain = [*ctx.included, full]
                    raise InputError(
                        "include cycle detected:\n"
                        + chain[0]
                        + "\n include "
                        + "\n include ".join(chain[1:])
                    )
            resolved.append(full)
        if not env_files:
            dotenv = os.path.join(project_dir, ".env")
            if is_env_file(dotenv):
                env_files = [dotenv]
        else:
            env_files = [abs_path(ctx.resolve_root, str(f)) for f in env_files]
        sub_env = Environment(dict(ctx.environment), {}, {}, [], [])
        for env_file in env_files:
            load_env_file(sub_env, env_file)
        environment = dict(ctx.environment)
        for key, value in sub_env.files.items():
            environment.setdefault(key, value)
        sub = Context(
            working_dir=rel_dir,
            resolve_root=project_dir,
            environment=environment,
            resolve_paths=True,
            included=list(ctx.included),
        )
        imported = loader.load_model(resolved, sub)
        import_resources(imported, cfg)
    del cfg["include"]


def import_resources(source: dict[str, Any], target: dict[str, Any]) -> None:
    for key in ("services", "volumes", "networks", "secrets", "configs", "models"):
        imported = source.get(key)
        if imported is None:
            continue
        into = target.get(key) if key in target else {}
        if not isinstance(into, dict) or not isinstance(imported, dict):
            raise InputError(f"{key} must be a mapping")
        for name, value in imported.items():
            if name in into:
                if plain_equal(value, into[name]):
                    continue
                raise InputError(f"{key}.{name} conflicts with imported resource")
            into[name] = value
        target[key] = into


def plain_equal(a: Any, b: Any) -> bool:
    if isinstance(a, NilList) != isinstance(b, NilList):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(plain_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(plain_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


__all__ = ["apply_include"]

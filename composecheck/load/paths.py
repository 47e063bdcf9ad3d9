"""Relative paths in a project: which values are paths, and how they are resolved."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from composecheck.load.tree import YList, YMap

_REMOTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|github\.com/|git@|service:|docker-image:)")
_WINDOWS = re.compile(r"^[a-zA-Z]:[\\/]")

Rewrite = Callable[[str], str]


def is_remote(context: str) -> bool:
    return bool(_REMOTE.match(context))


def is_path_source(source: str) -> bool:
    """Whether a short-syntax volume source is a host path rather than a volume name."""
    return source.startswith((".", "/", "~", "\\")) or bool(_WINDOWS.match(source))


def absolute(base: str, home: str | None) -> Rewrite:
    """Resolve a path against ``base`` (``~`` against ``home``), as Compose does."""

    def rewrite(path: str) -> str:
        if path.startswith("~") and home and (path == "~" or path[1] in "/\\"):
            return os.path.normpath(home + path[1:])
        if os.path.isabs(path) or _WINDOWS.match(path):
            return path
        return os.path.normpath(os.path.join(base, path))

    return rewrite


def rebase(prefix: str) -> Rewrite:
    """Keep paths relative, but to the project directory instead of a nested file's."""

    def rewrite(path: str) -> str:
        if os.path.isabs(path) or path.startswith("~") or _WINDOWS.match(path):
            return path
        return os.path.normpath(os.path.join(prefix, path))

    return rewrite


def service_paths(service: Any, rewrite: Rewrite, *, extends_file: bool = True) -> None:
    """Apply ``rewrite`` to every relative path a service carries, in place."""
    if not isinstance(service, YMap):
        return
    build = service.get("build")
    if isinstance(build, YMap):
        context = build.get("context")
        if isinstance(context, str) and not is_remote(context):
            build["context"] = rewrite(context)
        contexts = build.get("additional_contexts")
        if isinstance(contexts, YMap):
            for key, value in contexts.items():
                if isinstance(value, str) and not is_remote(value):
                    contexts[key] = rewrite(value)
    volumes = service.get("volumes")
    if isinstance(volumes, YList):
        for volume in volumes:
            if isinstance(volume, YMap) and volume.get("type") == "bind":
                source = volume.get("source")
                if isinstance(source, str) and source:
                    volume["source"] = rewrite(source)
    for key in ("env_file", "label_file"):
        files = service.get(key)
        if isinstance(files, YList):
            for index, item in enumerate(files):
                if isinstance(item, str):
                    files[index] = rewrite(item)
                elif isinstance(item, YMap) and isinstance(item.get("path"), str):
                    item["path"] = rewrite(item["path"])
    extends = service.get("extends")
    if extends_file and isinstance(extends, YMap) and isinstance(extends.get("file"), str):
        extends["file"] = rewrite(extends["file"])
    develop = service.get("develop")
    if isinstance(develop, YMap) and isinstance(develop.get("watch"), YList):
        for rule in develop["watch"]:
            if isinstance(rule, YMap) and isinstance(rule.get("path"), str):
                rule["path"] = rewrite(rule["path"])


def resource_paths(tree: YMap, rewrite: Rewrite) -> None:
    """Top-level secrets and configs ``file:`` paths."""
    for section in ("secrets", "configs"):
        resources = tree.get(section)
        if not isinstance(resources, YMap):
            continue
        for resource in resources.values():
            if isinstance(resource, YMap) and isinstance(resource.get("file"), str):
                resource["file"] = rewrite(resource["file"])

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


def rebase(prefix: str, home: str | None) -> Rewrite:
    """Keep paths relative, but to the project directory instead of a nested file's.

    Compose resolves a nested file's paths against its folder relative to the project
    directory, which expands ``~`` (any ``~`` prefix, as Go's ``ExpandUser``) all the same.
    """

    def rewrite(path: str) -> str:
        if path.startswith("~") and home:
            return os.path.normpath(home + "/" + path[1:])
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
        if isinstance(context, str) and context and not is_remote(context):
            build["context"] = rewrite(context)  # (an empty context stays empty)
        ssh = build.get("ssh")
        if isinstance(ssh, YMap):
            for key, value in ssh.items():
                if isinstance(value, str):
                    ssh[key] = rewrite(value)
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
                if isinstance(source, str):
                    volume["source"] = rewrite(source)  # ("" is the folder itself)
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
    """Top-level secrets and configs ``file:``, and a local bind volume's ``device``."""
    for section in ("secrets", "configs"):
        resources = tree.get(section)
        if not isinstance(resources, YMap):
            continue
        for resource in resources.values():
            if isinstance(resource, YMap) and isinstance(resource.get("file"), str):
                resource["file"] = rewrite(resource["file"])
    volumes = tree.get("volumes")
    if isinstance(volumes, YMap):
        for volume in volumes.values():
            # Only a volume that says `driver: local` and `o: bind` is a path on the host.
            opts = volume.get("driver_opts") if isinstance(volume, YMap) else None
            if (
                isinstance(opts, YMap)
                and volume.get("driver") == "local"
                and opts.get("o") == "bind"
                and isinstance(opts.get("device"), str)
            ):
                opts["device"] = rewrite(opts["device"])


def project_paths(tree: YMap, rewrite: Rewrite) -> None:
    """Every relative path of a (loaded, canonical) project: services and resources."""
    services = tree.get("services")
    if isinstance(services, YMap):
        for service in services.values():
            service_paths(service, rewrite)
    resource_paths(tree, rewrite)

"""Paths in the untyped model: relative to the project folder, made absolute by rule.

Also the two helpers of Compose's local resource loader: a file's absolute name and its
folder relative to the project.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from composecheck.errors import InputError
from composecheck.load.untyped.gocompat import Path, go_join, go_type, matches, pattern_table

_WINDOWS_ABS = re.compile(r"^(?:[a-zA-Z]:[\\/]|\\\\)")


class PathResolver:
    def __init__(self, base: str, home: str | None, warnings: list[str]) -> None:
        self.base = base
        self.home = home
        self.warnings = warnings
        self.rules: list[tuple[Path, Callable[[Any], Any]]] = [
            (p, fn)
            for patterns, fn in (
                (
                    ("services.*.build.context", "services.*.build.additional_contexts.*"),
                    self.context,
                ),
                (("services.*.build.ssh.*", "configs.*.file", "secrets.*.file"), self.unix),
                (
                    (
                        "services.*.env_file.*.path",
                        "services.*.label_file.*",
                        "services.*.extends.file",
                        "include.path",
                        "include.project_directory",
                        "include.env_file",
                    ),
                    self.absolute,
                ),
                (("services.*.develop.watch.*.path",), self.link),
                (("services.*.volumes.*",), self.volume),
                (("volumes.*",), self.driver_opts),
            )
            for p in pattern_table(*patterns)
        ]

    def expand_user(self, path: str) -> str:
        if path.startswith("~"):
            if not self.home:
                self.warnings.append("cannot expand '~', because the environment lacks HOME")
                return path
            return go_join(self.home, path[1:])
        return path

    def absolute(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.absolute(v) for v in value]
        if isinstance(value, str):
            path = self.expand_user(value)
            if path.startswith("/") or not path:
                return path
            return go_join(self.base, path)
        raise InputError(f"unexpected type {go_type(value)}")

    def unix(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        path = self.expand_user(value)
        if path.startswith("/") or _WINDOWS_ABS.match(path):
            return path
        return go_join(self.base, path)

    def context(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if "://" in value or value.startswith("service:"):
            return value
        if value.startswith(("https://", "http://", "git://", "ssh://", "github.com/", "git@")):
            return value
        return self.absolute(value)

    def link(self, value: Any) -> Any:
        path = self.absolute(value)
        if isinstance(path, str) and os.path.islink(path):
            return os.path.realpath(path)
        return path

    def volume(self, value: Any) -> Any:
        if not isinstance(value, dict) or value.get("type") != "bind":
            return value
        if "source" not in value:
            raise InputError('invalid mount config for type "bind": field Source must not be empty')
        value["source"] = self.unix(value["source"])
        return value

    def driver_opts(self, value: Any) -> Any:
        if not isinstance(value, dict) or value.get("driver") != "local":
            return value
        opts = value.get("driver_opts")
        if isinstance(opts, dict) and opts.get("o") == "bind" and "device" in opts:
            opts["device"] = self.unix(opts["device"])
        return value

    def resolve(self, value: Any, path: Path = ()) -> Any:
        for pattern, fn in self.rules:
            if matches(path, pattern):
                return fn(value)
        if isinstance(value, dict):
            for key in list(value):
                value[key] = self.resolve(value[key], (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = self.resolve(item, (*path, "[]"))
        return value


def abs_path(root: str, path: str) -> str:
    return path if os.path.isabs(path) else go_join(root, path)


def rel_dir(root: str, path: str) -> str:
    """``localResourceLoader.Dir``: a file's folder, relative to ``root`` if possible."""
    full = abs_path(root, path)
    if not os.path.isdir(full):
        full = abs_path(root, os.path.dirname(path) or ".")
    try:
        return os.path.relpath(full, root)
    except ValueError:
        return full


__all__ = ["PathResolver", "abs_path", "rel_dir"]

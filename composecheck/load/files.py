"""Which compose files a project is made of, where it lives, and what it is called."""

from __future__ import annotations

import os
import re

from composecheck.errors import MISSING_FILE, InputError

MAIN_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_NAMES = (
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)
_NAME_OK = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_NAME_DROP = re.compile(r"[^a-z0-9_-]")


def discover(start: str, warnings: list[str]) -> list[str]:
    """The default files: the first main file from ``start`` upward, plus its override."""
    folder = os.path.abspath(start)
    while True:
        found = [n for n in MAIN_NAMES if os.path.isfile(os.path.join(folder, n))]
        if found:
            if len(found) > 1:
                warnings.append(
                    f"Found multiple config files with supported names: {', '.join(found)}"
                )
                warnings.append(f"Using {found[0]}")
            files = [os.path.join(folder, found[0])]
            overrides = [n for n in OVERRIDE_NAMES if os.path.isfile(os.path.join(folder, n))]
            if overrides:
                if len(overrides) > 1:
                    warnings.append(
                        "Found multiple override files with supported names: "
                        + ", ".join(overrides)
                    )
                    warnings.append(f"Using {overrides[0]}")
                files.append(os.path.join(folder, overrides[0]))
            return files
        parent = os.path.dirname(folder)
        if parent == folder:
            raise InputError(
                "no configuration file provided: not found",
                hint="run in a folder with compose.yaml, or name files with -f",
                code=MISSING_FILE,
            )
        folder = parent


def from_compose_file_variable(value: str, separator: str, cwd: str) -> list[str]:
    if value == "":
        raise InputError(f"read {cwd}: is a directory", code=MISSING_FILE)
    files = []
    for item in value.split(separator):
        path = os.path.normpath(os.path.join(cwd, item))
        if not os.path.exists(path):
            raise InputError(f"stat {path}: no such file or directory", code=MISSING_FILE)
        files.append(path)
    return files


def normalize_name(name: str) -> str:
    """Compose's normalisation of a ``name:`` or a folder name."""
    return _NAME_DROP.sub("", name.lower()).lstrip("_-")


def check_name(name: str) -> str:
    """A name given with ``-p`` or ``COMPOSE_PROJECT_NAME`` must already be normal."""
    if not _NAME_OK.match(name) or normalize_name(name) != name:
        raise InputError(
            f'invalid project name "{name}": must consist only of lowercase alphanumeric '
            "characters, hyphens, and underscores as well as start with a letter or number",
            hint="use lowercase letters, digits, '-' and '_' only",
        )
    return name

"""``include``: other projects imported into this one, each with its own folder and env.

An included project is loaded on its own (its own project directory and ``.env``, the
parent's variables winning), resolved, and its resources imported; a resource defined
on both sides must be identical.
"""

from __future__ import annotations

import os
from typing import Any

from composecheck.errors import DEPENDENCY_CYCLE, MISSING_FILE, InputError
from composecheck.gocompat.fmt import go_string
from composecheck.gocompat.gotypes import go_type
from composecheck.load.context import Loader
from composecheck.load.environment import Environment, is_env_file, load_env_file
from composecheck.load.limits import MAX_INCLUDE_DEPTH
from composecheck.load.markers import strip_markers
from composecheck.load.paths import project_paths, rebase
from composecheck.load.tree import YList, YMap, clone, plain
from composecheck.load.untyped.gocompat import go_sprint


def _string_list(item: dict[str, Any], key: str, index: int) -> list[str] | None:
    """``path`` or ``env_file`` of an include entry: a string or a list of strings, as
    Compose decodes it (None when absent or empty)."""
    raw = item.get(key)
    if isinstance(raw, str):
        return [raw]
    if raw is None or (isinstance(raw, list) and not raw):
        return None
    if isinstance(raw, list) and all(isinstance(p, str) for p in raw):
        return list(raw)
    raise InputError(
        f"decoding failed due to the following error(s):\n\n'[{index}].{key}' invalid type "
        f"{go_type(raw)} for string list",
        item.vlocs.get(key) if isinstance(item, YMap) else None,
    )


def include_entry(item: Any, index: int) -> tuple[list[str], str | None, list[str] | None]:
    """One ``include`` entry as Compose decodes it: its paths, project directory and env
    files (either mode's values: positioned or plain)."""
    if isinstance(item, str):
        return [item], None, None
    if not isinstance(item, dict):
        raise InputError(
            f"decoding failed due to the following error(s):\n\n'[{index}]' expected a map "
            f'or struct, got "{_GO_KINDS.get(go_type(item), go_type(item))}"'
        )
    paths = _string_list(item, "path", index) or []
    directory = item.get("project_directory")
    if isinstance(directory, dict | list):
        raise InputError(
            f"decoding failed due to the following error(s):\n\n'[{index}].project_directory'"
            f" expected type 'string', got unconvertible type '{go_type(directory)}'",
            item.vlocs.get("project_directory") if isinstance(item, YMap) else None,
        )
    if directory is not None and not isinstance(directory, str):
        directory = go_string(directory)  # (a weakly typed decode: 1 is "1")
    return paths, directory, _string_list(item, "env_file", index)


#: reflect's kind names where they differ from the type's
_GO_KINDS = {"[]interface {}": "slice", "<nil>": "invalid"}


def apply_include(loader: Loader, doc: YMap, path: str, env: Environment) -> None:
    items = doc.get("include")
    doc.drop("include")  # (Compose takes it out once read, a null one too)
    if items is None:
        return
    if not isinstance(items, YList):
        raise InputError(f"`include` must be a list, got {go_sprint(plain(items))}", doc.loc)
    for index, item in enumerate(items):
        where = items.vloc(index)
        try:
            spec_paths, project_dir, env_files = include_entry(item, index)
        except InputError as exc:
            exc.loc = exc.loc or where
            raise
        included = [
            p if os.path.isabs(p) else os.path.normpath(os.path.join(loader.working_dir, p))
            for p in spec_paths
        ]
        if not included:
            continue
        for included_path in included:
            if not os.path.exists(included_path):
                # The missing file is named in this `include` entry: point there.
                raise InputError(
                    f"open {included_path}: no such file or directory",
                    item.vloc("path") if isinstance(item, YMap) else where,
                    code=MISSING_FILE,
                )
        if included[0] in loader.include_stack or included[0] == path:
            chain = [*loader.include_stack, path, included[0]]
            raise InputError(
                "include cycle detected:\n"
                + chain[0]
                + "".join(f"\n include {p}" for p in chain[1:]),
                where,
                code=DEPENDENCY_CYCLE,
            )
        if len(loader.include_stack) >= MAX_INCLUDE_DEPTH:
            raise InputError(
                f"include: more than {MAX_INCLUDE_DEPTH} files include one another in a "
                f"chain, from {[*loader.include_stack, path][0]}",
                where,
                hint="composecheck follows include chains up to this depth; include the "
                "files from one place instead",
            )
        if project_dir:
            sub_dir = os.path.normpath(os.path.join(loader.working_dir, project_dir))
            if not os.path.isdir(sub_dir):
                sub_dir = os.path.dirname(sub_dir)
        else:
            sub_dir = os.path.dirname(included[0])
        sub_env = Environment(
            dict(env.shell),
            {},
            {},
            env.warnings,
            env.notices,
            env.problems,
            env.templates,
            env.provenance,
        )
        if loader.options.readings is not None:
            loader.options.readings.add_variables(sub_env.files)
        if env_files:
            written = item.get("env_file") if isinstance(item, YMap) else None
            for position, env_file in enumerate(env_files):
                named_at = (
                    written.vloc(position)
                    if isinstance(written, YList)
                    else item.vloc("env_file")
                    if isinstance(item, YMap)
                    else where
                )
                load_env_file(
                    sub_env,
                    os.path.normpath(os.path.join(loader.working_dir, env_file)),
                    named_at,
                )
        elif is_env_file(os.path.join(sub_dir, ".env")):
            load_env_file(sub_env, os.path.join(sub_dir, ".env"))
        # The parent's variables win over the included project's own.
        for key, value in env.files.items():
            sub_env.files[key] = value
            if key in env.origins:
                sub_env.origins[key] = env.origins[key]
        sub = loader.spawn(sub_env, sub_dir)
        sub.include_stack = [*loader.include_stack, path]
        entry = item.vloc("path") if isinstance(item, YMap) else where
        if entry is not None:
            sub.named_at.update((p, entry) for p in included)
        try:
            model = sub.load_files(included)
        except InputError as exc:
            # A file that cannot be read (missing, a folder) is named in this `include`
            # entry: point there.
            if exc.loc is None and any(
                exc.message.startswith((f"open {p}:", f"read {p}:")) for p in included
            ):
                exc.loc = item.vloc("path") if isinstance(item, YMap) else where
            raise
        _default_build_context(model)
        _config_contents(model, sub_env)
        if loader.options.resolve_paths:
            sub.resolve_all_paths(model)
        else:
            # Compose resolves an included project's paths all the same, against its
            # folder relative to the including project's: they stay relative.
            relative = os.path.relpath(sub_dir, loader.working_dir)
            project_paths(model, rebase(relative, loader.env.shell.get("HOME")))
        loader.merger.removals.extend(sub.merger.removals)
        import_resources(doc, model)


def _default_build_context(model: YMap) -> None:
    """Compose sets an included service's default build context before resolving paths:
    it is the included project's folder, not the including one's."""
    services = model.get("services")
    for service in services.values() if isinstance(services, YMap) else ():
        build = service.get("build") if isinstance(service, YMap) else None
        if isinstance(build, YMap) and "context" not in build:
            build.put("context", ".", build.loc)


def _config_contents(model: YMap, env: Environment) -> None:
    """Compose fills an included config's ``content`` from its ``environment`` variable
    when it is set; the including project then finds both and refuses them."""
    configs = model.get("configs")
    for config in configs.values() if isinstance(configs, YMap) else ():
        if isinstance(config, YMap) and isinstance(config.get("environment"), str):
            value = env.get(config["environment"])
            if value is not None:
                config.put("content", value, config.vloc("environment"))


def import_resources(doc: YMap, model: YMap) -> None:
    for section in ("services", "networks", "volumes", "secrets", "configs", "models"):
        imported = model.get(section)
        if not isinstance(imported, YMap):
            continue
        target = doc.get(section)
        if not isinstance(target, YMap):
            target = YMap(imported.loc)
            doc.put(section, target, imported.loc)
        for name, value in imported.items():
            if name in target:
                if plain(strip_markers(clone(target[name]))) != plain(value):
                    raise InputError(
                        f"{section}.{name} conflicts with imported resource",
                        target.vloc(name),
                    )
                continue
            target.copy_from(imported, name)

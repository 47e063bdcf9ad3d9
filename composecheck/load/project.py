"""``load_project``: run the loading stages in Docker Compose's order.

Per file and document: read → interpolate → ``extends`` → ``!reset`` against what was
merged so far → ``include`` → canonical form → merge → structural check. Then, for the
whole model: defaults, paths, names, profiles, consistency (see :mod:`.normalize`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from composecheck.errors import (
    INVALID_VALUE,
    MISSING_FILE,
    UNKNOWN_ATTRIBUTE,
    YAML_SYNTAX,
    InputError,
    Problems,
)
from composecheck.load import files as filesel
from composecheck.load.canonical import canonical_file
from composecheck.load.environment import (
    Environment,
    Notice,
    load_env_file,
    parse_bool,
    shell_environment,
)
from composecheck.load.expand import expand
from composecheck.load.extends import resolve_extends
from composecheck.load.include import apply_include
from composecheck.load.merge import Merger, Removal, enforce_unicity, merge_trees, strip_markers
from composecheck.load.paths import absolute, resource_paths, service_paths
from composecheck.load.reader import parse_documents
from composecheck.load.tree import YList, YMap, clone, plain
from composecheck.location import Loc


@dataclass
class LoadOptions:
    """What ``docker compose`` takes on its command line, plus the environment."""

    files: Sequence[str] = ()
    env_files: Sequence[str] | None = None
    project_name: str | None = None
    project_directory: str | None = None
    profiles: Sequence[str] | None = None
    environ: Mapping[str, str] | None = None
    cwd: str | None = None
    interpolate: bool = True
    resolve_paths: bool = True
    normalize: bool = True
    consistency: bool = True
    # validate keeps what `config` prunes (unused resources) and disabled services
    prune: bool = True
    stdin: bytes | None = None
    #: Validate: record every problem and go on with the best model that can be built,
    #: instead of stopping at the first as Compose does (see errors.Problems).
    keep_going: bool = False


@dataclass
class LoadedProject:
    """A resolved project: the canonical model with positions, and how it was made."""

    name: str
    model: YMap
    working_dir: str
    files: list[str]
    environment: Environment
    profiles: list[str]
    cwd: str = ""
    warnings: list[str] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    disabled: dict[str, Any] = field(default_factory=dict)
    #: (service, dependency) pairs that normalisation added to depends_on (links,
    #: volumes_from, service: modes), so checks can tell them from written ones.
    implicit: set[tuple[str, str]] = field(default_factory=set)
    #: Every file the project was read from: compose files, includes, extends sources.
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self.model)  # type: ignore[no-any-return]


class _Loader:
    def __init__(self, options: LoadOptions, env: Environment, working_dir: str) -> None:
        self.options = options
        self.env = env
        self.working_dir = working_dir
        self.merger = Merger()
        self.include_stack: list[str] = []
        self.parsed: dict[str, list[YMap]] = {}
        #: Every file read, includes and extends sources too (shared with spawned loaders).
        self.sources: list[str] = []
        #: Files already reported as unreadable (validating goes on without them).
        self.unreadable: set[str] = set()

    # -- one file -----------------------------------------------------------------

    def read(self, path: str) -> list[YMap]:
        cached = self.parsed.pop(path, None)
        if cached is not None:
            return cached
        if path == "-":
            data = self.options.stdin if self.options.stdin is not None else sys.stdin.buffer.read()
            display = os.path.join(self.working_dir, "-")
        else:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                raise InputError(
                    f"open {path}: no such file or directory", code=MISSING_FILE
                ) from None
            except IsADirectoryError:
                raise InputError(f"read {path}: is a directory", code=MISSING_FILE) from None
            except OSError as exc:
                raise InputError(f"open {path}: {exc.strerror}", code=MISSING_FILE) from None
            display = path
        self.sources.append(display)
        docs = parse_documents(data, display)
        out: list[YMap] = []
        for doc in docs:
            if doc is None:
                continue
            if not isinstance(doc, YMap):
                kind = "!!seq" if isinstance(doc, YList) else "!!str"
                raise InputError(
                    f"yaml: unmarshal errors:\n  line 1: cannot unmarshal {kind} into cli.named",
                    Loc(display, 1, 1),
                    code=YAML_SYNTAX,
                )
            out.append(doc)
        return out

    def prepare(self, doc: YMap, path: str, env: Environment) -> YMap:
        """Interpolate, check the shape Compose insists on, and resolve ``extends``."""
        services = doc.get("services")
        if services is not None and not isinstance(services, YMap):
            raise InputError("services must be a mapping", doc.vloc("services"))
        if "version" in doc:
            env.warnings.append(
                f"{path}: the attribute `version` is obsolete, it will be ignored, please "
                "remove it to avoid potential confusion"
            )
            env.notices.append(Notice("obsolete-version", "version", doc.kloc("version")))
            doc.drop("version")
        expand(doc, env, interpolate=self.options.interpolate)
        return doc

    def spawn(self, env: Environment, working_dir: str) -> _Loader:
        """A loader for an included project: its own environment and folder."""
        loader = _Loader(self.options, env, working_dir)
        loader.sources = self.sources
        return loader

    # -- the project ----------------------------------------------------------------

    def load_files(self, paths: Sequence[str]) -> YMap:
        from composecheck.load.schema import check as schema_check

        problems = self.env.problems
        model: YMap | None = None
        unreadable = False
        for path in paths:
            display = os.path.join(self.working_dir, "-") if path == "-" else path
            if path in self.unreadable:
                unreadable = True
                continue
            try:
                docs = self.read(path)
            except InputError as exc:
                problems.report(exc)
                unreadable = True
                continue
            for doc in docs:
                try:
                    self.prepare(doc, display, self.env)
                    resolve_extends(self, doc, display, self.env, self.working_dir)
                    apply_include(self, doc, display, self.env)
                except InputError as exc:
                    # Validating: what extends or include could not do is one problem;
                    # the rest of the document is still checked.
                    problems.report(exc)
                canonical_file(doc, problems)
                if model is not None:
                    # Compose merges first (a type clash is "cannot override ..."), then
                    # checks the structure.
                    as_override = self._as_override(doc, model)
                    if problems.keep_going:
                        # Validating: what the structure check refuses is reported and
                        # left out before it is merged, so the checks see a sound model.
                        self.validate(as_override, display, schema_check, prune=doc)
                    try:
                        model = merge_trees(model, doc, self.merger)
                    except InputError as exc:
                        problems.report(exc)
                        continue
                    if not problems.keep_going:
                        self.validate(as_override, display, schema_check)
                else:
                    model = merge_trees(None, doc, self.merger)
                    enforce_unicity(model)
                    self.validate(model, display, schema_check, prune=model)
        if model is None and not unreadable:
            problems.report(
                InputError(
                    "empty compose file", Loc(paths[0], 1, 1) if paths else None, code=YAML_SYNTAX
                )
            )
        if model is None:
            model = YMap(Loc(paths[0], 1, 1) if paths else None)
        return model

    @staticmethod
    def _as_override(doc: YMap, model: YMap) -> YMap:
        """The override file as the structural check should see it.

        An empty value (``labels:``) in an override leaves what came before untouched,
        so it is checked as what it merges into.
        """
        tree: YMap = strip_markers(clone(doc))

        def fill(over: YMap, base: YMap) -> None:
            for key, value in over.items():
                before = base.get(key)
                if value is None and before is not None:
                    if isinstance(before, YMap):
                        over[key] = YMap(over.vloc(key))
                    elif isinstance(before, YList):
                        over[key] = YList(over.vloc(key))
                    else:
                        over[key] = before
                elif isinstance(value, YMap) and isinstance(before, YMap):
                    fill(value, before)

        fill(tree, model)
        # Compose de-duplicates keyed sequences before it checks the structure.
        return enforce_unicity(tree)

    def validate(self, tree: YMap, display: str, check: Any, prune: YMap | None = None) -> None:
        """The structural check of one file. Rendering raises the first violation.
        Validating reports each one and removes what it names from ``prune`` (the
        document, or the model when it is the first file): an unknown key is ignored,
        a value of the wrong type or shape is dropped."""
        violations = check(plain(tree))
        if not violations:
            return
        from composecheck.load.tree import locate

        errors = []
        for violation in violations:
            loc = locate(tree, violation.path) if violation.path else tree.loc
            if violation.key is not None:
                node: Any = tree
                for part in violation.path:
                    node = node[part] if isinstance(node, (dict, list)) else None
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
        if not self.env.problems.keep_going:
            # Compose reports the first.
            raise errors[0]
        for error in errors:
            self.env.problems.report(error)
        if prune is not None:
            targets = [_target(prune, v.path, v.key) for v in violations]
            # List items last to first, so that each index still names its item.
            for violation in violations:
                if len(violation.path) >= 2 and violation.path[0] == "services":
                    self.env.problems.incomplete.add(str(violation.path[1]))
            for parent, last in sorted(
                (t for t in targets if t is not None),
                key=lambda t: -t[1] if isinstance(t[1], int) else 0,
            ):
                if isinstance(parent, YMap) and isinstance(last, str) and last in parent:
                    parent.drop(last)
                elif isinstance(parent, YList) and isinstance(last, int) and last < len(parent):
                    parent.remove_at(last)

    def resolve_all_paths(self, model: YMap) -> None:
        rewrite = absolute(self.working_dir, self.env.shell.get("HOME"))
        services = model.get("services")
        if isinstance(services, YMap):
            for service in services.values():
                service_paths(service, rewrite)
        resource_paths(model, rewrite)


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


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass
class Selection:
    """What a project is made of before anything is read: files, folder, variables."""

    cwd: str
    env: Environment
    files: list[str]
    working_dir: str


def select(options: LoadOptions) -> Selection:
    """The environment and the compose files, chosen as Docker Compose chooses them."""
    cwd = os.path.abspath(options.cwd or os.getcwd())
    shell = shell_environment(options.environ, cwd)
    env = Environment(shell, problems=Problems(options.keep_going))
    warnings = env.warnings

    explicit = [f if f == "-" else os.path.normpath(os.path.join(cwd, f)) for f in options.files]
    project_dir_opt = (
        os.path.normpath(os.path.join(cwd, options.project_directory))
        if options.project_directory
        else None
    )

    # The first pass of `.env` (before the files are chosen) can set COMPOSE_FILE & co.
    if options.env_files:
        for env_file in options.env_files:
            load_env_file(env, os.path.normpath(os.path.join(cwd, env_file)))
    elif shell.get("COMPOSE_ENV_FILES"):
        for env_file in _split_list(shell["COMPOSE_ENV_FILES"]):
            load_env_file(env, os.path.normpath(os.path.join(cwd, env_file)))
    else:
        disabled = shell.get("COMPOSE_DISABLE_ENV_FILE")
        if not (disabled and parse_bool(disabled)):
            first_dir = project_dir_opt or (
                os.path.dirname(explicit[0]) if explicit and explicit[0] != "-" else cwd
            )
            dotenv = os.path.join(first_dir, ".env")
            if os.path.isfile(dotenv):
                load_env_file(env, dotenv)
            elif os.path.isdir(dotenv):
                env.problems.report(InputError(f"{dotenv} is a directory", code=MISSING_FILE))

    if explicit:
        chosen = explicit
    elif env.get("COMPOSE_FILE") is not None:
        chosen = filesel.from_compose_file_variable(
            env.get("COMPOSE_FILE") or "", env.get("COMPOSE_PATH_SEPARATOR") or os.pathsep, cwd
        )
    else:
        chosen = filesel.discover(project_dir_opt or cwd, warnings)

    if project_dir_opt:
        working_dir = project_dir_opt
    elif chosen[0] == "-":
        working_dir = cwd
    else:
        working_dir = os.path.dirname(chosen[0])

    # The second pass: the project folder's `.env`, below what the first pass set.
    if not options.env_files and not shell.get("COMPOSE_ENV_FILES"):
        disabled = shell.get("COMPOSE_DISABLE_ENV_FILE")
        dotenv = os.path.join(working_dir, ".env")
        if not (disabled and parse_bool(disabled)) and os.path.isfile(dotenv):
            second = Environment(shell, {}, {}, warnings, env.notices, env.problems)
            load_env_file(second, dotenv)
            for key, value in second.files.items():
                if key not in env.files:
                    env.files[key] = value
                    env.origins[key] = second.origins[key]
    return Selection(cwd, env, chosen, working_dir)


def load_project(options: LoadOptions) -> LoadedProject:
    """Resolve a project exactly as ``docker compose config`` would."""
    selection = select(options)
    cwd, env, chosen, working_dir = (
        selection.cwd,
        selection.env,
        selection.files,
        selection.working_dir,
    )
    warnings = env.warnings

    if options.profiles:
        profiles = list(options.profiles)
    else:
        profiles = _split_list(env.get("COMPOSE_PROFILES") or "")

    loader = _Loader(options, env, working_dir)
    # Compose settles the project name before interpolating anything, and offers it to
    # the files as ${COMPOSE_PROJECT_NAME}.
    declared: Any = None
    for path in chosen:
        try:
            docs = loader.parsed[path] = loader.read(path)
        except InputError as exc:
            # Validating: a file that cannot be read or parsed is one problem; the
            # other files are still checked.
            env.problems.report(exc)
            loader.unreadable.add(path)
            continue
        for doc in docs:
            raw = doc.get("name")
            if isinstance(raw, str):
                probe = YMap(doc.loc)
                probe.put("name", raw, doc.vlocs.get("name"))
                expand(
                    probe,
                    Environment(env.shell, env.files, env.origins, []),
                    interpolate=options.interpolate,
                )
                if probe["name"]:
                    declared = probe
    name = _project_name(options, env, declared, working_dir)
    env.shell["COMPOSE_PROJECT_NAME"] = name
    model = loader.load_files(chosen)
    model.put("name", name, model.vlocs.get("name"))
    if options.resolve_paths:
        loader.resolve_all_paths(model)
    project = LoadedProject(
        name=name,
        model=model,
        working_dir=working_dir,
        files=chosen,
        environment=env,
        profiles=profiles,
        cwd=cwd,
        warnings=warnings,
        removals=loader.merger.removals,
        sources=loader.sources,
    )
    from composecheck.load.normalize import normalize

    normalize(project, options)
    return project


def _project_name(
    options: LoadOptions, env: Environment, model: YMap | None, working_dir: str
) -> str:
    if options.project_name:
        return filesel.check_name(options.project_name)
    from_env = env.get("COMPOSE_PROJECT_NAME")
    if from_env:
        return filesel.check_name(from_env)
    declared = model.get("name") if model is not None else None
    if isinstance(declared, str) and declared:
        name = filesel.normalize_name(declared)
    else:
        name = filesel.normalize_name(os.path.basename(working_dir))
    if not name:
        raise InputError(
            "project name must not be empty",
            model.vlocs.get("name") if model else None,
            hint="name the project with `name:`, -p or COMPOSE_PROJECT_NAME",
        )
    return name


__all__ = ["LoadOptions", "LoadedProject", "load_project"]

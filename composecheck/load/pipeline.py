"""The loading pipeline: the one place that knows the order of the stages.

Per file and document: read → interpolate → ``extends`` → ``!reset`` against what was
merged so far → ``include`` → canonical form → merge → structural check. Then, for the
whole model: paths, then defaults, names, profiles, consistency (see :mod:`.normalize`).
Each stage is its own module; this one only sequences them and holds the state a load
carries from file to file (the merge bookkeeping, the include chain, the files read).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from composecheck.errors import InputError
from composecheck.load.canonical import canonical_file
from composecheck.load.environment import Environment, Notice
from composecheck.load.expand import expand
from composecheck.load.extends import resolve_extends
from composecheck.load.include import apply_include
from composecheck.load.merge import Merger, enforce_unicity, merge_trees
from composecheck.load.options import LoadedProject, LoadOptions
from composecheck.load.paths import absolute, resource_paths, service_paths
from composecheck.load.selection import project_name, select, split_list
from composecheck.load.source import display_name, read_bytes, read_documents
from composecheck.load.structure import as_override, validate
from composecheck.load.tree import YMap
from composecheck.location import Loc


class ProjectLoader:
    """One project's load (an included project gets its own); see :class:`.context.Loader`."""

    def __init__(self, options: LoadOptions, env: Environment, working_dir: str) -> None:
        self.options = options
        self.env = env
        self.working_dir = working_dir
        self.merger = Merger()
        self.include_stack: list[str] = []
        self.parsed: dict[str, list[YMap]] = {}
        #: Every file read, includes and extends sources too (shared with spawned loaders).
        self.sources: list[str] = []

    # -- one file -----------------------------------------------------------------

    def read(self, path: str) -> list[YMap]:
        cached = self.parsed.pop(path, None)
        if cached is not None:
            return cached
        data = read_bytes(path, self.options.stdin)
        display = display_name(path, self.working_dir)
        self.sources.append(display)
        return read_documents(data, display)

    def prepare(self, doc: YMap, path: str, env: Environment) -> YMap:
        """Check the shape Compose insists on, drop ``version``, interpolate (by mode)."""
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

    def spawn(self, env: Environment, working_dir: str) -> ProjectLoader:
        """A loader for an included project: its own environment and folder."""
        loader = ProjectLoader(self.options, env, working_dir)
        loader.sources = self.sources
        return loader

    # -- the project ----------------------------------------------------------------

    def load_files(self, paths: Sequence[str]) -> YMap:
        model: YMap | None = None
        for path in paths:
            display = display_name(path, self.working_dir)
            for doc in self.read(path):
                self.prepare(doc, display, self.env)
                resolve_extends(self, doc, display, self.env, self.working_dir)
                apply_include(self, doc, display, self.env)
                canonical_file(doc)
                if model is not None:
                    # Compose merges first (a type clash is "cannot override ..."), then
                    # checks the structure.
                    override = as_override(doc, model)
                    model = merge_trees(model, doc, self.merger)
                    validate(override, display)
                else:
                    model = merge_trees(None, doc, self.merger)
                    enforce_unicity(model)
                    validate(model, display)
        if model is None:
            raise InputError("empty compose file", Loc(paths[0], 1, 1) if paths else None)
        return model

    def resolve_all_paths(self, model: YMap) -> None:
        rewrite = absolute(self.working_dir, self.env.shell.get("HOME"))
        services = model.get("services")
        if isinstance(services, YMap):
            for service in services.values():
                service_paths(service, rewrite)
        resource_paths(model, rewrite)


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
        profiles = split_list(env.get("COMPOSE_PROFILES") or "")

    loader = ProjectLoader(options, env, working_dir)
    # Compose settles the project name before interpolating anything, and offers it to
    # the files as ${COMPOSE_PROJECT_NAME}.
    declared: Any = None
    for path in chosen:
        docs = loader.parsed[path] = loader.read(path)
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
    name = project_name(options, env, declared, working_dir)
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


__all__ = ["ProjectLoader", "load_project"]

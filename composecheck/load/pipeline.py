"""The loading pipeline: the one place that knows the order of the stages.

Both modes follow the reference's order, per file and document: read → interpolate (the
typed mode only) → ``extends`` → ``!reset`` → ``include`` → merge into the model so far
(the model canonical, the new document raw) → de-duplicate keyed sequences → structural
check → canonical form → de-duplicate again.

The typed mode (``config``, ``validate``) works on positioned trees; ``!reset`` and
``!override`` act inside the merge. For the whole model: paths, then defaults, names,
profiles, consistency (see :mod:`.normalize`).

The untyped mode (``config --no-interpolate``, see :mod:`.untyped`) works on plain values,
Compose's intermediate model; ``!reset`` paths are removed from the model so far before
``include``. For the whole model: defaults, paths, environment and, unless
``--no-normalize``, names and networks.

Each stage is its own module; this one only sequences them and holds the state a load
carries from file to file (the merge bookkeeping, the include chain, the files read).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TypeVar

from composecheck.errors import YAML_SYNTAX, InputError
from composecheck.load import files as filesel
from composecheck.load.canonical import settled
from composecheck.load.environment import Environment, Notice
from composecheck.load.expand import expand
from composecheck.load.limits import deep_enough
from composecheck.load.merge import Merger
from composecheck.load.options import LoadedProject, LoadOptions
from composecheck.load.paths import absolute, resource_paths, service_paths
from composecheck.load.readings import Readings
from composecheck.load.selection import project_name, select, split_list
from composecheck.load.source import display_name, read_bytes, read_documents
from composecheck.load.stagesets import DocumentStages, TypedDocument, UntypedDocument
from composecheck.load.tree import Override, Reset, YList, YMap
from composecheck.load.untyped.canonical import CANONICAL_WARNINGS
from composecheck.load.untyped.context import Context, Tracker
from composecheck.load.untyped.defaults import set_defaults
from composecheck.load.untyped.gocompat import Path
from composecheck.load.untyped.locate import locate_message
from composecheck.load.untyped.normalize import normalize as normalize_untyped
from composecheck.load.untyped.normalize import resolve_environment
from composecheck.load.untyped.paths import PathResolver
from composecheck.load.untyped.read import declared_name, read_docs
from composecheck.location import Loc

Model = TypeVar("Model")
Document = TypeVar("Document")


def run_document(stages: DocumentStages[Model, Document], model: Model, doc: Document) -> Model:
    """One document into the model so far, in Compose's order, in either mode."""
    stages.interpolate(doc)
    stages.extends(doc)
    # `!reset` acts on what was merged before, before `include` adds to this document.
    stages.reset(model, doc)
    stages.include(doc)
    # The model so far is canonical and the document raw: merge, de-duplicate, check
    # the structure, then make it all canonical and de-duplicate what that revealed.
    model = stages.unique(stages.merge(model, doc))
    stages.check(model)
    return stages.unique(stages.canonical(model))


class ProjectLoader:
    """One project's load (an included project gets its own); see :class:`.context.Loader`."""

    def __init__(self, options: LoadOptions, env: Environment, working_dir: str) -> None:
        self.options = options
        self.env = env
        self.working_dir = working_dir
        self.merger = Merger(env.problems)
        self.include_stack: list[str] = []
        self.parsed: dict[str, list[YMap | InputError]] = {}
        #: Every file read, includes and extends sources too (shared with spawned loaders).
        self.sources: list[str] = []
        #: Files already reported as unreadable (validating goes on without them).
        self.unreadable: set[str] = set()
        #: Where the files of this load were named (an `include` entry): a file that
        #: cannot be read is reported there.
        self.named_at: dict[str, Loc] = dict(options.named_at)

    # -- one file -----------------------------------------------------------------

    def read(self, path: str) -> list[YMap | InputError]:
        cached = self.parsed.pop(path, None)
        if cached is not None:
            return cached
        display = display_name(path, self.working_dir)
        data = read_bytes(path, self.options.stdin, display)
        self.sources.append(display)
        docs = read_documents(data, display)
        if self.options.readings is not None:
            self.options.readings.add_documents(docs)
            self.options.readings.paths.append(display)
        return docs

    def prepare(self, doc: YMap, path: str, env: Environment) -> YMap:
        """Check the shape Compose insists on, drop ``version``, interpolate (by mode)."""
        services = doc.get("services")
        if isinstance(services, Override):
            services = services.value
        # (a `!reset` is no value: the merge takes away what earlier files set)
        if "services" in doc and not isinstance(services, YMap | Reset):  # null too
            raise InputError("services must be a mapping", doc.vloc("services"))
        # A `version` that is not a string stays for the schema stage to refuse, as
        # Compose validates before it drops the attribute.
        if isinstance(doc.get("version", ""), str) and "version" in doc:
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
        problems = self.env.problems
        model: YMap | None = None
        unreadable = False
        for path in paths:
            display = display_name(path, self.working_dir)
            stages = TypedDocument(self, display)
            if path in self.unreadable:
                unreadable = True
                continue
            try:
                docs = self.read(path)
            except InputError as exc:
                # Validating: a file that cannot be read or parsed is one problem; the
                # other files are still checked.
                exc.loc = exc.loc or self.named_at.get(path)
                problems.report(exc)
                unreadable = True
                continue
            for doc in docs:
                if isinstance(doc, InputError):
                    problems.report(doc)
                    continue
                model = run_document(stages, model, doc)
        # Compose refuses a project whose files hold no key at all (``{}``, or only
        # the `version` it drops).
        if not model and not unreadable and not problems.items:
            problems.report(
                InputError(
                    "empty compose file", Loc(paths[0], 1, 1) if paths else None, code=YAML_SYNTAX
                )
            )
        if model is None:
            model = YMap(Loc(paths[0], 1, 1) if paths else None)
        return settled(model)

    def bind_sources(self, volumes: YList) -> None:
        """Compose's path resolution refuses a long-syntax bind mount without source."""
        for index, volume in enumerate(volumes):
            if isinstance(volume, YMap) and volume.get("type") == "bind" and "source" not in volume:
                self.env.problems.report(
                    InputError(
                        'invalid mount config for type "bind": field Source must not be empty',
                        volumes.vloc(index) or volume.loc,
                    )
                )

    def resolve_all_paths(self, model: YMap) -> None:
        rewrite = absolute(self.working_dir, self.env.shell.get("HOME"))
        services = model.get("services")
        if isinstance(services, YMap):
            for service in services.values():
                volumes = service.get("volumes") if isinstance(service, YMap) else None
                if isinstance(volumes, YList):
                    self.bind_sources(volumes)
                service_paths(service, rewrite)
        resource_paths(model, rewrite)


def load_project(options: LoadOptions) -> LoadedProject:
    """Resolve a project exactly as ``docker compose config`` would."""
    deep_enough()
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
        try:
            docs = loader.parsed[path] = loader.read(path)
        except InputError as exc:
            exc.loc = exc.loc or options.named_at.get(path)
            env.problems.report(exc)
            loader.unreadable.add(path)
            continue
        for doc in docs:
            if isinstance(doc, InputError):
                continue
            raw = doc.get("name")
            if isinstance(raw, str):
                probe = YMap(doc.loc)
                probe.put("name", raw, doc.vlocs.get("name"))
                expand(
                    probe,
                    Environment(env.shell, env.files, env.origins, []),
                    interpolate=options.interpolate,
                )
                if raw:
                    # (a name written as '' is none; one that interpolates to nothing
                    # is an empty name, which Compose refuses)
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


class UntypedLoader:
    """The untyped mode's load: Compose's intermediate model, without interpolation."""

    def __init__(
        self, home: str | None, stdin: bytes | None, readings: Readings | None = None
    ) -> None:
        self.home = home
        self.stdin = stdin
        self.readings = readings
        self.warnings: list[str] = []
        self._versions_warned: set[str] = set()
        #: The documents read so far, positioned: the untyped stages' messages name a
        #: path, which is looked up there (:mod:`.untyped.locate`).
        self.trees: list[YMap] = []

    def located(self, exc: InputError) -> InputError:
        if exc.loc is None:
            exc.loc = locate_message(exc.message, self.trees)
        return exc

    def load_file(
        self, filename: str, ctx: Context, model: dict[str, Any], tracker: Tracker
    ) -> tuple[dict[str, Any], list[Path]]:
        resets: list[Path] = []
        # The chain of includes grows with each document of this file, but the next
        # file of the project starts again from the caller's chain.
        chain = ctx.included
        try:
            docs = read_docs(filename, self.stdin if filename == "-" else None)
            if self.readings is not None:
                self.readings.add_documents([d.data for d in docs if not isinstance(d, InputError)])
                self.readings.paths.append(filename)
            for doc in docs:
                if isinstance(doc, InputError):
                    raise doc
                if doc.tree is not None:
                    self.trees.append(doc.tree)
                resets = doc.resets
                stages = UntypedDocument(self, filename, ctx, tracker, self._versions_warned)
                try:
                    model = run_document(stages, model, doc)
                except InputError as exc:
                    raise self.located(exc) from None
        finally:
            ctx.included = chain
        return model, resets

    def load_model(self, filenames: Sequence[str], ctx: Context) -> dict[str, Any]:
        model: dict[str, Any] = {}
        for filename in filenames:
            model, _ = self.load_file(filename, ctx, model, Tracker())
        model = set_defaults(model)
        if ctx.resolve_paths:
            PathResolver(ctx.working_dir, self.home, self.warnings).resolve(model)
        resolve_environment(model, ctx.environment)
        return model


def load_untyped(
    options: LoadOptions, trees: list[YMap] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Compose's uninterpolated model of the project, and the warnings on the way;
    ``trees`` receives the documents read, positioned (to locate later errors in)."""
    deep_enough()
    selection = select(options)
    env, chosen, working_dir = selection.env, selection.files, selection.working_dir
    shell, warnings = env.shell, env.warnings
    stdin: bytes | None = None
    if "-" in chosen:
        stdin = options.stdin if options.stdin is not None else sys.stdin.buffer.read()

    if options.project_name:
        name = filesel.check_name(options.project_name)
    elif env.get("COMPOSE_PROJECT_NAME"):
        name = filesel.check_name(env.get("COMPOSE_PROJECT_NAME") or "")
    else:
        declared = declared_name(chosen, stdin)
        if declared is not None:
            name = filesel.normalize_name(declared)
        else:
            name = filesel.normalize_name(os.path.basename(working_dir))
    # The model is resolved against the project name alone: the shell and `.env`
    # only feed file selection and naming here.
    environment = {"COMPOSE_PROJECT_NAME": name}

    loader = UntypedLoader(shell.get("HOME"), stdin, options.readings)
    if trees is not None:
        loader.trees = trees
    # Compose warns while making each file canonical, between the warnings of reading.
    token = CANONICAL_WARNINGS.set(loader.warnings)
    ctx = Context(
        working_dir=working_dir,
        resolve_root=working_dir,
        environment=environment,
        resolve_paths=options.resolve_paths,
    )
    try:
        model = loader.load_model(chosen, ctx)
        if not model:
            raise InputError("empty compose file", Loc(chosen[0], 1, 1) if chosen else None)
        if not name:
            raise InputError("project name must not be empty")
        if options.normalize:
            model["name"] = name
            normalize_untyped(model, environment)
    except InputError as exc:
        raise loader.located(exc) from None
    finally:
        CANONICAL_WARNINGS.reset(token)
    warnings.extend(loader.warnings)
    return model, warnings


__all__ = ["ProjectLoader", "UntypedLoader", "load_project", "load_untyped"]

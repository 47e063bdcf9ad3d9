"""The whole-project stages after merging, in Compose's order.

Defaults and semantic checks → names and the default network → implicit dependencies →
environment resolution → typed decoding (durations, sizes) → profiles → consistency →
``env_file`` folding → pruning of unused resources. The result is the model that
``docker compose config`` prints.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from composecheck import semantics
from composecheck.errors import (
    MISSING_FILE,
    InputError,
)
from composecheck.load.decode import Decoder
from composecheck.load.environment import dotenv_error, missing_env_file, read_text
from composecheck.load.tree import YList, YMap, ymap
from composecheck.location import Loc

if TYPE_CHECKING:
    from composecheck.load.options import LoadedProject, LoadOptions

_RESOURCES = ("networks", "volumes", "secrets", "configs")


class _Normalizer:
    def __init__(self, project: LoadedProject, options: LoadOptions) -> None:
        self.project = project
        self.options = options
        self.model = project.model
        self.env = project.environment

    # -- defaults -----------------------------------------------------------------

    def defaults(self) -> None:
        for service in self.services().values():
            build = service.get("build")
            if isinstance(build, YMap):
                if "context" not in build:
                    # Paths were already resolved: the default context is the project's.
                    default = self.project.working_dir if self.options.resolve_paths else "."
                    build.put("context", default, build.loc)
                if (
                    "dockerfile" not in build
                    and "dockerfile_inline" not in build
                    and self.options.normalize
                ):
                    build.put("dockerfile", "Dockerfile", build.loc)
            secrets = service.get("secrets")
            if isinstance(secrets, YList):
                for item in secrets:
                    if isinstance(item, YMap) and "target" not in item:
                        item.put("target", f"/run/secrets/{item.get('source')}", item.loc)
            deploy = service.get("deploy")
            if isinstance(deploy, YMap):
                resources = deploy.get("resources")
                reservations = (
                    resources.get("reservations") if isinstance(resources, YMap) else None
                )
                devices = reservations.get("devices") if isinstance(reservations, YMap) else None
                if isinstance(devices, YList):
                    for device in devices:
                        if (
                            isinstance(device, YMap)
                            and "count" not in device
                            and "device_ids" not in device
                        ):
                            device.put("count", -1, device.loc)

    # -- names ----------------------------------------------------------------------

    def services(self) -> YMap:
        services = self.model.get("services")
        if not isinstance(services, YMap):
            services = YMap(self.model.loc)
            self.model.put("services", services, self.model.loc)
        return services

    def names(self) -> None:
        project = self.project.name
        for section in _RESOURCES:
            resources = self.model.get(section)
            if not isinstance(resources, YMap):
                continue
            for key, resource in resources.items():
                if not isinstance(resource, YMap):
                    continue
                if resource.get("name") is not None:
                    continue  # (an empty name stays empty: Compose defaults only a missing one)
                name = key if resource.get("external") else f"{project}_{key}"
                resource.put("name", name, resource.loc)

    def default_network(self) -> None:
        used = False
        for service in self.services().values():
            if "network_mode" in service or "provider" in service:
                continue
            nets = service.get("networks")
            if nets is None or (isinstance(nets, YMap) and not nets):
                service.put("networks", ymap({"default": None}, service.loc), service.loc)
                used = True
            elif isinstance(nets, YMap) and "default" in nets:
                used = True
        if used:
            networks = self.model.get("networks")
            if not isinstance(networks, YMap):
                networks = YMap(self.model.loc)
                self.model.put("networks", networks, self.model.loc)
            if "default" not in networks:
                networks.put(
                    "default",
                    ymap({"name": f"{self.project.name}_default"}, self.model.loc),
                    self.model.loc,
                )

    def implicit_dependencies(self) -> None:
        from composecheck.gocompat.paths import clean_path

        for service_name, service in self.services().items():
            if service.get("pull_policy") == "if_not_present":
                service["pull_policy"] = "missing"  # its synonym, as normalization writes it
            for volume in service.get("volumes") or []:
                # Normalization cleans every mount target (short syntax already was).
                if isinstance(volume, YMap) and isinstance(volume.get("target"), str):
                    volume["target"] = clean_path(volume["target"])
            implicit: list[tuple[str, str, bool, Loc | None]] = []
            for index, link in enumerate(service.get("links") or []):
                name = str(link).split(":", 1)[0]
                implicit.append((name, "links", True, service["links"].vloc(index)))
            for key in ("network_mode", "ipc", "pid", "uts", "cgroup"):
                value = service.get(key)
                if isinstance(value, str) and value.startswith("service:"):
                    implicit.append((value[len("service:") :], key, True, service.vloc(key)))
            for index, ref in enumerate(service.get("volumes_from") or []):
                text = str(ref)
                if text.startswith("container:"):
                    continue
                where = service["volumes_from"].vloc(index)
                implicit.append((text.split(":", 1)[0], "volumes_from", False, where))
            if not implicit:
                continue
            deps = service.get("depends_on")
            if not isinstance(deps, YMap):
                deps = YMap(service.loc)
                service.put("depends_on", deps, service.loc)
            for name, attribute, restart, where in implicit:
                if name in deps:
                    continue
                self.project.implicit[(service_name, name)] = attribute
                entry = {"condition": "service_started"}
                if restart:
                    entry["restart"] = True  # type: ignore[assignment]
                entry["required"] = True  # type: ignore[assignment]
                deps.put(name, ymap(entry, where), where)

    def resolve_environment(self) -> None:
        for service in self.services().values():
            environment = service.get("environment")
            if isinstance(environment, YMap):
                for key, value in environment.items():
                    if value is None:
                        resolved = self.env.get(key)
                        if resolved is not None:
                            environment[key] = resolved
                            self._pass_through(environment, key)
            build = service.get("build")
            args = build.get("args") if isinstance(build, YMap) else None
            if isinstance(args, YMap) and self.options.normalize:
                for key in [k for k, v in args.items() if v is None]:
                    resolved = self.env.get(key)
                    if resolved is None:
                        args.drop(key)
                    else:
                        args[key] = resolved
                        self._pass_through(args, key)

    def _pass_through(self, holder: YMap, key: str) -> None:
        """A bare ``- KEY`` took its whole value from an env file: remember the line."""
        origin = self.env.origin(key)
        where = holder.vlocs.get(key)
        if origin is not None and where is not None:
            holder.vlocs[key] = where.with_origin(origin._replace(entire=True))

    # -- typed decoding --------------------------------------------------------------

    def decode(self) -> None:
        Decoder(self.env.problems, self.env.warnings).run(self.services(), self.model)

    def profiles(self) -> None:
        # No profile named: Compose splits an empty COMPOSE_PROFILES, activating "".
        active = set(self.project.profiles) or {""}
        services = self.services()
        for name in list(services):
            wanted = services[name].get("profiles")
            if not wanted:
                continue
            if "*" in active or any(p in active for p in wanted):
                continue
            self.project.disabled[name] = services[name]
            services.drop(name)

    # -- env_file, pruning --------------------------------------------------------------

    def env_files(self) -> None:
        """Fold ``env_file`` into ``environment`` and ``label_file`` into ``labels``."""
        for service in self.services().values():
            if "env_file" in service:
                self._fold(service, "env_file", "environment")
            if "label_file" in service:
                self._fold(service, "label_file", "labels")

    def _fold(self, service: YMap, source_key: str, target_key: str) -> None:
        from composecheck.load.dotenv import DotenvError, parse_dotenv
        from composecheck.load.provenance import template as recorded

        templates = self.env.provenance.templates
        files = service[source_key]
        service.drop(source_key)
        target = service.get(target_key)
        if not isinstance(target, YMap):
            target = YMap(service.loc)
        collected = YMap(service.loc)
        for index, item in enumerate(files):
            where = files.vloc(index)
            if isinstance(item, YMap):
                path = str(item.get("path"))
                required = item.get("required", True)
                raw = item.get("format") == "raw"
            else:
                path, required, raw = str(item), True, False
            if not os.path.isabs(path):
                # Without path resolution Compose opens it from the process's cwd.
                base = self.project.working_dir if self.options.resolve_paths else self.project.cwd
                path = os.path.join(base, path)
            # Compose stats the file, then reads whatever is there: /dev/null or a FIFO
            # as well as a regular file; a folder fails to read, required or not.
            if os.path.isdir(path):
                self.env.problems.report(
                    InputError(
                        f"failed to read {path}: read {path}: is a directory",
                        where,
                        hint=f"name a file in {source_key}, not a folder",
                        code=MISSING_FILE,
                    )
                )
                continue
            if not os.path.exists(path):
                if not required:
                    continue
                kind = "env" if source_key == "env_file" else "label"
                error = InputError(
                    f"{kind} file {path} not found: stat {path}: no such file or directory",
                    where,
                    hint="create the file, or mark it `required: false`"
                    if kind == "env"
                    else "create the file, or remove it from label_file",
                    code=MISSING_FILE,
                )
                template = missing_env_file(self.env, path, error)
                if template is None:
                    continue
                path = template
            self.project.sources.append(path)

            def lookup(key: str, _env: YMap = target) -> str | None:
                value = self.env.get(key)
                if value is None and key in _env and _env[key] is not None:
                    return str(_env[key])
                return value

            def earlier(key: str, _seen: YMap = collected) -> str | None:
                value = _seen.get(key)
                return value if isinstance(value, str) else None

            try:
                entries = parse_dotenv(read_text(path), lookup, raw=raw, fallback=earlier)
            except DotenvError as exc:
                self.env.problems.report(dotenv_error(exc, path))
                continue
            except InputError as exc:
                exc.loc = exc.loc or where
                self.env.problems.report(exc)
                continue
            for entry in entries:
                collected.put(entry.key, entry.value, Loc(path, entry.line, entry.column))
                if self.env.provenance.enabled and any(
                    ref.default is not None for ref in entry.refs
                ):
                    # The defaults written on the line, for the checks (see provenance).
                    templates[(path, entry.line, entry.column)] = recorded(None, entry.refs)
        for key in target:
            collected.copy_from(target, key)
        service.put(target_key, collected, service.vloc(target_key))

    def prune(self) -> None:
        used: dict[str, set[str]] = {section: set() for section in _RESOURCES}
        for service in self.services().values():
            nets = service.get("networks")
            if isinstance(nets, YMap):
                used["networks"].update(nets)
            for volume in service.get("volumes") or []:
                if isinstance(volume, YMap) and volume.get("type") == "volume":
                    used["volumes"].add(str(volume.get("source")))
            for section in ("secrets", "configs"):
                for ref in service.get(section) or []:
                    used[section].add(str(ref.get("source") if isinstance(ref, YMap) else ref))
            build = service.get("build")
            if isinstance(build, YMap):
                for ref in build.get("secrets") or []:
                    used["secrets"].add(str(ref.get("source") if isinstance(ref, YMap) else ref))
        for section in _RESOURCES:
            resources = self.model.get(section)
            if not isinstance(resources, YMap):
                continue
            for name in [n for n in resources if n not in used[section]]:
                resources.drop(name)
            if not resources:
                self.model.drop(section)

    def run(self) -> None:
        report = self.env.problems.report
        self.defaults()
        for problem in semantics.resource_rules(self.model):
            report(problem)
        if self.options.normalize:
            self.names()
            self.default_network()
            self.implicit_dependencies()
        self.resolve_environment()
        self.decode()
        self.profiles()
        if self.options.consistency:
            with self._mirrored():
                for problem in semantics.references(
                    self.model,
                    self.env.problems.incomplete,
                    self.project.disabled,
                    self.project.implicit,
                ):
                    report(problem)
        self.env_files()
        if self.options.prune:
            self.prune()
        if self.options.consistency:
            with self._mirrored():
                for problem in semantics.container_names(self.services()):
                    report(problem)

    @contextlib.contextmanager
    def _mirrored(self) -> Iterator[None]:
        """Marks the problems of Compose's consistency rules that a check of the same
        code applies too, with more context (validate lets that check report them)."""
        items = self.env.problems.items
        start = len(items)
        yield
        for problem in items[start:]:
            problem.mirrored = problem.code in semantics.MIRRORED


def normalize(project: LoadedProject, options: LoadOptions) -> None:
    _Normalizer(project, options).run()

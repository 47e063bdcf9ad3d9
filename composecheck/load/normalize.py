"""The whole-project stages after merging, in Compose's order.

Defaults and semantic checks → names and the default network → implicit dependencies →
environment resolution → typed decoding (durations, sizes) → profiles → consistency →
``env_file`` folding → pruning of unused resources. The result is the model that
``docker compose config`` prints.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from composecheck.errors import InputError
from composecheck.load.environment import dotenv_error, read_text
from composecheck.load.tree import YList, YMap, ymap
from composecheck.location import Loc

if TYPE_CHECKING:
    from composecheck.load.project import LoadedProject, LoadOptions

_RESOURCES = ("networks", "volumes", "secrets", "configs")
_DURATIONS = {
    ("healthcheck", "interval"),
    ("healthcheck", "timeout"),
    ("healthcheck", "start_period"),
    ("healthcheck", "start_interval"),
    ("stop_grace_period",),
}
_DEPLOY_DURATIONS = {
    ("update_config", "delay"),
    ("update_config", "monitor"),
    ("rollback_config", "delay"),
    ("rollback_config", "monitor"),
    ("restart_policy", "delay"),
    ("restart_policy", "window"),
}
_SIZES = ("mem_limit", "memswap_limit", "mem_reservation", "shm_size")


def _units() -> Any:
    from composecheck.model import units

    return units


def _decoding_error(messages: list[str], loc: Loc | None) -> InputError:
    return InputError(
        "decoding failed due to the following error(s):\n\n" + "\n".join(messages), loc
    )


class _Normalizer:
    def __init__(self, project: LoadedProject, options: LoadOptions) -> None:
        self.project = project
        self.options = options
        self.model = project.model
        self.env = project.environment

    # -- defaults -----------------------------------------------------------------

    def defaults(self) -> None:
        # `external: {name: x}` is rewritten (with a warning) in every mode, not only
        # when normalizing: Compose does it while making each file canonical.
        for section in _RESOURCES:
            resources = self.model.get(section)
            if not isinstance(resources, YMap):
                continue
            for key, resource in resources.items():
                external = resource.get("external") if isinstance(resource, YMap) else None
                if isinstance(external, YMap):
                    resource.put("external", True, resources.vloc(key))
                if isinstance(external, YMap) and "name" in external:
                    self.env.warnings.append(
                        f"{section}.{key}: external.name is deprecated. Please set name and "
                        "external: true"
                    )
                    if "name" not in resource:
                        resource.put("name", external["name"], external.vloc("name"))
                    elif resource["name"] != external["name"]:
                        raise InputError(
                            f"{section}.{key}: name and external.name conflict; only use name",
                            external.vloc("name"),
                        )
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

    def semantic_checks(self) -> None:
        for section in ("secrets", "configs"):
            resources = self.model.get(section)
            if not isinstance(resources, YMap):
                continue
            # As Compose: two sources are refused even next to `external`; none is fine
            # with a `driver` or an `external` key (whatever its value).
            keys = ("file", "environment", "content")[: 3 if section == "configs" else 2]
            for name, resource in resources.items():
                if not isinstance(resource, YMap):
                    continue
                sources = [k for k in keys if k in resource]
                if len(sources) > 1:
                    raise InputError(
                        f"{section}.{name}: {'|'.join(keys)} attributes are mutually exclusive",
                        resources.vloc(name),
                    )
                if not sources and "driver" not in resource and "external" not in resource:
                    raise InputError(
                        f"{section}.{name}: one of {'|'.join(keys)} must be set",
                        resources.kloc(name),
                    )
        for name, service in self.services().items():
            for port in service.get("ports") or []:
                # Compose checks every host_ip of the merged model, long syntax included.
                ip = port.get("host_ip") if isinstance(port, YMap) else None
                if isinstance(ip, str) and not _units().go_ip(ip):
                    raise InputError(
                        f"services.{name}.ports.[]: invalid ip address: {ip}", port.vloc("host_ip")
                    )
            health = service.get("healthcheck")
            test = health.get("test") if isinstance(health, YMap) else None
            if isinstance(test, YList) and test and test[0] not in ("CMD", "CMD-SHELL", "NONE"):
                raise InputError(
                    'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
                    test.vloc(0),
                    hint='write ["CMD", "prog", "arg"], ["CMD-SHELL", "a shell command"] or '
                    '["NONE"]',
                )
            deploy = service.get("deploy")
            replicas = deploy.get("replicas") if isinstance(deploy, YMap) else None
            if isinstance(replicas, int) and replicas < 0:
                raise InputError(
                    f"services.{name}.deploy.replicas: must be greater than or equal to 0",
                    deploy.vloc("replicas"),
                )
        # Only volumes refuse settings next to `external` (networks, secrets and configs
        # accept and ignore them).
        volumes = self.model.get("volumes")
        if isinstance(volumes, YMap):
            for name, volume in volumes.items():
                if not isinstance(volume, YMap) or not volume.get("external"):
                    continue
                for key in ("driver", "driver_opts", "labels"):
                    if key in volume:
                        raise InputError(
                            f'volumes.{name}: conflicting parameters "external" and "{key}" '
                            "specified",
                            volume.kloc(key),
                            hint="an external volume is created outside Compose: drop "
                            f"`{key}` or `external`",
                        )

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
                if resource.get("name"):
                    continue
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
        for service_name, service in self.services().items():
            if service.get("pull_policy") == "if_not_present":
                service["pull_policy"] = "missing"  # its synonym, as normalization writes it
            for volume in service.get("volumes") or []:
                # Normalization cleans every mount target (short syntax already was).
                if isinstance(volume, YMap) and isinstance(volume.get("target"), str):
                    volume["target"] = _units().clean_path(volume["target"])
            implicit: list[tuple[str, bool, Loc | None]] = []
            for index, link in enumerate(service.get("links") or []):
                implicit.append((str(link).split(":", 1)[0], True, service["links"].vloc(index)))
            for key in ("network_mode", "ipc", "pid", "uts", "cgroup"):
                value = service.get(key)
                if isinstance(value, str) and value.startswith("service:"):
                    implicit.append((value[len("service:") :], True, service.vloc(key)))
            for index, ref in enumerate(service.get("volumes_from") or []):
                text = str(ref)
                if text.startswith("container:"):
                    continue
                implicit.append((text.split(":", 1)[0], False, service["volumes_from"].vloc(index)))
            if not implicit:
                continue
            deps = service.get("depends_on")
            if not isinstance(deps, YMap):
                deps = YMap(service.loc)
                service.put("depends_on", deps, service.loc)
            for name, restart, where in implicit:
                if name in deps:
                    continue
                self.project.implicit.add((service_name, name))
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
            build = service.get("build")
            args = build.get("args") if isinstance(build, YMap) else None
            if isinstance(args, YMap) and self.options.normalize:
                for key in [k for k, v in args.items() if v is None]:
                    resolved = self.env.get(key)
                    if resolved is None:
                        args.drop(key)
                    else:
                        args[key] = resolved

    # -- typed decoding --------------------------------------------------------------

    def decode(self) -> None:
        units = self._units = _units()
        errors: list[str] = []
        self._first_error: Loc | None = None
        for name, service in self.services().items():
            for path in _DURATIONS:
                self._duration(service, path, f"services[{name}]", errors)
            deploy = service.get("deploy")
            if isinstance(deploy, YMap):
                for path in _DEPLOY_DURATIONS:
                    self._duration(deploy, path, f"services[{name}].deploy", errors)
                resources = deploy.get("resources")
                if isinstance(resources, YMap):
                    for kind in ("limits", "reservations"):
                        section = resources.get(kind)
                        if isinstance(section, YMap):
                            self._size(
                                section,
                                "memory",
                                f"services[{name}].deploy.resources.{kind}",
                                errors,
                            )
                            cpus = section.get("cpus")
                            if isinstance(cpus, str):
                                try:
                                    section["cpus"] = float(cpus)
                                except ValueError:
                                    errors.append(
                                        f"'services[{name}].deploy.resources.{kind}.cpus' "
                                        f"invalid cpus value {cpus}"
                                    )
                                    self._first_error = self._first_error or section.vloc("cpus")
            for key in _SIZES:
                self._size(service, key, f"services[{name}]", errors)
            build = service.get("build")
            if isinstance(build, YMap):
                self._size(build, "shm_size", f"services[{name}].build", errors)
                self._extra_hosts(build, f"services[{name}].build", errors)
            self._extra_hosts(service, f"services[{name}]", errors)
            self._size(service, "mem_swappiness", f"services[{name}]", errors)
            self._blkio(service.get("blkio_config"))
            if isinstance(build, YMap):
                for ref in build.get("secrets") or []:
                    if isinstance(ref, YMap) and ref.get("mode") is not None:
                        ref["mode"] = units.format_file_mode(units.parse_file_mode(ref["mode"]))
            if service.get("gpus") == "all":
                service["gpus"] = YList(service.vloc("gpus"))
                service["gpus"].push(
                    ymap({"count": -1}, service.vloc("gpus")), service.vloc("gpus")
                )
            scale = service.get("scale")
            if isinstance(deploy, YMap) and isinstance(scale, int) and "replicas" not in deploy:
                deploy.put("replicas", scale, service.vloc("scale"))
            provider = service.get("provider")
            if isinstance(provider, YMap) and isinstance(provider.get("options"), YMap):
                options = provider["options"]
                for key, value in list(options.items()):
                    items = value if isinstance(value, YList) else [value]
                    fresh = YList(options.vloc(key))
                    for item in items:
                        fresh.push(units.go_string(item), options.vloc(key))
                    options[key] = fresh
            for section in ("secrets", "configs"):
                for ref in service.get(section) or []:
                    if not isinstance(ref, YMap):
                        continue
                    if ref.get("mode") is not None:
                        try:
                            ref["mode"] = units.format_file_mode(units.parse_file_mode(ref["mode"]))
                        except (TypeError, ValueError) as exc:
                            errors.append(f"'services[{name}].{section}.mode' {exc}")
                    for key in ("uid", "gid"):
                        if ref.get(key) is not None:
                            ref[key] = units.go_string(ref[key])
            for volume in service.get("volumes") or []:
                if isinstance(volume, YMap) and isinstance(volume.get("tmpfs"), YMap):
                    tmpfs = volume["tmpfs"]
                    self._size(tmpfs, "size", f"services[{name}].volumes.tmpfs", errors)
                    if "size" in tmpfs:
                        tmpfs["size"] = str(tmpfs["size"])
        if errors:
            raise _decoding_error(errors, self._first_error)

    def _duration(self, node: YMap, path: tuple[str, ...], prefix: str, errors: list[str]) -> None:
        parent: Any = node
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, YMap) else None
        key = path[-1]
        if not isinstance(parent, YMap) or key not in parent:
            return
        value = parent[key]
        if value is None:
            return
        try:
            ns = self._units.parse_duration(value) if isinstance(value, str) else int(value)
        except (ValueError, TypeError) as exc:
            errors.append(f"'{prefix}.{'.'.join(path)}' {exc}")
            self._first_error = self._first_error or parent.vloc(key)
            return
        parent[key] = self._units.format_duration(ns)

    def _size(self, node: YMap, key: str, prefix: str, errors: list[str]) -> None:
        if key not in node or node[key] is None:
            return
        try:
            node[key] = str(self._units.parse_bytes(node[key]))
        except ValueError as exc:
            errors.append(f"'{prefix}.{key}' {exc}")
            self._first_error = self._first_error or node.vloc(key)

    def _blkio(self, blkio: Any) -> None:
        """Throttle rates print as strings of bytes; Compose reads iops rates as sizes too."""
        if not isinstance(blkio, YMap):
            return
        for key in ("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"):
            for entry in blkio.get(key) or []:
                if isinstance(entry, YMap) and entry.get("rate") is not None:
                    entry["rate"] = str(self._units.parse_bytes(entry["rate"]))

    def _extra_hosts(self, node: YMap, prefix: str, errors: list[str]) -> None:
        hosts = node.get("extra_hosts")
        if not isinstance(hosts, YList):
            return
        out: list[tuple[str, Loc | None]] = []
        for index, entry in enumerate(hosts):
            try:
                host, ip = self._units.parse_extra_host(str(entry))
            except ValueError as exc:
                errors.append(f"'{prefix}.extra_hosts' {exc}")
                self._first_error = self._first_error or hosts.vloc(index)
                return
            out.append((f"{host}={ip}", hosts.vloc(index)))
        out.sort(key=lambda item: item[0])
        fresh = YList(hosts.loc)
        for text, where in out:
            fresh.push(text, where)
        node["extra_hosts"] = fresh

    # -- profiles and consistency ----------------------------------------------------

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

    def consistency(self) -> None:
        services = self.services()
        for name in sorted(services):
            service = services[name]
            deps = service.get("depends_on")
            if isinstance(deps, YMap):
                for dep in list(deps):
                    entry = deps[dep]
                    required = entry.get("required", True) if isinstance(entry, YMap) else True
                    if dep not in services and required:
                        raise InputError(
                            f'service "{name}" depends on undefined service "{dep}": '
                            "invalid compose project",
                            deps.kloc(dep),
                        )
        for name in sorted(services):
            self._distinct_values(name, services[name])
        for name in sorted(services):
            service = services[name]
            if "image" not in service and "build" not in service and "provider" not in service:
                raise InputError(
                    f'service "{name}" has neither an image nor a build context specified: '
                    "invalid compose project",
                    services.kloc(name),
                )
            if "network_mode" in service and "networks" in service:
                raise InputError(
                    f"service {name} declares mutually exclusive `network_mode` and `networks`: "
                    "invalid compose project",
                    service.kloc("network_mode"),
                )
            nets = service.get("networks")
            declared = self.model.get("networks")
            if isinstance(nets, YMap):
                for net in nets:
                    if not isinstance(declared, YMap) or net not in declared:
                        raise InputError(
                            f'service "{name}" refers to undefined network {net}: '
                            "invalid compose project",
                            nets.kloc(net),
                        )
            volumes_decl = self.model.get("volumes")
            for index, volume in enumerate(service.get("volumes") or []):
                if (
                    isinstance(volume, YMap)
                    and volume.get("type") == "volume"
                    and volume.get("source")
                ):
                    source = volume["source"]
                    if not isinstance(volumes_decl, YMap) or source not in volumes_decl:
                        raise InputError(
                            f'service "{name}" refers to undefined volume {source}: '
                            "invalid compose project",
                            service["volumes"].vloc(index),
                        )
            for section, word in (("secrets", "secret"), ("configs", "config")):
                declared_refs = self.model.get(section)
                for index, ref in enumerate(service.get(section) or []):
                    source = ref.get("source") if isinstance(ref, YMap) else ref
                    if not isinstance(declared_refs, YMap) or source not in declared_refs:
                        raise InputError(
                            f'service "{name}" refers to undefined {word} {source}: '
                            "invalid compose project",
                            service[section].vloc(index),
                        )
            build = service.get("build")
            if isinstance(build, YMap):
                declared_refs = self.model.get("secrets")
                for index, ref in enumerate(build.get("secrets") or []):
                    source = ref.get("source") if isinstance(ref, YMap) else ref
                    if not isinstance(declared_refs, YMap) or source not in declared_refs:
                        raise InputError(
                            f'service "{name}" refers to undefined build secret {source}: '
                            "invalid compose project",
                            build["secrets"].vloc(index),
                        )
        for name, service in self.services().items():
            self._mounts(name, service)
        secrets = self.model.get("secrets")
        for key, secret in secrets.items() if isinstance(secrets, YMap) else ():
            # A `driver` passes the structural check, not this one.
            if (
                isinstance(secret, YMap)
                and not secret.get("external")
                and not secret.get("file")
                and not secret.get("environment")
            ):
                raise InputError(
                    f'secret "{key}" must declare either `file` or `environment`: '
                    "invalid compose project",
                    secret.loc,
                )
        self.cycles()

    def _mounts(self, name: str, service: YMap) -> None:
        """Compose refuses a tmpfs or volume target mounted twice, and a watch rule that
        needs a target without one."""
        develop = service.get("develop")
        for rule in develop.get("watch") or [] if isinstance(develop, YMap) else []:
            if (
                isinstance(rule, YMap)
                and not rule.get("target")
                and rule.get("action") not in ("rebuild", "restart")
            ):
                raise InputError(
                    f"services.{name}.develop.watch: target is required for non-rebuild "
                    "actions: invalid compose project",
                    rule.loc,
                )
        mounts: dict[str, str] = {}
        targets = [
            (f"tmpfs[{i}]", str(item).split(":", 1)[0], service["tmpfs"].vloc(i))
            for i, item in enumerate(service.get("tmpfs") or [])
        ] + [
            (f"volumes[{i}]", str(item.get("target")), service["volumes"].vloc(i))
            for i, item in enumerate(service.get("volumes") or [])
            if isinstance(item, YMap)
        ]
        for where, target, loc in targets:
            here = f"services.{name}.{where}"
            if target in mounts:
                raise InputError(
                    f"{here}: target {target} already mounted as {mounts[target]}", loc
                )
            mounts[target] = here

    def _distinct_values(self, name: str, service: YMap) -> None:
        """A setting written both the old way and under ``deploy`` must agree."""
        deploy = service.get("deploy")
        if not isinstance(deploy, YMap):
            return
        resources = deploy.get("resources")
        limits = resources.get("limits") if isinstance(resources, YMap) else None
        reservations = resources.get("reservations") if isinstance(resources, YMap) else None
        pairs = (
            ("cpus", limits, "cpus", "deploy.resources.limits.cpus"),
            ("mem_limit", limits, "memory", "deploy.resources.limits.memory"),
            ("mem_reservation", reservations, "memory", "deploy.resources.reservations.memory"),
            ("pids_limit", limits, "pids", "deploy.resources.limits.pids"),
            ("scale", deploy, "replicas", "deploy.replicas"),
        )
        for key, section, other, label in pairs:
            if not isinstance(section, YMap):
                continue
            mine, theirs = service.get(key), section.get(other)
            if mine is None or theirs is None:
                continue
            if key == "cpus":
                mine, theirs = float(mine), float(theirs)
            if mine != theirs:
                raise InputError(
                    f"services.{name}: can't set distinct values on '{key}' and '{label}': "
                    "invalid compose project",
                    service.vloc(key),
                    hint=f"keep one of them: `{label}` is the current way to write it",
                )

    def cycles(self) -> None:
        services = self.services()
        state: dict[str, int] = {}

        def visit(name: str, stack: list[str]) -> None:
            state[name] = 1
            stack.append(name)
            deps = services[name].get("depends_on")
            for dep in sorted(deps) if isinstance(deps, YMap) else []:
                if dep not in services:
                    continue
                if state.get(dep) == 1:
                    cycle = [*stack[stack.index(dep) :], dep]
                    raise InputError(
                        "dependency cycle detected: " + " -> ".join(cycle),
                        deps.kloc(dep),
                    )
                if dep not in state:
                    visit(dep, stack)
            stack.pop()
            state[name] = 2

        for name in sorted(services):
            if name not in state:
                visit(name, [])

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
            if not os.path.isfile(path):
                if not required:
                    continue
                raise InputError(
                    f"env file {path} not found: stat {path}: no such file or directory", where
                )
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
                raise dotenv_error(exc, path) from None
            for entry in entries:
                collected.put(entry.key, entry.value, Loc(path, entry.line, entry.column))
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

    def container_names(self) -> None:
        seen: dict[str, str] = {}
        for name in sorted(self.services()):
            service = self.services()[name]
            container = service.get("container_name")
            if not container:
                continue
            if container in seen:
                raise InputError(
                    f'services.{name}: container name "{container}" is already in use by '
                    f'service {seen[container]}"',
                    service.vloc("container_name"),
                )
            seen[container] = name
            deploy = service.get("deploy")
            replicas = deploy.get("replicas") if isinstance(deploy, YMap) else None
            scale = service.get("scale")
            for label, count in (("scale", scale), ("deploy.replicas", replicas)):
                if isinstance(count, int) and count > 1:
                    raise InputError(
                        f"services.{label}: can't set container_name and {name} as container "
                        "name must be unique: invalid compose project",
                        service.vloc("container_name"),
                    )

    def run(self) -> None:
        self.defaults()
        self.semantic_checks()
        if self.options.normalize:
            self.names()
            self.default_network()
            self.implicit_dependencies()
        self.resolve_environment()
        self.decode()
        self.profiles()
        if self.options.consistency:
            self.consistency()
        self.env_files()
        if self.options.prune:
            self.prune()
        if self.options.consistency:
            self.container_names()


def normalize(project: LoadedProject, options: LoadOptions) -> None:
    _Normalizer(project, options).run()

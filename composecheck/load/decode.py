"""Typed decoding: durations, sizes, CPU counts, hosts and file modes as Compose's
types hold them (the ``decoding failed`` stage).

Compose names every value it cannot decode in one error; validating reports each one at
its own place and drops the value, so the checks after it see a sound model.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError, Problems
from composecheck.load.tree import YList, YMap, ymap
from composecheck.location import Loc

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

# Typed fields of a service that the casts after interpolation do not cover: Compose's
# decoding casts a string there as it does after interpolation (its ``cast`` hook),
# ``attach: "False"`` is false and ``attach: maybe`` is refused. Each path, from the
# service, with ``[]`` for list items and ``*`` for a mapping's entries; the kind; and
# how Compose names the last step (a Go field without a yaml name keeps its own).
_TYPED: tuple[tuple[tuple[str, ...], str], ...] = (
    (("attach",), "bool"),
    (("build", "no_cache"), "bool"),
    (("build", "pull"), "bool"),
    (("build", "privileged"), "bool"),
    (("depends_on", "*", "restart"), "bool"),
    (("post_start", "[]", "privileged"), "bool"),
    (("pre_stop", "[]", "privileged"), "bool"),
    (("volumes", "[]", "bind", "create_host_path"), "bool"),
    (("deploy", "resources", "limits", "pids"), "int64"),
    (
        (
            "deploy",
            "resources",
            "reservations",
            "generic_resources",
            "[]",
            "discrete_resource_spec",
            "Value",
        ),
        "int64",
    ),
)


def _units() -> Any:
    from composecheck import syntax as units

    return units


#: A value the typed decoding refuses: (Compose's text, the mapping holding it, its key;
#: "" when the mapping itself is the place; where it was written).
_Bad = tuple[str, YMap, str, Loc | None]


def _decoding_error(messages: list[str], loc: Loc | None) -> InputError:
    return InputError(
        "decoding failed due to the following error(s):\n\n" + "\n".join(messages), loc
    )


class Decoder:
    def __init__(self, problems: Problems, warnings: list[str] | None = None) -> None:
        self.problems = problems
        self.warnings = warnings if warnings is not None else []
        self._units = _units()

    def run(self, services: YMap) -> None:
        units = self._units
        errors: list[_Bad] = []
        for name, service in services.items():
            if isinstance(service, YMap):
                for path, kind in _TYPED:
                    self._typed(service, path, kind, f"services[{name}]", errors)
                self._port_targets(service, f"services[{name}]", errors)
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
                                        (
                                            f"'services[{name}].deploy.resources.{kind}.cpus' "
                                            f"invalid cpus value {cpus}",
                                            section,
                                            "cpus",
                                            section.vloc("cpus"),
                                        )
                                    )
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
                            errors.append(
                                (f"'services[{name}].{section}.mode' {exc}", ref, "", None)
                            )
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
            self._decoding_failed(errors)

    def _decoding_failed(self, errors: list[_Bad]) -> None:
        """Compose names every bad value in one error. Validating reports each one at
        its own place and drops the value."""
        problems = self.problems
        if not problems.keep_going:
            first = next((loc for *_, loc in errors if loc is not None), None)
            raise _decoding_error([message for message, *_ in errors], first)
        for message, node, key, loc in errors:
            problems.report(InputError(message, loc or node.loc))
            if key in node:
                node.drop(key)

    def _typed(
        self, node: Any, path: tuple[str, ...], kind: str, prefix: str, errors: list[_Bad]
    ) -> None:
        """Cast the strings at ``path`` below ``node`` to ``kind`` (see ``_TYPED``)."""
        if not path:
            return
        step, rest = path[0], path[1:]
        if step == "[]":
            if isinstance(node, YList):
                for index, item in enumerate(node):
                    self._typed(item, rest, kind, f"{prefix}[{index}]", errors)
            return
        if not isinstance(node, YMap):
            return
        if step == "*":
            for key, item in node.items():
                self._typed(item, rest, kind, f"{prefix}[{key}]", errors)
            return
        key = step.lower() if step[:1].isupper() else step
        if key not in node:
            return
        if rest:
            self._typed(node[key], rest, kind, f"{prefix}.{step}", errors)
            return
        value = node[key]
        if not isinstance(value, str):
            return
        from composecheck.load.expand import cast

        try:
            node[key] = cast(value, kind, self.warnings.append)
        except ValueError as exc:
            errors.append((f"'{prefix}.{step}' {exc}", node, key, node.vloc(key)))

    def _port_targets(self, service: YMap, prefix: str, errors: list[_Bad]) -> None:
        """A port target is a uint32 and healthcheck retries a uint64: a negative one is
        refused, a larger target wraps, a zero one is left out."""
        health = service.get("healthcheck")
        retries = health.get("retries") if isinstance(health, YMap) else None
        if isinstance(retries, int) and not isinstance(retries, bool) and retries < 0:
            assert isinstance(health, YMap)
            errors.append(
                (
                    f"'{prefix}.healthcheck.retries' cannot parse value as 'uint64': "
                    f"{retries} overflows uint",
                    health,
                    "retries",
                    health.vloc("retries"),
                )
            )
        ports = service.get("ports")
        if not isinstance(ports, YList):
            return
        for index, port in enumerate(ports):
            target = port.get("target") if isinstance(port, YMap) else None
            if not isinstance(target, int) or isinstance(target, bool):
                continue
            if target < 0:
                errors.append(
                    (
                        f"'{prefix}.ports[{index}].target' cannot parse value as 'uint32': "
                        f"{target} overflows uint",
                        port,
                        "target",
                        port.vloc("target"),
                    )
                )
            elif not target & 0xFFFFFFFF:
                port.drop("target")  # zero, which Compose leaves out
            elif target > 0xFFFFFFFF:
                port["target"] = target & 0xFFFFFFFF

    def _duration(self, node: YMap, path: tuple[str, ...], prefix: str, errors: list[_Bad]) -> None:
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
            errors.append((f"'{prefix}.{'.'.join(path)}' {exc}", parent, key, parent.vloc(key)))
            return
        parent[key] = self._units.format_duration(ns)

    def _size(self, node: YMap, key: str, prefix: str, errors: list[_Bad]) -> None:
        if key not in node or node[key] is None:
            return
        try:
            node[key] = str(self._units.parse_bytes(node[key]))
        except ValueError as exc:
            errors.append((f"'{prefix}.{key}' {exc}", node, key, node.vloc(key)))

    def _blkio(self, blkio: Any) -> None:
        """Throttle rates print as strings of bytes; Compose reads iops rates as sizes too."""
        if not isinstance(blkio, YMap):
            return
        for key in ("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"):
            for entry in blkio.get(key) or []:
                if isinstance(entry, YMap) and entry.get("rate") is not None:
                    entry["rate"] = str(self._units.parse_bytes(entry["rate"]))

    def _extra_hosts(self, node: YMap, prefix: str, errors: list[_Bad]) -> None:
        hosts = node.get("extra_hosts")
        if not isinstance(hosts, YList):
            return
        out: list[tuple[str, Loc | None]] = []
        for index, entry in enumerate(hosts):
            try:
                host, ip = self._units.parse_extra_host(str(entry))
            except ValueError as exc:
                errors.append(
                    (f"'{prefix}.extra_hosts' {exc}", node, "extra_hosts", hosts.vloc(index))
                )
                return
            out.append((f"{host}={ip}", hosts.vloc(index)))
        out.sort(key=lambda item: item[0])
        fresh = YList(hosts.loc)
        for text, where in out:
            fresh.push(text, where)
        node["extra_hosts"] = fresh

    # -- profiles and consistency ----------------------------------------------------

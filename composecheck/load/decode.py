"""Typed decoding: durations, sizes, CPU counts, hosts and file modes as Compose's
types hold them (the ``decoding failed`` stage).

Compose names every value it cannot decode in one error; validating reports each one at
its own place and drops the value, so the checks after it see a sound model.
"""

from __future__ import annotations

import math
from typing import Any

from composecheck.errors import InputError, Problems
from composecheck.gocompat.gotypes import GoTypeError, decode_field, go_type, is_go_int
from composecheck.gocompat.numbers import format_go_float, shortest_float32, to_float32
from composecheck.load.fields import TYPED_FIELDS, dig, fields, struct_order
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


def _options(node: Any) -> None:
    """Compose's Options type (``driver_opts``): every value printed with ``fmt.Sprint``."""
    options = node.get("driver_opts") if isinstance(node, YMap) else None
    if isinstance(options, YMap):
        go_string = _units().go_string
        for key, value in options.items():
            if value is not None and not isinstance(value, str):
                options[key] = go_string(value)


# Boolean fields of a service that the casts after interpolation do not cover: Compose's
# decoding casts a string there as it does after interpolation (its ``cast`` hook), so
# ``attach: "False"`` is false and ``attach: maybe`` is refused.
_BOOL_FIELDS: tuple[tuple[str, ...], ...] = (
    ("attach",),
    ("build", "no_cache"),
    ("build", "pull"),
    ("build", "privileged"),
    ("depends_on", "*", "restart"),
    ("env_file", "[]", "required"),
    ("post_start", "[]", "privileged"),
    ("pre_stop", "[]", "privileged"),
    ("volumes", "[]", "bind", "create_host_path"),
)


class Decoder:
    def __init__(self, problems: Problems, warnings: list[str] | None = None) -> None:
        self.problems = problems
        self.warnings = warnings if warnings is not None else []
        self._units = _units()

    def run(self, services: YMap, model: YMap | None = None) -> None:
        units = self._units
        errors: list[_Bad] = []
        unsupported: list[tuple[str, YMap, str]] = []
        if model is not None:
            self._resource_options(model, errors)
        for name, service in services.items():
            self._booleans(service, f"services[{name}]", errors)
            self._typed(service, f"services[{name}]", errors, unsupported)
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
                            self._nano_cpus(
                                section,
                                f"services[{name}].deploy.resources.{kind}",
                                errors,
                                unsupported,
                            )
            for key in _SIZES:
                self._size(service, key, f"services[{name}]", errors)
            build = service.get("build")
            if isinstance(build, YMap):
                self._size(build, "shm_size", f"services[{name}].build", errors)
                self._extra_hosts(build, f"services[{name}].build", errors)
            self._extra_hosts(service, f"services[{name}]", errors)
            self._size(service, "mem_swappiness", f"services[{name}]", errors)
            self._blkio(service.get("blkio_config"), f"services[{name}].blkio_config", errors)
            if isinstance(build, YMap):
                self._modes(build, "secrets", f"services[{name}].build", errors)
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
                self._modes(service, section, f"services[{name}]", errors)
                refs = service.get(section)
                for ref in refs if isinstance(refs, YList) else []:
                    if not isinstance(ref, YMap):
                        continue
                    for key in ("uid", "gid"):
                        if ref.get(key) is not None:
                            ref[key] = units.go_string(ref[key])
            volumes = service.get("volumes")
            for index, volume in enumerate(volumes if isinstance(volumes, YList) else []):
                if isinstance(volume, YMap) and isinstance(volume.get("tmpfs"), YMap):
                    tmpfs = volume["tmpfs"]
                    self._size(tmpfs, "size", f"services[{name}].volumes[{index}].tmpfs", errors)
                    if "size" in tmpfs:
                        tmpfs["size"] = str(tmpfs["size"])
        if errors:
            names = list(services)
            errors.sort(key=lambda bad: struct_order(bad[0], names))
            self._decoding_failed(errors)
        self._unsupported(unsupported)

    def _resource_options(self, model: YMap, errors: list[_Bad]) -> None:
        """``driver_opts`` of networks and volumes are Compose's Options (each value
        ``fmt.Sprint``-ed); those of secrets and configs plain maps of strings."""
        for section in ("networks", "volumes", "secrets", "configs"):
            resources = model.get(section)
            for name, resource in resources.items() if isinstance(resources, YMap) else ():
                if section in ("networks", "volumes"):
                    _options(resource)
                    continue
                for node, key, shown in fields(
                    resource, ("driver_opts", "*"), f"{section}[{name}]"
                ):
                    try:
                        node[key] = decode_field(node[key], "string")
                    except GoTypeError as exc:
                        errors.append((f"'{shown}' {exc}", node, key, node.vloc(key)))

    def _booleans(self, service: YMap, prefix: str, errors: list[_Bad]) -> None:
        """The strings of ``_BOOL_FIELDS`` cast as Compose's decode hook casts them."""
        from composecheck.load.expand import cast

        for spec in _BOOL_FIELDS:
            for node, key, shown in fields(service, spec, prefix):
                if isinstance(node[key], str):
                    try:
                        node[key] = cast(node[key], "bool", self.warnings.append)
                    except ValueError as exc:
                        errors.append((f"'{shown}' {exc}", node, key, node.vloc(key)))

    def _typed(
        self,
        service: YMap,
        prefix: str,
        errors: list[_Bad],
        unsupported: list[tuple[str, YMap, str]],
    ) -> None:
        """Each plain numeric field as mapstructure converts it into its Go type."""
        networks = service.get("networks")
        for network in networks.values() if isinstance(networks, YMap) else ():
            _options(network)
        for spec, go in TYPED_FIELDS:
            for node, key, shown in fields(service, spec, prefix):
                try:
                    value = decode_field(node[key], go)
                except GoTypeError as exc:
                    errors.append((f"'{shown}' {exc}", node, key, node.vloc(key)))
                    continue
                node[key] = value
                if isinstance(value, float) and not math.isfinite(value):
                    unsupported.append((format_go_float(value), node, key))
        deploy = service.get("deploy")
        for devices, name in (
            (service.get("gpus"), f"{prefix}.gpus"),
            (
                dig(deploy, "resources", "reservations", "devices"),
                f"{prefix}.deploy.resources.reservations.devices",
            ),
        ):
            for index, device in enumerate(devices if isinstance(devices, YList) else []):
                if isinstance(device, YMap) and device.get("count") is not None:
                    try:
                        device["count"] = self._units.parse_device_count(device["count"])
                    except (TypeError, ValueError) as exc:
                        where = f"'{name}[{index}].count' {exc}"
                        errors.append((where, device, "count", device.vloc("count")))
        for ulimits, where in (
            (service.get("ulimits"), f"{prefix}.ulimits"),
            (dig(service, "build", "ulimits"), f"{prefix}.build.ulimits"),
        ):
            for name, limit in ulimits.items() if isinstance(ulimits, YMap) else ():
                for key in ("soft", "hard"):
                    value = limit.get(key) if isinstance(limit, YMap) else None
                    if value is not None and not is_go_int(value):
                        # Compose asserts an int here and crashes on anything else.
                        text = f"interface conversion: interface {{}} is {go_type(value)}, not int"
                        bad = (f"'{where}[{name}].{key}' {text}", limit, key, limit.vloc(key))
                        errors.append(bad)

    def _nano_cpus(
        self,
        section: YMap,
        prefix: str,
        errors: list[_Bad],
        unsupported: list[tuple[str, YMap, str]],
    ) -> None:
        """``deploy.resources.*.cpus``: a float32 read from a string (at 64 bits), a Go
        int or a float64; any other type is refused."""
        value = section.get("cpus")
        if value is None:
            return
        try:
            if go_type(value) not in ("string", "int", "float64"):
                raise GoTypeError(f"unexpected value type {go_type(value)} for cpus")
            number = shortest_float32(to_float32(decode_field(value, "float64")))
        except GoTypeError as exc:
            errors.append((f"'{prefix}.cpus' {exc}", section, "cpus", section.vloc("cpus")))
            return
        section["cpus"] = number
        if not math.isfinite(number):
            unsupported.append((format_go_float(number), section, "cpus"))

    def _unsupported(self, values: list[tuple[str, YMap, str]]) -> None:
        """A float32 field that overflowed, or NaN: Compose's JSON encoding refuses it."""
        for text, node, key in values:
            error = InputError(f"json: unsupported value: {text}", node.vloc(key))
            if not self.problems.keep_going:
                raise error
            self.problems.report(error)
            node.drop(key)

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

    def _size(self, node: YMap, key: str, prefix: str, errors: list[_Bad], shown: str = "") -> None:
        if key not in node or node[key] is None:
            return
        try:
            node[key] = str(self._units.parse_bytes(node[key]))
        except (TypeError, ValueError) as exc:
            errors.append((f"'{prefix}.{shown or key}' {exc}", node, key, node.vloc(key)))

    def _blkio(self, blkio: Any, prefix: str, errors: list[_Bad]) -> None:
        """Throttle rates print as strings of bytes; Compose reads iops rates as sizes too.
        Compose's ThrottleDevice has no field tags: mapstructure names the field ``Rate``."""
        if not isinstance(blkio, YMap):
            return
        for key in ("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"):
            entries = blkio.get(key)
            if not isinstance(entries, YList):
                continue
            for index, entry in enumerate(entries):
                if isinstance(entry, YMap) and entry.get("rate") is not None:
                    self._size(entry, "rate", f"{prefix}.{key}[{index}]", errors, shown="Rate")

    def _modes(self, node: YMap, section: str, prefix: str, errors: list[_Bad]) -> None:
        """The ``mode`` of each secret or config reference: a Go int, or an octal string."""
        refs = node.get(section)
        units = self._units
        for index, ref in enumerate(refs if isinstance(refs, YList) else []):
            if isinstance(ref, YMap) and ref.get("mode") is not None:
                try:
                    ref["mode"] = units.format_file_mode(units.parse_file_mode(ref["mode"]))
                except (TypeError, ValueError) as exc:
                    where = f"'{prefix}.{section}[{index}].mode' {exc}"
                    errors.append((where, ref, "mode", ref.vloc("mode")))

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

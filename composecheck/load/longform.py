"""Each service attribute's short syntax and its long form, one converter per attribute.

:mod:`.canonical` applies them to a service (and decides what a refused value does);
the merge asks for one attribute's long form when the two sides' shapes differ.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError
from composecheck.gocompat.gotypes import go_percent_s, go_type, is_go_int
from composecheck.load.devices import deploy, gpus
from composecheck.load.keyvalue import ShapeError, kv_mapping
from composecheck.load.repeats import repeats
from composecheck.load.tree import Override, Reset, YList, YMap, ymap, ymap_deep
from composecheck.location import Loc

# Service attributes whose list form `K=V` becomes a mapping; the value for a bare `K`.
_KV_NULL = {"environment": None}
_KV_KEYS = ("environment", "labels", "annotations", "sysctls")
_STRING_LISTS = ("dns", "dns_search", "tmpfs", "env_file", "label_file", "dns_opt")


def _units() -> Any:
    from composecheck import syntax as units

    return units


def _split_command(value: Any, loc: Loc | None) -> Any:
    if isinstance(value, str):
        try:
            words = _units().shell_split(value)
        except ValueError as exc:
            raise InputError(str(exc), loc) from None
        out = YList(loc)
        for word in words:
            out.push(word, loc)
        return out
    return value


def _string_list(value: Any, loc: Loc | None) -> Any:
    if isinstance(value, str) and go_type(value) == "string":  # (a date is a time.Time)
        out = YList(loc)
        out.push(value, loc)
        return out
    return value


def _servers(value: Any) -> Any:
    """``dns`` without its empty entries (``${UNSET}``), which Compose leaves out, unlike
    ``dns_search`` and ``dns_opt``'s."""
    if not isinstance(value, YList) or "" not in value:
        return value
    out = YList(value.loc)
    for index, item in enumerate(value):
        if item != "":
            out.push(item, value.vloc(index))
    return out


def port_entries(value: Any, loc: Loc | None) -> list[Any]:
    """One port item (short string, number or long mapping) as canonical mappings."""
    units = _units()
    if go_type(value) in ("float64", "uint64"):
        raise ShapeError(f"{{path}}: invalid type {go_type(value)} for port", loc)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            return [ymap(p, loc) for p in units.parse_port(value)]
        except ValueError as exc:
            raise InputError(str(exc), loc) from None
    if isinstance(value, YMap):
        out = YMap(value.loc)
        mode = value.get("mode", "ingress")
        out.put("mode", mode, value.vlocs.get("mode", value.loc))
        for key in ("host_ip", "target", "published", "protocol", "app_protocol", "name"):
            if key in value and value[key] is not None:
                item = value[key]
                if key == "published" and is_go_int(item):
                    # Compose's decoding formats a Go int; other types it refuses.
                    item = units.go_string(item)
                out.put(key, item, value.vlocs.get(key), value.klocs.get(key))
        if "protocol" not in out:
            out.put("protocol", "tcp", value.loc)
        for key in value:
            if key not in out:
                out.copy_from(value, key)
        return [out]
    return [value]


def _ports(value: Any) -> Any:
    if not isinstance(value, YList):
        return value
    out = YList(value.loc)
    for index, item in enumerate(value):
        where = value.vloc(index)
        for entry in port_entries(item, where):
            out.push(entry, where)
    return out


def _volumes(value: Any) -> Any:
    if not isinstance(value, YList):
        return value
    units = _units()
    out = YList(value.loc)
    for index, item in enumerate(value):
        where = value.vloc(index)
        if isinstance(item, str):
            try:
                out.push(ymap_deep(units.parse_volume(item), where), where)
            except ValueError as exc:
                raise InputError(str(exc), where) from None
        else:
            if isinstance(item, YMap) and not isinstance(item.get("target"), str):
                raise ShapeError(
                    "service volume {path}.[" + str(index) + "] is missing a mount target",
                    where,
                )
            options = item.get("volume") if isinstance(item, YMap) else None
            if isinstance(options, YMap) and isinstance(options.get("labels"), YMap | YList):
                options["labels"] = kv_mapping(options["labels"], options.vloc("labels"))
            out.push(item, where)
    return out


def _depends_on(value: Any) -> Any:
    if isinstance(value, YList) and not repeats(value):
        out = YMap(value.loc)
        for index, name in enumerate(value):
            where = value.vloc(index)
            out.put(
                str(name),
                ymap({"condition": "service_started", "required": True}, where),
                where,
            )
        return out
    if isinstance(value, YMap):
        for name, entry in value.items():
            if isinstance(entry, YMap):
                if "condition" not in entry:
                    entry.put("condition", "service_started", entry.loc)
                if "required" not in entry:
                    entry.put("required", True, entry.loc)
            elif entry is None:
                where = value.vloc(name)
                value[name] = ymap({"condition": "service_started", "required": True}, where)
    return value


def _refs(value: Any) -> Any:
    """``secrets``/``configs`` of a service: short names become ``{source: name}``."""
    if not isinstance(value, YList):
        return value
    out = YList(value.loc)
    for index, item in enumerate(value):
        where = value.vloc(index)
        out.push(ymap({"source": item}, where) if isinstance(item, str) else item, where)
    return out


def _service_networks(value: Any) -> Any:
    if isinstance(value, YList) and not repeats(value):
        out = YMap(value.loc)
        for index, name in enumerate(value):
            out.put(str(name), None, value.vloc(index))
        return out
    return value


def _devices(value: Any) -> Any:
    if not isinstance(value, YList):
        return value
    out = YList(value.loc)
    for index, item in enumerate(value):
        where = value.vloc(index)
        if isinstance(item, str):
            try:
                out.push(ymap(_units().parse_device(item), where), where)
            except ValueError as exc:
                raise InputError(str(exc), where) from None
        else:
            out.push(item, where)
    return out


def extra_hosts(value: Any) -> Any:
    # Kept as text until the end: the merge drops only textually equal entries.
    if isinstance(value, YMap):
        out = YList(value.loc)
        go_string = _units().go_string
        for key, item in value.items():
            if isinstance(item, YList):
                for index, ip in enumerate(item):
                    out.push(f"{key}={go_string(ip)}", item.vloc(index))
            else:
                out.push(f"{key}={go_string(item)}", value.vloc(key))
        return out
    return value


def string_items(value: Any, *, keep_null: bool = False) -> Any:
    """Items as strings (``keep_null``: a null stays, for the de-duplication to refuse)."""
    if isinstance(value, YList):
        go_string = _units().go_string
        for index, item in enumerate(value):
            if keep_null and item is None:
                continue
            if not isinstance(item, (str, YMap, YList)):
                value[index] = go_string(item)
    return value


def _expose(value: Any) -> Any:
    """Compose keys exposed ports by their text: only strings and Go ints have one."""
    if isinstance(value, YList):
        for index, item in enumerate(value):
            if go_type(item) in ("float64", "uint64"):
                text = f"{{path}}.[{index}]: unsupported expose value {go_percent_s(item)}"
                raise ShapeError(text, value.vloc(index))
    return string_items(value, keep_null=True)


def _ulimits(value: Any, within: str = "") -> Any:
    """A ulimit is a mapping (soft, hard) or a Go int (a string only when not cast).

    Compose sets the x-* keys aside as one ``#extensions`` entry, which it then decodes
    as a ulimit of its own: zero soft and hard limits, whatever the keys held."""
    for key, item in value.items() if isinstance(value, YMap) else ():
        if key.startswith("x-"):
            continue
        if go_type(item) in ("float64", "uint64", "string"):
            text = f"{{path}}{within}.{key}: invalid type {go_type(item)} for external"
            raise ShapeError(text, value.vloc(key))
    if isinstance(value, YMap):
        extras = [key for key in value if key.startswith("x-")]
        if extras:
            where = value.vloc(extras[0])
            for key in extras:
                value.drop(key)
            value.put("#extensions", ymap({"soft": 0, "hard": 0}, where), where)
    return value


def _healthcheck(value: Any) -> Any:
    if isinstance(value, YMap):
        test = value.get("test")
        if isinstance(test, str):
            where = value.vloc("test")
            value["test"] = YList(where)
            value["test"].push("CMD-SHELL", where)
            value["test"].push(test, where)
    return value


def _build(value: Any, loc: Loc | None) -> Any:
    if isinstance(value, str) and go_type(value) == "string":  # (a date is no context)
        return ymap({"context": value}, loc)
    if isinstance(value, YMap):
        if "args" in value:
            value["args"] = kv_mapping(
                value["args"],
                value.vloc("args"),
                bare=None,
                spaced="services[{service}].build.args",
                bare_spaced=False,
            )
        for key in ("labels", "additional_contexts"):
            if key in value:
                # (additional contexts are paths, resolved after Compose sets x-* aside)
                value[key] = kv_mapping(value[key], value.vloc(key), extensions=key == "labels")
        for key in ("provenance", "sbom"):
            # A string or a boolean in the schema; Compose keeps the string.
            if isinstance(value.get(key), bool):
                value[key] = "true" if value[key] else "false"
        if "secrets" in value:
            value["secrets"] = _refs(value["secrets"])
        _ulimits(value.get("ulimits"), ".ulimits")
        if "extra_hosts" in value:
            value["extra_hosts"] = extra_hosts(value["extra_hosts"])
        if isinstance(value.get("ssh"), YList) and not repeats(value["ssh"]):
            value["ssh"] = _ssh(value["ssh"])
    return value


def _ssh(value: YList) -> YMap | YList:
    """``build.ssh`` as a mapping of key ids to paths (``default`` alone: no path)."""
    from composecheck.gocompat.quote import go_quote

    out = YMap(value.loc)
    for index, item in enumerate(value):
        where = value.vloc(index)
        if not isinstance(item, str):
            return value  # the schema refuses it, with its own message
        key, sep, path = item.partition("=")
        if not sep and key != "default":
            raise InputError(f"invalid ssh key {go_quote(item)}", where)
        out.put(key, path if sep else None, where)
    return out


def _hooks(value: Any) -> Any:
    """``post_start``/``pre_stop`` hooks: commands split, environments as mappings."""
    if isinstance(value, YList):
        for index, hook in enumerate(value):
            if isinstance(hook, YMap):
                for key in ("command", "entrypoint"):
                    if key in hook:
                        hook[key] = _split_command(hook[key], hook.vloc(key))
                if "environment" in hook and not repeats(hook["environment"]):
                    hook["environment"] = kv_mapping(
                        hook["environment"],
                        hook.vloc("environment"),
                        bare=None,
                        spaced="services[{service}].{key}[" + str(index) + "].environment",
                    )
    return value


def _develop(value: Any) -> Any:
    """``develop.watch[].exec.command`` is a command: a string is split into words."""
    watch = value.get("watch") if isinstance(value, YMap) else None
    if isinstance(watch, YList):
        for rule in watch:
            run = rule.get("exec") if isinstance(rule, YMap) else None
            if isinstance(run, YMap) and "command" in run:
                run["command"] = _split_command(run["command"], run.vloc("command"))
    return value


def _logging(value: Any) -> Any:
    """``logging.options`` values are strings (numbers are written as Go prints them)."""
    options = value.get("options") if isinstance(value, YMap) else None
    if isinstance(options, YMap):
        go_string = _units().go_string
        for key, item in options.items():
            if not isinstance(item, (str, YMap, YList, Reset, Override)):
                options[key] = go_string(item)  # (null is "", a map of strings' zero)
        if any(key.startswith("x-") for key in options):
            value["options"] = kv_mapping(options, value.vloc("options"))
    return value


_SERVICE_RULES: dict[str, Any] = {
    "gpus": lambda v, loc: gpus(v),
    "deploy": lambda v, loc: deploy(v),
    "ports": lambda v, loc: _ports(v),
    "volumes": lambda v, loc: _volumes(v),
    "depends_on": lambda v, loc: _depends_on(v),
    "secrets": lambda v, loc: _refs(v),
    "configs": lambda v, loc: _refs(v),
    "networks": lambda v, loc: _service_networks(v),
    "models": lambda v, loc: _service_networks(v),
    "develop": lambda v, loc: _develop(v),
    "logging": lambda v, loc: _logging(v),
    "devices": lambda v, loc: _devices(v),
    "extra_hosts": lambda v, loc: extra_hosts(v),
    "expose": lambda v, loc: _expose(v),
    "ulimits": lambda v, loc: _ulimits(v),
    "healthcheck": lambda v, loc: _healthcheck(v),
    "build": _build,
    "command": _split_command,
    "post_start": lambda v, loc: _hooks(v),
    "pre_stop": lambda v, loc: _hooks(v),
    "entrypoint": _split_command,
}


def canonical_value(key: str, value: Any, loc: Loc | None) -> Any:
    if isinstance(value, Override):
        return Override(canonical_value(key, value.value, loc), value.loc)
    if isinstance(value, Reset):
        return value
    if key in _KV_KEYS:
        spaced = "services[{service}].environment" if key == "environment" else ""
        return kv_mapping(value, loc, bare=_KV_NULL.get(key, ""), spaced=spaced)
    if key == "dns":
        return _servers(_string_list(value, loc))
    if key in _STRING_LISTS:
        return _string_list(value, loc)
    rule = _SERVICE_RULES.get(key)
    return rule(value, loc) if rule else value

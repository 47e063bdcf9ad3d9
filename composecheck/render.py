"""The resolved project as ``docker compose config`` prints it (JSON or YAML).

Two steps: ``project_output`` decides what is printed (Compose's omissions, ``$$``
escaping) and in which order (``composecheck.keyorder``), then ``dumps_json`` /
``dumps_yaml`` write the text as encoding/json's MarshalIndent and go-yaml v3 do.
The two formats differ in more than syntax, because Compose's Go types meet two
encoders with different rules:

- JSON: the project's own keys sorted; ``command``/``entrypoint`` printed as ``null``
  when unset; value structures (``ipam``, ``resources``, ``placement``, watch
  ``exec``) printed even when empty; ``x-*`` extensions only at the top level, where
  empty lists inside them become ``null``; maps in the bytes' order;
- YAML: the project's keys in field order; nil and empty value structures omitted;
  ``x-*`` extensions after the fields of every structure; maps in go-yaml's order.

The writers themselves are Go's (:mod:`composecheck.gocompat.gojson` and
:mod:`composecheck.gocompat.yaml_emit`); files are written by
:func:`composecheck.atomic.write_atomic`.
"""

from __future__ import annotations

from typing import Any

from composecheck.gocompat.gojson import dumps_json
from composecheck.gocompat.maporder import sorted_keys
from composecheck.gocompat.yaml_emit import Verbatim, dump
from composecheck.gocompat.yaml_resolve import Timestamp
from composecheck.keyorder import (
    JSON_FIELD_NAMES,
    NO_EXTENSIONS,
    NOT_PRINTED,
    PATHS,
    STRUCTS,
    VALUE_STRUCTS,
    ZERO_OMITTED,
)

# Attributes printed even when empty or false, because Compose's types do not omit them.
_KEEP_EMPTY_SERVICE = {"command", "entrypoint"}
# Optional booleans (pointers in Compose's types): printed when set, even to false.
_KEEP_FALSE = frozenset({"init", "required", "attach", "enable_ipv4", "enable_ipv6"})
# Lists printed when set, even when empty.
_KEEP_EMPTY_LISTS = frozenset({"command", "entrypoint"})
# Optional structures: printed when set, even when empty.
_KEEP_EMPTY = frozenset(
    {
        "volume",
        "bind",
        "tmpfs",
        "image",
        "healthcheck",
        "exec",
        "ipam",
        "resources",
        "placement",
        "command",
        "entrypoint",
        "develop",
        "logging",
        "update_config",
        "rollback_config",
        "restart_policy",
        "limits",
        "reservations",
        "blkio_config",
        "credential_spec",
    }
)
# Free-form maps of strings: printed as they are, empty strings included.
_FREE_MAPS = frozenset(
    {
        "environment",
        "labels",
        "annotations",
        "sysctls",
        "args",
        "driver_opts",
        "options",
        "storage_opt",
        "additional_contexts",
    }
)


def _prune(value: Any) -> Any:
    """Drop what Compose's types omit: unset strings, false booleans, empty collections."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key[:2] == "x-":
                # Extensions are printed as written, empty or null ones included.
                out[key] = item
                continue
            if key in _FREE_MAPS:
                if item or key in _KEEP_EMPTY:
                    out[key] = item
                continue
            if item.__class__ is str:
                if item:
                    out[key] = item
                continue
            if item is False and key not in _KEEP_FALSE:
                continue
            if isinstance(item, dict):
                item = _prune(item)
                if not item and key not in _KEEP_EMPTY:
                    continue
            elif isinstance(item, list):
                item = _prune(item)
                if not item and key not in _KEEP_EMPTY_LISTS:
                    continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_prune(v) if isinstance(v, (dict, list)) else v for v in value]
    return value


def _service(service: dict[str, Any], json_form: bool) -> dict[str, Any]:
    body = {k: v for k, v in service.items() if not (json_form and k.startswith("x-"))}
    deploy = body.get("deploy")
    out: dict[str, Any] = _prune(body)
    for key in _KEEP_EMPTY_SERVICE:
        out.setdefault(key, None)
    if isinstance(deploy, dict):
        out_deploy = out.setdefault("deploy", {})
        out_deploy.setdefault("resources", {})
        out_deploy.setdefault("placement", {})
    build, raw_build = out.get("build"), body.get("build")
    ssh = raw_build.get("ssh") if isinstance(raw_build, dict) else None
    if isinstance(build, dict) and isinstance(ssh, dict) and ssh:
        build["ssh"] = _ssh_keys(ssh, json_form)
    develop = out.get("develop")
    if isinstance(develop, dict):
        for rule in develop.get("watch") or []:
            # `exec` is a plain struct in Compose's types: always printed.
            if isinstance(rule, dict):
                rule.setdefault("exec", {}).setdefault("command", None)
    networks = body.get("networks")
    if isinstance(networks, dict) and networks:
        # An attachment written as `{}` stays `{}` (a non-nil pointer in Compose's types).
        out["networks"] = {
            name: (_prune(v) if isinstance(v, dict) else v) for name, v in networks.items()
        }
    return out


def _ssh_keys(keys: dict[str, Any], json_form: bool) -> list[str]:
    """``build.ssh`` as Compose prints its keys: ``id``, or ``id: path`` as one string.

    Compose's JSON encoder writes ``"id": path`` unquoted there, which is not JSON, so
    ``config --format json`` fails on any key with a path: we refuse it the same way.
    """
    from composecheck.errors import InputError
    from composecheck.gocompat.fmt import go_string

    out = []
    for key, path in keys.items():
        text = "" if path is None else go_string(path)
        if text and json_form:
            raise InputError(
                "json: error calling MarshalJSON for type types.SSHKey: "
                "invalid character ':' after top-level value"
            )
        out.append(f"{key}: {text}" if text else key)
    return out


class _Node:
    """One step of the key-order table: a structure (``rank``) or a map (``any``)."""

    __slots__ = (
        "any",
        "extensions",
        "fields",
        "item",
        "json_names",
        "kind",
        "not_printed",
        "rank",
        "value_structs",
        "zero_omitted",
    )

    def __init__(self) -> None:
        # Position of each field of the structure; None for a map.
        self.rank: dict[str, int] | None = None
        self.kind = ""
        self.zero_omitted: frozenset[str] = frozenset()
        self.not_printed: frozenset[str] = frozenset()
        self.value_structs: frozenset[str] = frozenset()
        self.json_names: dict[str, str] = {}
        self.extensions = True
        self.fields: dict[str, _Node] = {}
        self.any: _Node | None = None
        self.item: _Node | None = None

    def step(self, part: str) -> _Node:
        if part == "*":
            if self.any is None:
                self.any = _Node()
            return self.any
        if part == "[]":
            if self.item is None:
                self.item = _Node()
            return self.item
        return self.fields.setdefault(part, _Node())


def _compile_paths() -> _Node:
    root = _Node()
    for pattern, kind in PATHS.items():
        node = root
        for part in pattern.replace("[]", ".[]").split(".") if pattern else ():
            node = node.step(part)
        node.rank = {name: index for index, name in enumerate(STRUCTS[kind])}
        node.value_structs = VALUE_STRUCTS.get(kind, frozenset())
        node.json_names = dict(JSON_FIELD_NAMES.get(kind, {}))
        node.extensions = kind not in NO_EXTENSIONS
        node.kind = kind
        node.zero_omitted = ZERO_OMITTED.get(kind, frozenset())
        node.not_printed = NOT_PRINTED.get(kind, frozenset())
    return root


_ROOT = _compile_paths()


def _sorted_any(value: Any, json_form: bool) -> Any:
    """Free-form content (maps of strings, extensions): Go prints maps sorted by key."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key in sorted_keys(value, json_form):
            item = value[key]
            if item.__class__ is str:
                out[key.replace("$", "$$")] = item.replace("$", "$$")
            else:
                out[key.replace("$", "$$")] = _sorted_any(item, json_form)
        return out
    if isinstance(value, list):
        return [
            v.replace("$", "$$") if v.__class__ is str else _sorted_any(v, json_form) for v in value
        ]
    if isinstance(value, Timestamp):
        return _time(value, json_form)
    if isinstance(value, str):
        return value.replace("$", "$$")
    return value


def _time(value: Timestamp, json_form: bool) -> str:
    """A timestamp an extension kept: Go prints its ``time.Time`` in RFC 3339, plain."""
    from composecheck.load.untyped.gocompat import go_time

    moment = go_time(value)
    if moment is None:
        return str(value)
    return moment[0] if json_form else Verbatim(moment[0])


def _nil_empty_lists(value: Any) -> Any:
    """Extensions reach encoding/json as nil slices where they were empty: ``null``."""
    if isinstance(value, dict):
        return {k: _nil_empty_lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nil_empty_lists(v) for v in value] if value else None
    return value


def _is_zero(value: Any) -> bool:
    return (value.__class__ in (int, float) and value == 0) or value == "0"


def _arrange(value: Any, node: _Node | None, json_form: bool) -> Any:
    """Order keys as Compose prints them and escape ``$``; YAML also drops what
    go-yaml's ``omitempty`` drops but encoding/json keeps (nil pointers, empty
    value structures)."""
    if node is None:
        return _sorted_any(value, json_form)
    if value.__class__ is str:
        return value.replace("$", "$$")
    if isinstance(value, dict):
        rank = node.rank
        if rank is None:
            child = node.any
            return {
                k.replace("$", "$$"): _arrange(value[k], child, json_form)
                for k in sorted_keys(value, json_form)
            }
        out: dict[str, Any] = {}
        fields = node.fields
        known = [k for k in value if k in rank]
        known.sort(key=rank.__getitem__)
        names = node.json_names if json_form else None
        zero_omitted = node.zero_omitted
        for key in known:
            item = value[key]
            if key in zero_omitted and _is_zero(item):
                continue
            if json_form and node.kind == "ulimit" and _is_zero(item):
                continue  # (JSON omits a zero limit; YAML prints both always)
            name = names.get(key, key) if names else key
            if item.__class__ is str:
                out[name] = item.replace("$", "$$")
                continue
            if item is None and not json_form:
                continue
            arranged = _arrange(item, fields.get(key), json_form)
            if not json_form and key in node.value_structs and arranged == {}:
                continue
            out[name] = arranged
        if len(known) != len(value):
            # Extensions (x-*) live in an inline map that encoding/json does not see;
            # only the project's own make it to JSON (Project marshals through a map).
            keep_extensions = node.extensions and (not json_form or node is _ROOT)
            hidden = node.not_printed
            extra = {
                k: None
                for k in value
                if k not in rank and k not in hidden and (keep_extensions or k[:2] != "x-")
            }
            for key in sorted_keys(extra, json_form):
                item = _sorted_any(value[key], json_form)
                if json_form and node is _ROOT:
                    item = _nil_empty_lists(item)
                out[key.replace("$", "$$")] = item
        return out
    if isinstance(value, list):
        child = node.item
        return [_arrange(v, child, json_form) for v in value]
    if node.kind == "ulimit" and _is_zero(value):
        # A zero single limit prints as the soft/hard structure, whose fields YAML
        # always prints and JSON omits when zero.
        return {} if json_form else {"soft": 0, "hard": 0}
    return value


def project_output(model: dict[str, Any], *, json_form: bool = True) -> dict[str, Any]:
    """The printable document: Compose's key order, omissions and ``$$`` escaping."""
    doc: dict[str, Any] = {}
    services = model.get("services") or {}
    doc["services"] = {name: _service(services[name], json_form) for name in services}
    for key, value in model.items():
        if key == "services":
            continue
        if key in ("networks", "volumes", "secrets", "configs"):
            if not value:
                continue
            section = {}
            for name in sorted(value):
                resource = value[name] or {}
                body = {k: v for k, v in resource.items() if not (json_form and k.startswith("x-"))}
                pruned = _prune(body)
                if key == "networks":
                    pruned.setdefault("ipam", {})
                section[name] = pruned
            doc[key] = section
        elif key == "models" and json_form:
            continue
        else:
            doc[key] = value
    arranged: dict[str, Any] = _arrange(doc, _ROOT, json_form)
    if json_form:
        # Compose's Project marshals itself to JSON through a map: keys sorted.
        return {key: arranged[key] for key in sorted(arranged)}
    return arranged


def dumps_yaml(doc: dict[str, Any]) -> str:
    """YAML as Compose prints it (go-yaml v3's emitter), ending with a newline."""
    return dump(doc)


def render(model: Any, fmt: str = "yaml") -> str:
    # project_output copies what it keeps, so the model needs no defensive copy.
    doc = project_output(model, json_form=(fmt == "json"))
    if fmt != "json":
        return dumps_yaml(doc)
    try:
        return dumps_json(doc)
    except ValueError as exc:  # an infinite or NaN number (in an x- extension)
        import math

        from composecheck.errors import InputError
        from composecheck.load.tree import locate, walk

        where = next(
            (
                locate(model, path)
                for path, value in walk(model)
                if isinstance(value, float) and not math.isfinite(value)
            ),
            None,
        )
        raise InputError(str(exc), where) from None

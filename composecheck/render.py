"""The resolved project as ``docker compose config`` prints it (JSON or YAML).

Output is written atomically: a temporary file in the target's folder, renamed over
the target only once everything was produced.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from typing import Any

from composecheck.load.tree import plain

# Attributes printed even when empty or false, because Compose's types do not omit them.
_KEEP_EMPTY_SERVICE = {"command", "entrypoint"}
# Optional booleans (pointers in Compose's types): printed when set, even to false.
_KEEP_FALSE = frozenset({"init", "required", "attach"})
# Optional structures: printed when set, even when empty.
_KEEP_EMPTY = frozenset(
    {"volume", "bind", "tmpfs", "image", "healthcheck", "exec", "ipam", "resources",
     "placement", "networks", "command", "entrypoint"}
)
# Free-form maps of strings: printed as they are, empty strings included.
_FREE_MAPS = frozenset(
    {"environment", "labels", "annotations", "sysctls", "args", "driver_opts", "options",
     "storage_opt", "additional_contexts"}
)


def _escape(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, dict):
        return {_escape(k): _escape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escape(v) for v in value]
    return value


def _prune(value: Any) -> Any:
    """Drop what Compose's types omit: unset strings, false booleans, empty collections."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _FREE_MAPS or key.startswith("x-"):
                if item or key in _KEEP_EMPTY:
                    out[key] = item
                continue
            if (item is False and key not in _KEEP_FALSE) or item == "":
                continue
            item = _prune(item)
            if isinstance(item, (dict, list)) and not item and key not in _KEEP_EMPTY:
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _service(service: dict[str, Any], json_form: bool) -> dict[str, Any]:
    body = {k: v for k, v in service.items() if not (json_form and k.startswith("x-"))}
    deploy = body.get("deploy")
    out = _prune(body)
    for key in _KEEP_EMPTY_SERVICE:
        out.setdefault(key, None)
    if isinstance(deploy, dict):
        out_deploy = out.setdefault("deploy", {})
        out_deploy.setdefault("resources", {})
        out_deploy.setdefault("placement", {})
    develop = out.get("develop")
    if isinstance(develop, dict):
        for rule in develop.get("watch") or []:
            # `exec` is a plain struct in Compose's types: always printed.
            if isinstance(rule, dict):
                rule.setdefault("exec", {}).setdefault("command", None)
    if "networks" in out and isinstance(out["networks"], dict):
        out["networks"] = {
            name: (_prune(v) if isinstance(v, dict) else v) for name, v in out["networks"].items()
        }
    return {key: out[key] for key in sorted(out)}


def project_output(model: dict[str, Any], *, json_form: bool = True) -> dict[str, Any]:
    """The printable document: Compose's key order, omissions and ``$$`` escaping."""
    doc: dict[str, Any] = {}
    services = model.get("services") or {}
    doc["services"] = {
        name: _service(services[name], json_form) for name in sorted(services)
    }
    for key, value in model.items():
        if key == "services":
            continue
        if key in ("networks", "volumes", "secrets", "configs"):
            if not value:
                continue
            section = {}
            for name in sorted(value):
                resource = value[name] or {}
                body = {
                    k: v for k, v in resource.items() if not (json_form and k.startswith("x-"))
                }
                pruned = _prune(body)
                if key == "networks":
                    pruned.setdefault("ipam", {})
                section[name] = {k: pruned[k] for k in sorted(pruned)}
            doc[key] = section
        elif key == "models" and json_form:
            continue
        else:
            doc[key] = value
    return _escape({key: doc[key] for key in sorted(doc)})


def _go_json_float(value: float) -> Any:
    if math.isinf(value) or math.isnan(value):
        return str(value)
    return value


def dumps_json(doc: dict[str, Any]) -> str:
    """JSON as Compose prints it: two-space indent, HTML characters escaped, no final newline."""
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dumps_yaml(doc: dict[str, Any]) -> str:
    from composecheck.yamlout import dump

    return dump(doc)


def render(model: Any, fmt: str = "yaml") -> str:
    doc = project_output(plain(model), json_form=(fmt == "json"))
    return dumps_json(doc) if fmt == "json" else dumps_yaml(doc)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see either the old file or the new one."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".composecheck-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

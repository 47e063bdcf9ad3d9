"""Whole-model normalisation of the untyped model: environment values, names, networks."""

from __future__ import annotations

from typing import Any

from composecheck.load.untyped.gocompat import NilList, go_clean, go_fmt_s, go_sprint


def resolve_environment(model: dict[str, Any], env: dict[str, str]) -> None:
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict) or not isinstance(service.get("environment"), list):
                continue
            resolved: list[Any] = []
            for item in service["environment"]:
                if not isinstance(item, str):
                    continue
                resolved.append(f"{item}={env[item]}" if item in env else item)
            service["environment"] = resolved
    for section, target in (("secrets", "x-#value"), ("configs", "content")):
        resources = model.get(section)
        if not isinstance(resources, dict):
            continue
        for resource in resources.values():
            if isinstance(resource, dict) and isinstance(resource.get("environment"), str):
                name = resource["environment"]
                if name in env:
                    resource[target] = env[name]


def _resolve_values(value: Any, env: dict[str, str], keep_empty: bool) -> tuple[Any, bool]:
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            resolved, ok = _resolve_values(item, env, keep_empty)
            if ok:
                out.append(resolved)
        return (out if out else NilList()), True
    if isinstance(value, dict):
        mapping: dict[str, Any] = {}
        for key, item in value.items():
            if item is not None:
                mapping[key] = item
            elif key in env:
                mapping[key] = env[key]
            elif keep_empty:
                mapping[key] = None
        return mapping, True
    if isinstance(value, str):
        if "=" not in value:
            if value in env:
                return f"{value}={env[value]}", True
            return (value, True) if keep_empty else ("", False)
        return value, True
    return value, False


def _dependency(restart: bool) -> dict[str, Any]:
    return {"condition": "service_started", "restart": restart, "required": True}


def normalize(model: dict[str, Any], env: dict[str, str]) -> None:
    _normalize_networks(model)
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict):
                continue
            if service.get("pull_policy") == "if_not_present":
                service["pull_policy"] = "missing"
            build = service.get("build")
            if isinstance(build, dict):
                if build.get("context") is None:
                    build["context"] = "."
                if build.get("dockerfile") is None and build.get("dockerfile_inline") is None:
                    build["dockerfile"] = "Dockerfile"
                if "args" in build:
                    build["args"] = _resolve_values(build["args"], env, False)[0]
            if "environment" in service:
                service["environment"] = _resolve_values(service["environment"], env, True)[0]
            depends = service.get("depends_on")
            depends_on: dict[str, Any] = depends if isinstance(depends, dict) else {}
            for link in service.get("links") or []:
                parts = str(link).split(":")
                name = parts[0] if len(parts) == 2 else str(link)
                if name not in depends_on:
                    depends_on[name] = _dependency(True)
            for namespace in ("network_mode", "ipc", "pid", "uts", "cgroup"):
                ref = service.get(namespace)
                if isinstance(ref, str) and ref.startswith("service:"):
                    shared = ref[len("service:") :]
                    if shared not in depends_on:
                        depends_on[shared] = _dependency(True)
            volumes = service.get("volumes")
            if isinstance(volumes, list):
                for volume in volumes:
                    if isinstance(volume, dict) and isinstance(volume.get("target"), str):
                        volume["target"] = go_clean(volume["target"])
            for spec in service.get("volumes_from") or []:
                spec = str(spec)
                if not spec.startswith("container:"):
                    name = spec.split(":")[0]
                    if name not in depends_on:
                        depends_on[name] = _dependency(False)
            if depends_on:
                service["depends_on"] = depends_on
    for section in ("networks", "volumes", "configs", "secrets"):
        resources = model.get(section)
        if not isinstance(resources, dict):
            continue
        for key in list(resources):
            resource = resources[key]
            if resource is None:
                resource = resources[key] = {}
            if not isinstance(resource, dict):
                continue
            if resource.get("name") is None:
                external = resource.get("external")
                if "external" in resource and go_sprint(external) in (
                    "1",
                    "t",
                    "T",
                    "TRUE",
                    "true",
                    "True",
                ):
                    resource["name"] = key
                else:
                    resource["name"] = f"{go_fmt_s(model.get('name'))}_{key}"


def _normalize_networks(model: dict[str, Any]) -> None:
    networks = model.get("networks")
    if not isinstance(networks, dict):
        networks = {}
    uses_default = False
    services = model.get("services")
    if isinstance(services, dict):
        for service in services.values():
            if not isinstance(service, dict):
                continue
            if "provider" in service or "network_mode" in service:
                continue
            attached = service.get("networks")
            if "networks" not in service or (isinstance(attached, dict) and not attached):
                service["networks"] = {"default": None}
                uses_default = True
            elif isinstance(attached, dict) and "default" in attached:
                uses_default = True
    if "default" not in networks and uses_default:
        networks["default"] = None
    if networks:
        model["networks"] = networks


__all__ = ["normalize", "resolve_environment"]

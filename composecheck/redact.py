"""``render --redact``: the rendered project with secret values replaced.

Uses the same detector as CC401 (:mod:`composecheck.secrets`), on the values a
rendered project carries: service environments, build args, labels, extension fields
and inline config contents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from composecheck.load.tree import YList, YMap

if TYPE_CHECKING:
    from composecheck.load.project import LoadedProject

REDACTED = "<redacted>"
_KEYED = ("environment", "labels", "annotations")


def _is_secret(key: str | None, value: Any) -> bool:
    from composecheck.secrets import classify

    if not isinstance(value, str):
        return False
    verdict = classify(key, value)
    return verdict is not None and verdict.kind == "secret"


def _scrub(text: str, pairs: Any, fallback_key: str | None = None) -> tuple[str, int]:
    """``text`` with every secret the detector finds among ``pairs`` replaced."""
    from composecheck.secrets import classify_pairs

    count = 0
    for _, value, verdict in classify_pairs(pairs, fallback_key):
        if verdict.kind == "secret" and value and value in text:
            text = text.replace(value, REDACTED)
            count += 1
    return text, count


def _mapping(values: Any) -> int:
    from composecheck.secrets import text_pairs

    count = 0
    if isinstance(values, YMap):
        for key, value in values.items():
            if _is_secret(key, value):
                values[key] = REDACTED
                count += 1
            elif isinstance(value, str) and ("=" in value or "\n" in value):
                # Option strings and config texts (JAAS, JAVA_TOOL_OPTIONS) hold secrets
                # inside.
                values[key], n = _scrub(value, text_pairs(value), key)
                count += n
    return count


def _command(value: Any) -> int:
    """Secrets in command lines: flags, ``VAR=x cmd``, ``sh -c`` strings, headers."""
    from composecheck.secrets import command_pairs

    count = 0
    if isinstance(value, YList):
        for index, item in enumerate(value):
            if isinstance(item, str):
                value[index], n = _scrub(item, command_pairs(list(value)))
                count += n
    return count


def _extension(value: Any, key: str | None = None) -> tuple[Any, int]:
    if isinstance(value, YMap):
        count = 0
        for k in list(value):
            value[k], n = _extension(value[k], k)
            count += n
        return value, count
    if isinstance(value, YList):
        count = 0
        for index, item in enumerate(value):
            value[index], n = _extension(item, key)
            count += n
        return value, count
    if isinstance(value, str) and "=" in value and key is None:
        name, _, rest = value.partition("=")
        if _is_secret(name, rest):
            return f"{name}={REDACTED}", 1
    if _is_secret(key, value):
        return REDACTED, 1
    return value, 0


def redact(model: YMap) -> int:
    """Replace secret values in ``model`` in place; the number replaced."""
    count = 0
    services = model.get("services")
    if isinstance(services, YMap):
        for service in services.values():
            if not isinstance(service, YMap):
                continue
            for key in _KEYED:
                count += _mapping(service.get(key))
            build = service.get("build")
            if isinstance(build, YMap):
                count += _mapping(build.get("args"))
            count += _command(service.get("command")) + _command(service.get("entrypoint"))
            health = service.get("healthcheck")
            if isinstance(health, YMap):
                count += _command(health.get("test"))
            for key in [k for k in service if k.startswith("x-")]:
                service[key], n = _extension(service[key], key)
                count += n
    for key in [k for k in model if k.startswith("x-")]:
        model[key], n = _extension(model[key], key)
        count += n
    configs = model.get("configs")
    if isinstance(configs, YMap):
        from composecheck.secrets import text_pairs

        for config in configs.values():
            content = config.get("content") if isinstance(config, YMap) else None
            if isinstance(content, str):
                config["content"], n = _scrub(content, text_pairs(content))
                count += n
    return count


def secret_values(loaded: LoadedProject) -> list[str]:
    """Every secret literal CC401 finds in a loaded project (longest first)."""
    from composecheck.secrets.surfaces import scan

    values = {hit.value for hit in scan(loaded) if hit.verdict.kind == "secret" and hit.value}
    return sorted(values, key=len, reverse=True)


def scrub_text(text: str, values: list[str]) -> str:
    """The rendered text with each secret literal replaced, as written or as escaped."""
    for value in values:
        if len(value) < 4:
            continue  # too short to replace without mangling unrelated text
        for form in {value, value.replace("$", "$$")}:
            if form in text:
                text = text.replace(form, REDACTED)
    return text

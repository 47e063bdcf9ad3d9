"""Short syntax to long syntax, as ``docker compose config`` prints it.

The model is made canonical after each file is merged into it, as Compose does; the
merge meets the new file's raw values against the model's canonical ones and asks
for the long form when the two shapes differ (``environment: [A=1]``
against a mapping). Keyed sequences are de-duplicated again afterwards, so ``"8080:80"``
and ``{target: 80, published: "8080"}`` end as one port. A value produced from a short
string keeps the position of that string. The converters themselves are in
:mod:`.longform`.
"""

from __future__ import annotations

from typing import Any

from composecheck.errors import InputError, Problems
from composecheck.load.keyvalue import ShapeError, kv_mapping
from composecheck.load.longform import canonical_value
from composecheck.load.repeats import repeats
from composecheck.load.tree import Override, YList, YMap
from composecheck.location import Loc

# Service attributes the schema lets be null that Compose holds behind a pointer.
_POINTERS = ("deploy", "develop")


def canonical_attribute(name: str, key: str, value: Any, loc: Loc | None) -> Any:
    """One attribute of service ``name`` in long syntax (a new value, or ``value`` itself)."""
    try:
        return canonical_value(key, value, loc)
    except ShapeError as exc:
        raise _located(exc, name, key) from None


def canonical_service(service: Any, name: str = "", problems: Problems | None = None) -> Any:
    """Rewrite one service mapping in place into long syntax.

    With ``problems`` that keep going (validating), a value whose short syntax Compose
    refuses is reported and left out (of a list, only the items it refuses).
    """
    if not isinstance(service, YMap):
        return service
    for key in list(service):
        value = service[key]
        try:
            new = canonical_value(key, value, service.vloc(key))
        except (InputError, ShapeError) as exc:
            error = _located(exc, name, key)
            if problems is None or not problems.keep_going:
                raise error from None
            new = _salvage(key, value, service.vloc(key), name, problems)
            if new is None:
                problems.report(error)
                service.drop(key)
                continue
        if new is not value:
            service[key] = new
    for key in _POINTERS:
        if key in service and service[key] is None:
            # A null decodes to a nil pointer, which Compose's output leaves out.
            service.drop(key)
    deploy = service.get("deploy")
    if isinstance(deploy, YMap) and "labels" in deploy:
        deploy["labels"] = kv_mapping(deploy["labels"], deploy.vloc("labels"))
    return service


def _located(exc: InputError | ShapeError, name: str, key: str) -> InputError:
    if isinstance(exc, ShapeError):
        text = exc.template.replace("{path}", f"services.{name}.{key}")
        return InputError(text.replace("{service}", name).replace("{key}", key), exc.loc)
    return exc


def _salvage(key: str, value: Any, loc: Loc | None, name: str, problems: Problems) -> Any:
    """A list's items one by one: each refused item is reported and left out. None
    when ``value`` is not a list (the caller drops the whole value)."""
    if not isinstance(value, YList):
        return None
    kept = YList(value.loc)
    for index, item in enumerate(value):
        one = YList(value.loc)
        one.push(item, value.vloc(index))
        try:
            canonical_value(key, one, loc)
        except (InputError, ShapeError) as exc:
            problems.report(_located(exc, name, key))
            continue
        kept.push(item, value.vloc(index))
    return canonical_value(key, kept, loc)


def canonical_file(tree: YMap, problems: Problems | None = None) -> YMap:
    """Make every service and top-level resource of one file canonical, in place."""
    services = tree.get("services")
    if isinstance(services, YMap):
        for name in list(services):
            value = services[name]
            if isinstance(value, Override):
                canonical_service(value.value, name, problems)
            else:
                canonical_service(value, name, problems)
    for section in ("networks", "volumes", "secrets", "configs"):
        resources = tree.get(section)
        if not isinstance(resources, YMap):
            continue
        for name in list(resources):
            value = resources[name]
            if value is None:
                resources[name] = YMap(resources.vloc(name))
            elif isinstance(value, YMap):
                if section in ("networks", "volumes") and isinstance(
                    value.get("driver_opts"), YMap
                ):
                    # Options: strings, the x-* keys set aside as Compose does
                    value["driver_opts"] = kv_mapping(
                        value["driver_opts"], value.vloc("driver_opts")
                    )
                if "labels" not in value:
                    continue
                if section != "networks" and repeats(value["labels"]):
                    continue  # see `repeats`: networks' labels alone are de-duplicated
                value["labels"] = kv_mapping(value["labels"], value.vloc("labels"))
    return tree

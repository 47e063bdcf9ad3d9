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
from composecheck.load.longform import canonical_value, string_items
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


def canonical_file(
    tree: YMap, problems: Problems | None = None, warnings: list[str] | None = None
) -> YMap:
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
                if isinstance(value.get("external"), YMap):
                    _legacy_external(section, name, resources, problems, warnings)
                if section in ("networks", "volumes") and isinstance(
                    value.get("driver_opts"), YMap
                ):
                    # Options: strings, the x-* keys set aside as Compose does
                    value["driver_opts"] = kv_mapping(
                        value["driver_opts"], value.vloc("driver_opts")
                    )
                # The labels of the other resources stay as written until every file
                # is merged (`settled`): Compose merges them as written.
                if section == "networks" and "labels" in value:
                    value["labels"] = kv_mapping(value["labels"], value.vloc("labels"))
    return tree


def _legacy_external(
    section: str,
    name: str,
    resources: YMap,
    problems: Problems | None,
    warnings: list[str] | None,
) -> None:
    """``external: {name: x}`` as ``name: x`` and ``external: true``, with Compose's
    warning. Compose rewrites it while making each file canonical, before the next file
    merges (so that a later ``external: true`` merges onto it)."""
    resource = resources[name]
    external = resource["external"]
    where = f"{section}.{name}"
    resource.put("external", True, resources.vloc(name))
    if "name" not in external:
        return
    if warnings is not None:
        warnings.append(f"{where}: external.name is deprecated. Please set name and external: true")
    if "name" not in resource:
        resource.put("name", external["name"], external.vloc("name"))
    elif resource["name"] != external["name"]:
        error = InputError(
            f"{where}: name and external.name conflict; only use name", external.vloc("name")
        )
        if problems is None:
            raise error
        problems.report(error)


def settled(model: YMap) -> YMap:
    """What Compose keeps as written in its merged model, converted once every file of
    the project is merged (Compose converts it when it decodes the project):

    - the labels of volumes, secrets and configs, which Compose merges as written with
      no de-duplication (two lists append; a volume's mapping is read as ``K=V``
      entries), so that an entry two files both write is refused by the structural
      check of the merged model;
    - ``group_add``, whose items Compose compares as written (``100`` is not ``"100"``).
    """
    for section in ("volumes", "secrets", "configs"):
        resources = model.get(section)
        for value in resources.values() if isinstance(resources, YMap) else ():
            if isinstance(value, YMap) and "labels" in value and not repeats(value["labels"]):
                value["labels"] = kv_mapping(value["labels"], value.vloc("labels"))
    services = model.get("services")
    for service in services.values() if isinstance(services, YMap) else ():
        if isinstance(service, YMap) and "group_add" in service:
            string_items(service["group_add"])
    return model

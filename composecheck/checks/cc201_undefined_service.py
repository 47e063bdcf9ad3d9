"""CC201 undefined-service: a reference to a service the stack does not define."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap

_MODES = ("network_mode", "ipc", "pid", "uts", "cgroup")


class UndefinedService(Check):
    code = "CC201"
    name = "undefined-service"
    summary = (
        "depends_on, links, volumes_from or a service: mode names a service that does not exist"
    )
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds references to services the stack does not define: `depends_on` entries, "
            "`links`, `volumes_from`, and `service:NAME` in `network_mode`, `ipc`, `pid`, "
            "`uts` and `cgroup`. References to services that exist but that the active "
            "profiles leave out are CC204's business."
        ),
        why=(
            "Docker Compose refuses the whole project (`depends on undefined service`), so "
            "nothing starts; the usual cause is a renamed service or a typo."
        ),
        example=(
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [databse]\n"
            "  database:\n    image: postgres:16\n"
        ),
        use_instead=(
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [database]\n"
            "  database:\n    image: postgres:16\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        known = set(ctx.services()) | set(ctx.disabled_services())
        for name, service in sorted(ctx.services().items()):
            refs: list[tuple[str, tuple[str | int, ...], str]] = []
            deps = service.get("depends_on")
            if isinstance(deps, YMap):
                for dep in deps:
                    if (name, dep) in ctx.loaded.implicit:
                        continue  # reported where it was written (links, volumes_from...)
                    refs.append((dep, ("services", name, "depends_on", dep), "depends_on"))
            for index, link in iter_list(service.get("links")):
                refs.append(
                    (str(link).split(":", 1)[0], ("services", name, "links", index), "links")
                )
            for index, ref in iter_list(service.get("volumes_from")):
                text = str(ref)
                if not text.startswith("container:"):
                    refs.append(
                        (
                            text.split(":", 1)[0],
                            ("services", name, "volumes_from", index),
                            "volumes_from",
                        )
                    )
            for key in _MODES:
                value = service.get(key)
                if isinstance(value, str) and value.startswith("service:"):
                    refs.append((value[len("service:") :], ("services", name, key), key))
            for target, path, attribute in refs:
                if target in known:
                    continue
                yield ctx.finding(
                    self,
                    f'service "{name}" refers to undefined service "{target}" in {attribute}',
                    _hint(target, known),
                    path=path,
                    service=name,
                )


def _hint(target: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(target, sorted(known), n=1)
    if close:
        return f"did you mean '{close[0]}'? Otherwise define a service named '{target}'"
    return f"define a service named '{target}' or remove the reference"

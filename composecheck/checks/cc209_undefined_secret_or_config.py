"""CC209 undefined-secret-or-config: a service uses an undeclared secret or config."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc


class UndefinedSecretOrConfig(Check):
    code = "CC209"
    name = "undefined-secret-or-config"
    summary = "a service (or its build) uses a secret or config that is not declared"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds entries of a service's `secrets` and `configs`, and of `build.secrets`, "
            "whose source the top-level `secrets` or `configs` section does not declare. "
            "Services the active profiles leave out are checked too."
        ),
        why=(
            "Docker Compose refuses the whole project (`refers to undefined secret`). A "
            "secret must be declared with where its value comes from (`file:` or "
            "`environment:`) before a service can receive it."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets: [db_password]\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets: [db_password]\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        services = {**ctx.disabled_services(), **ctx.services()}
        for section, word in (("secrets", "secret"), ("configs", "config")):
            declared = sorted(ctx.resources(section))
            for name in sorted(services):
                service = services[name]
                refs: list[tuple[Any, str]] = [(service.get(section), word)]
                build = service.get("build")
                if section == "secrets" and isinstance(build, YMap):
                    refs.append((build.get("secrets"), "build secret"))
                for items, kind in refs:
                    if not isinstance(items, YList):
                        continue
                    for index, ref in iter_list(items):
                        source = _source(ref)
                        if source is None or source in declared:
                            continue
                        yield ctx.finding(
                            self,
                            f'service "{name}" uses undefined {kind} "{source}"',
                            _hint(source, declared, section),
                            loc=_where(ref) or items.vloc(index),
                            service=name,
                        )


def _source(ref: Any) -> str | None:
    value = ref.get("source") if isinstance(ref, YMap) else ref
    return str(value) if value is not None else None


def _where(ref: Any) -> Loc | None:
    """The source itself: in long syntax its own line, in short syntax the string."""
    return ref.vlocs.get("source") if isinstance(ref, YMap) else None


def _hint(source: str, declared: list[str], section: str) -> str:
    declare = (
        f"declare it under top-level `{section}:` (`{source}:` with `file:` or `environment:`)"
    )
    close = difflib.get_close_matches(source, declared, n=1)
    if close:
        return f"did you mean '{close[0]}'? Otherwise {declare}"
    return declare

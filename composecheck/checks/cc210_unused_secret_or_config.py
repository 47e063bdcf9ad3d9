"""CC210 unused-secret-or-config: a declared secret or config that nothing uses."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap


class UnusedSecretOrConfig(Check):
    code = "CC210"
    name = "unused-secret-or-config"
    summary = "a secret or config is declared at the top level but no service or build uses it"
    severity = Severity.WARNING
    doc = CheckDoc(
        what=(
            "Finds secrets and configs declared at the top level that no service's "
            "`secrets` or `configs` uses, nor any `build.secrets`, counting services the "
            "active profiles leave out as users."
        ),
        why=(
            "A declared secret that no service receives usually means the service reads "
            "its credential from somewhere else (often a plain environment variable) or "
            "from a secret under another name; Compose silently drops it from the project."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets: [db_password]\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
            "  api_token:\n"
            "    environment: API_TOKEN\n"
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
        services = (*ctx.services().values(), *ctx.disabled_services().values())
        for section, word in (("secrets", "secret"), ("configs", "config")):
            declared = ctx.resources(section)
            used: set[str] = set()
            for service in services:
                lists = [service.get(section)]
                build = service.get("build")
                if section == "secrets" and isinstance(build, YMap):
                    lists.append(build.get("secrets"))
                for items in lists:
                    for _, ref in iter_list(items):
                        value = ref.get("source") if isinstance(ref, YMap) else ref
                        if value is not None:
                            used.add(str(value))
            undeclared = sorted(used - set(declared))
            for name in sorted(declared):
                if name in used:
                    continue
                yield ctx.finding(
                    self,
                    f'{word} "{name}" is declared but no service uses it',
                    _hint(name, word, section, undeclared),
                    loc=declared.kloc(name),
                )


def _hint(name: str, word: str, section: str, undeclared: list[str]) -> str:
    close = difflib.get_close_matches(name, undeclared, n=1)
    if close:
        return (
            f"a service uses {word} '{close[0]}', which is not declared: did you mean "
            f"'{name}' there? Otherwise remove this declaration"
        )
    return f"remove the declaration, or list '{name}' under the `{section}` of the service"

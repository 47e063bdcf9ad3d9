"""CC209 undefined-secret-or-config: a service uses an undeclared secret or config."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck import semantics
from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


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
        # The rule is Compose's (composecheck.semantics), over the services the active
        # profiles disable too.
        services = {**ctx.disabled_services(), **ctx.services()}
        for problem in semantics.undefined_secrets_and_configs(services, ctx.model):
            yield ctx.from_problem(self, problem)

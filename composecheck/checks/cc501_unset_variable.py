"""CC501 unset-variable: a variable used without a value or a default."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.location import Loc


class UnsetVariable(Check):
    code = "CC501"
    name = "unset-variable"
    summary = "a ${VARIABLE} that is not set and has no default: Compose uses an empty string"
    severity = Severity.WARNING
    doc = CheckDoc(
        what=(
            "Reports every place a variable is interpolated (`$NAME`, `${NAME}`) while "
            "it is set neither in the shell, nor in `.env` or an `--env-file`, and the "
            "reference gives no default. One finding per use, including uses inside "
            "`.env` files. A variable set to an empty value (`NAME=`) is set."
        ),
        why=(
            'Docker Compose only warns (`The "NAME" variable is not set. Defaulting to a '
            "blank string.`) and goes on with an empty string: `image: app:${TAG}` "
            "becomes an invalid `app:`, `${DB_HOST}` an empty host name, and a port "
            "mapping `${PORT}:80` a random port. The stack starts, and breaks later."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    environment:\n"
            "      LOG_LEVEL: ${LOG_LEVEL}\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    environment:\n"
            "      LOG_LEVEL: ${LOG_LEVEL:-info}\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        seen: set[tuple[str, Loc | None, str]] = set()
        for notice in ctx.notices:
            key = (notice.name, notice.loc, notice.path)
            if notice.kind != "unset-variable" or key in seen:
                continue
            seen.add(key)
            name = notice.name
            where = f" in {notice.path}" if notice.path else ""
            parts = notice.path.split(".")
            service = parts[1] if len(parts) > 2 and parts[0] == "services" else None
            yield ctx.finding(
                self,
                f'variable "{name}" is not set: Compose substitutes an empty string{where}',
                f"set {name} in .env or an --env-file, give it a default "
                f"${{{name}:-value}}, or require it with ${{{name}:?message}}",
                loc=notice.loc,
                service=service,
            )

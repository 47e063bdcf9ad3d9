"""CC208 unused-volume: a declared volume that no service mounts."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap


class UnusedVolume(Check):
    code = "CC208"
    name = "unused-volume"
    summary = "a volume is declared under top-level volumes but no service mounts it"
    severity = Severity.WARNING
    doc = CheckDoc(
        what=(
            "Finds volumes declared under the top-level `volumes` that no service mounts, "
            "counting services the active profiles leave out as users."
        ),
        why=(
            "An unused volume is usually the trace of a renamed mount: the service now "
            "writes to another volume (or an anonymous one) and the data you meant to keep "
            "is not where you think. Compose silently drops it from the project."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - db-data:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  db-data:\n"
            "  pgdata:\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - db-data:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  db-data:\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        declared = ctx.resources("volumes")
        used: set[str] = set()
        for service in (*ctx.services().values(), *ctx.disabled_services().values()):
            for _, volume in iter_list(service.get("volumes")):
                if isinstance(volume, YMap) and volume.get("type") == "volume":
                    source = volume.get("source")
                    if source:
                        used.add(str(source))
        undeclared = sorted(used - set(declared))
        for volume in sorted(declared):
            if volume in used:
                continue
            yield ctx.finding(
                self,
                f'volume "{volume}" is declared but no service mounts it',
                _hint(volume, undeclared),
                loc=declared.kloc(volume),
            )


def _hint(volume: str, undeclared: list[str]) -> str:
    close = difflib.get_close_matches(volume, undeclared, n=1)
    if close:
        return (
            f"a service mounts '{close[0]}', which is not declared: did you mean '{volume}' "
            "there? Otherwise remove this declaration"
        )
    return f"remove the declaration, or mount it (`{volume}:/path`) in the service that needs it"

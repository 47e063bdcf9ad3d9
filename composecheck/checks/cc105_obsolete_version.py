"""CC105 obsolete-version: a top-level ``version`` that Compose v2 ignores."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.location import Loc


class ObsoleteVersion(Check):
    code = "CC105"
    name = "obsolete-version"
    summary = "the top-level version attribute is obsolete: Compose v2 ignores it"
    severity = Severity.WARNING
    doc = CheckDoc(
        what=(
            "Reports the top-level `version` attribute (`version: '3.8'`) of every compose "
            "file that has one, including override, `extends` and `include` files."
        ),
        why=(
            "Docker Compose v2 ignores `version` and warns about it on every command: it "
            "always reads a file as the current Compose Specification. The line suggests "
            "that a `3.8` file is limited to the 3.8 format (or that `deploy` is ignored "
            "outside Swarm, as it was with v1), which misleads readers about what the "
            "file does."
        ),
        example=("version: '3.8'\nservices:\n  web:\n    image: nginx:1.27.3\n"),
        use_instead=("services:\n  web:\n    image: nginx:1.27.3\n"),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        seen: set[Loc | None] = set()
        for notice in ctx.notices:
            # A file read twice (an extends source used by two services) notices twice.
            if notice.kind != "obsolete-version" or notice.loc in seen:
                continue
            seen.add(notice.loc)
            yield ctx.finding(
                self,
                'the top-level "version" is obsolete: Docker Compose v2 ignores it',
                "delete the version line; Compose always reads the file as the current "
                "Compose Specification",
                loc=notice.loc,
            )

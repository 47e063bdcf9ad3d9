"""CC104 invalid-value: a value of the wrong type or format."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class InvalidValue(Check):
    code = "CC104"
    name = "invalid-value"
    summary = "a value of the wrong type or format: durations, sizes, cpus, ports, enums"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a value Docker Compose cannot use: the wrong type (`ports: 8080` where "
            "a list is expected, `image: [nginx]`), a duration without a valid unit "
            "(`interval: 30 sec`; Compose wants `30s`, `1m30s`), a size it cannot read "
            "(`mem_limit: 512 megabytes`; write `512m`), a `cpus` that is not a number, a "
            "port outside 1-65535 or with an unknown protocol, a value outside its enum "
            "(`condition: service_ready`), a boolean or number that does not parse."
        ),
        why=(
            "Docker Compose refuses the whole project until the value is fixed, and the "
            "error it prints often names a Go type rather than your file; this finding "
            "points at the value itself."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-fsS", "http://localhost/"]\n'
            "      interval: 30 sec\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-fsS", "http://localhost/"]\n'
            "      interval: 30s\n"
        ),
        options=(
            "None. The loader reports this finding when it validates or decodes the "
            "project, so the check itself runs no rule."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader: schema validation and decoding stop at a bad value.
        return ()

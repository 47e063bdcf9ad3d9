"""CC306 missing-healthcheck: a long-running production service without a healthcheck."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from composecheck.checks import Check, CheckDoc, Context, OptionSpec
from composecheck.checks._runtime import missing_setting, one_shot_option, one_shot_reason
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap

_IMAGE_HINT = (
    "if the image declares its own HEALTHCHECK (docker inspect --format "
    "'{{json .Config.Healthcheck}}' IMAGE), Docker already uses it and you may ignore this"
)


class MissingHealthcheck(Check):
    code = "CC306"
    name = "missing-healthcheck"
    summary = "a long-running production service has no healthcheck"
    severity = Severity.WARNING
    production_only = True
    doc = CheckDoc(
        what=(
            "In production environments, finds long-running services without a "
            "`healthcheck`, and services that switch their healthcheck off "
            '(`disable: true` or `test: ["NONE"]`). One-shot jobs are left alone, decided '
            "as CC305 does: a service that another waits for with "
            '`condition: service_completed_successfully`, `restart: "no"`, a '
            "`deploy.restart_policy.condition` of `none`, a `*-job` deploy mode, or a "
            "service scaled to zero. A "
            "`healthcheck` that only tunes timings (no `test`) counts: it keeps the image's "
            "own test. CC306 cannot see inside images: a service whose image declares a "
            "`HEALTHCHECK` is health-checked all the same, and the hint says so. When an "
            "override removes the healthcheck the base file set (`healthcheck: !reset {}`), "
            "the finding points at that `!reset` line."
        ),
        why=(
            "Without a healthcheck Docker reports a container as running even when the "
            "process inside hangs or cannot serve; `depends_on: condition: service_healthy` "
            "has nothing to wait for, and an orchestrator cannot tell a broken replica from "
            "a working one."
        ),
        example=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    restart: unless-stopped\n"
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
            "          memory: 512M\n"
        ),
        use_instead=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    restart: unless-stopped\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n'
            "      interval: 30s\n"
            "      timeout: 5s\n"
            "      retries: 3\n"
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
            "          memory: 512M\n"
        ),
        options=(
            "Runs only in production environments (`prod`, `production`, `staging`, or one "
            "configured with `production = true`). Jobs that run to completion need no "
            'healthcheck; composecheck recognises them by `restart: "no"` and the like, or '
            "list them in `one-shot-services`:\n\n"
            "```toml\n[tool.composecheck.checks.missing-healthcheck]\n"
            'one-shot-services = ["migrate"]\n```'
        ),
    )

    options_spec: ClassVar[OptionSpec] = one_shot_option("healthcheck")

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            if (
                one_shot_reason(ctx, name, service, ctx.option(self, "one_shot_services"))
                is not None
            ):
                continue
            check = service.get("healthcheck")
            if isinstance(check, YMap):
                switched_off = _switched_off(check)
                if switched_off is not None:
                    yield ctx.finding(
                        self,
                        f'service "{name}" switches its healthcheck off',
                        "give it a test that proves the service answers, for example "
                        'test: ["CMD", "curl", "-f", "http://localhost/health"]',
                        path=("services", name, "healthcheck", switched_off),
                        service=name,
                    )
                continue
            yield missing_setting(
                self,
                ctx,
                name,
                paths=[("healthcheck",)],
                what="healthcheck",
                message=f'service "{name}" has no healthcheck',
                hint="add a healthcheck whose test proves the service answers; " + _IMAGE_HINT,
                reset_hint="keep the healthcheck in production: remove the !reset; " + _IMAGE_HINT,
            )


def _switched_off(check: YMap) -> str | None:
    if check.get("disable") is True:
        return "disable"
    test = check.get("test")
    if isinstance(test, YList) and test and test[0] == "NONE":
        return "test"
    return None

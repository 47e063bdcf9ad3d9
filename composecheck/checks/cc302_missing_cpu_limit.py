"""CC302 missing-cpu-limit: a production service without a CPU limit."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks._runtime import missing_setting, scaled_to_zero
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap

_LIMITS = (("cpus",), ("deploy", "resources", "limits", "cpus"))


class MissingCpuLimit(Check):
    code = "CC302"
    name = "missing-cpu-limit"
    summary = "a production service has no CPU limit (deploy.resources.limits.cpus)"
    severity = Severity.WARNING
    production_only = True
    doc = CheckDoc(
        what=(
            "In production environments, finds services with neither "
            "`deploy.resources.limits.cpus` nor `cpus`. When an override removes the limit "
            "the base file set (`deploy: !reset {}`, `cpus: !reset null`), the finding "
            "points at that `!reset` line."
            " Otherwise it points at the service in the file that defines it and, when an "
            "override file of the environment configures the service too, names that "
            "place as a second location: a setting added there applies to that "
            "environment only."
        ),
        why=(
            "Without a CPU limit a busy loop or a traffic spike in one container takes every "
            "core of the host, and the other services (health checks included) slow down "
            "until they time out. A limit keeps one service's trouble its own."
        ),
        example=(
            "services:\n"
            "  worker:\n"
            "    image: ghcr.io/acme/worker:2.0.1@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    restart: unless-stopped\n"
            "    healthcheck:\n"
            '      test: ["CMD", "/app/worker", "--ping"]\n'
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            "          memory: 256M\n"
        ),
        use_instead=(
            "services:\n"
            "  worker:\n"
            "    image: ghcr.io/acme/worker:2.0.1@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    restart: unless-stopped\n"
            "    healthcheck:\n"
            '      test: ["CMD", "/app/worker", "--ping"]\n'
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "0.5"\n'
            "          memory: 256M\n"
        ),
        options=(
            "Runs only in production environments (`prod`, `production`, `staging`, or one "
            "configured with `production = true`)."
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            if _cpu_limit(service) is not None or scaled_to_zero(service):
                continue
            yield missing_setting(
                self,
                ctx,
                name,
                paths=_LIMITS,
                what="CPU limit",
                message=f'service "{name}" has no CPU limit',
                hint='set deploy.resources.limits.cpus (for example "1.0", one core) so that '
                "a busy service cannot take the whole host",
                reset_hint="keep a CPU limit in production: remove the !reset or set "
                "deploy.resources.limits.cpus again in this file",
            )


def _cpu_limit(service: YMap) -> object:
    deploy = service.get("deploy")
    resources = deploy.get("resources") if isinstance(deploy, YMap) else None
    limits = resources.get("limits") if isinstance(resources, YMap) else None
    if isinstance(limits, YMap) and limits.get("cpus") is not None:
        return limits.get("cpus")
    return service.get("cpus")

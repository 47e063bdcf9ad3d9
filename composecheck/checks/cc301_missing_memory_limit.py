"""CC301 missing-memory-limit: a production service without a memory limit."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks._runtime import missing_setting, scaled_to_zero
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap

_LIMITS = (("mem_limit",), ("deploy", "resources", "limits", "memory"))


class MissingMemoryLimit(Check):
    code = "CC301"
    name = "missing-memory-limit"
    summary = "a production service has no memory limit (deploy.resources.limits.memory)"
    severity = Severity.ERROR
    production_only = True
    doc = CheckDoc(
        what=(
            "In production environments, finds services with neither "
            "`deploy.resources.limits.memory` nor `mem_limit`. When an override removes a "
            "limit the base file set (`deploy: !reset {}`, `mem_limit: !reset null`), the "
            "finding points at that `!reset` line rather than at the service."
            " Otherwise it points at the service in the file that defines it and, when an "
            "override file of the environment configures the service too, names that "
            "place as a second location: a setting added there applies to that "
            "environment only."
        ),
        why=(
            "A container without a memory limit can use all the memory of the host. One "
            "leak then starves every other service, and the kernel's OOM killer picks what "
            "dies, often the database. A limit makes the faulty container the one that is "
            "restarted."
        ),
        example=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    restart: unless-stopped\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n'
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
        ),
        use_instead=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    restart: unless-stopped\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n'
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
            "          memory: 512M\n"
        ),
        options=(
            "Runs only in production environments (`prod`, `production`, `staging`, or one "
            "configured with `production = true`)."
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            if _memory_limit(service) is not None or scaled_to_zero(service):
                continue
            yield missing_setting(
                self,
                ctx,
                name,
                paths=_LIMITS,
                what="memory limit",
                message=f'service "{name}" has no memory limit',
                hint="set deploy.resources.limits.memory (for example 512M) to what the "
                "service needs at peak, plus headroom",
                reset_hint="keep a memory limit in production: remove the !reset or set "
                "deploy.resources.limits.memory again in this file",
            )


def _memory_limit(service: YMap) -> object:
    deploy = service.get("deploy")
    resources = deploy.get("resources") if isinstance(deploy, YMap) else None
    limits = resources.get("limits") if isinstance(resources, YMap) else None
    if isinstance(limits, YMap) and limits.get("memory") is not None:
        return limits.get("memory")
    return service.get("mem_limit")

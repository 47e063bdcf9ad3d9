"""CC305 missing-restart-policy: a long-running production service that is never restarted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from composecheck.checks import Check, CheckDoc, Context, OptionSpec
from composecheck.checks._runtime import missing_setting, one_shot_option, one_shot_reason
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap

_POLICIES = (("restart",), ("deploy", "restart_policy"))


class MissingRestartPolicy(Check):
    code = "CC305"
    name = "missing-restart-policy"
    summary = "a long-running production service has no restart policy"
    severity = Severity.ERROR
    production_only = True
    doc = CheckDoc(
        what=(
            "In production environments, finds long-running services with neither `restart` "
            "nor `deploy.restart_policy`.\n\n"
            "How CC305 tells a long-running service from a one-shot job: a service is a job, "
            "and is left alone, when another service waits for it with "
            "`depends_on: {NAME: {condition: service_completed_successfully}}` (migrations, "
            'init containers), when its `restart` is explicitly `"no"`, when its '
            "`deploy.restart_policy.condition` is `none`, or when its `deploy.mode` is "
            "`replicated-job` or `global-job`. A service scaled to zero (`scale: 0`, "
            "`deploy.replicas: 0`) starts nothing and is skipped too. Every other enabled "
            "service is long-running. "
            "When an override removes the policy the base file set (`restart: !reset null`), "
            "the finding points at that `!reset` line."
            " Otherwise it points at the service in the file that defines it and, when an "
            "override file of the environment configures the service too, names that "
            "place as a second location: a setting added there applies to that "
            "environment only."
        ),
        why=(
            "Without a restart policy Docker's default is `no`: a container that crashes, "
            "or that the daemon stops when the host reboots, stays down until someone "
            "notices and starts it by hand."
        ),
        example=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2@sha256:"
            "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n'
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
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
            "          memory: 512M\n"
        ),
        options=(
            "Runs only in production environments (`prod`, `production`, `staging`, or one "
            'configured with `production = true`). To mark a job, write `restart: "no"`, or '
            "list it in `one-shot-services`:\n\n"
            "```toml\n[tool.composecheck.checks.missing-restart-policy]\n"
            'one-shot-services = ["migrate"]\n```'
        ),
    )

    options_spec: ClassVar[OptionSpec] = one_shot_option("restart policy")

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            if (
                _has_policy(service)
                or one_shot_reason(ctx, name, service, ctx.option(self, "one_shot_services"))
                is not None
            ):
                continue
            yield missing_setting(
                self,
                ctx,
                name,
                paths=_POLICIES,
                what="restart policy",
                message=f'service "{name}" has no restart policy, so it stays down after a '
                "crash or a reboot",
                hint="set restart: unless-stopped (or always); if it is a one-shot job, say "
                'so with restart: "no"',
                reset_hint="keep a restart policy in production: remove the !reset or set "
                "restart: unless-stopped again in this file",
            )


def _has_policy(service: YMap) -> bool:
    if service.get("restart"):
        return True
    deploy = service.get("deploy")
    return isinstance(deploy, YMap) and isinstance(deploy.get("restart_policy"), YMap)

"""CC304 invalid-restart-policy: a restart policy Docker rejects, or two that disagree."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap

_RESTART = ("no", "always", "on-failure", "unless-stopped")
_CONDITIONS = ("none", "on-failure", "any")
_ON_FAILURE = re.compile(r"on-failure:(\d+)")
# What each `restart` value means as a deploy.restart_policy.condition.
_AS_CONDITION = {"no": "none", "always": "any", "unless-stopped": "any", "on-failure": "on-failure"}
# Engine words people carry over into deploy.restart_policy.condition.
_CONDITION_FOR = {"no": "none", "always": "any", "unless-stopped": "any"}


class InvalidRestartPolicy(Check):
    code = "CC304"
    name = "invalid-restart-policy"
    summary = "restart or deploy.restart_policy.condition is not a valid policy, or they disagree"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds a `restart` that is not one of `no`, `always`, `on-failure`, "
            "`on-failure:N` or `unless-stopped`; a `deploy.restart_policy.condition` that is "
            "not one of `none`, `on-failure` or `any`; and a condition that contradicts "
            '`restart` (`restart: always` with `condition: none`, `restart: "no"` with '
            "`condition: any`...)."
        ),
        why=(
            "Compose accepts any string in `restart` and passes it on, so `restart: alwayz` "
            "loads fine and then fails when the container is created. When `restart` and "
            "`deploy.restart_policy` disagree, Compose applies `deploy.restart_policy` and "
            "silently ignores `restart`, so one of the two lines lies to its reader."
        ),
        example=("services:\n  web:\n    image: nginx:1.27.2\n    restart: alwayz\n"),
        use_instead=("services:\n  web:\n    image: nginx:1.27.2\n    restart: always\n"),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            restart = service.get("restart")
            restart_ok = False
            if isinstance(restart, str) and restart:
                restart_ok = restart in _RESTART or bool(_ON_FAILURE.fullmatch(restart))
                if not restart_ok:
                    yield ctx.finding(
                        self,
                        f'service "{name}" has restart "{restart}", which is not a restart policy',
                        _restart_hint(restart),
                        path=("services", name, "restart"),
                        service=name,
                    )
            deploy = service.get("deploy")
            policy = deploy.get("restart_policy") if isinstance(deploy, YMap) else None
            if not isinstance(policy, YMap):
                continue
            condition = policy.get("condition")
            if not isinstance(condition, str):
                continue
            path = ("services", name, "deploy", "restart_policy", "condition")
            if condition not in _CONDITIONS:
                yield ctx.finding(
                    self,
                    f'service "{name}" has deploy.restart_policy.condition "{condition}", '
                    "which is not a restart condition",
                    _condition_hint(condition),
                    path=path,
                    service=name,
                )
                continue
            if not restart_ok or not isinstance(restart, str):
                continue
            wanted = _AS_CONDITION[restart.split(":", 1)[0]]
            if wanted == condition:
                continue
            yield ctx.finding(
                self,
                f'service "{name}" has deploy.restart_policy.condition "{condition}", which '
                f'contradicts restart "{restart}"',
                "Compose applies deploy.restart_policy and ignores restart: remove restart, "
                f'or set the condition to "{wanted}"',
                path=path,
                service=name,
                related=[(ctx.locate(("services", name, "restart")), "restart is set here")],
            )


def _restart_hint(value: str) -> str:
    head = value.split(":", 1)[0]
    if head == "on-failure":
        return (
            'write on-failure or on-failure:N with N a whole number of retries, e.g. "on-failure:5"'
        )
    close = difflib.get_close_matches(head.lower(), _RESTART, n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'? Valid values: " + ", ".join(_RESTART) + ", on-failure:N"
    return "use one of " + ", ".join(_RESTART) + ", on-failure:N"


def _condition_hint(value: str) -> str:
    if value in _CONDITION_FOR:
        return (
            f'"{value}" is a restart value; as a condition write "{_CONDITION_FOR[value]}" '
            "(valid: none, on-failure, any)"
        )
    close = difflib.get_close_matches(value.lower(), _CONDITIONS, n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'? Valid conditions: none, on-failure, any"
    return "use one of none, on-failure, any"

"""CC212 duplicate-container-name: two containers that would share one name."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks._runtime import written_order
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap
from composecheck.location import Loc


class DuplicateContainerName(Check):
    code = "CC212"
    name = "duplicate-container-name"
    summary = "two services set the same container_name, or a named service runs several replicas"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds enabled services that set the same `container_name` (the finding sits on "
            "the one written last, an override after its base file, and points at the "
            "first), and services that "
            "set a `container_name` while asking for more than one container with `scale` "
            "or `deploy.replicas`. Services the active profiles leave out are not compared: "
            "profiles often hold alternatives that never run together."
        ),
        why=(
            "Container names are unique on a Docker host. Compose refuses the project, and "
            "a service that copies another (through `extends` or an anchor) together with "
            "its `container_name` is the usual cause."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.2\n"
            "    container_name: web\n"
            "  web-canary:\n"
            "    image: nginx:1.27.3\n"
            "    container_name: web\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.2\n"
            "    container_name: web\n"
            "  web-canary:\n"
            "    image: nginx:1.27.3\n"
            "    container_name: web-canary\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        named: list[tuple[str, str, Loc | None]] = []
        for name, service in sorted(ctx.services().items()):
            container = service.get("container_name")
            if isinstance(container, str) and container:
                named.append((name, container, ctx.locate(("services", name, "container_name"))))
                yield from self._replicas(ctx, name, service, container)
        # The service written last took a name that was already taken: report it there.
        named.sort(key=lambda item: written_order(ctx, item[0], item[2]))
        seen: dict[str, tuple[str, Loc | None]] = {}
        for name, container, loc in named:
            if container not in seen:
                seen[container] = (name, loc)
                continue
            first, first_loc = seen[container]
            yield ctx.finding(
                self,
                f'service "{name}" uses container name "{container}", already taken by '
                f'service "{first}"',
                f'give one of them another container_name, or remove it from "{name}" '
                "and let Compose name the container",
                loc=loc,
                service=name,
                related=[(first_loc, f'service "{first}" takes the name here')],
            )

    def _replicas(
        self, ctx: Context, name: str, service: YMap, container: str
    ) -> Iterator[Finding]:
        deploy = service.get("deploy")
        counts = (
            ("scale", service.get("scale"), ("services", name, "scale")),
            (
                "deploy.replicas",
                deploy.get("replicas") if isinstance(deploy, YMap) else None,
                ("services", name, "deploy", "replicas"),
            ),
        )
        for label, count, where in counts:
            if isinstance(count, int) and not isinstance(count, bool) and count > 1:
                yield ctx.finding(
                    self,
                    f'service "{name}" asks for {count} containers ({label}) but names them '
                    f'all "{container}"',
                    "remove container_name so that Compose numbers the replicas, or run one",
                    path=("services", name, "container_name"),
                    service=name,
                    related=[(ctx.locate(where), f"{label} is set here")],
                )

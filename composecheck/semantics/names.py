"""Container names: unique across the project, and one container per name."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from composecheck.errors import DUPLICATE_CONTAINER_NAME, InputError
from composecheck.load.tree import YMap
from composecheck.location import Loc

Order = Callable[[str, Loc | None], tuple[int, int, int, str]]


def container_names(
    services: Mapping[str, YMap], order: Order | None = None
) -> Iterator[InputError]:
    """Container names used twice, or with more than one replica. Of two services that
    share a name, the one later in ``order`` (by name unless given) is blamed: with the
    order the files were written in, that is the one that made the clash."""
    names = sorted(services)
    if order is not None:
        names.sort(key=lambda n: order(n, services[n].vloc("container_name")))
    seen: dict[str, str] = {}
    for name in names:
        service = services[name]
        container = service.get("container_name")
        if not container:
            continue
        here = service.vloc("container_name")
        if container in seen:
            first = seen[container]
            problem = InputError(
                f'services.{name}: container name "{container}" is already in use by '
                f'service {first}"',
                here,
                hint=f'give one of them another container_name, or remove it from "{name}" '
                "and let Compose name the container",
                code=DUPLICATE_CONTAINER_NAME,
            )
            problem.detail = (
                f'service "{name}" uses container name "{container}", already taken by '
                f'service "{first}"'
            )
            problem.service = name
            there = services[first].vloc("container_name")
            if there is not None:
                problem.related.append((there, f'service "{first}" takes the name here'))
            yield problem
        seen.setdefault(container, name)
        deploy = service.get("deploy")
        counts = (
            ("scale", service.get("scale"), service),
            (
                "deploy.replicas",
                deploy.get("replicas") if isinstance(deploy, YMap) else None,
                deploy,
            ),
        )
        for label, count, holder in counts:
            if isinstance(count, int) and not isinstance(count, bool) and count > 1:
                problem = InputError(
                    f"services.{label}: can't set container_name and {name} as container "
                    "name must be unique: invalid compose project",
                    here,
                    hint="remove container_name so that Compose numbers the replicas, or run one",
                    code=DUPLICATE_CONTAINER_NAME,
                )
                problem.detail = (
                    f'service "{name}" asks for {count} containers ({label}) but names them '
                    f'all "{container}"'
                )
                problem.service = name
                where = holder.vloc(label.rpartition(".")[2]) if isinstance(holder, YMap) else None
                if where is not None:
                    problem.related.append((where, f"{label} is set here"))
                yield problem

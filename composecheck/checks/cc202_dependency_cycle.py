"""CC202 dependency-cycle: services that, through depends_on, end up waiting for themselves."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap
from composecheck.location import Loc

_MODES = ("network_mode", "ipc", "pid", "uts", "cgroup")
# Enumerating elementary cycles is exponential in the worst case; real stacks have a
# handful, and past this many the first ones say all there is to say.
_MAX_CYCLES = 50
_MAX_STEPS = 200_000


class DependencyCycle(Check):
    code = "CC202"
    name = "dependency-cycle"
    summary = "services depend on each other in a cycle (depends_on, links, volumes_from, modes)"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds cycles among service dependencies: `depends_on`, and the dependencies "
            "Compose adds for `links`, `volumes_from` and `service:NAME` in `network_mode`, "
            "`ipc`, `pid`, `uts` and `cgroup`. Each cycle is reported once, named from its "
            "alphabetically first service, at the dependency that closes it; the other "
            "links of the cycle are listed under it. Services the active profiles leave out "
            "take part too: enabling their profile would bring the cycle back."
        ),
        why=(
            "Docker Compose refuses the whole project (`dependency cycle detected`): no "
            "service can start first when each waits for another."
        ),
        example=(
            "services:\n"
            "  api:\n"
            "    image: example/api:1.4\n"
            "    depends_on: [worker]\n"
            "  worker:\n"
            "    image: example/worker:1.4\n"
            "    depends_on: [api]\n"
        ),
        use_instead=(
            "services:\n"
            "  api:\n"
            "    image: example/api:1.4\n"
            "    depends_on: [worker]\n"
            "  worker:\n"
            "    image: example/worker:1.4\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        services = {**ctx.disabled_services(), **ctx.services()}
        graph = {name: _dependencies(service, services) for name, service in services.items()}
        for cycle in _cycles(graph):
            # `cycle` is [first, ..., last]; the edge last -> first closes it.
            last, first = cycle[-1], cycle[0]
            deps = services[last]["depends_on"]
            related: list[tuple[Loc | None, str]] = []
            for src, dst in itertools.pairwise(cycle):
                related.append((services[src]["depends_on"].kloc(dst), _edge(services, src, dst)))
            names = " -> ".join([*cycle, first])
            yield ctx.finding(
                self,
                f"dependency cycle: {names}",
                f"{_edge(services, last, first)}, which closes the cycle; break it by "
                "removing one of these dependencies (a service that only needs another's "
                "address reaches it by name without depends_on)",
                loc=deps.kloc(first),
                service=last,
                related=related,
            )


def _dependencies(service: YMap, services: dict[str, YMap]) -> list[str]:
    deps = service.get("depends_on")
    if not isinstance(deps, YMap):
        return []
    # Undefined targets are CC201's; they cannot be part of a cycle.
    return sorted(d for d in deps if d in services)


def _cycles(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Every elementary cycle once, starting at its smallest name, in a stable order.

    The search stays inside strongly connected components (a dependency leading out of
    one can never come back), so stacks with many dependencies and no cycle cost one
    linear pass. From each start only names after it are visited: a cycle through a
    smaller name was already found from that name.
    """
    component = _components(graph)
    inner = {n: [d for d in deps if component[d] == component[n]] for n, deps in graph.items()}
    found = steps = 0
    for start in sorted(graph):
        if not inner[start]:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(inner[start]))]
        path = [start]
        on_path = {start}
        while stack:
            steps += 1
            if steps > _MAX_STEPS:
                return
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                continue
            if child == start:
                yield list(path)
                found += 1
                if found >= _MAX_CYCLES:
                    return
            elif child > start and child not in on_path:
                stack.append((child, iter(inner[child])))
                path.append(child)
                on_path.add(child)


def _components(graph: dict[str, list[str]]) -> dict[str, int]:
    """Strongly connected component of each name (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    count = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = count
                    if member == node:
                        break
                count += 1
    return component


def _edge(services: dict[str, YMap], src: str, dst: str) -> str:
    """How ``src`` comes to depend on ``dst``, in words."""
    service = services[src]
    where = service["depends_on"].kloc(dst)
    for index, link in iter_list(service.get("links")):
        if str(link).split(":", 1)[0] == dst and service["links"].vloc(index) == where:
            return f'"{src}" links to "{dst}"'
    for index, ref in iter_list(service.get("volumes_from")):
        if str(ref).split(":", 1)[0] == dst and service["volumes_from"].vloc(index) == where:
            return f'"{src}" mounts volumes_from "{dst}"'
    for key in _MODES:
        if service.get(key) == f"service:{dst}" and service.vloc(key) == where:
            return f'"{src}" shares the {key} of "{dst}"'
    return f'"{src}" depends on "{dst}"'

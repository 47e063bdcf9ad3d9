"""Dependency cycles: every elementary cycle of the dependency graph, once each.

Compose refuses the first it meets (its start is random there: here the cycle starts at
its smallest name, so that the message is stable); validate reports them all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from composecheck.errors import DEPENDENCY_CYCLE, InputError
from composecheck.load.tree import YMap

# Enumerating elementary cycles is exponential in the worst case; real stacks have a
# handful, and past this many the first ones say all there is to say.
_MAX_CYCLES = 50
_MAX_STEPS = 200_000


def dependency_cycles(
    services: Mapping[str, YMap], implicit: Mapping[tuple[str, str], str]
) -> Iterator[InputError]:
    """A problem per cycle, at the dependency that closes it, naming each edge."""

    def deps_of(name: str) -> YMap:
        deps = services[name].get("depends_on")
        return deps if isinstance(deps, YMap) else YMap()

    # Undefined targets are another rule's; they cannot be part of a cycle.
    graph = {name: sorted(d for d in deps_of(name) if d in services) for name in services}

    def edge(src: str, dst: str) -> str:
        via = implicit.get((src, dst))
        if via == "links":
            return f'"{src}" links to "{dst}"'
        if via == "volumes_from":
            return f'"{src}" mounts volumes_from "{dst}"'
        if via is not None:
            return f'"{src}" shares the {via} of "{dst}"'
        return f'"{src}" depends on "{dst}"'

    for cycle in _cycles(graph):
        # `cycle` is [first, ..., last]; the edge last -> first closes it.
        last, first = cycle[-1], cycle[0]
        names = " -> ".join([*cycle, first])
        problem = InputError(
            f"dependency cycle detected: {names}",
            deps_of(last).kloc(first),
            hint=f"{edge(last, first)}, which closes the cycle; break it by removing one of "
            "these dependencies (a service that only needs another's address reaches it by "
            "name without depends_on)",
            code=DEPENDENCY_CYCLE,
        )
        problem.detail = f"dependency cycle: {names}"
        problem.service = last
        for src, dst in itertools.pairwise(cycle):
            where = deps_of(src).kloc(dst)
            if where is not None:
                problem.related.append((where, edge(src, dst)))
        yield problem


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

"""``extends``: a service built on another, from the same file or another one.

Resolved per file, before merging (so a base that only exists in another ``-f`` file is
not found, as in Compose). A base from another file has its relative paths rebased
onto that file's folder; the child's ``!reset``/``!override`` act on what it inherits.
"""

from __future__ import annotations

import os
from typing import Any

from composecheck.errors import DEPENDENCY_CYCLE, UNDEFINED_SERVICE, InputError
from composecheck.load.canonical import canonical_service
from composecheck.load.context import Loader
from composecheck.load.entries import TO_SEQUENCE, refuse_entries, sequence_values
from composecheck.load.environment import Environment, Notice
from composecheck.load.limits import MAX_EXTENDS_DEPTH
from composecheck.load.markers import strip_markers
from composecheck.load.paths import absolute, rebase, service_paths
from composecheck.load.repeats import drop_repeats
from composecheck.load.tree import Override, Reset, YList, YMap, clone
from composecheck.load.unicity import enforce_unicity


def resolve_extends(loader: Loader, doc: YMap, path: str, env: Environment, rel_dir: str) -> None:
    services = doc.get("services")
    if not isinstance(services, YMap):
        return
    cache: dict[str, YMap] = {path: doc}
    done: set[tuple[str, str]] = set()
    for name in list(services):
        try:
            _extend(loader, name, services, path, env, cache, done, [], rel_dir)
        except InputError as exc:
            # Validating: the service is checked as written, without what it would
            # have inherited (so what it lacks is not reported again).
            env.problems.report(exc)
            env.problems.incomplete.add(name)
            service = services.get(name)
            if isinstance(service, YMap):
                service.drop("extends")
            done.add((name, path))


def _extend(
    loader: Loader,
    name: str,
    services: YMap,
    path: str,
    env: Environment,
    cache: dict[str, YMap],
    done: set[tuple[str, str]],
    chain: list[tuple[str, str]],
    rel_dir: str,
) -> YMap:
    service = services.get(name)
    if isinstance(service, Override):
        service = service.value
    if (name, path) in done or not isinstance(service, YMap) or "extends" not in service:
        return service  # type: ignore[return-value]
    if (name, path) in chain:
        lines = [f"  {chain[0][0]} in {chain[0][1]}"]
        lines += [f"  extends {n} in {p}" for n, p in chain[1:]]
        lines.append(f"  extends {name} in {path}")
        raise InputError(
            "Circular reference:\n" + "\n".join(lines),
            service.vloc("extends"),
            hint="break the cycle: a service cannot extend itself, directly or not",
            code=DEPENDENCY_CYCLE,
        )
    chain = [*chain, (name, path)]
    spec = _unmarked(service["extends"])
    where = service.vloc("extends")
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise InputError(
            f"services.{name}.extends: more than {MAX_EXTENDS_DEPTH} services extend "
            f"one another in a chain, from {chain[0][0]} in {chain[0][1]}",
            where,
            hint="composecheck follows extends chains up to this length; extend a "
            "common base service instead",
        )
    if isinstance(spec, Reset):
        # Compose drops a !reset value before extends is read: nothing to extend.
        service.drop("extends")
        return service
    if isinstance(spec, YMap):
        for key in [k for k, v in spec.items() if isinstance(v, (Reset, Override))]:
            if isinstance(spec[key], Reset):
                spec.drop(key)
            else:
                spec[key] = _unmarked(spec[key])
    ref_file: str | None
    if isinstance(spec, str):
        base_name, ref_file = spec, None
    elif isinstance(spec, YMap):
        base = spec.get("service")
        if not isinstance(base, str):
            raise InputError(f"extends.{name}.service is required", spec.vloc("service") or where)
        base_name, ref_file = base, spec.get("file")
        if ref_file is not None and not isinstance(ref_file, str):
            # Compose crashes on this; say what it needs instead.
            raise InputError(
                f"services.{name}.extends.file must be a string", spec.vloc("file") or where
            )
    else:
        # Compose reads any other value as no service name at all.
        raise InputError(
            f'cannot extend service "{name}" in {path}: service "" not found',
            where,
            code=UNDEFINED_SERVICE,
        )
    if ref_file:
        base_path = (
            ref_file
            if os.path.isabs(ref_file)
            else os.path.normpath(os.path.join(rel_dir, ref_file))
        )
        if base_path not in cache:
            try:
                base_doc = loader.read(base_path)[0]
                if isinstance(base_doc, InputError):
                    raise base_doc
            except InputError as exc:
                # The missing file is named in `extends.file`: point there.
                if exc.loc is None and isinstance(spec, YMap):
                    exc.loc = spec.vloc("file")
                raise
            if "version" in base_doc:
                # Compose warns about `version` in the files it loads, not in extends sources.
                env.notices.append(Notice("obsolete-version", "version", base_doc.kloc("version")))
                base_doc.drop("version")
            loader.prepare(base_doc, base_path, env)
            cache[base_path] = base_doc
        base_services = cache[base_path].get("services")
        if not isinstance(base_services, YMap) or base_name not in base_services:
            raise InputError(
                f'cannot extend service "{name}" in {path}: service "{base_name}" '
                f"not found in {ref_file}",
                where,
                code=UNDEFINED_SERVICE,
            )
        base = _extend(
            loader,
            base_name,
            base_services,
            base_path,
            env,
            cache,
            done,
            chain,
            os.path.dirname(base_path),
        )
        base = canonical_service(drop_repeats(strip_markers(clone(base))), base_name)
        base_dir = os.path.dirname(base_path)
        if loader.options.resolve_paths:
            rewrite = absolute(base_dir, loader.env.shell.get("HOME"))
        else:
            rewrite = rebase(
                os.path.relpath(base_dir, loader.working_dir), loader.env.shell.get("HOME")
            )
        service_paths(base, rewrite, extends_file=False)
    else:
        if base_name not in services:
            raise InputError(
                f'cannot extend service "{name}" in {path}: service "{base_name}" not found',
                where,
                code=UNDEFINED_SERVICE,
            )
        base = clone(_extend(loader, base_name, services, path, env, cache, done, chain, rel_dir))
    if isinstance(base, Override):
        base = base.value
    base = strip_markers(base)
    if isinstance(base, YMap):
        base.drop("extends")
    child = clone(service)
    child.drop("extends")
    raw = clone(child)
    if isinstance(base, YMap):
        _as_sequences(child, base, name)
    canonical_service(base, base_name)
    canonical_service(child, name)
    inherited = clone(base) if isinstance(base, YMap) else None
    merged = loader.merger.merge(base, child, ("services", name))
    if isinstance(merged, YMap) and inherited is not None:
        _keep_raw(merged, raw, inherited)
        _inherit_conditions(merged, raw, inherited)
    wrapper = YMap()
    wrapper.put("services", YMap(), None)
    wrapper["services"].put(name, merged, services.vloc(name))
    enforce_unicity(wrapper)
    merged = wrapper["services"][name]
    if isinstance(services.get(name), Override):
        services[name] = Override(merged, services[name].loc)
    else:
        services[name] = merged
    done.add((name, path))
    return merged  # type: ignore[no-any-return]


def _unmarked(value: Any) -> Any:
    """``!override VALUE`` is VALUE here: Compose reads the node as written."""
    return value.value if isinstance(value, Override) else value


#: Attributes Compose merges by a rule of their own (``mergeSpecials``): below them, a
#: value the base lacks is not simply the child's.
_SPECIAL: frozenset[tuple[str, ...]] = frozenset(
    {
        ("annotations",),
        ("build", "args"),
        ("build", "additional_contexts"),
        ("build", "extra_hosts"),
        ("build", "labels"),
        ("command",),
        ("depends_on",),
        ("deploy", "labels"),
        ("entrypoint",),
        ("environment",),
        ("extra_hosts",),
        ("healthcheck", "test"),
        ("labels",),
        ("logging",),
        ("models",),
        ("networks",),
        ("sysctls",),
        ("ulimits",),
    }
)


#: Attributes the child's value replaces whole (``override``): as written, too.
_REPLACED_RAW: frozenset[tuple[str, ...]] = frozenset(
    {("command",), ("entrypoint",), ("healthcheck", "test")}
)


def _keep_raw(merged: YMap, raw: YMap, inherited: YMap, path: tuple[str, ...] = ()) -> None:
    """Compose merges the service as written: what the base lacks keeps the child's raw
    value, at any depth of mappings both sides have (unless merged by a rule of their
    own), for the structural check to see (``labels: {x: [1]}`` is refused there, not
    made the string "map[...]" by a merge)."""
    for key, value in raw.items():
        if key not in merged or isinstance(value, (Reset, Override)):
            continue
        if key not in inherited or (*path, key) in _REPLACED_RAW:
            merged.copy_from(raw, key)
        elif (
            isinstance(value, YMap)
            and isinstance(inherited[key], YMap)
            and isinstance(merged[key], YMap)
            and (*path, key) not in _SPECIAL
        ):
            _keep_raw(merged[key], value, inherited[key], (*path, key))


def _inherit_conditions(merged: YMap, raw: YMap, inherited: YMap) -> None:
    """A dependency the child writes as a mapping entry without ``condition`` or
    ``required`` keeps the base's: Compose fills those in after the merge (only the
    names of a list get them before it). One the base lacks stays as written, for the
    structural check to see (``db: {}`` has no condition)."""
    written, theirs, ours = (
        raw.get("depends_on"),
        inherited.get("depends_on"),
        merged.get("depends_on"),
    )
    if not (isinstance(written, YMap) and isinstance(theirs, YMap) and isinstance(ours, YMap)):
        return
    for name, entry in written.items():
        base_entry, result = theirs.get(name), ours.get(name)
        if name not in theirs and name in ours:
            ours.put(name, clone(entry), written.vlocs.get(name), written.klocs.get(name))
            continue
        if not (isinstance(base_entry, YMap) and isinstance(result, YMap)):
            continue
        for key in ("condition", "required"):
            if (
                entry is None or (isinstance(entry, YMap) and key not in entry)
            ) and key in base_entry:
                result.copy_from(base_entry, key)


def _as_sequences(child: YMap, base: YMap, name: str) -> None:
    """The child's mappings that Compose merges with the base's as ``K=V`` entries
    (``mergeToSequence``), as those entries read: ``A: [x]`` is ``A=x``."""
    for pattern in TO_SEQUENCE:
        if pattern[:2] != ("services", "*"):
            continue
        mine: Any = child
        theirs: Any = base
        for step in pattern[2:-1]:
            mine = mine.get(step) if isinstance(mine, YMap) else None
            theirs = theirs.get(step) if isinstance(theirs, YMap) else None
        last = pattern[-1]
        if not (isinstance(mine, YMap) and isinstance(theirs, YMap) and last in theirs):
            continue
        if isinstance(mine.get(last), YMap):
            mine[last] = sequence_values(mine[last])
        elif isinstance(mine.get(last), YList) and isinstance(theirs[last], YMap):
            where = ("services", name, *pattern[2:])
            refuse_entries(mine[last], where, len(theirs[last]))

"""Merge a file into the canonical model merged so far by the Compose rules, keeping positions.

Rules are a table keyed by path pattern (``*`` matches any one key): adding an
exception to the generic rule (mappings merge, sequences append, scalars replace) is
one row. Keyed sequences are de-duplicated the way Compose does it: a later entry with
the same key replaces the earlier one at the earlier position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from composecheck.errors import InputError, Problems
from composecheck.load.canonical import canonical_attribute
from composecheck.load.entries import (
    TO_SEQUENCE,
    as_entries,
    go_string_value,
    mapping_entries,
    refuse_entries,
    sequence_values,
)
from composecheck.load.keyvalue import ShapeError, kv_mapping
from composecheck.load.longform import extra_hosts
from composecheck.load.markers import strip_markers
from composecheck.load.repeats import first_repeat
from composecheck.load.tree import Override, Path, Reset, YList, YMap, dotted
from composecheck.load.unicity import KEYED, dedupe
from composecheck.load.unicity import path_pattern as _pattern
from composecheck.location import Loc


@dataclass(frozen=True)
class Removal:
    """What a ``!reset`` or ``!override`` took away from the files before it.

    Only recorded when there was something to take: a reset of a key the earlier files
    never set removes nothing, and a check must not blame it for a missing setting.
    """

    path: Path
    loc: Loc | None
    #: The value the earlier files had set there (a positioned tree or a scalar).
    removed: Any
    kind: str = "reset"  # or "override": replaced rather than merged


# Labels Compose merges as written and never de-duplicates (``settled`` in
# canonical.py makes them a mapping once every file is merged).
_RESOURCE_LABELS = frozenset(
    {("volumes", "*", "labels"), ("secrets", "*", "labels"), ("configs", "*", "labels")}
)


def _first_of_each(items: YList) -> YList:
    out = YList(items.loc)
    seen: set[Any] = set()
    for index, item in enumerate(items):
        key = (type(item), item) if isinstance(item, str | int | float | bool) else id(item)
        if key not in seen:
            seen.add(key)
            out.push(item, items.vloc(index))
    return out


# Lists Compose merges with ``mergeToSequence`` that stay lists in the canonical model.
_STRING_SEQUENCES = frozenset(
    ("services", "*", key)
    for key in ("dns", "dns_opt", "dns_search", "tmpfs", "env_file", "label_file")
)

# Mappings Compose merges after reading a list as a mapping (``convertIntoMapping``).
_AS_MAPPING = frozenset({("services", "*", "depends_on"), ("services", "*", "networks")})

# Paths whose value replaces instead of merging.
REPLACED: frozenset[tuple[str, ...]] = frozenset(
    {
        ("services", "*", "command"),
        ("services", "*", "entrypoint"),
        ("services", "*", "healthcheck", "test"),
        ("services", "*", "ulimits", "*"),
    }
)

# Sequences where the right side drops items textually equal to one on the left.
TEXT_DEDUP: frozenset[tuple[str, ...]] = frozenset(
    {("services", "*", "extra_hosts"), ("services", "*", "build", "extra_hosts")}
)


# Sequences that append without de-duplicating, where the schema has ``uniqueItems``:
# Compose checks the structure of the merged model, so an item the override repeats is
# refused. (``group_add`` items are compared as written: 100 and "100" are two items.)
UNIQUE_APPENDED: frozenset[tuple[str, ...]] = frozenset(
    {
        ("services", "*", "group_add"),
        ("services", "*", "security_opt"),
        ("services", "*", "external_links"),
        ("services", "*", "volumes_from"),
        ("services", "*", "device_cgroup_rules"),
    }
)


def reshaped(path: Path, value: Any, loc: Loc | None) -> Any:
    """A raw value in the long syntax of whatever sits at ``path`` in a canonical model.

    The merge meets a raw file's value (``environment: [A=1]``) where the model merged so
    far holds its canonical form (a mapping); Compose merges the two as the same thing.
    """
    if len(path) == 3 and path[0] == "services":
        return canonical_attribute(str(path[1]), str(path[2]), value, loc)
    try:
        if len(path) == 4 and path[0] == "services" and path[2:] == ("deploy", "labels"):
            return kv_mapping(value, loc)
        if len(path) == 4 and path[0] == "services" and path[2] == "build":
            return _build_attribute(str(path[3]), value, loc)
        if len(path) == 3 and path[2] == "labels":
            return kv_mapping(value, loc)
    except ShapeError as exc:
        dotted = ".".join(str(part) for part in path)
        text = exc.template.replace("{path}", dotted).replace("{service}", str(path[1]))
        raise InputError(text, exc.loc) from None
    return value


def _build_attribute(key: str, value: Any, loc: Loc | None) -> Any:
    if key == "args":
        spaced = "services[{service}].build.args"
        return kv_mapping(value, loc, bare=None, spaced=spaced, bare_spaced=False)
    if key == "labels":
        return kv_mapping(value, loc, bare=None)
    if key == "additional_contexts":
        return kv_mapping(value, loc)
    if key == "extra_hosts":
        return extra_hosts(value)
    return value


class Merger:
    """Merges an override tree into a base tree; records what ``!reset`` removed."""

    def __init__(self, problems: Problems | None = None) -> None:
        self.removals: list[Removal] = []
        #: Validating, an attribute that cannot merge is reported and left as the files
        #: before set it, and the rest of the document still merges.
        self.problems = problems
        #: Refusals Compose makes when it checks the merged model, not while merging.
        self._deferred: list[InputError] | None = None

    def merge_document(self, model: YMap, doc: YMap) -> Any:
        """A document into the model so far. A repeated item (refused by Compose's check
        of the merged model) is reported after what the merge itself refuses, and the
        list it would have repeated in is left as it was."""
        self._deferred = []
        try:
            merged = self.merge(model, doc)
        finally:
            deferred, self._deferred = self._deferred, None
        for error in deferred:
            if self.problems is None:
                raise error
            self.problems.report(error)
        return merged

    def reset_paths(self, model: YMap, paths: list[tuple[Path, Reset]]) -> None:
        """Apply ``!reset`` markers a document wrote that resolving its ``extends``
        consumed: Compose records them as the file is parsed and removes their paths
        from the model so far once the document's extends are resolved."""
        for path, marker in paths:
            holder: Any = model
            for key in path[:-1]:
                holder = holder.get(str(key)) if isinstance(holder, YMap) else None
            last = str(path[-1])
            if isinstance(holder, YMap) and last in holder:
                self.removals.append(Removal(path, marker.loc, holder[last]))
                holder.drop(last)

    def merge(self, base: Any, override: Any, path: Path = (), where: Loc | None = None) -> Any:
        """``override`` merged into ``base`` at ``path``; ``where``: where it was written."""
        if isinstance(override, Override):
            if base is not None:
                self.removals.append(Removal(path, override.loc, base, "override"))
            return strip_markers(override.value)
        if isinstance(override, Reset):
            if base is not None:
                self.removals.append(Removal(path, override.loc, base))
            return None
        if _pattern(path) in _RESOURCE_LABELS and isinstance(base, YMap | YList):
            return self._resource_labels(base, override, path, where)
        if isinstance(base, YMap) and _pattern(path) in TO_SEQUENCE:
            # Compose turns the earlier value into entries whatever the override is.
            base = as_entries(base)
        if override is None and base is not None and _pattern(path[:-1]) not in TO_SEQUENCE:
            return base  # Compose: a null override keeps what was there (`!reset` removes)
        if isinstance(base, (YMap, YList)) and not isinstance(override, type(base)):
            pattern = _pattern(path)
            if isinstance(base, YList) and pattern in _STRING_SEQUENCES:
                if isinstance(override, YMap):
                    override = mapping_entries(override)
                elif not go_string_value(override):
                    return base  # convertIntoSequence: no entry for anything else
            if isinstance(base, YList) and pattern in TEXT_DEDUP and not isinstance(override, YMap):
                if not go_string_value(override):
                    return base  # (as above; a mapping is read as host: address)
                single = YList(where)
                single.push(override, where)
                override = single
            if isinstance(base, YMap) and (
                (pattern == ("services", "*", "build") and not go_string_value(override))
                or (pattern in _AS_MAPPING and not isinstance(override, YList))
            ):
                # Compose's mergeBuild, mergeDependsOn and mergeNetworks ignore an
                # override they cannot read as a mapping (`depends_on: db`).
                return base
            if isinstance(base, YMap) and pattern in _AS_MAPPING:
                # convertIntoMapping: a name the list repeats is one key.
                override = _first_of_each(override)
            # The model so far is canonical, the file merged into it raw: one value in
            # two syntaxes (a list of `K=V`, a mapping) is one value.
            if pattern in TO_SEQUENCE and isinstance(base, YMap):
                if go_string_value(override):
                    # convertIntoSequence: a string is one entry
                    single = YList(where)
                    single.push(override, where)
                    override = single
                elif not isinstance(override, YList):
                    return base  # and anything else no entry at all
                refuse_entries(override, path, len(base))
            override = reshaped(path, override, where)
        if isinstance(base, YMap):
            if not isinstance(override, YMap):
                raise InputError(f"cannot override {dotted(path)}", _written(where, override, base))
            if _pattern(path) in TO_SEQUENCE:
                override = sequence_values(override)
            return self.merge_mappings(base, override, path)
        if isinstance(base, YList):
            if not isinstance(override, YList):
                raise InputError(f"cannot override {dotted(path)}", _written(where, override, base))
            return self.merge_sequences(base, override, path)
        return strip_markers(override)

    def merge_mappings(self, base: YMap, override: YMap, path: Path) -> YMap:
        pattern = _pattern(path)
        if pattern == ("services", "*", "logging"):
            base_driver, new_driver = base.get("driver"), override.get("driver")
            if base_driver and new_driver and base_driver != new_driver:
                return strip_markers(override)  # type: ignore[no-any-return]
        for key, value in override.items():
            sub = (*path, key)
            if isinstance(value, Reset):
                if key in base:
                    self.removals.append(Removal(sub, value.loc, base[key]))
                    base.drop(key)
                continue
            if key in base and not isinstance(value, Override) and _pattern(sub) not in REPLACED:
                where = override.vlocs.get(key)
                try:
                    base[key] = self.merge(base[key], value, sub, where)
                except InputError as exc:
                    if self.problems is None:
                        raise
                    self.problems.report(exc)
                    continue
                if where is not None:
                    base.vlocs[key] = where
            else:
                # An `!override` records what it replaced; anything else is new here.
                before = base.get(key) if isinstance(value, Override) else None
                base.put(
                    key,
                    self.merge(before, value, sub),
                    override.vlocs.get(key),
                    override.klocs.get(key),
                )
        return base

    def merge_sequences(self, base: YList, override: YList, path: Path) -> YList:
        pattern = _pattern(path)
        if pattern in TEXT_DEDUP:
            # (a list compares equal items; a wrong-typed one is the check's to refuse)
            present = list(base)
            for index, item in enumerate(override):
                if item not in present:
                    base.push(item, override.vloc(index))
            return base
        if pattern == ("networks", "*", "ipam", "config"):
            return self._ipam_config(base, override)
        if pattern in UNIQUE_APPENDED:
            # Checked before the base changes: a refused merge leaves it as it was.
            combined = YList(base.loc)
            for side in (base, override):
                for index, item in enumerate(side):
                    combined.push(item, side.vloc(index))
            try:
                _refuse_repeats(combined, path, override.loc)
            except InputError as exc:
                if self._deferred is None:
                    raise
                self._deferred.append(exc)
                return base
        for index, item in enumerate(override):
            base.push(strip_markers(item), override.vloc(index))
        key = KEYED.get(pattern)
        return dedupe(base, key) if key is not None else base

    def _resource_labels(
        self, base: YMap | YList, override: Any, path: Path, where: Loc | None
    ) -> YMap | YList:
        """A volume's labels merge as ``K=V`` sequences appended (``mergeToSequence``
        without the unicity step networks have); a secret's or config's by the default
        rules: two mappings merge, two lists append, and the two shapes cannot merge."""
        if override is None:
            return base
        if path[0] != "volumes":
            if isinstance(base, YMap) and isinstance(override, YMap):
                return self.merge_mappings(base, override, path)
            if not (isinstance(base, YList) and isinstance(override, YList)):
                raise InputError(f"cannot override {dotted(path)}", _written(where, override, base))
        elif go_string_value(override):
            single = YList(where)  # convertIntoSequence: a string is one entry
            single.push(override, where)
            override = single
        elif not isinstance(override, YMap | YList):
            return base  # and anything else none
        elif isinstance(override, YMap):
            base = self._label_markers(base, override, path)
        merged = YList(base.loc)
        for side in (base, override):
            entries = mapping_entries(side) if isinstance(side, YMap) else side
            for index, item in enumerate(entries):
                merged.push(strip_markers(item), entries.vloc(index))
        if path[0] == "volumes":
            refuse_entries(merged, path, 0)
        return merged

    def _label_markers(self, base: YMap | YList, override: YMap, path: Path) -> YMap | YList:
        """``!reset``/``!override`` on one label of a volume: the label goes from what the
        files before wrote as a mapping (a list has no such key: Compose removes nothing
        there); an ``!override`` value is then the entry."""
        for key in [k for k, v in override.items() if isinstance(v, Reset | Override)]:
            marker = override[key]
            kind = "reset" if isinstance(marker, Reset) else "override"
            if isinstance(base, YMap) and key in base:
                self.removals.append(Removal((*path, key), marker.loc, base[key], kind))
                base.drop(key)
            if isinstance(marker, Reset):
                override.drop(key)
            else:
                override[key] = strip_markers(marker.value)
        return base

    def _ipam_config(self, base: YList, override: YList) -> YList:
        """Compose's pairwise walk, quirks included: every base entry meets every override
        entry; an override whose subnet is new is taken as is, otherwise the base entry
        (mutated in place, so it may end up in several slots) replaces the slot of that
        subnet. Base entries the override does not name go."""
        out = YList(override.loc)
        for right in base:
            for index, left in enumerate(override):
                if not (isinstance(right, YMap) and isinstance(left, YMap)):
                    continue  # the structural check refuses it
                subnet = left.get("subnet")
                if subnet != right.get("subnet") and all(
                    entry.get("subnet") != subnet for entry in out
                ):
                    out.push(strip_markers(left), override.vloc(index))
                    continue
                merged = self.merge_mappings(right, left, ())
                slots = [
                    i for i, entry in enumerate(out) if entry.get("subnet") == merged.get("subnet")
                ]
                if slots:
                    out[slots[0]] = merged
                else:
                    out.push(merged, override.vloc(index))
        return out


def _refuse_repeats(seq: YList, path: Path, where: Loc | None) -> None:
    found = first_repeat(seq)
    if found is not None:
        earlier, later = found
        file = f"{where.file}: " if where is not None else ""
        raise InputError(
            f"validating {file}{dotted(path)} items at {earlier:,} and {later:,} are equal",
            seq.vloc(later),
        )


def _written(where: Loc | None, override: Any, base: Any) -> Loc | None:
    """Where a merge that cannot be made is reported: the override's place, else the
    value's own (a merge inside ``extends`` has no key position), else the base's."""
    return where or getattr(override, "loc", None) or getattr(base, "loc", None)

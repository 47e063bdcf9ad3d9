"""Merge a file into the canonical model merged so far by the Compose rules, keeping positions.

Rules are a table keyed by path pattern (``*`` matches any one key): adding an
exception to the generic rule (mappings merge, sequences append, scalars replace) is
one row. Keyed sequences are de-duplicated the way Compose does it: a later entry with
the same key replaces the earlier one at the earlier position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from composecheck.errors import InputError
from composecheck.gocompat.gotypes import go_type
from composecheck.load.canonical import canonical_attribute
from composecheck.load.keyvalue import Extensions, ShapeError, entry_name, kv_mapping
from composecheck.load.longform import extra_hosts
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


# Mappings Compose merges as `K=V` sequences (``mergeToSequence``): a value the override
# writes as a list is one entry per item (the last wins; none for an empty list), and a
# mapping value is printed as Go prints it.
TO_SEQUENCE: frozenset[tuple[str, ...]] = frozenset(
    {
        ("services", "*", "environment"),
        ("services", "*", "labels"),
        ("services", "*", "annotations"),
        ("services", "*", "sysctls"),
        ("services", "*", "build", "args"),
        ("services", "*", "build", "labels"),
        ("services", "*", "build", "additional_contexts"),
        ("services", "*", "deploy", "labels"),
        ("networks", "*", "labels"),
        ("volumes", "*", "labels"),
    }
)


def refuse_entries(items: YList, path: Path, before: int) -> None:
    """Compose appends the override's ``K=V`` items to the entries before it and then
    refuses an item that is not a string, by its place in that sequence."""
    from composecheck.load.untyped.unicity import unicity_errors

    for _, index, error in unicity_errors(items, tuple(str(p) for p in path)):
        where = f"{dotted(path)}.[{before + index}]"
        raise InputError(
            f"{where}: {error.message.split(': ', 1)[1]}", items.vloc(index) or items.loc
        )


def sequence_values(value: YMap) -> YMap:
    """An override's mapping as Compose's ``convertIntoSequence`` turns it into entries."""
    from composecheck.gocompat.fmt import go_string

    out = YMap(value.loc)
    for key, item in value.items():
        if isinstance(item, Override):
            item = item.value  # an entry has nothing to override: its value is what counts
        if isinstance(item, YList):
            if not item:
                continue
            # One entry per item; Compose sorts the entries, so the greatest wins.
            item = max(go_string(element) for element in item)
        elif isinstance(item, YMap):
            item = go_string(item)
        out.put(entry_name(key), item, value.vlocs.get(key), value.klocs.get(key))
    return out


def _mapping_entries(value: YMap) -> YList:
    """A mapping written where Compose merges a list of strings, as the entries it makes
    of it (``convertIntoSequence``): ``K=V`` (``K`` alone for a null), one per item of a
    list value, sorted."""
    from composecheck.gocompat.fmt import go_string

    entries: list[tuple[str, Loc | None]] = []
    for key, item in value.items():
        where = value.vlocs.get(key)
        if item is None:
            entries.append((key, where))
        elif isinstance(item, YList):
            entries.extend((f"{key}={go_string(element)}", where) for element in item)
        else:
            entries.append((f"{key}={go_string(item)}", where))
    out = YList(value.loc)
    for text, where in sorted(entries, key=lambda entry: entry[0].encode()):
        out.push(text, where)
    return out


def _go_string(value: Any) -> bool:
    """A string for Compose's merge (a YAML timestamp is a time.Time there)."""
    return isinstance(value, str) and go_type(value) == "string"


def _first_of_each(items: YList) -> YList:
    out = YList(items.loc)
    seen: set[Any] = set()
    for index, item in enumerate(items):
        key = (type(item), item) if isinstance(item, str | int | float | bool) else id(item)
        if key not in seen:
            seen.add(key)
            out.push(item, items.vloc(index))
    return out


def as_entries(mapping: YMap) -> YMap:
    """A canonical mapping as the ``K=V`` entries Compose turns it into when it merges
    (``convertIntoSequence``): the x-* keys it had set aside are entries again."""
    extensions = mapping.get("#extensions")
    if not isinstance(extensions, Extensions):
        return mapping
    mapping.drop("#extensions")
    for key, item in sequence_values(extensions.extras).items():
        if key not in mapping:
            mapping.put(
                key, item, extensions.extras.vlocs.get(key), extensions.extras.klocs.get(key)
            )
    return mapping


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
# refused. (Compose compares ``group_add`` items before they become strings, so 100 and
# "100" in two files pass there and are refused here: left as is, being rare.)
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

    def __init__(self) -> None:
        self.removals: list[Removal] = []

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
        if isinstance(base, YMap) and _pattern(path) in TO_SEQUENCE:
            # Compose turns the earlier value into entries whatever the override is.
            base = as_entries(base)
        if override is None and base is not None and _pattern(path[:-1]) not in TO_SEQUENCE:
            return base  # Compose: a null override keeps what was there (`!reset` removes)
        if isinstance(base, (YMap, YList)) and not isinstance(override, type(base)):
            pattern = _pattern(path)
            if isinstance(base, YList) and pattern in _STRING_SEQUENCES:
                if isinstance(override, YMap):
                    override = _mapping_entries(override)
                elif not _go_string(override):
                    return base  # convertIntoSequence: no entry for anything else
            if isinstance(base, YList) and pattern in TEXT_DEDUP and not isinstance(override, YMap):
                if not _go_string(override):
                    return base  # (as above; a mapping is read as host: address)
                single = YList(where)
                single.push(override, where)
                override = single
            if isinstance(base, YMap) and (
                (pattern == ("services", "*", "build") and not _go_string(override))
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
                if _go_string(override):
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
                base[key] = self.merge(base[key], value, sub, where)
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
        for index, item in enumerate(override):
            base.push(strip_markers(item), override.vloc(index))
        if pattern in UNIQUE_APPENDED:
            _refuse_repeats(base, path, override.loc)
        key = KEYED.get(pattern)
        return dedupe(base, key) if key is not None else base

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


def strip_markers(value: Any) -> Any:
    """The value with ``!reset`` keys removed and ``!override`` unwrapped (no base to act on)."""
    if isinstance(value, Override):
        return strip_markers(value.value)
    if isinstance(value, YMap):
        for key in [k for k, v in value.items() if isinstance(v, (Reset, Override))]:
            item = value[key]
            if isinstance(item, Reset):
                value.drop(key)
            else:
                value[key] = strip_markers(item)
        for item in value.values():
            if isinstance(item, (YMap, YList)):
                strip_markers(item)
        return value
    if isinstance(value, YList):
        for index, item in enumerate(value):
            if isinstance(item, (YMap, YList, Override)):
                value[index] = strip_markers(item)
        return value
    return value


def _written(where: Loc | None, override: Any, base: Any) -> Loc | None:
    """Where a merge that cannot be made is reported: the override's place, else the
    value's own (a merge inside ``extends`` has no key position), else the base's."""
    return where or getattr(override, "loc", None) or getattr(base, "loc", None)

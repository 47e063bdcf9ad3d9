"""``K=V`` lists and mappings of strings (environment, labels, build args...) as the
mappings Compose holds, with its refusals: an item of the wrong type, a key that ends
in a space, and the x-* keys it sets aside as ``#extensions``.
"""

from __future__ import annotations

from typing import Any

from composecheck.load.tree import Override, Reset, YList, YMap
from composecheck.location import Loc


class EntryName(str):
    """A key Compose read from a ``K=V`` entry: an x-* one is an ordinary variable there,
    and later passes over the mapping must not set it aside as an extension; an empty
    one was allowed where the entries were checked."""

    __slots__ = ()


class Extensions(str):
    """The ``#extensions`` entry as Compose prints it, with the x-* keys it was made of:
    a merge that turns the mapping into ``K=V`` entries gives them back as entries."""

    extras: YMap

    def __new__(cls, text: str, extras: YMap) -> Extensions:
        made = super().__new__(cls, text)
        made.extras = extras
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Extensions, (str(self), self.extras))


def entry_name(key: str) -> str:
    """``key`` as read from a ``K=V`` entry (see :class:`EntryName`): marked where it
    matters, an x-* key (not an extension) or an empty one (which Compose's check of
    the entries allows, and its check of a mapping refuses)."""
    return EntryName(key) if key.startswith("x-") or not key else key


class ShapeError(Exception):
    """A value of the wrong shape met while converting; ``template`` has a ``{path}``
    slot for the attribute's path, which only the caller knows."""

    def __init__(self, template: str, loc: Loc | None) -> None:
        super().__init__(template)
        self.template = template
        self.loc = loc


_GO_TYPES = {YMap: "map[string]interface {}", YList: "[]interface {}"}


def _units() -> Any:
    from composecheck import syntax as units

    return units


#: Bytes Go's ``unicode.IsSpace`` accepts when Compose reads the last byte of a key as
#: a rune (so a key ending in "à", bytes C3 A0, counts as ending in a space).
_GO_SPACE_BYTES = frozenset(b"\t\n\v\f\r \x85\xa0")


def kv_mapping(
    value: Any,
    loc: Loc | None,
    *,
    bare: Any = "",
    spaced: str = "",
    extensions: bool = True,
    bare_spaced: bool = True,
) -> Any:
    """``[K=V, K]`` or ``{K: V}`` as a mapping of strings (``bare`` for a lone ``K``).

    ``spaced`` names the field (``services[{service}].environment``) when Compose's
    decoding refuses a list item whose key ends in a space, as it does for the
    environment and build args (``MappingWithEquals``). With ``extensions``, the x-*
    keys of a mapping become Compose's ``"#extensions": "map[x-a:1]"`` entry. Without
    ``bare_spaced``, a lone ``K`` is not refused: Compose resolves lone build args from
    the environment, and drops the unset ones, before it decodes them."""
    if isinstance(value, YMap):
        out = YMap(value.loc)
        go_string = _units().go_string
        extras = YMap(value.loc)
        for key, item in value.items():
            if isinstance(item, (Reset, Override)):
                out.put(key, item, value.vlocs.get(key), value.klocs.get(key))
                continue
            if extensions and key.startswith("x-") and not isinstance(key, EntryName):
                extras.put(key, item, value.vlocs.get(key), value.klocs.get(key))
                continue
            text = bare if item is None else go_string(item)
            out.put(key, text, value.vlocs.get(key), value.klocs.get(key))
        earlier = out.get("#extensions")
        if extras and isinstance(earlier, Extensions):
            # An override's x-* keys join those the model set aside before the merge.
            joined = YMap(earlier.extras.loc)
            for source in (earlier.extras, extras):
                for key in source:
                    joined.copy_from(source, key)
            extras = joined
        if extras:
            # Compose moves the x-* keys of a mapping aside, as "#extensions", before
            # decoding; a mapping of strings then holds them as one printed map.
            first = next(iter(extras))
            out.put(
                "#extensions",
                Extensions(go_string(dict(extras)), extras),
                value.vlocs.get(first),
                value.klocs.get(first),
            )
        return out
    if isinstance(value, YList):
        out = YMap(value.loc)
        go_string = _units().go_string
        for index, item in enumerate(value):
            where = value.vloc(index)
            if isinstance(item, Reset):
                continue  # a `!reset` item: Compose drops it
            if isinstance(item, (YMap, YList)):
                raise ShapeError(
                    "{path}.[" + str(index) + "]: unexpected type " + _GO_TYPES[type(item)],
                    where,
                )
            text = item if isinstance(item, str) else go_string(item)
            key, sep, rest = text.partition("=")
            if spaced and (sep or bare_spaced) and key and key.encode()[-1] in _GO_SPACE_BYTES:
                raise ShapeError(
                    "decoding failed due to the following error(s):\n\n"
                    f"'{spaced}' environment variable {key} is declared with a trailing space",
                    where,
                )
            if key in out:
                out.drop(key)
            out.put(entry_name(key), rest if sep else bare, where)
        return out
    return value


__all__ = ["EntryName", "Extensions", "ShapeError", "entry_name", "kv_mapping"]

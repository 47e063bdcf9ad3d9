"""Short volume syntax (``./src:/app:ro``) as Compose turns it into the long syntax."""

from __future__ import annotations

from composecheck.gocompat.paths import clean_path

__all__ = ["parse_volume"]


_BIND_PROPAGATIONS = frozenset(("rprivate", "private", "rshared", "shared", "rslave", "slave"))


def _utf8_len_at_most_2(text: str) -> bool:
    return len(text) <= 2 and len(text.encode()) <= 2


def _is_file_path(source: str) -> bool:
    if not source:
        return False
    if source[0] in "./~" or source.startswith("\\\\"):
        return True
    # a drive letter: any Unicode letter followed by ':'
    return len(source) > 1 and source[1] == ":" and source[0].isalpha()


def _split(spec: str) -> tuple[list[str], str, int]:
    """The colon-separated fields of a spec, the text after the last one, and how many
    ``${`` are left open. A colon right after a one-letter field is a Windows drive's and
    stays in the field; colons inside ``${...}`` separate nothing."""
    fields: list[str] = []
    if "${" not in spec:
        # No variable: split() in C, not a loop over every character (a hostile
        # megabyte of a spec is parsed once per environment).
        pieces = spec.split(":")
        current = pieces[0]
        for piece in pieces[1:]:
            if len(current) == 1 and current.isalpha():
                current = current + ":" + piece
            else:
                fields.append(current)
                current = piece
        return fields, current, 0
    buf: list[str] = []
    depth = 0
    last = len(spec) - 1
    for i, ch in enumerate(spec):
        if ch == "$" and i < last and spec[i + 1] == "{":
            depth += 1
            buf.append(ch)
            continue
        if ch == "}" and depth:
            depth -= 1
            buf.append(ch)
            continue
        if ch != ":" or depth or (len(buf) == 1 and buf[0].isalpha()):
            buf.append(ch)
            continue
        fields.append("".join(buf))
        buf = []
    return fields, "".join(buf), depth


def parse_volume(spec: str) -> dict[str, object]:
    """Short volume syntax -> the dict ``config --no-path-resolution`` prints.

    Key order: type, source, target, read_only, bind (selinux, propagation,
    create_host_path), volume (nocopy).  Specs of one or two bytes are anonymous
    volumes without the ``volume: {}`` member; a single letter followed by ``:`` is a
    Windows drive in any field (``a:b:c:d`` binds ``a:b`` to ``c:d``); colons inside
    ``${...}`` do not separate fields; unknown options are ignored.
    """
    if not spec:
        raise ValueError("invalid empty volume spec")
    if _utf8_len_at_most_2(spec):
        return {"type": "volume", "target": clean_path(spec)}
    source = ""
    target = ""
    read_only = False
    selinux = propagation = ""
    has_bind = False
    nocopy: bool | None = None
    fields, rest, depth = _split(spec)
    for field in fields:
        if not field:
            raise ValueError(f"invalid spec: {spec}: empty section between colons")
        if not source:
            source = field
        elif not target:
            target = field
        else:
            raise ValueError(f"invalid spec: {spec}: too many colons")
    buf = rest
    # An unterminated "${" swallows the end of the spec: the last field is dropped.
    if depth == 0:
        if not buf:
            raise ValueError(f"invalid spec: {spec}: empty section between colons")
        if not source or not target:
            target = buf
        else:
            for option in buf.split(","):
                if option == "ro":
                    read_only = True
                elif option == "rw":
                    read_only = False
                elif option == "nocopy":
                    nocopy = True
                elif option == "z" or option == "Z":
                    has_bind = True
                    selinux = option
                elif option in _BIND_PROPAGATIONS:
                    has_bind = True
                    propagation = option
    is_bind = _is_file_path(source)
    result: dict[str, object] = {"type": "bind" if is_bind else "volume"}
    if source:
        result["source"] = source
    if target:
        result["target"] = clean_path(target)
    if read_only:
        result["read_only"] = True
    if has_bind or is_bind:
        bind: dict[str, object] = {}
        if selinux:
            bind["selinux"] = selinux
        if propagation:
            bind["propagation"] = propagation
        if is_bind:
            bind["create_host_path"] = True
        result["bind"] = bind
    if nocopy:
        result["volume"] = {"nocopy": True}
    elif not is_bind:
        result["volume"] = {}
    return result

"""Go's ``%q`` (``strconv.Quote``), the quoting of Compose's messages."""

from __future__ import annotations

__all__ = ["go_quote"]

_GO_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


def go_quote(text: str, mark: str = '"') -> str:
    """``text`` as Go's ``strconv.Quote`` writes it, between ``mark`` characters.

    ``mark="'"`` gives the variant the schema validator's messages use: the same
    escapes, with the single quote escaped and the double quote left bare. Python's
    ``str.isprintable`` and Go's ``unicode.IsPrint`` agree: both refuse the
    separators other than the ASCII space and the "other" categories.
    """
    out = [mark]
    for ch in text:
        if ch == mark or ch == "\\":
            out.append("\\" + ch)
        elif ch in _GO_ESCAPES:
            out.append(_GO_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append(mark)
    return "".join(out)

"""String ``command`` / ``entrypoint`` split into words (mattn/go-shellwords with default
settings, as Compose does)."""

from __future__ import annotations

import re

__all__ = ["shell_split"]

_DIGITS = frozenset("0123456789")

_SHELL_SPECIAL = re.compile(r"[\\'\"`;&|<>()]")
_SHELL_BLANKS = re.compile(r"[ \t\r\n]+")
_SHELL_SPACE = frozenset(" \t\r\n")
_SHELL_ERROR = "invalid command line string"


def shell_split(text: str) -> list[str]:
    """Split a string ``command``/``entrypoint`` exactly like compose (go-shellwords).

    Not a POSIX shell: parsing stops silently at an unquoted ``;``, ``&``, ``|``,
    ``<`` or ``>`` (dropping a word that starts with a digit right before ``>``),
    ``$(...)`` and backticks are kept verbatim, and a backslash escapes the next
    character even inside double quotes.
    """
    if _SHELL_SPECIAL.search(text) is None:
        return [w for w in _SHELL_BLANKS.split(text) if w]
    args: list[str] = []
    buf: list[str] = []
    has_word = False  # go-shellwords' "got != argNo"
    escaped = double = single = back = dollar = False
    for ch in text:
        if escaped:
            buf.append(ch)
            escaped = False
            has_word = True
            continue
        if ch == "\\":
            if single:
                buf.append(ch)
            else:
                escaped = True
            continue
        if ch in _SHELL_SPACE:
            if single or double or back or dollar:
                buf.append(ch)
            elif has_word:
                args.append("".join(buf))
                buf.clear()
                has_word = False
            continue
        if ch == "`":
            if not (single or double or dollar):
                back = not back
        elif ch == ")":
            if not (single or double or back):
                dollar = not dollar
        elif ch == "(":
            if not (single or double or back):
                if not dollar and buf and buf[-1] == "$":
                    dollar = True
                    buf.append(ch)
                    continue
                raise ValueError(_SHELL_ERROR)
        elif ch == '"':
            if not (single or dollar):
                if double:
                    has_word = True
                double = not double
                continue
        elif ch == "'":
            if not (double or dollar):
                if single:
                    has_word = True
                single = not single
                continue
        elif ch in ";&|<>" and not (single or double or back or dollar):
            if ch == ">" and buf and buf[0] in _DIGITS:
                has_word = False
            break
        has_word = True
        buf.append(ch)
    if has_word:
        args.append("".join(buf))
    if escaped or single or double or back or dollar:
        raise ValueError(_SHELL_ERROR)
    return args

"""Variable interpolation (``$VAR``, ``${VAR:-default}``, ...) as Docker Compose does it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from composecheck.gocompat.quote import go_quote
from composecheck.load.limits import MAX_INTERPOLATED_CHARS, MAX_INTERPOLATION_DEPTH

__all__ = [
    "InterpolationLimitError",
    "InterpolationSyntaxError",
    "Lookup",
    "MissingVariableError",
    "Ref",
    "go_quote",
    "interpolate",
    "unset_warning",
]

Lookup = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Ref:
    """One variable reference met while interpolating."""

    name: str
    value: str | None
    warn: bool
    #: For ``${NAME:-text}`` / ``${NAME-text}``: ``text`` as written, before its own
    #: substitution, and whether it became the value. Provenance (what a check may
    #: report about a written default), not part of what the lookup was.
    default: str | None = field(default=None, compare=False)
    used: bool = field(default=False, compare=False)


class InterpolationSyntaxError(ValueError):
    """Invalid ``${...}`` syntax.

    ``template`` is the text Compose shows as the third line of its error. It is
    the whole string for a top-level error, but only the nested part (a default
    value, or the text after a ``${V-x}`` token up to the last ``}`` of the line)
    when the error sits there, because Compose re-enters its substitution on
    those parts and reports the part it was given.
    """

    def __init__(self, template: str) -> None:
        super().__init__(f"Invalid template: {go_quote(template)}")
        self.template = template

    def format(self, path: str) -> str:
        """Compose's message for a value at ``path`` (e.g. ``services.app.image``)."""
        return (
            f"invalid interpolation format for {path}.\n"
            f"You may need to escape any $ with another $.\n{self.template}"
        )


class InterpolationDepthError(InterpolationSyntaxError):
    """Defaults nested deeper than :data:`MAX_NESTING` (``${A:-${B:-${C:-…}}}``).

    Compose itself has no limit; ours keeps the substitution's recursion far from
    Python's, and no real file nests defaults more than a few levels.
    """

    def __init__(self, template: str) -> None:
        super().__init__(template)
        self.args = (f"variable defaults nest deeper than {MAX_NESTING} levels",)

    def format(self, path: str) -> str:
        return f"invalid interpolation format for {path}: {self.args[0]}"


#: How deep ``${NAME:-${OTHER:-…}}`` may nest (see :mod:`.limits`).
MAX_NESTING = MAX_INTERPOLATION_DEPTH


class MissingVariableError(ValueError):
    """``${NAME:?message}`` / ``${NAME?message}`` on a variable without an acceptable value."""

    def __init__(self, name: str, message: str) -> None:
        text = f"required variable {name} is missing a value"
        super().__init__(f"{text}: {message}" if message else text)
        self.name = name
        self.message = message


class InterpolationLimitError(ValueError):
    """Variables add too much text to a value (see :mod:`.limits`): refused where
    Compose would build gigabytes."""


def unset_warning(name: str) -> str:
    return f"The {go_quote(name)} variable is not set. Defaulting to a blank string."


# Go's (?i)[_a-z] also matches the Kelvin sign and the long s: they case-fold to k and s.
_NAME = re.compile("[_a-zA-Z\u017f\u212a][_a-zA-Z0-9\u017f\u212a]*")
_NAME_START = frozenset("_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u017f\u212a")

# op text -> (kind, colon). Kinds: "?" required, "-" default, "+" alternate.
_OPS = {":?": ("?", True), ":-": ("-", True), ":+": ("+", True)}


def interpolate(template: str, lookup: Lookup) -> tuple[str, list[Ref]]:
    """Substitute variables in ``template``; return the result and every lookup made.

    Raises InterpolationSyntaxError or MissingVariableError on the first error in
    reading order.
    """
    if "$" not in template:
        return template, []
    if template.count("${") > MAX_NESTING:
        _refuse_deep(template)
    refs: list[Ref] = []
    return _substitute(template, lookup, refs), refs


_NESTING = re.compile(r"\$\$|\$\{|\}")


def _refuse_deep(template: str) -> None:
    """Refuse at once a value whose ``${`` nest deeper than the limit, before each level
    re-reads the rest of the value (as Compose does: quadratic time). Braces counted
    plainly; the exact count, as Compose reads them, is made while substituting."""
    depth = 0
    for m in _NESTING.finditer(template):
        token = m.group()
        if token == "${":
            depth += 1
            if depth > MAX_NESTING:
                raise InterpolationDepthError(template)
        elif token == "}" and depth:
            depth -= 1


def _substitute(s: str, lookup: Lookup, refs: list[Ref], depth: int = 0) -> str:
    out: list[str] = []
    # What substituted variables added to the text: the rest is at most ``s`` itself.
    grown = 0
    n = len(s)
    pos = 0
    # Compose re-enters substitution on the text after an operator token (see
    # InterpolationSyntaxError); a syntax error there reports that text.  Such
    # nested parts all end at the same place (the last "}" of the line), so a
    # single (start, end) window is enough to know which text to report.
    ctx_start = 0
    ctx_end = n
    while True:
        dollar = s.find("$", pos)
        if dollar < 0:
            out.append(s[pos:])
            break
        out.append(s[pos:dollar])
        if dollar >= ctx_end:
            ctx_start, ctx_end = 0, n
        nxt = s[dollar + 1] if dollar + 1 < n else ""
        if nxt == "$":
            out.append("$")
            pos = dollar + 2
            continue
        if nxt in _NAME_START:
            m = _NAME.match(s, dollar + 1)
            assert m is not None
            value = _plain(m.group(), lookup, refs)
            out.append(value)
            grown = _grow(grown, value)
            pos = m.end()
            continue
        if nxt != "{":
            out.append("$")
            pos = dollar + 1
            continue

        if depth >= MAX_NESTING:
            raise InterpolationDepthError(s)
        m = _NAME.match(s, dollar + 2)
        if m is None:
            raise InterpolationSyntaxError(s[ctx_start:ctx_end])
        name = m.group()
        after = m.end()
        c = s[after] if after < n else ""
        if c == "}":
            value = _plain(name, lookup, refs)
            out.append(value)
            grown = _grow(grown, value)
            pos = after + 1
            continue
        if c == ":":
            op = s[after : after + 2]
            if op not in _OPS:
                raise InterpolationSyntaxError(s[ctx_start:ctx_end])
            kind, colon = _OPS[op]
        elif c in ("-", "+", "?"):
            op = c
            kind, colon = c, False
        else:
            raise InterpolationSyntaxError(s[ctx_start:ctx_end])
        arg_start = after + len(op)
        line_end = s.find("\n", arg_start)
        if line_end < 0:
            line_end = n
        match_end = s.rfind("}", arg_start, line_end)
        if match_end < 0:
            raise InterpolationSyntaxError(s[ctx_start:ctx_end])
        close = _closing_brace(s, dollar, match_end)
        if close < 0:
            close = match_end
        value = _apply(name, kind, colon, s[arg_start:close], lookup, refs, depth)
        out.append(value)
        grown = _grow(grown, value)
        pos = close + 1
        if close < match_end:
            ctx_start, ctx_end = close + 1, match_end + 1
    return "".join(out)


def _grow(grown: int, value: str) -> int:
    grown += len(value)
    if grown > MAX_INTERPOLATED_CHARS:
        raise InterpolationLimitError(
            f"variables add more than {MAX_INTERPOLATED_CHARS} characters to the value"
        )
    return grown


def _closing_brace(s: str, start: int, last: int) -> int:
    """Index of the ``}`` closing the ``${`` at ``start``, or -1.

    Compose counts braces but skips the character right after every ``{``
    (so ``{}`` and ``{{`` each leave one brace open); this is reproduced on
    purpose: ``${NOPE:-{}}x}`` gives ``{}}x``.
    """
    depth = 1
    i = start + 3
    while i <= last:
        c = s[i]
        if c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c == "{":
            depth += 1
            i += 1
        i += 1
    return -1


def _plain(name: str, lookup: Lookup, refs: list[Ref]) -> str:
    value = lookup(name)
    refs.append(Ref(name, value, value is None))
    return "" if value is None else value


def _apply(
    name: str, kind: str, colon: bool, arg: str, lookup: Lookup, refs: list[Ref], depth: int
) -> str:
    # The argument is interpolated before the variable is even looked at, so an
    # unused default can still fail or warn, as in Compose.
    written = arg
    if "$" in arg:
        arg = _substitute(arg, lookup, refs, depth + 1)
    value = lookup(name)
    usable = value is not None and (value != "" or not colon)
    if kind == "-":
        refs.append(Ref(name, value, False, written, not usable))
        return value if usable and value is not None else arg
    refs.append(Ref(name, value, False))
    if kind == "+":
        if usable:
            return arg
        return "" if value is None else value
    if not usable or value is None:
        raise MissingVariableError(name, arg)
    return value

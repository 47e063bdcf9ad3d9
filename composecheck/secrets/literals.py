"""What a literal is besides a secret: a reference to something else (``$VAR``,
``{{ .Env.X }}``), a template placeholder (``changeme``, ``<your-key>``), or a weak,
well-known default credential."""

from __future__ import annotations

import re

_PERCENT_TEMPLATE = re.compile(r"%\([A-Za-z_]+\)s")
# Delimited templates, on one line: {{ .Env.X }}, {% x %}, <% x %>.
_DELIMITERS = (("{{", "}}"), ("{%", "%}"), ("<%", "%>"))


def _has_template(value: str) -> bool:
    """``{{…}}``, ``{%…%}``, ``<%…%>`` on a line, ``#{…}``, ``%(name)s``.

    Written with find(), not as ``\\{\\{.*\\}\\}``: the regular expression backtracks
    from every opening brace to the end of the line, quadratic on ``{{{{…``.
    """
    for line in value.split("\n"):
        for opening, closing in _DELIMITERS:
            start = line.find(opening)
            if start >= 0 and line.rfind(closing) >= start + 2:
                return True
    start = value.find("#{")
    if start >= 0 and value.find("}", start + 2) >= 0:
        return True
    return bool(_PERCENT_TEMPLATE.search(value))


_PLACEHOLDER = re.compile(
    r"(?i)^(?:"
    r"change[-_. ]?(?:me|this|it[-_. ]?now)[-_.\w]*|changeme\w*|\w*[-_]changeme"
    r"|replace[-_. ]?(?:me|this|with\w*)[-_.\w]*|\w*[-_]replace[-_]?me"
    r"|<[^<>]*>|\[[A-Za-z _-]*\]|\{[A-Za-z _-]*\}"
    r"|(?:your|insert|enter|put|fill)[-_. ](?:own[-_. ])?[-_.\w ]*"
    r"|\*{3,}|\.{3,}|#{3,}|0{6,}"
    r"|to[-_]?be[-_]?(?:modified|changed|replaced|set|defined)[-_.\w]*"
    r"|todo[-_.\w]*|fixme[-_.\w]*|tbd|redacted|hidden|masked|not[-_. ]?set"
    r"|(?:example|sample)[-_.\w]*|[-_.\w]*[-_.](?:example|sample)"
    r"|set[-_]?me|fill[-_]?me|edit[-_]?me|update[-_]?me|secret[-_]here|password[-_]here"
    r")$"
)
PLACEHOLDER_INSIDE = re.compile(r"(?i)x{6,}|EXAMPLE|changeme|placeholder|your[-_]")
# Weak and vendor-default credentials: secrets, and reported as such.
WEAK_DEFAULTS = frozenset(
    {
        "password",
        "passw0rd",
        "p@ssw0rd",
        "password1",
        "password123",
        "postgres",
        "mysql",
        "mariadb",
        "root",
        "admin",
        "admin123",
        "administrator",
        "minioadmin",
        "minio123",
        "secret",
        "changeit",
        "guest",
        "letmein",
        "welcome",
        "qwerty",
        "123456",
        "12345678",
        "1234",
        "pass",
        "test",
        "demo",
        "default",
        "rabbitmq",
        "redis",
        "mongo",
        "elastic",
        "keycloak",
        "sa",
        "oracle",
    }
)


def is_reference(value: str) -> bool:
    """A value that still refers to something else: ``$VAR``, ``${VAR}``, ``$(cat file)``,
    ``{{ .Env.X }}``."""
    value = value.lstrip("\"'")
    if value.startswith("$") and value[1:2] and (value[1].isalpha() or value[1] in "_{("):
        return True
    if "${" in value:
        return True
    return _has_template(value)


# Placeholders made of one run of word characters with a telling part anywhere in it
# (``xxxx``, ``my-placeholder``, ``a_dummy_key``, ``key-here``). Tested as substrings of
# a word-like value, not as ``[-_.\w]*x{4,}[-_.\w]*``: that pattern backtracks
# cubically on a long run of x's followed by anything else (seconds for 1,500 x's).
_WORDY = re.compile(r"[-_.\w]*")
_WORDY_MARKERS = ("placeholder", "dummy")


def is_placeholder(value: str) -> bool:
    """A template placeholder: ``changeme``, ``<your-key>``, ``xxxx``, ``replace-me``, ..."""
    text = value.strip()
    if _PLACEHOLDER.match(text):
        return True
    lowered = text.lower()
    if _WORDY.fullmatch(text) and (
        lowered.startswith("xxx")
        or "xxxx" in lowered
        or any(marker in lowered for marker in _WORDY_MARKERS)
    ):
        return True
    # ``...-here`` / ``key here``: a word run, then one separator and "here".
    head, tail = text[:-5], text[-5:].lower()
    return (
        len(tail) == 5 and tail[1:] == "here" and tail[0] in "-_. " and bool(_WORDY.fullmatch(head))
    )

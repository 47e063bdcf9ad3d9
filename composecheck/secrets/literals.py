"""What a literal is besides a secret: a reference to something else (``$VAR``,
``{{ .Env.X }}``), a template placeholder (``changeme``, ``<your-key>``), or a weak,
well-known default credential."""

from __future__ import annotations

import re

_TEMPLATE = re.compile(r"\{\{.*\}\}|\{%.*%\}|<%.*%>|%\([A-Za-z_]+\)s|#\{[^}]*\}")

_PLACEHOLDER = re.compile(
    r"(?i)^(?:"
    r"change[-_. ]?(?:me|this|it[-_. ]?now)[-_.\w]*|changeme\w*|\w*[-_]changeme"
    r"|replace[-_. ]?(?:me|this|with\w*)[-_.\w]*|\w*[-_]replace[-_]?me"
    r"|<[^<>]*>|\[[A-Za-z _-]*\]|\{[A-Za-z _-]*\}"
    r"|(?:your|insert|enter|put|fill)[-_. ](?:own[-_. ])?[-_.\w ]*"
    r"|[-_.\w]*[-_. ]here"
    r"|x{3,}[-_.\w]*|[-_.\w]*x{4,}[-_.\w]*|X{3,}[-_.\w]*|\*{3,}|\.{3,}|#{3,}|0{6,}"
    r"|[-_.\w]*placeholder[-_.\w]*|[-_.\w]*dummy[-_.\w]*"
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
    return bool(_TEMPLATE.search(value))


def is_placeholder(value: str) -> bool:
    """A template placeholder: ``changeme``, ``<your-key>``, ``xxxx``, ``replace-me``, ..."""
    return bool(_PLACEHOLDER.match(value.strip()))

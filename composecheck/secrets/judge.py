"""Key and value judged together: is a (key, value) pair a hardcoded secret, a
placeholder, or neither?

A value in a known provider format is a secret under any key; a credential-like key
holding a literal is a secret, unless the literal is a reference, a path, a boolean, a
small number, a duration or a URL without credentials; weak and vendor defaults count as
secrets; a credential-like key holding a template placeholder is a placeholder.
"""

from __future__ import annotations

import collections
import functools
import math
import re

from composecheck.secrets.keys import KeyInfo, key_info, key_words
from composecheck.secrets.literals import (
    PLACEHOLDER_INSIDE,
    WEAK_DEFAULTS,
    is_placeholder,
    is_reference,
)
from composecheck.secrets.patterns import value_format
from composecheck.secrets.verdict import Verdict

_PATH = re.compile(r"(?:/|\./|\.\./|~/|[A-Za-z]:\\)[^\s]*")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_DURATION = re.compile(r"(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w|y))+", re.IGNORECASE)
_BOOLEANS = frozenset(
    {"true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "enabled", "disabled"}
)
_EMPTY_WORDS = frozenset(
    {"none", "null", "nil", "undefined", "disabled", "empty", "invalid", "unset", "-", "~"}
    | {'""', "''"}
)
# A Java or Python class or module path: io.confluent.kafka.Provider, airflow.api.auth.
# A dotted name, then anything that starts with a separator and does not end in a space.
# (Not ``(?:[,\s]+\S+)*``: commas match both parts, and the match backtracks
# exponentially on a long run of them.)
_DOTTED_NAME = re.compile(r"[a-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*){2,}(?:[,\s][\s\S]*\S)?")
#: Longer values are no duration and no dotted name.
_PATTERN_MAX = 1024
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*")
_SHA_DIGEST = re.compile(r"sha(?:1|256|384|512):[0-9a-f]{32,}")
# Algorithm, hasher and mode names that are no secret under any key.
_ALGORITHMS = frozenset(
    {
        "hs256",
        "hs384",
        "hs512",
        "rs256",
        "rs384",
        "rs512",
        "es256",
        "es384",
        "es512",
        "ps256",
        "eddsa",
        "bcrypt",
        "argon2",
        "argon2id",
        "scrypt",
        "pbkdf2",
        "sha256",
        "sha512",
        "md5",
        "plain",
        "basic",
        "bearer",
        "digest",
        "oauth",
        "oauth2",
        "oidc",
        "ldap",
        "saml",
        "jwt",
        "md5-crypt",
        "scram-sha-256",
        "trust",
        "peer",
        "ident",
        "htpasswd",
        "token",
        "apikey",
        "api_key",
        "header",
        "session",
        "cookie",
        "local",
        "internal",
        "external",
        "native",
        "silly",
        "password",  # only as an auth method name: see _METHOD_KEYS below
    }
)


def shannon(value: str) -> float:
    n = len(value)
    # Counted at C speed: a hostile megabyte value is judged in milliseconds.
    return -sum(c / n * math.log2(c / n) for c in collections.Counter(value).values())


@functools.lru_cache(maxsize=8192)
def classify(key: str | None, value: str) -> Verdict | None:
    """Whether ``value`` written under ``key`` is a secret, a placeholder, or neither (None)."""
    text = value.strip()
    if not text:
        return None
    info = key_info(key)
    if text.startswith("/run/secrets/") or (key and key.upper().endswith("_FILE")):
        return None
    found = value_format(text)
    if found is not None:
        # Public by design (anon keys are JWTs): only a real secret format counts there.
        if info.public and found.reason in ("JSON Web Token",):
            return None
        if found.reason == "Twilio API key" and key and key_words(key)[-1:] in (["SID"], ["ID"]):
            return None  # the SID of an API key names it; its secret is elsewhere
        return found
    if not info.credential:
        return None
    return _credential_value(info, text)


def _credential_value(info: KeyInfo, text: str) -> Verdict | None:
    lower = text.lower()
    if is_reference(text):
        return None
    if lower in _BOOLEANS or lower in _EMPTY_WORDS:
        return None
    if _NUMBER.fullmatch(text) and len(text) < 4:
        return None
    # (These two patterns repeat groups, for which re keeps state per repetition:
    # hundreds of megabytes on a 10 MB value, which is neither anyway.)
    short = len(text) <= _PATTERN_MAX
    if short and _DURATION.fullmatch(text) and not text.isdigit():
        return None
    if _SHA_DIGEST.fullmatch(text):
        return None
    if short and _DOTTED_NAME.fullmatch(text):
        return None  # a class or module name
    if _URL.fullmatch(text):
        return None  # a URL without credentials (the format rules saw the others)
    if " " not in text and _PATH.fullmatch(text) and ("/" in text[1:] or "." in text):
        return None
    if info.noun == "credential" and lower in _ALGORITHMS:
        return None  # AUTH=basic, AUTH=oidc: a method, not a credential
    if is_placeholder(text) or PLACEHOLDER_INSIDE.search(text):
        return Verdict("placeholder", f"placeholder {info.noun}")
    if not info.noun:
        return None  # DSN without a password
    weak = lower in WEAK_DEFAULTS
    if not weak and len(text) >= 16 and shannon(text) >= 3.5:
        return Verdict("secret", f"high-entropy {info.noun}")
    return Verdict("secret", f"hardcoded {info.noun}", weak=weak)

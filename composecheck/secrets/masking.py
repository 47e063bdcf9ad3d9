"""How a secret may appear in a message: masked, never whole."""

from __future__ import annotations


def mask(value: str) -> str:
    """The first two characters and the length, at most: ``pa…(8 chars)``.

    Values shorter than 6 characters show no characters at all.
    """
    n = len(value)
    unit = "char" if n == 1 else "chars"
    shown = value[:2] if n >= 6 else ""
    return f"{shown}…({n} {unit})"


def article(phrase: str) -> str:
    """``a password`` / ``an AWS access key id``."""
    first = phrase.split(" ", 1)[0]
    vowel = phrase[:1].lower() in "aeiou" or first in _AN_WORDS
    return ("an " if vowel else "a ") + phrase


# Words read letter by letter that start with a vowel sound: an npm token, an htpasswd hash.
_AN_WORDS = frozenset({"npm", "htpasswd", "HTTP", "SSH", "RSA", "HMAC", "MD5", "SMTP", "LDAP"})

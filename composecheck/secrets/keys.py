"""Keys: whether a key names a credential, is public by design, and what to call its value.

A credential-like key (``PASSWORD``, ``TOKEN``, ``SECRET_KEY``, ``API_KEY``, ...) makes its
literal value a secret. Keys whose last words describe an attribute of a credential rather
than the credential (``PASSWORD_MIN_LENGTH``, ``TOKEN_TTL``, ``JWT_SECRET_FILE``,
``AUTH_URL``), and keys that are public by design (``*_PUBLIC_KEY``, ``*_ANON_KEY``,
``*_SITE_KEY``, ``*_CLIENT_ID``) are not credential-like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# Whole words of a key that make it credential-like, and what to call its value.
_CREDENTIAL_WORDS: dict[str, str] = {
    "PASSWORD": "password",
    "PASSWORDS": "password",
    "PASSWD": "password",
    "PASS": "password",
    "PWD": "password",
    "PASSPHRASE": "passphrase",
    "HTPASSWD": "password hash",
    "SECRET": "secret",
    "SECRETS": "secret",
    "TOKEN": "token",
    "TOKENS": "token",
    "APIKEY": "API key",
    "CREDENTIAL": "credential",
    "CREDENTIALS": "credential",
    "CREDS": "credential",
    "AUTH": "credential",
    "MASTERAUTH": "password",
    "REQUIREPASS": "password",
    "SALT": "salt",
    "COOKIE": "cookie secret",
    "WEBHOOK": "webhook secret",
    "BEARER": "token",
    "DBPASS": "password",
    "ROOTPASS": "password",
    "ADMINPASS": "password",
    "USERPASS": "password",
    "SMTPPASS": "password",
    "MAILPASS": "password",
}
# Word suffixes that make a single word credential-like: DBPASSWORD, ROOTPASSWORD, APITOKEN.
_CREDENTIAL_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("PASSWORD", "password"),
    ("PASSWD", "password"),
    ("SECRET", "secret"),
    ("TOKEN", "token"),
    ("APIKEY", "API key"),
    ("SECRETKEY", "secret key"),
    ("ACCESSKEY", "access key"),
    ("PRIVATEKEY", "private key"),
    ("MASTERKEY", "master key"),
    ("ENCRYPTIONKEY", "encryption key"),
    ("SIGNINGKEY", "signing key"),
    ("SALT", "salt"),
)
# KEY is credential-like after one of these words: API_KEY, SECRET_KEY, APP_KEY, ...
_KEY_QUALIFIERS = frozenset(
    {
        "API",
        "ACCESS",
        "SECRET",
        "PRIVATE",
        "MASTER",
        "APP",
        "FERNET",
        "SIGNING",
        "SIGN",
        "ENCRYPTION",
        "ENCRYPT",
        "ENC",
        "CRYPT",
        "CRYPTO",
        "CIPHER",
        "SESSION",
        "JWT",
        "HMAC",
        "AUTH",
        "LICENSE",
        "ADMIN",
        "ROOT",
        "SERVICE",
        "ROLE",
        "SHARED",
        "MACHINE",
        "SECURITY",
        "SSH",
        "WEBHOOK",
        "INTEGRATION",
        "STORAGE",
        "ACCOUNT",
        "CLIENT",
        "DEPLOY",
        "INSTALL",
        "BOOTSTRAP",
        "VAULT",
        "INSTALLATION",
        "NETWORK",
        "TOTP",
        "CSRF",
        "OTP",
    }
)
# Words that, after the credential word, make the key describe an attribute of the
# credential rather than hold it: PASSWORD_MIN_LENGTH, TOKEN_TTL, SECRET_FILE, AUTH_URL.
_ATTRIBUTE_WORDS = frozenset(
    {
        "FILE",
        "FILES",
        "PATH",
        "DIR",
        "DIRECTORY",
        "URL",
        "URLS",
        "URI",
        "ENDPOINT",
        "HOST",
        "HOSTNAME",
        "PORT",
        "SERVER",
        "HEADER",
        "HEADERS",
        "HASHER",
        "HASHERS",
        "ALGORITHM",
        "ALGORITHMS",
        "ALG",
        "ALGO",
        "CIPHERS",
        "LENGTH",
        "LEN",
        "MIN",
        "MAX",
        "MINIMUM",
        "MAXIMUM",
        "SIZE",
        "BITS",
        "COUNT",
        "ROUNDS",
        "ITERATIONS",
        "COST",
        "TTL",
        "EXPIRY",
        "EXPIRE",
        "EXPIRES",
        "EXPIRATION",
        "EXP",
        "LIFETIME",
        "TIMEOUT",
        "AGE",
        "DURATION",
        "INTERVAL",
        "SECONDS",
        "MINUTES",
        "HOURS",
        "DAYS",
        "MS",
        "TYPE",
        "MODE",
        "METHOD",
        "METHODS",
        "ENABLED",
        "ENABLE",
        "DISABLED",
        "DISABLE",
        "REQUIRED",
        "PROVIDER",
        "PROVIDERS",
        "BACKEND",
        "DRIVER",
        "PLUGIN",
        "STRATEGY",
        "POLICY",
        "SCOPE",
        "SCOPES",
        "REALM",
        "ISSUER",
        "AUDIENCE",
        "ID",
        "IDS",
        "NAME",
        "USER",
        "USERNAME",
        "USERS",
        "LOGIN",
        "EMAIL",
        "FORMAT",
        "LOCATION",
        "REGION",
        "DOMAIN",
        "SAMESITE",
        "SECURE",
        "HTTPONLY",
        "VERSION",
        "PREFIX",
        "FIELD",
        "PARAM",
        "QUERY",
        "STORE",
        "CACHE",
        "KIND",
        "LEVEL",
        "ENV",
        "VAR",
        "VARIABLE",
        "SOURCE",
        "RESET",
        "CHANGE",
        "COMPLEXITY",
        "STRENGTH",
        "HISTORY",
        "LOCKOUT",
        "ATTEMPTS",
        "RETRIES",
        "REFRESH",
        "ROTATION",
        "GRACE",
        "CHARS",
        "CHARSET",
        "PATTERN",
        "REGEX",
        "ENCODING",
        "ALLOW",
        "ALLOWED",
        "SKIP",
        "VERIFY",
        "VALIDATE",
        "VALIDATION",
        "BACKENDS",
        "CLASS",
        "CLASSES",
        "SCHEME",
        "SCHEMES",
        "ROLE",
        "ROLES",
        "GROUP",
        "GROUPS",
        "PERMISSIONS",
        "CLAIM",
        "CLAIMS",
        "NAMESPACE",
    }
)
_QUANTITY_WORDS = frozenset({"MAX", "MIN", "NUM", "NUMBER", "COUNT", "LIMIT", "TOTAL"})
# Public by design: PUBLIC_KEY, PUBLISHABLE_KEY, ANON_KEY, SITE_KEY, CLIENT_ID.
_PUBLIC_WORDS = frozenset({"PUBLIC", "PUBLISHABLE", "PUB", "ANON", "SITE", "SITEKEY", "PUBKEY"})


@dataclass(frozen=True)
class KeyInfo:
    credential: bool
    public: bool
    noun: str  # what the value of a credential-like key is called


_NOT_CREDENTIAL = KeyInfo(False, False, "")


def key_words(key: str) -> list[str]:
    """The words of a key, upper-cased: ``rootPassword`` → ``ROOT PASSWORD``.

    For a dotted label (``com.example.api-token``) only the last segment counts.
    """
    last = key.rsplit(".", 1)[-1] if "." in key else key
    words: list[str] = []
    for part in _WORD_SPLIT.split(last):
        if part:
            words.extend(w.upper() for w in _CAMEL.split(part) if w)
    return words


_KEY_CACHE: dict[str, KeyInfo] = {}


def key_info(key: str | None) -> KeyInfo:
    """Whether ``key`` names a credential, is public by design, and what to call its value."""
    if not key:
        return _NOT_CREDENTIAL
    cached = _KEY_CACHE.get(key)
    if cached is not None:
        return cached
    info = _key_info(key)
    if len(_KEY_CACHE) < 10_000:
        _KEY_CACHE[key] = info
    return info


def _key_info(key: str) -> KeyInfo:
    words = key_words(key)
    if not words:
        return _NOT_CREDENTIAL
    if words == ["PWD"]:  # the shell's working directory
        return _NOT_CREDENTIAL
    public = any(w in _PUBLIC_WORDS for w in words) or words[-2:] == ["CLIENT", "ID"]
    last = -1
    noun = ""
    for i, word in enumerate(words):
        found = _CREDENTIAL_WORDS.get(word)
        if found is None and word in ("KEY", "KEYS") and i > 0 and words[i - 1] in _KEY_QUALIFIERS:
            found = "API key" if words[i - 1] == "API" else f"{words[i - 1].lower()} key"
        if found is None:
            for suffix, name in _CREDENTIAL_SUFFIXES:
                if word.endswith(suffix):
                    found = name
                    break
        if found is not None:
            last, noun = i, found
    if last < 0:
        return KeyInfo(False, public, "")
    if words[last:] == ["SECRET", "ID"]:  # Vault AppRole: the secret half of the pair
        return KeyInfo(True, False, "secret")
    if any(w in _ATTRIBUTE_WORDS for w in words[last + 1 :]):
        return KeyInfo(False, public, "")
    if last > 0 and words[last - 1] in _QUANTITY_WORDS:  # MAX_TOKENS, MIN_PASSWORD
        return KeyInfo(False, public, "")
    # CLIENT_SECRET stays a secret even though CLIENT_ID is public.
    if public and noun in ("secret", "token", "password"):
        public = False
    if public:
        return KeyInfo(False, True, "")
    return KeyInfo(True, False, noun or "credential")

"""Secret detection: is a (key, value) pair a hardcoded secret, a placeholder, or neither?

A pure, stdlib-only engine used by CC401 (hardcoded-secret) and CC402
(placeholder-secret). It judges the key and the value together:

* a value in a known provider format (AWS, GitHub, GitLab, Slack, Stripe secret keys,
  Google, npm, SendGrid, Twilio, OpenAI, JWTs, PEM private keys, password hashes,
  ``user:password@`` URLs, ``Authorization:`` headers) is a secret under any key;
* a credential-like key (``PASSWORD``, ``TOKEN``, ``SECRET_KEY``, ``API_KEY``, ...) holding
  a literal is a secret, unless the literal is a reference (``$VAR``, ``${VAR}``), a path,
  a boolean, a small number, a duration or a URL without credentials; weak and vendor
  defaults (``password``, ``postgres``, ``minioadmin``) count as secrets;
* a credential-like key holding a template placeholder (``changeme``, ``<your-key>``,
  ``xxxx``) is a placeholder.

Keys whose last words describe an attribute of a credential rather than the credential
(``PASSWORD_MIN_LENGTH``, ``TOKEN_TTL``, ``JWT_SECRET_FILE``, ``AUTH_URL``), and keys that
are public by design (``*_PUBLIC_KEY``, ``*_ANON_KEY``, ``*_SITE_KEY``, ``*_CLIENT_ID``)
are not credential-like. Values are never returned or logged: :func:`mask` is the only
way a value leaves this module.

The extraction helpers turn a command line, a ``KEY=value`` text or a raw
``${VAR:-default}`` template into candidate (key, value) pairs to classify.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["secret", "placeholder"]


@dataclass(frozen=True)
class Verdict:
    """What a value is: ``kind`` and a short noun phrase saying why (no value in it)."""

    kind: Kind
    reason: str  # "hardcoded password", "AWS access key id", "password in a URL", ...
    weak: bool = False  # a well-known default credential (password, postgres, minioadmin)


# -- keys ----------------------------------------------------------------------------------

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


# -- values --------------------------------------------------------------------------------

# (pattern, reason): provider formats and other secrets recognisable under any key.
_FORMATS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 )?"
            r"PRIVATE KEY(?: BLOCK)?-----"
        ),
        "PEM private key",
    ),
    (
        re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
        "AWS access key id",
    ),
    (re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,}"), "GitHub token"),
    (re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{30,}"), "GitHub token"),
    (re.compile(r"(?<![A-Za-z0-9_])gl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}"), "GitLab token"),
    (re.compile(r"(?<![A-Za-z0-9])(?:xox[abprse]|xapp)-[A-Za-z0-9-]{10,}"), "Slack token"),
    (
        re.compile(
            r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,}"
        ),
        "Slack webhook URL",
    ),
    (
        re.compile(
            r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]{20,}"
        ),
        "Discord webhook URL",
    ),
    (re.compile(r"(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"), "Stripe secret key"),
    (re.compile(r"(?<![A-Za-z0-9])whsec_[A-Za-z0-9]{20,}"), "Stripe webhook secret"),
    (re.compile(r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}"), "Google API key"),
    (re.compile(r"(?<![A-Za-z0-9])GOCSPX-[A-Za-z0-9_-]{20,}"), "Google OAuth client secret"),
    (re.compile(r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}"), "npm token"),
    (re.compile(r"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{20,}"), "SendGrid API key"),
    (re.compile(r"(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])"), "Twilio API key"),
    (re.compile(r"(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{20,}"), "Vault token"),
    (
        re.compile(r"\$7\$\d+\$[./+A-Za-z0-9]{8,}\$[./+A-Za-z0-9=]{20,}"),
        "password hash",
    ),
    (re.compile(r"(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,}"), "Anthropic API key"),
    (
        re.compile(r"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
        "OpenAI API key",
    ),
    (re.compile(r"(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}"), "Hugging Face token"),
    (re.compile(r"(?<![A-Za-z0-9])dop_v1_[a-f0-9]{64}"), "DigitalOcean token"),
    (re.compile(r"(?<![A-Za-z0-9])pypi-[A-Za-z0-9_-]{50,}"), "PyPI token"),
    (re.compile(r"(?<![A-Za-z0-9])dckr_pat_[A-Za-z0-9_-]{20,}"), "Docker Hub token"),
    (re.compile(r"(?<![A-Za-z0-9])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"), "Shopify token"),
    (re.compile(r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{20,}"), "bcrypt hash"),
    (re.compile(r"\$apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{10,}"), "htpasswd hash"),
    (
        re.compile(r"\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{20,}"),
        "password hash",
    ),
    (re.compile(r"\$argon2(?:id|i|d)\$[^\s]{20,}"), "argon2 hash"),
    (re.compile(r"(?<![A-Za-z0-9])\{S?SHA\}[A-Za-z0-9+/=]{20,}"), "htpasswd hash"),
]
_JWT = re.compile(
    r"(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,})\.(eyJ[A-Za-z0-9_-]*|[A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]*)"
)
# user:password@ in a URL (the user may be empty: redis://:password@host).
_URL_PASSWORD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/:@'\"]*:([^\s/@'\"]+)@[^\s@/'\"]")
# password=... / token=... in a query string or a DSN.
_QUERY_SECRET = re.compile(
    r"[?&;\s](?:password|passwd|pwd|pass|secret|token|access_token|api_key|apikey|key)=([^&;\s'\"]+)",
    re.IGNORECASE,
)
_AUTH_HEADER = re.compile(
    r"(?i)\b(?:proxy-)?authorization[\"']?(?:\s*[:=]\s*|\s+)[\"']?"
    r"(?:(?:bearer|basic|token|digest|apikey)\s+)?([^\s'\";,]+)"
)
_KEY_HEADER = re.compile(
    r"(?i)\b(?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|private[-_]?token|"
    r"x-vault-token|vault[-_]token)\s*:\s*([^\s'\"]+)"
)
# Cheap pre-filter: the formats above all contain one of these.
_FORMAT_HINT = re.compile(
    r"-----BEGIN|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt)-|xox|hooks\.slack|"
    r"discord|sk_|rk_|whsec_|AIza|GOCSPX|npm_|SG\.|SK[0-9a-f]|sk-|hf_|dop_v1_|pypi-|hv[sbr]\.|xapp|\$7\$|"
    r"dckr_pat_|shp|\$2|\$apr1\$|\$[56]\$|\$argon2|\{S?SHA\}|uthorization|eyJ|://|[?&;\s]\w+=|:\s*\S"
)

# Short values without separators: no format above fits them (the shortest is 20 long).
_PLAIN = re.compile(r"[\w.,/@+ -]{0,19}")
# Command lines worth taking apart: a credential word, a flag that takes one, or a format.
_COMMAND_HINT = re.compile(
    r"(?i)pass|pwd|secret|token|key|auth|cred|salt|cookie|webhook|://|(?:^|\s)-[pau]|bearer|"
    r"AKIA|ASIA|gh[pousr]_|github_pat|glpat|xox|sk[-_]|rk_|AIza|npm_|SG\.|\bSK|\bAC|eyJ|"
    r"\$2|\$apr1|\$[56]\$|\$argon|-----BEGIN|hf_|dop_|pypi-|dckr_|shp|whsec|GOCSPX|\{SSHA?\}"
)
_REFERENCE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-?+][^}]*)?\}?")
_TEMPLATE = re.compile(r"\{\{.*\}\}|\{%.*%\}|<%.*%>|%\([A-Za-z_]+\)s|#\{[^}]*\}")
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
_DOTTED_NAME = re.compile(r"[a-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*){2,}(?:[,\s]+\S+)*")
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
_PLACEHOLDER_INSIDE = re.compile(r"(?i)x{6,}|EXAMPLE|changeme|placeholder|your[-_]")
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


def _is_reference(value: str) -> bool:
    """A value that still refers to something else: ``$VAR``, ``${VAR}``, ``$(cat file)``,
    ``{{ .Env.X }}``."""
    value = value.lstrip("\"'")
    if value.startswith("$") and value[1:2] and (value[1].isalpha() or value[1] in "_{("):
        return True
    if "${" in value:
        return True
    return bool(_TEMPLATE.search(value))


def _shannon(value: str) -> float:
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def _jwt(value: str) -> bool:
    match = _JWT.search(value)
    if match is None:
        return False
    head = match.group(1)
    try:
        decoded = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
        header = json.loads(decoded)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return isinstance(header, dict) and "alg" in header


def is_placeholder(value: str) -> bool:
    """A template placeholder: ``changeme``, ``<your-key>``, ``xxxx``, ``replace-me``, ..."""
    return bool(_PLACEHOLDER.match(value.strip()))


def _password_verdict(secret: str, reason: str) -> Verdict | None:
    """Judge the password part of a URL, header or flag: a reference, a placeholder, a secret."""
    if not secret or _is_reference(secret) or secret.startswith(("$", "%", "{")):
        return None
    if set(secret) <= {"*"}:
        return None
    if is_placeholder(secret):
        return Verdict("placeholder", reason.replace("password", "placeholder password"))
    return Verdict("secret", reason, weak=secret.lower() in WEAK_DEFAULTS)


def value_format(value: str) -> Verdict | None:
    """A secret recognisable by its value alone, under any key (None when there is none)."""
    if _PLAIN.fullmatch(value) or not _FORMAT_HINT.search(value):
        return None
    for pattern, reason in _FORMATS:
        match = pattern.search(value)
        if match is not None:
            if _PLACEHOLDER_INSIDE.search(match.group(0)):
                return Verdict("placeholder", reason)
            return Verdict("secret", reason)
    if "eyJ" in value and _jwt(value):
        return Verdict("secret", "JSON Web Token")
    if "://" in value:
        match = _URL_PASSWORD.search(value)
        if match is not None:
            verdict = _password_verdict(match.group(1), "password in a URL")
            if verdict is not None:
                return verdict
    if ":" in value or "uthorization" in value:
        for header in (_AUTH_HEADER, _KEY_HEADER):
            match = header.search(value)
            if match is not None:
                verdict = _password_verdict(match.group(1), "credential in an HTTP header")
                if verdict is not None:
                    return verdict
    if "=" in value:
        match = _QUERY_SECRET.search(value)
        if match is not None:
            verdict = _password_verdict(match.group(1), "credential in a query string")
            if verdict is not None:
                return verdict
    return None


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
    if _is_reference(text):
        return None
    if lower in _BOOLEANS or lower in _EMPTY_WORDS:
        return None
    if _NUMBER.fullmatch(text) and len(text) < 4:
        return None
    if _DURATION.fullmatch(text) and not text.isdigit():
        return None
    if _SHA_DIGEST.fullmatch(text):
        return None
    if _DOTTED_NAME.fullmatch(text):
        return None  # a class or module name
    if _URL.fullmatch(text):
        return None  # a URL without credentials (the format rules saw the others)
    if " " not in text and _PATH.fullmatch(text) and ("/" in text[1:] or "." in text):
        return None
    if info.noun == "credential" and lower in _ALGORITHMS:
        return None  # AUTH=basic, AUTH=oidc: a method, not a credential
    if is_placeholder(text) or _PLACEHOLDER_INSIDE.search(text):
        return Verdict("placeholder", f"placeholder {info.noun}")
    if not info.noun:
        return None  # DSN without a password
    weak = lower in WEAK_DEFAULTS
    if not weak and len(text) >= 16 and _shannon(text) >= 3.5:
        return Verdict("secret", f"high-entropy {info.noun}")
    return Verdict("secret", f"hardcoded {info.noun}", weak=weak)


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


# -- extraction ----------------------------------------------------------------------------

_ASSIGNMENT = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$", re.DOTALL)
_LINE_PAIR = re.compile(
    r"""^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*[,;]?\s*$"""
)
# key="value" pairs on one line (JAAS configs, connection strings).
_QUOTED_PAIR = re.compile(r'([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"')
_LONG_OPTION = re.compile(r"^--?([A-Za-z][A-Za-z0-9_.-]*)(?:=(.*))?$", re.DOTALL)
_TEMPLATE_DEFAULT = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([^${}]*)\}")
_WORD = re.compile(r"""(?:[^\s"']+|"[^"]*"?|'[^']*'?)+""")
_QUOTES = re.compile(r""""[^"]*"|'[^']*'""")
_MYSQL_TOOLS = frozenset(
    {"mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-admin", "mysqlsh"}
)
_REDIS_TOOLS = frozenset({"redis-cli", "keydb-cli", "valkey-cli"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash", "/bin/ash"})


def split_assignment(item: str) -> tuple[str, str] | None:
    """``KEY=value`` → (KEY, value); None when ``item`` is not an assignment."""
    match = _ASSIGNMENT.match(item)
    return (match.group(1), match.group(2)) if match else None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def text_pairs(text: str) -> Iterator[tuple[str | None, str]]:
    """(key, value) candidates of a config text: ``key=value`` and ``key: value`` lines,
    and the whole text (key None) for formats that span lines (PEM keys)."""
    if "-----BEGIN" in text:
        yield None, text
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(("#", ";", "//")):
            continue
        quoted = _QUOTED_PAIR.findall(line)
        yield from quoted
        match = None if quoted else _LINE_PAIR.match(line)
        if match is not None:
            yield match.group(1), _unquote(match.group(2))
        else:
            yield None, line


def _tokens(text: str) -> list[str]:
    """Shell words, quotes removed (a regex, not shlex: faster, and never fails)."""
    return [_QUOTES.sub(_unquoted, word) for word in _WORD.findall(text)]


def _unquoted(match: re.Match[str]) -> str:
    return match.group(0)[1:-1]


def command_pairs(command: str | Sequence[str], depth: int = 0) -> Iterator[tuple[str | None, str]]:
    """(key, value) candidates on a command line (a string or an exec-form list).

    ``--password=x``, ``--token x``, ``-psecret`` and ``-p x`` for MySQL clients, ``-a x``
    for redis-cli, ``-u user:pass`` for curl, ``PGPASSWORD=x cmd``, ``Authorization:``
    headers, URLs, and the scripts of ``sh -c "..."`` and ``CMD-SHELL``.
    """
    if depth == 0 and not _COMMAND_HINT.search(
        command if isinstance(command, str) else " ".join(str(t) for t in command)
    ):
        return
    if isinstance(command, str):
        tokens = _tokens(command)
        if depth == 0:
            yield None, command  # headers and URLs that span tokens
    else:
        tokens = [str(t) for t in command]
        if tokens and tokens[0] in ("CMD", "CMD-SHELL", "NONE"):
            tokens = tokens[1:]
    program = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        base = token.rsplit("/", 1)[-1]
        if token in ("&&", "||", ";", "|"):
            program = ""
        elif not program and not token.startswith("-") and "=" not in token:
            program = base
        if (" " in token or "\n" in token) and depth < 3:
            yield from command_pairs(token, depth + 1)
            yield None, token
        elif token.startswith("--") or (token.startswith("-") and "=" in token and len(token) > 3):
            match = _LONG_OPTION.match(token)
            if match is not None:
                name, inline = match.group(1), match.group(2)
                if inline is not None:
                    yield name, inline
                elif nxt is not None and not nxt.startswith("-") and key_info(name).credential:
                    yield name, nxt
                    i += 1
            else:
                yield None, token
        elif token.startswith("-") and len(token) >= 2:
            flag = token[:2]
            attached = token[2:]
            if program in _MYSQL_TOOLS and flag == "-p" and attached:
                yield "password", attached
            elif program in _REDIS_TOOLS and flag == "-a":
                if attached:
                    yield "password", attached
                elif nxt is not None:
                    yield "password", nxt
                    i += 1
            elif flag == "-u" and program in ("curl", "wget") and nxt and ":" in nxt:
                yield "password", nxt.split(":", 1)[1]
                i += 1
            elif flag in ("-H", "-e") and nxt is not None:
                yield from _assignment_or_text(nxt)
                i += 1
        else:
            yield from _assignment_or_text(token)
        i += 1


def _assignment_or_text(token: str) -> Iterator[tuple[str | None, str]]:
    pair = split_assignment(token)
    if pair is not None:
        yield pair
    else:
        yield None, token


def template_defaults(text: str) -> Iterator[tuple[str, str]]:
    """(variable, default) of each ``${VAR:-default}`` / ``${VAR-default}`` in raw text."""
    for match in _TEMPLATE_DEFAULT.finditer(text):
        default = match.group(3)
        if default:
            yield match.group(1), default


def classify_pairs(
    pairs: Iterable[tuple[str | None, str]], fallback_key: str | None = None
) -> Iterator[tuple[str | None, str, Verdict]]:
    """The (key, value, verdict) of each candidate pair that is a secret or a placeholder."""
    for key, value in pairs:
        verdict = classify(key if key is not None else fallback_key, value)
        if verdict is not None:
            yield key, value, verdict


__all__ = [
    "WEAK_DEFAULTS",
    "KeyInfo",
    "Verdict",
    "article",
    "classify",
    "classify_pairs",
    "command_pairs",
    "is_placeholder",
    "key_info",
    "key_words",
    "mask",
    "split_assignment",
    "template_defaults",
    "text_pairs",
    "value_format",
]

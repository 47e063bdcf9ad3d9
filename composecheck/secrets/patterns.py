"""Provider formats and other secrets recognisable by their value alone, under any key:
AWS, GitHub, GitLab, Slack, Stripe, Google, npm, SendGrid, Twilio, OpenAI keys, JWTs, PEM
private keys, password hashes, ``user:password@`` URLs, ``Authorization:`` headers."""

from __future__ import annotations

import base64
import binascii
import json
import re

from composecheck.secrets.literals import (
    PLACEHOLDER_INSIDE,
    WEAK_DEFAULTS,
    is_placeholder,
    is_reference,
)
from composecheck.secrets.verdict import Verdict

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
# The scheme is bounded: unbounded, every letter of a long run started a scan of the
# rest of the run for "://", quadratic in the value's length.
_URL_PASSWORD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s/:@'\"]*:([^\s/@'\"]+)@[^\s@/'\"]")
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


def _password_verdict(secret: str, reason: str) -> Verdict | None:
    """Judge the password part of a URL, header or flag: a reference, a placeholder, a secret."""
    if not secret or is_reference(secret) or secret.startswith(("$", "%", "{")):
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
            if PLACEHOLDER_INSIDE.search(match.group(0)):
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


# A whole PEM private key block as a message or report may show it: its lines joined by
# real newlines or escaped ones (Go's and JSON's \n, GitHub's %0A, XML's &#10;), up to
# its END line when there is one.
_PEM_BLOCK = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
    r"(?:[A-Za-z0-9+/=\s]|\\\\[nrt]|\\[nrt]|%0[AD]|&#1[03];)*"
    r"(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)?"
)


def format_spans(text: str) -> list[tuple[int, int]]:
    """Where secrets in a provider format are written in ``text`` (any text: a message,
    a report), as sorted, disjoint ``(start, end)`` spans; placeholders are left out."""
    if not _FORMAT_HINT.search(text):
        return []
    spans: list[tuple[int, int]] = []
    for match in _PEM_BLOCK.finditer(text):
        spans.append(match.span())
    for pattern, reason in _FORMATS:
        if reason == "PEM private key":
            continue  # the whole block, above
        for match in pattern.finditer(text):
            if not PLACEHOLDER_INSIDE.search(match.group(0)):
                spans.append(match.span())
    if "eyJ" in text:
        for match in _JWT.finditer(text):
            if _jwt(match.group(0)):
                spans.append(match.span())
    if "://" in text:
        for match in _URL_PASSWORD.finditer(text):
            found = _password_verdict(match.group(1), "password in a URL")
            if found is not None and found.kind == "secret" and not found.weak:
                spans.append(match.span(1))
    spans.sort()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out

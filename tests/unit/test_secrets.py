"""The secret detector: key and value judged together, masks, and candidate extraction."""

from __future__ import annotations

import pytest

from composecheck.secrets import (
    classify,
    command_pairs,
    key_info,
    mask,
    split_assignment,
    template_defaults,
    text_pairs,
)

# (key, value, reason): hardcoded secrets.
SECRETS = [
    ("POSTGRES_PASSWORD", "password", "hardcoded password"),
    ("POSTGRES_PASSWORD", "postgres", "hardcoded password"),
    ("MINIO_ROOT_PASSWORD", "minioadmin", "hardcoded password"),
    ("MYSQL_ROOT_PASSWORD", "root", "hardcoded password"),
    ("KEYSTORE_PASSWORD", "changeit", "hardcoded password"),
    ("REDIS_PASSWORD", "123456", "hardcoded password"),
    ("DB_PASSWD", "hunter22", "hardcoded password"),
    ("SMTP_PASS", "s3cr3t!", "hardcoded password"),
    ("rootPassword", "hunter22", "hardcoded password"),
    ("DBPASSWORD", "hunter22", "hardcoded password"),
    ("JWT_SECRET", "my-jwt-secret", "hardcoded secret"),
    ("GITHUB_CLIENT_SECRET", "abcdef123456", "hardcoded secret"),
    ("DJANGO_SECRET_KEY", "notsosecret", "hardcoded secret key"),
    ("SECRET_KEY_BASE", "abcdefghij", "hardcoded secret key"),
    ("API_KEY", "k3y-value", "hardcoded API key"),
    ("apiKey", "k3y-value", "hardcoded API key"),
    ("APP_KEY", "base64:abcdEFGH1234ijklMNOP5678qrstUVWX9012yzAB=", "high-entropy app key"),
    ("AIRFLOW__CORE__FERNET_KEY", "fernetkey", "hardcoded fernet key"),
    ("SIGNING_KEY", "sign-me-please", "hardcoded signing key"),
    ("MASTER_KEY", "masterkey1", "hardcoded master key"),
    ("MINIO_ACCESS_KEY", "minioadmin", "hardcoded access key"),
    ("GITLAB_TOKEN", "tok3n-value", "hardcoded token"),
    ("REDIS_AUTH", "hunter22", "hardcoded credential"),
    ("GOOGLE_CREDENTIALS", "svc-account", "hardcoded credential"),
    ("PASSWORD_SALT", "pepper", "hardcoded salt"),
    ("COOKIE_SECRET", "cookie-monster", "hardcoded secret"),
    ("SLACK_WEBHOOK_SECRET", "whook-1234", "hardcoded secret"),
    ("com.example.api-token", "tok3n-value", "hardcoded token"),
    (
        "SERVICE_ROLE_KEY",
        "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZSJ9.c2lnbmF0dXJl",
        "JSON Web Token",
    ),
    # Known formats under any key.
    ("SOME_ID", "AKIAZ7X2Q4R5T6Y7U8I9", "AWS access key id"),
    (None, "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub token"),
    ("X", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "GitHub token"),
    ("X", "glpat-abcdefghij0123456789", "GitLab token"),
    ("X", "xoxb-1234567890-abcdefghij", "Slack token"),
    ("X", "sk_live_abcdefghijklmnop1234", "Stripe secret key"),
    ("X", "rk_live_abcdefghijklmnop1234", "Stripe secret key"),
    ("X", "AIzaSyA1234567890abcdefghijklmnopqrstuv", "Google API key"),
    ("NPM_CONFIG", "npm_abcdefghijklmnopqrstuvwxyz0123456789", "npm token"),
    (
        "X",
        "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "SendGrid API key",
    ),
    ("X", "SK0123456789abcdef0123456789abcdef", "Twilio API key"),
    ("X", "sk-proj-abcdefghijklmnopqrstuvwxyz123", "OpenAI API key"),
    (
        "X",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl",
        "JSON Web Token",
    ),
    (
        "TLS",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
        "PEM private key",
    ),
    ("X", "$2y$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", "bcrypt hash"),
    (
        "traefik.http.middlewares.a.basicauth.users",
        "admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/",
        "htpasswd hash",
    ),
    ("DATABASE_URL", "postgres://app:hunter22@db:5432/app", "password in a URL"),
    ("REDIS_URL", "redis://:hunter22@redis:6379/0", "password in a URL"),
    ("X", "Authorization: Bearer abcdef123456", "credential in an HTTP header"),
    (
        "X",
        "https://hooks.slack.com/services/T00000000/B00000000/abcdefghijklmnopqrstuvwx",
        "Slack webhook URL",
    ),
]

# (key, value): placeholders (CC402).
PLACEHOLDERS = [
    ("JWT_SECRET", "changeme"),
    ("JWT_SECRET", "change-me"),
    ("SECRET_KEY", "change-this-insecure-key"),
    ("API_KEY", "<your-key>"),
    ("API_KEY", "your_api_key_here"),
    ("API_TOKEN", "xxxxxxxxxxxx"),
    ("PASSWORD", "replace-me"),
    ("DB_PASSWORD", "example"),
    ("DB_PASSWORD", "placeholder"),
    ("DB_PASSWORD", "TODO"),
    ("DB_PASSWORD", "dummy"),
    ("WEBHOOK_SECRET", "secret-here"),
    ("JWT_SECRET", "tobemodified"),
    ("SLACK_APP_TOKEN", "xapp-your-app-token"),
    ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
    ("DATABASE_URL", "postgres://app:changeme@db/app"),
]

# (key, value): neither.
NEGATIVES = [
    ("DB_PASSWORD", ""),
    ("DB_PASSWORD", "$DB_PASSWORD"),  # $$VAR: a runtime reference
    ("DB_PASSWORD", "${DB_PASSWORD}"),
    ("DB_PASSWORD", '"$(cat /run/secrets/db)"'),
    ("DB_PASSWORD", "{{ .Env.DB_PASSWORD }}"),
    ("POSTGRES_PASSWORD_FILE", "/run/secrets/db_password"),
    ("DB_PASSWORD", "/run/secrets/db_password"),
    ("PASSWORD_MIN_LENGTH", "8"),
    ("TOKEN_TTL", "3600"),
    ("JWT_EXPIRES_IN", "7d"),
    ("SESSION_TIMEOUT", "30m"),
    ("REDIS_AUTH", "true"),
    ("AUTH_ENABLED", "false"),
    ("AUTH", "basic"),
    ("TOKEN_URL", "https://auth.example.com/token"),
    ("AUTH_HEADER", "Authorization"),
    ("SSH_KEY_PATH", "/home/app/.ssh/id_ed25519"),
    ("PASSWORD_HASHERS", "django.contrib.auth.hashers.Argon2PasswordHasher"),
    ("JWT_ALGORITHM", "HS256"),
    ("AUTH_BACKENDS", "airflow.api.auth.backend.basic_auth"),
    ("IMAGE", "nginx@sha256:" + "a" * 64),
    ("GIT_SHA", "0123456789abcdef0123456789abcdef01234567"),
    ("REQUEST_ID", "550e8400-e29b-41d4-a716-446655440000"),
    ("STRIPE_PUBLISHABLE_KEY", "pk_live_abcdefghijklmnop1234"),
    ("STRIPE_KEY", "pk_test_abcdefghijklmnop1234"),
    ("SUPABASE_ANON_KEY", "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl"),
    ("RECAPTCHA_SITE_KEY", "6LcAAAAAAAAAAAAAAAAAAAAA"),
    ("GITHUB_CLIENT_ID", "Iv1.0123456789abcdef"),
    ("VAPID_PUBLIC_KEY", "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA"),
    ("POSTGRES_USER", "postgres"),
    ("MINIO_ROOT_USER", "minioadmin"),
    ("PWD", "/app"),
    ("SESSION_COOKIE_NAME", "sessionid"),
    ("DATABASE_URL", "postgres://app@db:5432/app"),
    ("DATABASE_URL", "postgres://app:${DB_PASSWORD}@db/app"),
    ("LOG_LEVEL", "info"),
    ("SENTRY_DSN", "0"),
    ("API_KEY", "invalid"),
    ("MAILCOW_PASS_SCHEME", "BLF-CRYPT"),
    ("GF_AUTH_ANONYMOUS_ORG_ROLE", "Admin"),
    ("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"),
    ("TWILIO_API_KEY_SID", "SK0123456789abcdef0123456789abcdef"),
    ("OPENAI_MAX_TOKENS", "1024"),
    ("REGISTRY_AUTH", "htpasswd"),
]


@pytest.mark.parametrize(("key", "value", "reason"), SECRETS)
def test_secret(key: str | None, value: str, reason: str) -> None:
    verdict = classify(key, value)
    assert verdict is not None and verdict.kind == "secret", (key, verdict)
    assert verdict.reason == reason


@pytest.mark.parametrize(("key", "value"), PLACEHOLDERS)
def test_placeholder(key: str, value: str) -> None:
    verdict = classify(key, value)
    assert verdict is not None and verdict.kind == "placeholder", (key, verdict)


@pytest.mark.parametrize(("key", "value"), NEGATIVES)
def test_not_a_secret(key: str, value: str) -> None:
    assert classify(key, value) is None


def test_weak_defaults_are_marked() -> None:
    verdict = classify("POSTGRES_PASSWORD", "postgres")
    assert verdict is not None and verdict.weak
    verdict = classify("POSTGRES_PASSWORD", "Kq8#vL2!")
    assert verdict is not None and not verdict.weak


@pytest.mark.parametrize(
    ("key", "credential", "public"),
    [
        ("POSTGRES_PASSWORD", True, False),
        ("POSTGRES_PASSWORD_FILE", False, False),
        ("CLIENT_SECRET", True, False),
        ("CLIENT_ID", False, True),
        ("SUPABASE_ANON_KEY", False, True),
        ("API_KEY", True, False),
        ("CACHE_KEY_PREFIX", False, False),
        (None, False, False),
    ],
)
def test_key_info(key: str | None, credential: bool, public: bool) -> None:
    info = key_info(key)
    assert (info.credential, info.public) == (credential, public)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("password", "pa…(8 chars)"),
        ("hunter22", "hu…(8 chars)"),
        ("secret", "se…(6 chars)"),
        ("admin", "…(5 chars)"),
        ("a", "…(1 char)"),
        ("", "…(0 chars)"),
    ],
)
def test_mask(value: str, masked: str) -> None:
    assert mask(value) == masked


def test_mask_never_shows_more_than_two_characters() -> None:
    value = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
    assert value[2:6] not in mask(value)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("PGPASSWORD=hunter22 psql -h db", [("PGPASSWORD", "hunter22")]),
        ("redis-server --requirepass s3cr3tpw", [("requirepass", "s3cr3tpw")]),
        ("app --password=hunter22", [("password", "hunter22")]),
        ("app --db-password hunter22", [("db-password", "hunter22")]),
        (["mysqladmin", "ping", "-uroot", "-phunter22"], [("password", "hunter22")]),
        (["CMD", "redis-cli", "-a", "hunter22", "ping"], [("password", "hunter22")]),
        ("curl -u admin:hunter22 http://api/", [("password", "hunter22")]),
        (["sh", "-c", "PGPASSWORD=hunter22 pg_dump -h db app"], [("PGPASSWORD", "hunter22")]),
        (
            ["curl", "-H", "Authorization: Bearer abcdef123456", "http://api/"],
            [(None, "Authorization: Bearer abcdef123456")],
        ),
        ("psql postgres://app:hunter22@db/app", [(None, "postgres://app:hunter22@db/app")]),
    ],
)
def test_command_pairs(command: str | list[str], expected: list[tuple[str | None, str]]) -> None:
    found = [
        (key, value)
        for key, value in command_pairs(command)
        if classify(key, value) is not None and (key, value) in expected
    ]
    assert sorted(set(found), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    "command",
    [
        ["CMD-SHELL", "mysqladmin ping -p$MYSQL_ROOT_PASSWORD"],
        ["CMD", "pg_isready", "-U", "postgres"],
        "npm run start -- --port 3000",
        'mysqladmin ping --password="$(cat /run/secrets/db)"',
        ["docker-entrypoint.sh", "-p", "5432:5432"],
    ],
)
def test_command_without_secrets(command: str | list[str]) -> None:
    assert [p for p in command_pairs(command) if classify(*p) is not None] == []


def test_split_assignment() -> None:
    assert split_assignment("POSTGRES_PASSWORD=pa=ss") == ("POSTGRES_PASSWORD", "pa=ss")
    assert split_assignment("export A=b") == ("A", "b")
    assert split_assignment("--flag") is None


def test_text_pairs() -> None:
    text = (
        'user = "app"\npassword = "hunter22"\n# token = commented\n'
        'OAuth required clientSecret="abc123";\n'
    )
    pairs = list(text_pairs(text))
    assert ("password", "hunter22") in pairs
    assert ("clientSecret", "abc123") in pairs
    assert not any(key == "token" for key, _ in pairs)


def test_template_defaults() -> None:
    line = "URL=${DB_URL:-postgres://a:b@db} ${PASS-hunter22} ${EMPTY:-} $${RUNTIME:-x} ${REQ:?msg}"
    assert list(template_defaults(line)) == [("DB_URL", "postgres://a:b@db"), ("PASS", "hunter22")]

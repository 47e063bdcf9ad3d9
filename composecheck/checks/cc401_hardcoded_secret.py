"""CC401 hardcoded-secret: a literal secret written where Compose reads it.

The detector (:mod:`composecheck.secrets`) finds the candidates, walking the surfaces
where Compose reads values (:mod:`composecheck.secrets.surfaces`); this module turns its
hits into findings, once per load, shared with CC402 (placeholder-secret), and leaves out
what the team accepted in ``[tool.composecheck.secrets]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.secrets.surfaces import Hit
from composecheck.secrets.surfaces import scan as scan_surfaces


def scan(ctx: Context) -> list[Hit]:
    """Every secret and placeholder of the project ``ctx`` sees (computed once per load,
    shared by CC401 and CC402)."""
    hits: list[Hit] | None = ctx.memo.get("secrets")
    if hits is None:
        hits = ctx.memo["secrets"] = scan_surfaces(ctx.loaded)
    return hits


def findings(
    check: Check, ctx: Context, kind: str, hint: Callable[[Hit, str], str]
) -> Iterator[Finding]:
    """The findings of ``check`` for hits of ``kind``: one per place a literal is written."""
    seen: set[tuple[str, int, int] | None] = set()
    # A template read in place of a missing env file holds placeholders by design; and
    # a stack without its .env is judged as it would be with an empty one.
    templates = set(ctx.loaded.environment.templates.values())
    for hit in scan(ctx):
        if hit.verdict.kind != kind or _allowed(ctx, hit):
            continue
        if hit.loc is not None and hit.loc.file in templates:
            continue
        place = (hit.loc.file, hit.loc.line, hit.loc.col) if hit.loc is not None else None
        if place in seen:
            continue
        seen.add(place)
        yield ctx.finding(
            check,
            hint(hit, "message"),
            hint(hit, "hint"),
            loc=hit.loc,
            service=hit.service,
            related=hit.related,
        )


def _allowed(ctx: Context, hit: Hit) -> bool:
    """Accepted by the team in ``[tool.composecheck.secrets]`` (by key or value hash)."""
    settings = ctx.settings
    if settings is None:
        return False
    if (hit.env_key or hit.detail) in settings.secret_keys:
        return True
    if settings.secret_hashes:
        import hashlib

        return hashlib.sha256(hit.value.encode()).hexdigest() in settings.secret_hashes
    return False


def _text_for(hit: Hit, part: str) -> str:
    if part == "message":
        return hit.describe()
    file_variant = (
        f" (and {hit.env_key}_FILE=/run/secrets/... if the image supports it)"
        if hit.env_key
        else ""
    )
    return (
        "keep secrets out of compose and .env files: use a `secrets:` entry with a file or "
        f"an external secret{file_variant}, or ${{VAR}} supplied at deploy time; "
        "then rotate this one, it is in your history"
    )


class HardcodedSecret(Check):
    code = "CC401"
    name = "hardcoded-secret"
    summary = "a password, token or key written as a literal in the stack: never print it"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports literal secrets where Compose reads them: service `environment` (list "
            "and map syntax, `env_file` files), the project `.env` and `--env-file` "
            "variables a service uses (at their `.env` line), `build.args`, `labels`, "
            "`command` / `entrypoint` / `healthcheck.test` (`--password=x`, `-psecret` for "
            "MySQL clients, `-a x` for redis-cli, `PGPASSWORD=x cmd`, `sh -c` scripts, "
            "`Authorization:` headers, `user:password@` URLs), `x-` extension fields, "
            "`configs.*.content`, volume and network `driver_opts`, and the literal default "
            "of `${VAR:-literal}`. Key and value are judged together: a credential-like key "
            "(PASSWORD, SECRET, TOKEN, API_KEY, SECRET_KEY, APP_KEY, SALT, ...) holding a "
            "literal, and known formats under any key (AWS, GitHub, GitLab, Slack, Stripe, "
            "Google, npm, SendGrid, Twilio, OpenAI keys, JWTs, PEM private keys, bcrypt and "
            "htpasswd hashes). Weak and vendor defaults (`password`, `postgres`, "
            "`minioadmin`) are secrets too. Not reported: `${VAR}` and `$$VAR` references, "
            "`*_FILE` variables and `/run/secrets/` paths, numbers and durations under "
            "quantity keys (`PASSWORD_MIN_LENGTH`), URLs, paths and names under `_URL`, "
            "`_HEADER`, `_PATH`, `_HASHER` and `_ALGORITHM` keys, digests and ids, and keys "
            "public by design (`*_PUBLIC_KEY`, `*_ANON_KEY`, `*_SITE_KEY`, `*_CLIENT_ID`, "
            "Stripe `pk_`). Placeholders are CC402. The value is never printed: findings "
            "show its first two characters and its length at most."
        ),
        why=(
            "Compose files and `.env` files are committed, copied into images, pasted into "
            "issues and printed by `docker compose config`. A password written there is a "
            "password everyone with the repository has, forever: removing it later leaves "
            "it in the history. Default credentials are the first thing an attacker tries."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD: s3cr3t-pa55\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets:\n"
            "      - db_password\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from findings(self, ctx, "secret", _text_for)

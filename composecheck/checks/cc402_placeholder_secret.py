"""CC402 placeholder-secret: a credential-like key holding a template placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context
from composecheck.checks.cc401_hardcoded_secret import findings
from composecheck.findings import Finding, Severity
from composecheck.secrets.surfaces import Hit


def _text_for(hit: Hit, part: str) -> str:
    if part == "message":
        return f"{hit.describe()}: a template value, not a secret to ship"
    return (
        "supply the real secret at deploy time: a `secrets:` entry with a file or an "
        "external secret, or ${VAR:?set VAR} so that a missing value stops the deployment "
        "instead of shipping the placeholder"
    )


class PlaceholderSecret(Check):
    code = "CC402"
    name = "placeholder-secret"
    summary = "a password, token or key left at a template placeholder such as changeme"
    severity = Severity.WARNING
    production_severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports credential-like keys (PASSWORD, SECRET, TOKEN, API_KEY, ...) and "
            "provider-format keys holding a template placeholder: `changeme`, `change-me`, "
            "`<your-key>`, `your_api_key_here`, `xxxx...`, `replace-me`, `example`, "
            "`placeholder`, `TODO`, `dummy`, `secret-here`, AWS's documented "
            "`...EXAMPLE` key. It looks at the same places as CC401 (hardcoded-secret): "
            "`environment`, `.env` lines, `build.args`, `labels`, commands, `x-` fields, "
            "`configs.*.content` and `${VAR:-default}` defaults. A warning, and an error "
            "in production environments."
        ),
        why=(
            "A placeholder is not a leak, but it is not a secret either: when it ships, "
            "every deployment of the stack shares a password printed in its documentation, "
            "and scanners for default credentials find it first."
        ),
        example=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2\n"
            "    environment:\n"
            "      JWT_SECRET: changeme\n"
        ),
        use_instead=(
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.4.2\n"
            "    environment:\n"
            "      JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from findings(self, ctx, "placeholder", _text_for)

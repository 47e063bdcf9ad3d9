"""CC106 interpolation-error: invalid ``${...}`` syntax, or a required variable missing."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class InterpolationError(Check):
    code = "CC106"
    name = "interpolation-error"
    summary = "invalid ${...} syntax, or a variable required with :? or ? has no value"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a value whose `${...}` Compose cannot substitute: an unclosed brace "
            "(`${TAG`), an invalid name or operator (`${TAG:latest}`), a lone `$` that "
            "should have been written `$$`, or a variable required with `${NAME:?message}` "
            "or `${NAME?message}` that is not set (or, for `:?`, empty)."
        ),
        why=(
            "Docker Compose refuses the whole project. A required variable is exactly "
            "the guard you want in production, and this finding tells you which "
            "environment lacks it; a syntax error usually means a `$` inside a password "
            "or a shell command that needs doubling."
        ),
        example=('services:\n  web:\n    image: "nginx:${NGINX_VERSION"\n'),
        use_instead=('services:\n  web:\n    image: "nginx:${NGINX_VERSION:-1.27.3}"\n'),
        options=(
            "None. The loader reports this finding when interpolation fails, so the check "
            "itself runs no rule. A variable used without a default and without `:?` is "
            "CC501's business: Compose substitutes an empty string and goes on."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader: interpolation stops at the first bad template.
        return ()

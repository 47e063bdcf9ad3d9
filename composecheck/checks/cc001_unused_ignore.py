"""CC001 unused-ignore: an inline ignore that silences nothing."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class UnusedIgnore(Check):
    code = "CC001"
    name = "unused-ignore"
    summary = "a `# composecheck: ignore[...]` comment silences no finding"
    severity = Severity.WARNING
    doc = CheckDoc(
        what=(
            "Reports an `ignore`, `ignore-next-block` or `ignore-file` comment that "
            "silenced no finding of the checks it names, in an environment where those "
            "checks ran. Codes the run did not check (left out by `--select`, or "
            "production checks in a stack without a production environment) are not "
            "judged."
        ),
        why=(
            "An ignore outlives the problem it was written for: the setting gets fixed, "
            "the service moves, and the comment stays, ready to hide the next, different "
            "problem on that line. Removing stale ignores keeps every remaining one a "
            "decision somebody still stands by."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3  # composecheck: ignore[CC403] pinned by the base team\n"
        ),
        use_instead=("services:\n  web:\n    image: nginx:1.27.3\n"),
        options=(
            "None. Reported by the ignore pass after every check has run "
            "(composecheck/suppress.py); `--ignore CC001` turns it off."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Whether an ignore is used is known only once every environment has been
        # checked: composecheck.suppress reports it, not a per-environment rule.
        return ()

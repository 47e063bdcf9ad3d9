"""CC002 invalid-ignore: an inline ignore without a reason, or naming no known check."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class InvalidIgnore(Check):
    code = "CC002"
    name = "invalid-ignore"
    summary = "a `# composecheck:` comment has no reason, no codes or an unknown code"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a `# composecheck:` comment that composecheck cannot honour: one "
            "that gives no reason after its codes, names no code "
            "(`# composecheck: ignore` alone), names a check that does not exist, or "
            "misspells the directive. Such a comment silences nothing: the findings it "
            "meant to hide are still reported."
        ),
        why=(
            "An ignore is a decision, and the reason is what lets the next person judge "
            "whether it still holds. Without codes an ignore would hide every present and "
            "future problem on its line; with a misspelt code it hides nothing while "
            "looking as if it did."
        ),
        example=(
            "services:\n"
            "  migrate:  # composecheck: ignore[CC305]\n"
            "    image: ghcr.io/acme/shop:1.4.2\n"
            '    command: ["flask", "db", "upgrade"]\n'
        ),
        use_instead=(
            "services:\n"
            "  migrate:  # composecheck: ignore[CC305] runs once per deploy, then exits\n"
            "    image: ghcr.io/acme/shop:1.4.2\n"
            '    command: ["flask", "db", "upgrade"]\n'
        ),
        options=(
            "None. Directives: `ignore[CODES] reason` (its own line when it follows code, "
            "else the next line), `ignore-next-block[CODES] reason` (the next line and "
            "every line indented under it), `ignore-file[CODES] reason`. CODES are codes "
            "or names, separated by commas."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Comments are not part of the model: composecheck.suppress reads them.
        return ()

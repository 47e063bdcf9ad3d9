"""CC102 duplicate-key: a key written twice in one mapping."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class DuplicateKey(Check):
    code = "CC102"
    name = "duplicate-key"
    summary = "a key appears twice in the same mapping"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a key written twice in the same mapping: two `image` lines in one "
            "service, two services with the same name, the same variable twice in an "
            "`environment` mapping. The finding points at the second occurrence and its "
            "message gives the line of the first."
        ),
        why=(
            "Many YAML tools silently keep the last value, so the file reads one way and "
            "runs another. Docker Compose refuses the file instead; either way one of "
            "the two values is a mistake, typically left behind by a merge or a "
            "copy-paste."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    ports:\n"
            '      - "8080:80"\n'
            "    image: nginx:1.26.2\n"
        ),
        use_instead=('services:\n  web:\n    image: nginx:1.27.3\n    ports:\n      - "8080:80"\n'),
        options=(
            "None. The loader reports this finding when it reads the file, so the check "
            "itself runs no rule."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader: Compose rejects the file, so loading stops there.
        return ()

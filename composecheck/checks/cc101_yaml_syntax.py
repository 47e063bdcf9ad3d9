"""CC101 yaml-syntax: a compose file that is not valid YAML."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class YamlSyntax(Check):
    code = "CC101"
    name = "yaml-syntax"
    summary = "a compose file is not valid YAML, or its top level is not a mapping"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a compose file the YAML parser rejects: bad indentation, a tab used "
            "for indentation, an unclosed quote or bracket, a file that is empty or whose "
            "top level is a list or a string instead of a mapping. The finding points at "
            "the line and column where the parser gave up, which is usually on or just "
            "after the mistake."
        ),
        why=(
            "Docker Compose stops at the first syntax error and runs nothing; every other "
            "check needs a parsed file, so this is the only finding a broken file gets. "
            "A misindented key is also the classic way to attach `environment` to the "
            "wrong service, or to no service at all."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    ports:\n"
            '      - "8080:80"\n'
            "     environment:\n"
            "      NGINX_HOST: example.com\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    ports:\n"
            '      - "8080:80"\n'
            "    environment:\n"
            "      NGINX_HOST: example.com\n"
        ),
        options=(
            "None. The loader reports this finding when it cannot read the file, so the "
            "check itself runs no rule and it cannot be turned off: a file Compose "
            "cannot parse cannot be checked either."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader (validate.finding_from_error): a parse error stops
        # loading, so a project that reaches the checks has none.
        return ()

"""CC103 unknown-attribute: a key the Compose Specification does not define."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class UnknownAttribute(Check):
    code = "CC103"
    name = "unknown-attribute"
    summary = "a key the Compose Specification does not define (with a did-you-mean hint)"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a key the Compose Specification does not define where it is written: "
            "a misspelt attribute (`enviroment`, `depend_on`, `healtcheck`), an attribute "
            "at the wrong level (`memory` directly under a service), or a top-level key "
            "other than `services`, `networks`, `volumes`, `secrets`, `configs`, "
            "`include`, `name` and `x-` extensions. The hint names the closest valid key."
        ),
        why=(
            "Docker Compose refuses the whole project (`additional properties ... not "
            "allowed`). Tools that do not validate would run the service without the "
            "setting, so the variables, dependency or limit you wrote are silently "
            "missing."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    enviroment:\n"
            "      NGINX_HOST: example.com\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    environment:\n"
            "      NGINX_HOST: example.com\n"
        ),
        options=(
            "None. The loader reports this finding when the file fails the schema, so the "
            "check itself runs no rule. Keys starting with `x-` are always allowed: use "
            "them for your own data."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader's schema stage, which stops loading.
        return ()

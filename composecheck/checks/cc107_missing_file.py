"""CC107 missing-file: a compose, env, extends or include file that does not exist."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class MissingFile(Check):
    code = "CC107"
    name = "missing-file"
    summary = "a compose file, env_file, extends file or include that does not exist"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a file the project needs and that does not exist: a compose file "
            "given with `-f` (or no compose file at all in the folder), an `env_file` of "
            "a service, the `file` of an `extends`, or an `include` entry. The finding "
            "points at the line that names the file."
        ),
        why=(
            "Docker Compose refuses the whole project. The usual cause is a file that "
            "lives only on one machine: an `.env.production` kept out of git, or a path "
            "written relative to the wrong folder (`env_file` and `extends` are relative "
            "to the compose file that names them)."
        ),
        example=("services:\n  web:\n    image: nginx:1.27.3\n    env_file: .env.production\n"),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    env_file:\n"
            "      - path: .env.production\n"
            "        required: false\n"
        ),
        options=(
            "None. The loader reports this finding when it cannot open the file, so the "
            "check itself runs no rule. An `env_file` entry with `required: false` may be "
            "missing."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader: a missing file stops loading.
        return ()

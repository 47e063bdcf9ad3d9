"""CC215 missing-image-or-build: a service Compose cannot create a container for."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity


class MissingImageOrBuild(Check):
    code = "CC215"
    name = "missing-image-or-build"
    summary = "a service with neither an image nor a build (nor a provider)"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports an enabled service that sets neither `image` nor `build` (nor a "
            "`provider`), after overrides, `extends` and profiles are applied. The "
            "finding sits on the service's name."
        ),
        why=(
            "Docker Compose refuses the whole project (`has neither an image nor a build "
            "context specified`): there is nothing to run. The usual causes are an "
            "override file whose service name is misspelt, so that it defines a new, "
            "empty service instead of adjusting one, and an `!reset` that removed the "
            "image."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "  worker:\n"
            "    environment:\n"
            "      QUEUE: default\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "  worker:\n"
            "    image: ghcr.io/acme/worker:2.1.0\n"
            "    environment:\n"
            "      QUEUE: default\n"
        ),
        options=(
            "None. The loader reports this finding with the other consistency rules "
            "Compose applies, so the check itself runs no rule."
        ),
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        # Reported by the loader (composecheck.load.normalize, consistency).
        return ()

"""CC207 undefined-volume: a service mounts a named volume the stack does not declare."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap


class UndefinedVolume(Check):
    code = "CC207"
    name = "undefined-volume"
    summary = "a service mounts a named volume that is not declared under top-level volumes"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds mounts of type `volume` with a source (in short syntax, `NAME:/path` where "
            "NAME is not a path) whose source the top-level `volumes` section does not "
            "declare. Anonymous volumes (`/path` alone) and bind mounts are not concerned. "
            "Services the active profiles leave out are checked too."
        ),
        why=(
            "Docker Compose refuses the whole project (`refers to undefined volume`). A "
            "frequent cause is a bind mount written without `./`: `data:/var/lib/data` is "
            "a named volume called `data`, not the folder next to the compose file."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pgdata:/var/lib/postgresql/data\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pgdata:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  pgdata:\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        declared = sorted(ctx.resources("volumes"))
        services = {**ctx.disabled_services(), **ctx.services()}
        for name in sorted(services):
            volumes = services[name].get("volumes")
            if not isinstance(volumes, YList):
                continue
            for index, volume in iter_list(volumes):
                if not isinstance(volume, YMap) or volume.get("type") != "volume":
                    continue
                source = volume.get("source")
                if not source or source in declared:
                    continue
                yield ctx.finding(
                    self,
                    f'service "{name}" mounts undefined volume "{source}"',
                    _hint(str(source), declared, ctx.loaded.working_dir),
                    # The source itself: in long syntax its own line, in short the string.
                    loc=volume.vlocs.get("source") or volumes.vloc(index),
                    service=name,
                )


def _hint(source: str, declared: list[str], working_dir: str) -> str:
    declare = f"declare it under top-level `volumes:` (`{source}:`)"
    close = difflib.get_close_matches(source, declared, n=1)
    if close:
        return f"did you mean '{close[0]}'? Otherwise {declare}"
    if os.path.exists(os.path.join(working_dir, source)):
        return f"to mount the folder next to the compose file, write `./{source}`; or {declare}"
    return declare

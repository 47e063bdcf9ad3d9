"""CC204 inactive-dependency: a required dependency that the active profiles leave out."""

from __future__ import annotations

from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YMap
from composecheck.location import Loc


class InactiveDependency(Check):
    code = "CC204"
    name = "inactive-dependency"
    summary = "a required depends_on target exists but the active profiles leave it out"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds enabled services whose required dependency (`depends_on` with "
            "`required: true`, the default, or an implicit one from `links`, "
            "`volumes_from` or a `service:` mode) is a service the active profiles leave "
            "out. Dependencies marked `required: false` are skipped: Compose ignores them "
            "when the target is not there."
        ),
        why=(
            "`docker compose up` refuses the project (`depends on undefined service`) "
            "unless the dependency's profile is active, which is easy to miss when the "
            "profile comes from `COMPOSE_PROFILES` in one shell and not in another."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: example/web:1.4\n"
            "    depends_on: [mailcatcher]\n"
            "  mailcatcher:\n"
            "    image: schickling/mailcatcher:0.10\n"
            "    profiles: [debug]\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: example/web:1.4\n"
            "    depends_on:\n"
            "      mailcatcher:\n"
            "        condition: service_started\n"
            "        required: false\n"
            "  mailcatcher:\n"
            "    image: schickling/mailcatcher:0.10\n"
            "    profiles: [debug]\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        disabled = ctx.disabled_services()
        active = sorted(ctx.loaded.profiles)
        for name, service in sorted(ctx.services().items()):
            deps = service.get("depends_on")
            if not isinstance(deps, YMap):
                continue
            for dep in sorted(deps):
                target = disabled.get(dep)
                if target is None:
                    continue
                entry = deps[dep]
                if isinstance(entry, YMap) and entry.get("required", True) is False:
                    continue
                wanted = [str(p) for _, p in iter_list(target.get("profiles"))]
                related: list[tuple[Loc | None, str]] = [
                    (target.vloc("profiles"), f'"{dep}" is enabled only by these profiles')
                ]
                yield ctx.finding(
                    self,
                    f'service "{name}" depends on "{dep}", which the active profiles leave out '
                    f"({_profiles_text(wanted, active)})",
                    _hint(dep, wanted),
                    loc=deps.kloc(dep),
                    service=name,
                    related=related,
                )


def _profiles_text(wanted: list[str], active: list[str]) -> str:
    needs = ", ".join(f'"{p}"' for p in wanted)
    now = ", ".join(f'"{p}"' for p in active) if active else "none"
    which = "one of the profiles" if len(wanted) > 1 else "profile"
    return f"it needs {which} {needs}; active profiles: {now}"


def _hint(dep: str, wanted: list[str]) -> str:
    first = wanted[0] if wanted else "PROFILE"
    return (
        f"activate it (--profile {first} or COMPOSE_PROFILES={first}), drop the profiles of "
        f'"{dep}", or make the dependency optional with `required: false`'
    )

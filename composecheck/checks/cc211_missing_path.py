"""CC211 missing-path: a file or folder the stack needs that is not there."""

from __future__ import annotations

import os
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.checks._runtime import display
from composecheck.findings import Finding, Severity
from composecheck.load.tree import Path, YMap
from composecheck.location import Loc

# Build contexts Docker fetches instead of reading from disk.
_REMOTE_PREFIXES = ("http://", "https://", "git://", "git@", "github.com/", "ssh://")


def _remote(context: str) -> bool:
    return context.startswith(_REMOTE_PREFIXES) or "://" in context


class MissingPath(Check):
    code = "CC211"
    name = "missing-path"
    summary = "a secret or config file, build context, Dockerfile or bind-mount source is missing"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Finds paths that do not exist: the `file` of a secret or config, a local build "
            "context, additional build context or Dockerfile (relative to its context; "
            "skipped with `dockerfile_inline` and remote contexts), and bind-mount sources. "
            "A missing bind-mount source is a warning when Compose would create it (the "
            "short syntax, or `bind.create_host_path: true`) and an error otherwise. Secret, "
            "config and bind-mount paths outside the project's folder (and its parent) are "
            "host paths such as `/var/run/docker.sock`: they are not checked, because the "
            "machine running composecheck is rarely the host."
        ),
        why=(
            "`docker compose config` does not look at the disk, so these mistakes surface "
            "only at `up` or `build`, often on the deploy host. A bind mount whose source is "
            "missing is worse: Compose creates an empty folder owned by root in its place, "
            "and the container starts without its data or configuration."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets: [db_password]\n"
            "secrets:\n"
            "  db_password:\n"
            "    file: ./secrets/db_password.txt\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets: [db_password]\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        services = ctx.services()
        for name, service in sorted(services.items()):
            yield from self._build(ctx, name, service)
            yield from self._binds(ctx, name, service)
        yield from self._files(ctx, services)

    def _build(self, ctx: Context, name: str, service: YMap) -> Iterator[Finding]:
        build = service.get("build")
        if not isinstance(build, YMap):
            return
        base: Path = ("services", name, "build")
        context = build.get("context")
        if not isinstance(context, str) or not context or _remote(context):
            return  # (an empty context is Compose's: left empty, never resolved)
        if not os.path.isdir(context):
            yield ctx.finding(
                self,
                f'service "{name}" builds from {display(ctx, context)}, which '
                + ("is not a folder" if os.path.exists(context) else "does not exist"),
                "fix build.context: it is relative to the compose file that sets it",
                path=(*base, "context"),
                service=name,
            )
            return
        dockerfile = build.get("dockerfile")
        if isinstance(dockerfile, str) and dockerfile and not build.get("dockerfile_inline"):
            full = os.path.normpath(os.path.join(context, dockerfile))
            if not os.path.isfile(full):
                yield ctx.finding(
                    self,
                    f'service "{name}" builds with Dockerfile {dockerfile}, which does not '
                    f"exist in {display(ctx, context)}",
                    "build.dockerfile is relative to build.context, not to the compose file",
                    path=(*base, "dockerfile"),
                    service=name,
                )
        extra = build.get("additional_contexts")
        if isinstance(extra, YMap):
            for key, value in sorted(extra.items()):
                if (
                    isinstance(value, str)
                    and os.path.isabs(value)
                    and not _remote(value)
                    and not os.path.isdir(value)
                ):
                    yield ctx.finding(
                        self,
                        f'service "{name}" has additional build context "{key}" at '
                        f"{display(ctx, value)}, which does not exist",
                        "fix the path (relative to the compose file that sets it) or name "
                        "an image with docker-image://",
                        path=(*base, "additional_contexts", key),
                        service=name,
                    )

    def _binds(self, ctx: Context, name: str, service: YMap) -> Iterator[Finding]:
        for index, volume in iter_list(service.get("volumes")):
            if not isinstance(volume, YMap) or volume.get("type") != "bind":
                continue
            source = volume.get("source")
            path: Path = ("services", name, "volumes", index, "source")
            if not isinstance(source, str) or not os.path.isabs(source):
                continue
            if not _ours(ctx, source, ctx.locate(path)) or os.path.exists(source):
                continue
            bind = volume.get("bind")
            created = isinstance(bind, YMap) and bind.get("create_host_path") is True
            if created:
                yield ctx.finding(
                    self,
                    f'service "{name}" mounts {display(ctx, source)}, which does not exist: '
                    "Compose will create it as an empty folder",
                    "create it (or fix the path) before starting; an empty folder owned by "
                    "root hides the data or configuration the container expects",
                    path=path,
                    service=name,
                    severity=Severity.WARNING,
                )
            else:
                yield ctx.finding(
                    self,
                    f'service "{name}" mounts {display(ctx, source)}, which does not exist, '
                    "and Docker refuses to create the container",
                    "create it, fix the path, or set bind.create_host_path: true",
                    path=path,
                    service=name,
                )

    def _files(self, ctx: Context, services: dict[str, YMap]) -> Iterator[Finding]:
        disabled = ctx.disabled_services()
        for section, word in (("secrets", "secret"), ("configs", "config")):
            used = _users(services, section)
            only_disabled = _users(disabled, section) - used
            for key, value in sorted(ctx.resources(section).items()):
                if not isinstance(value, YMap) or key in only_disabled:
                    continue
                source = value.get("file")
                path: Path = (section, key, "file")
                if not isinstance(source, str) or not os.path.isabs(source):
                    continue
                if not _ours(ctx, source, ctx.locate(path)) or os.path.exists(source):
                    continue
                # The path only: a secret's content never appears in a finding.
                yield ctx.finding(
                    self,
                    f'{word} "{key}" reads {display(ctx, source)}, which does not exist',
                    f"create the file or fix the path; Compose stops at `up` when a {word} "
                    "file is missing",
                    path=path,
                )


def _users(services: dict[str, YMap], section: str) -> set[str]:
    names: set[str] = set()
    for service in services.values():
        for _, ref in iter_list(service.get(section)):
            source = ref.get("source") if isinstance(ref, YMap) else ref
            if isinstance(source, str):
                names.add(source)
    return names


def _ours(ctx: Context, path: str, loc: Loc | None) -> bool:
    """Whether ``path`` belongs to the project (checkable here) rather than to the host."""
    roots = {ctx.loaded.working_dir}
    if loc is not None:
        roots.add(os.path.dirname(loc.file))
    for root in list(roots):
        if root:
            roots.add(os.path.dirname(root))
    return any(root and os.path.commonpath([root, path]) == root for root in roots)

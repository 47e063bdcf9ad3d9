"""CC403 unpinned-image: an image without a version tag, or ``latest``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.location import Loc


class ImageRef(NamedTuple):
    name: str
    tag: str | None  # None: no tag written
    digest: str | None


def parse_image(ref: str) -> ImageRef:
    """Split ``registry:5000/name:tag@sha256:...`` (the registry port is not a tag)."""
    rest, _, digest = ref.partition("@")
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        return ImageRef(rest[:colon], rest[colon + 1 :], digest or None)
    return ImageRef(rest, None, digest or None)


class UnpinnedImage(Check):
    code = "CC403"
    name = "unpinned-image"
    summary = "an image with no tag or latest; in production, a tag not pinned by digest"
    severity = Severity.WARNING
    production_severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports a service `image` without a tag (`nginx`, which means "
            "`nginx:latest`) or tagged `latest`. In production environments it also "
            "reports, as info, an image pinned by tag but not by digest (`postgres:16.4` "
            "rather than `postgres:16.4@sha256:...`). A service with `build` names the "
            "image it builds with `image`: that name is reported only in production, "
            "and only when it has no version, because a digest cannot be known before "
            "the build."
        ),
        why=(
            "`latest` is whatever was pushed last: two hosts, or the same host a week "
            "apart, run different software from the same file, a redeploy silently "
            "upgrades a database across major versions, and a rollback has nothing to "
            "roll back to. A tag can be moved too; only a digest names one image."
        ),
        example=("services:\n  cache:\n    image: redis:latest\n"),
        use_instead=("services:\n  cache:\n    image: redis:7.4.1\n"),
        options=(
            "None. Severity is error in production environments and warning elsewhere; "
            "the digest finding is info, in production only."
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        for name, service in sorted(ctx.services().items()):
            image = service.get("image")
            if not isinstance(image, str) or not image:
                continue
            built = "build" in service
            ref = parse_image(image)
            if ref.digest:
                continue
            path = ("services", name, "image")
            if not ref.tag or ref.tag == "latest":
                if built and not ctx.production:
                    # Outside production the name only labels the local build.
                    continue
                written = ctx.locate(path)
                tag_from = _tag_origin(ctx, written) if ref.tag else None
                yield ctx.finding(
                    self,
                    _unpinned_message(name, image, ref),
                    _unpinned_hint(ref, built),
                    path=path if tag_from is None else None,
                    loc=tag_from,
                    service=name,
                    # The env file line wrote the tag: the fix is made there.
                    related=[] if tag_from is None else [(written, "used here")],
                )
            elif ctx.production and not built:
                yield ctx.finding(
                    self,
                    f'service "{name}" uses image "{image}", pinned by tag but not by '
                    "digest: the tag can be moved to a different image",
                    f"pin the digest as well: {image}@sha256:<digest> (`docker buildx "
                    f"imagetools inspect {image}` prints it)",
                    path=path,
                    service=name,
                    severity=Severity.INFO,
                )


# An image written as ``...:${TAG}``: the tag is one variable's value.
_VARIABLE_TAG = re.compile(r":\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^{}$]*)?\}|([A-Za-z_]\w*))$")


def _tag_origin(ctx: Context, written: Loc | None) -> Loc | None:
    """The env file line that wrote the tag, when the image's tag is one variable's
    value taken from an env file (``nginx:${TAG}``, ``TAG=latest`` in ``.env.prod``)."""
    template = ctx.loaded.environment.provenance.template(written)
    match = _VARIABLE_TAG.search(template.text or "") if template is not None else None
    if template is None or match is None:
        return None
    name = match.group(1) or match.group(2)
    if any(d.name == name and d.used for d in template.defaults):
        return None  # the default written in the compose file became the tag
    return ctx.loaded.environment.origin(name)


def _unpinned_message(service: str, image: str, ref: ImageRef) -> str:
    if ref.tag == "latest":
        return (
            f'service "{service}" uses image "{image}": the latest tag changes whenever a '
            "new version is pushed"
        )
    if ref.tag == "":
        return (
            f'service "{service}" uses image "{image}" with an empty tag: the variable '
            "meant to set it is probably not set"
        )
    return (
        f'service "{service}" uses image "{image}" with no tag: Docker pulls '
        f'"{image}:latest", which changes whenever a new version is pushed'
    )


def _unpinned_hint(ref: ImageRef, built: bool) -> str:
    if built:
        return (
            f"tag each build with its version ({ref.name}:1.4.2, or "
            f"{ref.name}:${{TAG:?}} set by the release), so production runs a known build"
        )
    return f"pin a version: {ref.name}:<version>, or a digest: {ref.name}:<version>@sha256:<digest>"

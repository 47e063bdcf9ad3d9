"""The per-document stages of each mode, behind one interface the pipeline sequences.

:func:`composecheck.load.pipeline.run_document` knows the order; a stage set knows, for
one document of one file, how its mode does each step. The typed mode works on
positioned trees (the model is ``None`` before the first document), the untyped mode on
Compose's plain intermediate model.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from composecheck.errors import InputError
from composecheck.load.canonical import canonical_file
from composecheck.load.context import Loader
from composecheck.load.extends import resolve_extends
from composecheck.load.include import apply_include
from composecheck.load.markers import holds_reset, resets_under_extends, strip_markers
from composecheck.load.structure import validate, validate_untyped, written_mappings
from composecheck.load.tree import Path, Reset, YMap
from composecheck.load.unicity import enforce_unicity
from composecheck.load.untyped import context as untyped
from composecheck.load.untyped import extends as untyped_extends
from composecheck.load.untyped import include as untyped_include
from composecheck.load.untyped.canonical import canonical_mapping, omit_empty
from composecheck.load.untyped.merge import merge_mappings
from composecheck.load.untyped.read import Doc, apply_resets
from composecheck.load.untyped.unicity import enforce_unicity as unique_untyped

Model = TypeVar("Model")
Document = TypeVar("Document", contravariant=True)


class DocumentStages(Protocol[Model, Document]):
    """One mode's way of doing each per-document step; the order is the pipeline's."""

    def interpolate(self, doc: Document) -> None: ...
    def extends(self, doc: Document) -> None: ...
    def reset(self, model: Model, doc: Document) -> None: ...
    def include(self, doc: Document) -> None: ...
    def merge(self, model: Model, doc: Document) -> Model: ...
    def unique(self, model: Model) -> Model: ...
    def check(self, model: Model) -> None: ...
    def canonical(self, model: Model) -> Model: ...


class TypedDocument:
    """A document of ``display`` in the typed mode."""

    def __init__(self, loader: Loader, display: str) -> None:
        self.loader = loader
        self.display = display
        #: Where each mapping of the document written as a mapping is (merged onto
        #: earlier documents, its check sees their canonical form, not what they wrote).
        self.written: set[tuple[Any, ...]] | None = None
        #: The `!reset` markers of services with `extends`, as written (see `reset`).
        self.resets: list[tuple[Path, Reset]] = []

    # Validating (problems that keep going), what a step cannot do is reported and the
    # document goes on as the step left it; rendering stops at the first problem.

    def interpolate(self, doc: YMap) -> None:
        try:
            self.loader.prepare(doc, self.display, self.loader.env)
        except InputError as exc:
            self.loader.env.problems.report(exc)

    def extends(self, doc: YMap) -> None:
        loader = self.loader
        self.resets = resets_under_extends(doc)
        try:
            resolve_extends(loader, doc, self.display, loader.env, loader.working_dir)
        except InputError as exc:
            loader.env.problems.report(exc)

    def reset(self, model: YMap | None, doc: YMap) -> None:
        # The typed merge applies `!reset`/`!override` itself, so that it can record
        # where each removal was written (checks report them); only the markers that
        # resolving `extends` consumed are applied here.
        consumed = [(path, mark) for path, mark in self.resets if not holds_reset(doc, path)]
        if model is not None and consumed:
            self.loader.merger.reset_paths(model, consumed)

    def include(self, doc: YMap) -> None:
        try:
            apply_include(self.loader, doc, self.display, self.loader.env)
        except InputError as exc:
            self.loader.env.problems.report(exc)

    def merge(self, model: YMap | None, doc: YMap) -> YMap | None:
        self.written = written_mappings(doc, model)
        if model is None:
            return strip_markers(doc)  # type: ignore[no-any-return]
        try:
            return self.loader.merger.merge_document(model, doc)  # type: ignore[no-any-return]
        except InputError as exc:
            # Validating: a document that cannot merge is left out.
            self.loader.env.problems.report(exc)
            return model

    def unique(self, model: YMap | None) -> YMap | None:
        return enforce_unicity(model, self.loader.env.problems) if model is not None else None

    def check(self, model: YMap | None) -> None:
        if model is not None:
            validate(model, self.display, self.loader.env.problems, written=self.written)

    def canonical(self, model: YMap | None) -> YMap | None:
        if model is None:
            return None
        return canonical_file(model, self.loader.env.problems, self.loader.env.warnings)


class UntypedDocument:
    """A document of ``filename`` in the untyped mode, in the load context ``ctx``."""

    def __init__(
        self,
        loader: untyped.Loader,
        filename: str,
        ctx: untyped.Context,
        tracker: untyped.Tracker,
        versions_warned: set[str],
    ) -> None:
        self.loader = loader
        self.filename = filename
        self.ctx = ctx
        self.tracker = tracker
        self.versions_warned = versions_warned

    def interpolate(self, doc: Doc) -> None:
        # This mode exists because Compose does not interpolate: nothing to do.
        return

    def extends(self, doc: Doc) -> None:
        if not self.ctx.skip_extends:
            untyped_extends.apply_extends(
                self.loader, doc.data, self.filename, self.ctx, self.tracker, [doc.resets]
            )

    def reset(self, model: dict[str, Any], doc: Doc) -> None:
        apply_resets(model, doc.resets)

    def include(self, doc: Doc) -> None:
        if not self.ctx.skip_include:
            self.ctx.included = [*self.ctx.included, self.filename]
            untyped_include.apply_include(self.loader, doc.data, self.ctx)

    def merge(self, model: dict[str, Any], doc: Doc) -> dict[str, Any]:
        return merge_mappings(model, doc.data, ())

    def unique(self, model: dict[str, Any]) -> dict[str, Any]:
        return unique_untyped(model)  # type: ignore[no-any-return]

    def check(self, model: dict[str, Any]) -> None:
        if self.ctx.skip_validation:
            return
        validate_untyped(model, self.filename)
        if "version" in model:
            if self.filename not in self.versions_warned:
                self.loader.warnings.append(
                    f"{self.filename}: the attribute `version` is obsolete, it will be "
                    "ignored, please remove it to avoid potential confusion"
                )
                self.versions_warned.add(self.filename)
            del model["version"]

    def canonical(self, model: dict[str, Any]) -> dict[str, Any]:
        return omit_empty(canonical_mapping(model, ()))  # type: ignore[no-any-return]


__all__ = ["DocumentStages", "TypedDocument", "UntypedDocument"]

"""The base of every model: unknown keys refused, ``x-*`` extensions kept apart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

_EXTENSIONS_KEY = "\x00x-extensions"  # never a key of a YAML document

__all__ = ["ClosedModel", "ComposeModel"]


# --------------------------------------------------------------------------------------
# Base model
# --------------------------------------------------------------------------------------


class ComposeModel(BaseModel):
    """Base of every model: unknown keys refused, ``x-*`` keys kept in ``extensions``."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    #: ``x-*`` keys found in this mapping (printed back in place by :meth:`to_dict`).
    extensions: dict[str, Any] = Field(
        default_factory=dict, validation_alias=_EXTENSIONS_KEY, exclude=True, repr=False
    )

    #: Whether this mapping may hold ``x-*`` keys (a few spec objects may not).
    allows_extensions: ClassVar[bool] = True
    #: Whether this model is a document root (its extensions are kept by ``"top"``).
    is_root: ClassVar[bool] = False

    @model_validator(mode="before")
    @classmethod
    def _split_extensions(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or not cls.allows_extensions:
            return data
        ext = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith("x-")}
        if not ext:
            return data
        rest = {k: v for k, v in data.items() if k not in ext}
        rest[_EXTENSIONS_KEY] = ext
        return rest

    @model_serializer(mode="wrap")
    def _join_extensions(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        out = handler(self)
        if self.extensions and isinstance(out, dict):
            context = info.context if isinstance(info.context, Mapping) else {}
            which = context.get("extensions", "all")
            if which == "all" or (which == "top" and self.is_root):
                out.update(self.extensions)
        return out

    @classmethod
    def keys(cls) -> list[str]:
        """The keys this mapping accepts, spelled as in the specification."""
        return [
            info.alias or name for name, info in cls.model_fields.items() if name != "extensions"
        ]

    def to_dict(self, *, extensions: Literal["all", "top", "none"] = "all") -> dict[str, Any]:
        """The canonical JSON-compatible form: what was set, units printed as text.

        ``extensions="top"`` keeps only the document's top-level ``x-*`` keys, as
        ``docker compose config --format json`` does.
        """
        result: dict[str, Any] = self.model_dump(
            mode="json", by_alias=True, exclude_unset=True, context={"extensions": extensions}
        )
        return result


class ClosedModel(ComposeModel):
    """A spec object that does not accept ``x-*`` keys."""

    allows_extensions: ClassVar[bool] = False

"""Interpolate every string value of a file's tree, then cast typed fields.

The string-level work is :func:`composecheck.load.interpolate.interpolate`; this module
walks the tree, builds Compose's error texts from the path, records which ``.env`` line
fed a value, and applies the type casts Compose performs after interpolation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composecheck.errors import INTERPOLATION, InputError
from composecheck.gocompat.quote import go_quote
from composecheck.load.environment import Environment, Notice
from composecheck.load.limits import MAX_INTERPOLATED_CHARS
from composecheck.load.tree import Document, Override, Path, YList, YMap, dotted
from composecheck.location import Loc

_BOOL = "bool"

# Paths below services.<name> whose strings Compose casts after interpolation.
_SERVICE_CASTS: dict[tuple[str, ...], str] = {
    ("deploy", "replicas"): "int",
    ("deploy", "update_config", "parallelism"): "int",
    ("deploy", "rollback_config", "parallelism"): "int",
    ("deploy", "restart_policy", "max_attempts"): "int",
    ("deploy", "placement", "max_replicas_per_node"): "int",
    ("deploy", "update_config", "max_failure_ratio"): "float64",
    ("deploy", "rollback_config", "max_failure_ratio"): "float64",
    ("healthcheck", "retries"): "int",
    ("ports", "[]", "target"): "int",
    ("scale",): "int",
    ("ulimits", "*"): "int",
    ("ulimits", "*", "soft"): "int",
    ("ulimits", "*", "hard"): "int",
    ("cpu_count",): "int64",
    ("cpu_period",): "int64",
    ("cpu_quota",): "int64",
    ("cpu_rt_period",): "int64",
    ("cpu_rt_runtime",): "int64",
    ("cpu_shares",): "int64",
    ("oom_score_adj",): "int64",
    ("pids_limit",): "int64",
    ("cpu_percent",): "float64",
    ("cpus",): "float32",
    ("init",): _BOOL,
    ("privileged",): _BOOL,
    ("read_only",): _BOOL,
    ("stdin_open",): _BOOL,
    ("tty",): _BOOL,
    ("oom_kill_disable",): _BOOL,
    ("healthcheck", "disable"): _BOOL,
    ("volumes", "[]", "read_only"): _BOOL,
    ("volumes", "[]", "volume", "nocopy"): _BOOL,
}
_RESOURCE_CASTS: dict[tuple[str, str], str] = {
    ("networks", "external"): _BOOL,
    ("networks", "internal"): _BOOL,
    ("networks", "attachable"): _BOOL,
    ("networks", "enable_ipv4"): _BOOL,
    ("networks", "enable_ipv6"): _BOOL,
    ("volumes", "external"): _BOOL,
    ("secrets", "external"): _BOOL,
    ("configs", "external"): _BOOL,
}
#: A value a failed cast leaves out (validating only).
_DROP = object()
_YAML11_BOOLS = {"y": True, "yes": True, "on": True, "n": False, "no": False, "off": False}


_CAST_LEAVES = frozenset(
    [k[-1] for k in _SERVICE_CASTS if k[-1] != "*"] + [k[1] for k in _RESOURCE_CASTS]
)


def _cast_kind(path: Path) -> str | None:
    last = path[-1] if path else None
    if last not in _CAST_LEAVES and not (len(path) > 3 and path[2] == "ulimits"):
        return None
    if len(path) >= 3 and path[0] == "services":
        rest = tuple("[]" if isinstance(p, int) else p for p in path[2:])
        if rest and rest[0] == "ulimits" and len(rest) >= 2:
            rest = ("ulimits", "*", *rest[2:])
        return _SERVICE_CASTS.get(rest)
    if len(path) == 3 and isinstance(path[0], str) and isinstance(path[2], str):
        return _RESOURCE_CASTS.get((path[0], path[2]))
    return None


def cast(text: str, kind: str, warn: Callable[[str], None]) -> Any:
    """Cast a string at a typed path the way Compose does; ValueError with Go's text.

    ``kind`` is the Go type Compose casts to (``int``, ``int64``, ``float32``,
    ``float64``) or ``bool``.
    """
    if kind != _BOOL:
        from composecheck.gocompat.gotypes import cast_string

        return cast_string(text, kind)
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in _YAML11_BOOLS:
        meant = "true" if _YAML11_BOOLS[lowered] else "false"
        warn(f"{go_quote(text)} for boolean is not supported by YAML 1.2, please use `{meant}`")
        return _YAML11_BOOLS[lowered]
    raise ValueError(f"invalid boolean: {text}")


class _Expander:
    def __init__(self, env: Environment, interpolate: bool) -> None:
        from composecheck.load.interpolate import interpolate as substitute
        from composecheck.load.provenance import template

        self.env = env
        self.substitute = substitute
        self.template = template
        record = env.provenance
        self.templates = record.templates if record.enabled else None
        self.do_interpolate = interpolate
        self.errors: list[InputError] = []
        #: Characters variables added so far (bounded by MAX_INTERPOLATED_CHARS).
        self.interpolated = 0

    def warn(self, message: str) -> None:
        self.env.warnings.append(message)

    def string(self, value: str, path: Path, loc: Loc | None = None) -> tuple[Any, Any]:
        """(new value, origin of the variable that fed it or None)."""
        origin = None
        if self.do_interpolate and "$" in value:
            from composecheck.load.interpolate import (
                InterpolationLimitError,
                InterpolationSyntaxError,
                MissingVariableError,
                unset_warning,
            )

            try:
                result, refs = self.substitute(value, self.env.get)
                self.interpolated += max(0, len(result) - len(value))
                if self.interpolated > MAX_INTERPOLATED_CHARS:
                    raise InterpolationLimitError(
                        f"variables add more than {MAX_INTERPOLATED_CHARS} characters "
                        "to the document"
                    )
            except InterpolationLimitError as exc:
                raise InputError(
                    f"error while interpolating {dotted(path)}: {exc}",
                    loc,
                    hint="composecheck refuses interpolation this large or this deep; "
                    "write the value out, or nest fewer ${...} defaults",
                    code=INTERPOLATION,
                ) from None
            except InterpolationSyntaxError as exc:
                raise InputError(
                    exc.format(dotted(path)),
                    loc,
                    hint="write $$ for a literal $, and ${NAME}, ${NAME:-default} or "
                    "${NAME:?message} for a variable",
                    code=INTERPOLATION,
                ) from None
            except MissingVariableError as exc:
                raise InputError(
                    f"error while interpolating {dotted(path)}: {exc}",
                    loc,
                    hint=f"set {exc.name} in the shell or in an env file",
                    code=INTERPOLATION,
                ) from None
            if loc is not None and self.templates is not None:
                # What was written, for checks that report a default or the variable
                # behind a value (keyed by position: values move, positions do not).
                self.templates[(loc.file, loc.line, loc.col)] = self.template(value, refs)
            # One warning and one notice per reference, as Compose warns; their texts
            # are shared, so that a value of a million references costs no gigabyte.
            warned: dict[str, tuple[str, Notice]] = {}
            for ref in refs:
                if ref.warn:
                    shared = warned.get(ref.name)
                    if shared is None:
                        notice = Notice("unset-variable", ref.name, loc, dotted(path))
                        shared = warned[ref.name] = (unset_warning(ref.name), notice)
                    self.warn(shared[0])
                    self.env.notices.append(shared[1])
                if origin is None and ref.value is not None:
                    origin = self.env.origin(ref.name)
                    if origin is not None and result == ref.value and len(refs) == 1:
                        origin = origin._replace(entire=True)
            value = result
        kind = _cast_kind(path)
        if kind is not None:
            try:
                return cast(value, kind, self.warn), origin
            except ValueError as exc:
                raise InputError(
                    f"error while interpolating {dotted(path)}: failed to cast to expected "
                    f"type: {exc}",
                    loc.with_origin(origin) if loc is not None else None,
                ) from None
        return value, origin

    def guarded(self, value: str, path: Path, loc: Loc | None) -> tuple[Any, Any]:
        """:meth:`string`, but an error is kept, so that one pass reports every bad
        value of the file. The value is left as written; when validating goes on, a
        failed substitution counts as empty and a failed cast drops the value."""
        try:
            return self.string(value, path, loc)
        except InputError as exc:
            self.errors.append(_masked(exc, path, value))
            if not self.env.problems.keep_going:
                return value, None
            if len(path) > 2 and path[0] == "services":
                # Not blamed again for what the failed value leaves empty (its image).
                self.env.problems.incomplete.add(str(path[1]))
            return ("" if exc.code == INTERPOLATION else _DROP), None

    def node(self, node: Any, path: Path) -> Any:
        if isinstance(node, YMap):
            vlocs = node.vlocs
            dropped: list[str] = []
            for key, value in node.items():
                sub = (*path, key)
                if isinstance(value, str):
                    new, origin = self.guarded(value, sub, vlocs.get(key))
                    if new is _DROP:
                        dropped.append(key)
                    elif new is not value:
                        node[key] = new
                    if origin is not None and key in vlocs:
                        vlocs[key] = vlocs[key].with_origin(origin)
                elif isinstance(value, (YMap, YList, Override)):
                    self.node(value, sub)
            for key in dropped:
                node.drop(key)
        elif isinstance(node, YList):
            gone: list[int] = []
            for index, value in enumerate(node):
                sub = (*path, index)
                if isinstance(value, str):
                    new, origin = self.guarded(value, sub, node.vloc(index))
                    if new is _DROP:
                        gone.append(index)
                    elif new is not value:
                        node[index] = new
                    loc = node.vlocs[index]
                    if origin is not None and loc is not None:
                        node.vlocs[index] = loc.with_origin(origin)
                elif isinstance(value, (YMap, YList, Override)):
                    self.node(value, sub)
            for index in reversed(gone):
                node.remove_at(index)
        elif isinstance(node, Override):
            if isinstance(node.value, str):
                new = self.guarded(node.value, path, node.loc)[0]
                node.value = None if new is _DROP else new
            else:
                self.node(node.value, path)
        return node


def _masked(exc: InputError, path: Path, value: str) -> InputError:
    """The error, without the value itself when it sits under a credential-like key:
    error messages end up in CI logs."""
    key = path[-1] if path and isinstance(path[-1], str) else None
    if key is None and len(path) >= 2 and isinstance(path[-2], str):
        key = path[-2]
    from composecheck.secrets import classify, key_info, mask

    name = key.split("=", 1)[0] if key else None
    verdict = classify(name, value)
    sensitive = (
        (name is not None and key_info(name).credential)
        or (verdict is not None and verdict.kind == "secret")
        or ("://" in value and "@" in value)  # a URL that may carry user:password@
    )
    if value and sensitive and value in exc.message:
        exc.message = exc.message.replace(value, mask(value))
    return exc


def expand(tree: YMap, env: Environment, *, interpolate: bool = True) -> YMap:
    """Interpolate (unless told not to) and cast ``tree`` in place; warnings go to ``env``."""
    if isinstance(tree, Document) and tree.layouts and env.provenance.enabled:
        # The reader's record of multi-line scalars joins the load's (see Document).
        env.provenance.layouts.update(tree.layouts)
        tree.layouts = {}
    expander = _Expander(env, interpolate)
    expander.node(tree, ())
    if expander.errors:
        if env.problems.keep_going:
            for error in expander.errors:
                env.problems.report(error)
        else:
            # Compose reports the first.
            raise expander.errors[0]
    return tree

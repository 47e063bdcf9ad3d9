"""Printing the untyped model as ``config --no-interpolate`` does: keys sorted, Go's encoders.

The model comes from the pipeline's untyped mode (:mod:`composecheck.load.untyped`).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from typing import Any

from composecheck.errors import InputError
from composecheck.gocompat.gojson import dumps_json
from composecheck.gocompat.maporder import sorted_keys
from composecheck.gocompat.yaml_emit import dump
from composecheck.load.tree import Timestamp, YMap
from composecheck.load.untyped.gocompat import NilList, go_time
from composecheck.load.untyped.locate import locate_path


class _Unsupported(Exception):
    def __init__(self, shown: str, path: tuple[str, ...]) -> None:
        super().__init__(shown)
        self.path = path


def _sorted_tree(
    value: Any, yaml_order: bool, times: dict[str, str], path: tuple[str, ...] = ()
) -> Any:
    if isinstance(value, dict):
        if yaml_order:
            keys = sorted_keys(value, False)
        else:
            keys = sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass"))
        return {k: _sorted_tree(value[k], yaml_order, times, (*path, k)) for k in keys}
    if isinstance(value, NilList):
        return [] if yaml_order else None
    if isinstance(value, list):
        return [_sorted_tree(v, yaml_order, times, (*path, str(i))) for i, v in enumerate(value)]
    if not yaml_order and isinstance(value, float) and not math.isfinite(value):
        shown = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
        raise _Unsupported(shown, path)
    if isinstance(value, Timestamp):
        moment = go_time(value)
        if moment is None:
            return str(value)
        if not yaml_order:
            return moment[0]
        # go-yaml writes a time.Time plain, where a string with the same text would be
        # quoted: a placeholder the emitter leaves plain is swapped for it afterwards.
        token = f"composecheck-time-{uuid.uuid4().hex}"
        times[token] = moment[0]
        return token
    return value


def render_untyped(model: dict[str, Any], fmt: str, trees: Sequence[YMap] = ()) -> str:
    """The model as ``config --no-interpolate`` prints it: ``json`` or ``yaml``.

    Raises :class:`InputError` where Go's encoder refuses (NaN or infinities in JSON),
    located in ``trees`` (the documents read) where the value was written.
    """
    times: dict[str, str] = {}
    if fmt == "json":
        try:
            return dumps_json(_sorted_tree(model, False, times))
        except _Unsupported as exc:
            where = locate_path(list(exc.path), trees)
            raise InputError(f"json: unsupported value: {exc}", where) from None
    text = dump(_sorted_tree(model, True, times))
    for token, moment in times.items():
        text = text.replace(token, moment)
    return text


__all__ = ["render_untyped"]

"""The YAML parser's events: libyaml's C parser, or ruamel's own where libyaml refuses
what go-yaml reads (``a:b`` inside ``[...]``) or ruamel.yaml.clib is missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def c_events(data: bytes) -> Iterator[Any]:
    from _ruamel_yaml import CParser

    parser = CParser(data)
    while parser.check_event():
        yield parser.get_event()


def pure_events(data: bytes) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).parse(data)

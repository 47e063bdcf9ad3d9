"""What the rules share: the sections of the model, and a did-you-mean hint."""

from __future__ import annotations

from collections.abc import Iterable

from composecheck.load.tree import YMap


def services_of(model: YMap) -> YMap:
    services = model.get("services")
    return services if isinstance(services, YMap) else YMap()


def declared(model: YMap, section: str) -> YMap:
    found = model.get(section)
    return found if isinstance(found, YMap) else YMap()


def did_you_mean(name: str, known: Iterable[str], otherwise: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"did you mean '{close[0]}'? Otherwise {otherwise}" if close else otherwise

"""What a configuration says about the checks: the checks it names (select, ignore,
severity, per-check options) must exist, and per-check options must be the check's own.

Needs the check registry; ``render`` never comes here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from composecheck.errors import InputError
from composecheck.settings.toml import locate, table_prefix
from composecheck.settings.validation import config_error

if TYPE_CHECKING:
    from composecheck.settings import Settings
    from composecheck.settings.model import ConfigTable


def check_options(path: str, table: ConfigTable) -> dict[str, dict[str, Any]]:
    """Codes and names must name checks; per-check options must be the check's own.
    Returns the options, validated, by check code."""
    import difflib

    from pydantic import ValidationError

    from composecheck.checks import find, registry
    from composecheck.checks.match import match_rule
    from composecheck.settings.model import options_model

    checks = list(registry().values())
    names = [c.code for c in checks] + [c.name for c in checks]
    prefix = table_prefix(path)

    def known(item: str, keys: tuple[str, ...]) -> None:
        if any(match_rule(item, c.code, c.name) for c in checks):
            return
        close = difflib.get_close_matches(item.lower(), [n.lower() for n in names], n=1)
        raise InputError(
            f"{'.'.join((*prefix, *keys))}: no check is called {item!r}",
            locate(path, (*prefix, *keys)),
            hint=f"did you mean '{close[0].upper() if close[0].startswith('cc') else close[0]}'?"
            if close
            else "`composecheck rules` lists the checks",
        )

    scopes: list[tuple[tuple[str, ...], Any]] = [((), table)]
    scopes += [(("environments", n), e) for n, e in table.environments.items()]
    for keys, scope in scopes:
        for item in scope.select or ():
            known(item, (*keys, "select"))
        for item in scope.ignore:
            known(item, (*keys, "ignore"))
        for item in scope.severity:
            known(item, (*keys, "severity", item))
    options: dict[str, dict[str, Any]] = {}
    for key, values in table.checks.items():
        check = find(key)
        if check is None:
            known(key, ("checks", key))
            raise InputError(  # a code prefix names no single check
                f"{'.'.join((*prefix, 'checks', key))}: name one check, not a prefix",
                locate(path, (*prefix, "checks", key)),
            )
        if not check.options_spec:
            raise InputError(
                f"{check.code} {check.name} has no options",
                locate(path, (*prefix, "checks", key)),
                hint="`composecheck explain CODE` lists a check's options",
            )
        model = options_model(check.code, check.options_spec)
        try:
            parsed = model.model_validate(values)
        except ValidationError as exc:
            errors = [config_error(path, e, model, ("checks", key)) for e in exc.errors()]
            errors[0].others = errors[1:]
            raise errors[0] from None
        options.setdefault(check.code, {}).update(parsed.model_dump())
    return options


def effective(settings: Settings) -> dict[str, Any]:
    """The configuration in force: every key, defaults filled in, per-check options of
    every check that has any."""
    from composecheck.checks import registry
    from composecheck.settings.model import ConfigTable, options_model

    table = ConfigTable.model_validate(settings.table).model_dump(by_alias=True)
    table["fail-on"] = table["fail-on"] or "error"
    checks: dict[str, Any] = {}
    for check in registry().values():
        if check.options_spec:
            model = options_model(check.code, check.options_spec)
            checks[check.code] = model.model_validate(settings.options(check.code)).model_dump(
                by_alias=True
            )
    table["checks"] = checks
    out: dict[str, Any] = _drop_none(table)
    return out


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value

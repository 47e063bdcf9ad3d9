"""The shape of composecheck's configuration, as pydantic models.

Imported only when a configuration file exists (pydantic costs ~50 ms to import) and
by the schema generator: ``python -m composecheck.settings.model > schemas/config.schema.json``.
Keys are kebab-case, like ruff's; the snake_case spelling of a key is accepted too.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model, field_validator

SeverityName = Literal["error", "warning", "info"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _listify(value: Any) -> Any:
    """A single string where a list is expected: the list of that string."""
    return [value] if isinstance(value, str) else value


Strings = Annotated[list[str], BeforeValidator(_listify, json_schema_input_type=str | list[str])]


class _Table(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        alias_generator=_kebab,
        populate_by_name=True,
        frozen=True,
        strict=True,
    )


class SecretsTable(_Table):
    """Values CC401/CC402 accept: by key, or by the sha256 of the value."""

    keys: Strings = Field(
        default_factory=list, description="Keys whose values are accepted (e.g. DEMO_TOKEN)."
    )
    sha256: Strings = Field(
        default_factory=list,
        description="sha256 hex digests of accepted values: `printf %s VALUE | sha256sum`.",
    )

    @field_validator("sha256")
    @classmethod
    def _digests(cls, value: list[str]) -> list[str]:
        for digest in value:
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest.lower()):
                raise ValueError(
                    f"{digest[:12]}... is not a sha256 hex digest (printf %s VALUE | sha256sum)"
                )
        return [d.lower() for d in value]


class EnvironmentTable(_Table):
    """``[environments.NAME]``: what ``--env NAME`` loads, and its policy."""

    files: Strings = Field(
        default_factory=list,
        description="Compose files, in order (default: the base files + compose.NAME.yaml).",
    )
    env_files: Strings | None = Field(
        None, description="Env files, like --env-file (default: .env and .env.NAME)."
    )
    profiles: Strings | None = Field(None, description="Profiles to enable.")
    project_name: str | None = Field(None, description="Project name, like -p.")
    project_directory: str | None = Field(
        None, description="Project directory, like --project-directory."
    )
    production: bool | None = Field(
        None,
        description="Run the production checks (default: true for prod, production, staging).",
    )
    select: Strings | None = Field(
        None, description="Checks to run in this environment (replaces the top-level select)."
    )
    ignore: Strings = Field(
        default_factory=list, description="Checks to skip in this environment (added)."
    )
    severity: dict[str, SeverityName] = Field(
        default_factory=dict, description="Severity per check code or name, in this environment."
    )


class ConfigTable(_Table):
    """``[tool.composecheck]`` in pyproject.toml, or the whole of .composecheck.toml."""

    select: Strings | None = Field(
        None, description="Checks to run: codes, names or code prefixes (default: all)."
    )
    ignore: Strings = Field(default_factory=list, description="Checks to skip.")
    severity: dict[str, SeverityName] = Field(
        default_factory=dict, description="Severity per check code, name or code prefix."
    )
    fail_on: SeverityName | None = Field(
        None, description="Lowest severity that fails the run (default: error)."
    )
    baseline: str | None = Field(
        None, description="Baseline file: findings in it are not reported."
    )
    environments: dict[str, EnvironmentTable] = Field(
        default_factory=dict, description="Named environments, for --env NAME."
    )
    secrets: SecretsTable = Field(default_factory=SecretsTable)
    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Options per check, by code or name: [checks.CC305] one-shot-services = [...]",
    )


def options_model(code: str, spec: dict[str, tuple[Any, Any, str]]) -> type[_Table]:
    """The model of one check's options, from what the check declares."""
    fields: dict[str, Any] = {
        name: (kind, Field(default, description=text))
        for name, (kind, default, text) in spec.items()
    }
    model: type[_Table] = create_model(f"{code}Options", __base__=_Table, **fields)
    return model


def _with_snake_case(schema: dict[str, Any]) -> dict[str, Any]:
    """Each kebab-case key also under its snake_case spelling, which the models accept."""
    tables = [schema, *schema.get("$defs", {}).values()]
    for table in tables:
        properties = table.get("properties", {})
        for key in list(properties):
            if "-" in key:
                properties[key.replace("-", "_")] = properties[key]
    return schema


def json_schema() -> dict[str, Any]:
    from composecheck.checks import registry

    schema = _with_snake_case(ConfigTable.model_json_schema(by_alias=True))
    checks: dict[str, Any] = {}
    for check in registry().values():
        if check.options_spec:
            option_schema = _with_snake_case(
                options_model(check.code, check.options_spec).model_json_schema(by_alias=True)
            )
            option_schema.pop("title", None)
            option_schema["description"] = f"{check.code} {check.name}"
            checks[check.code] = checks[check.name] = option_schema
    schema["properties"]["checks"] = {
        "type": "object",
        "description": schema["properties"]["checks"]["description"],
        "properties": checks,
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://composecheck.dev/schemas/config.schema.json",
        "title": "composecheck configuration",
        **{k: v for k, v in schema.items() if k != "title"},
    }


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(json_schema(), indent=2))

"""composecheck's own configuration, end to end through the command line.

Every key of ``[tool.composecheck]`` / ``.composecheck.toml`` takes effect on
``composecheck validate``; the command line and environments override it as documented;
every bad file exits 2 with located errors on stderr; ``composecheck config`` prints the
effective configuration (TOML, JSON, JSON Schema); the file is found from the working
directory upward.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from composecheck.cli import main
from composecheck.settings.model import json_schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "schemas" / "config.schema.json"

# A warning (CC403 unpinned-image) and an error (CC201 undefined-service).
WEB = "services:\n  web:\n    image: nginx:latest\n    depends_on: [db]\n"
# A stack with nothing to report outside production.
PINNED = "services:\n  web:\n    image: nginx:1.25\n"


def cc403(
    severity: str = "warning", envs: str = "default", where: str = "compose.yaml:3:12"
) -> str:
    return (
        f'{where}: CC403 {severity} service "web" uses image "nginx:latest": the latest '
        f"tag changes whenever a new version is pushed [{envs}]"
    )


def cc201(severity: str = "error", envs: str = "default", where: str = "compose.yaml:4:18") -> str:
    return (
        f'{where}: CC201 {severity} service "web" refers to undefined service "db" in '
        f"depends_on [{envs}]"
    )


CC403_HINT = "  hint: pin a version: nginx:<version>, or a digest: nginx:<version>@sha256:<digest>"
CC201_HINT = "  hint: define a service named 'db' or remove the reference"
SCHEMA_HINT = "  hint: `composecheck config --schema` prints what each key accepts"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in tmp_path, with no variable of the calling shell steering Compose or the
    report format."""
    monkeypatch.chdir(tmp_path)
    for name in (
        "COMPOSE_FILE",
        "COMPOSE_PROFILES",
        "COMPOSE_PROJECT_NAME",
        "COMPOSE_ENV_FILES",
        "COMPOSE_DISABLE_ENV_FILE",
        "COMPOSE_PATH_SEPARATOR",
        "GITHUB_ACTIONS",
        "CC_TEST_TAG",
    ):
        monkeypatch.delenv(name, raising=False)


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def validate(*args: str) -> tuple[int, list[str], str]:
    """(exit code, report lines without hints or blank lines, stderr) of ``validate``."""
    result = invoke("validate", "--format", "text", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    found = [
        line for line in result.stdout.splitlines() if line and not line.startswith("  hint: ")
    ]
    return result.exit_code, found, result.stderr


# -- each key takes effect ------------------------------------------------------------


def test_without_configuration_everything_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": WEB})
    result = invoke("validate", "--format", "text")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == "\n".join(
        [
            cc403(),
            CC403_HINT,
            cc201(),
            CC201_HINT,
            "",
            "Found 2 problems (1 error, 1 warning, 0 info).",
            "",
        ]
    )


@pytest.mark.parametrize(
    "select",
    ['["CC403"]', '"CC403"', '["unpinned-image"]', '["CC4"]', '["cc40"]', '["CC105", "CC403"]'],
)
def test_select(tmp_path: Path, select: str) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": f"select = {select}\n"})
    assert validate() == (
        0,
        [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."],
        "",
    )


def test_empty_select_runs_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": "select = []\n"})
    assert validate() == (0, ["No problems found."], "")


@pytest.mark.parametrize("ignore", ['["CC403"]', '"unpinned-image"', '["CC4", "CC105"]'])
def test_ignore(tmp_path: Path, ignore: str) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": f"ignore = {ignore}\n"})
    assert validate() == (
        1,
        [cc201(), "Found 1 problem (1 error, 0 warnings, 0 info)."],
        "",
    )


def test_select_and_ignore_together(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"compose.yaml": WEB, ".composecheck.toml": 'select = ["CC2", "CC4"]\nignore = ["CC2"]\n'},
    )
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")


@pytest.mark.parametrize(
    ("table", "level"),
    [
        ('CC403 = "error"', "error"),
        ('cc403 = "info"', "info"),
        ('unpinned-image = "info"', "info"),
        ('CC4 = "error"', "error"),
        ('CC40 = "info"', "info"),
        # An exact code or name beats a prefix, whatever the order in the table.
        ('CC4 = "error"\nCC403 = "info"', "info"),
        ('CC403 = "info"\nCC4 = "error"', "info"),
        ('CC4 = "error"\nunpinned-image = "info"', "info"),
        ('unpinned-image = "error"\nCC40 = "info"', "error"),
        # A longer prefix beats a shorter one, whatever the order.
        ('CC4 = "info"\nCC40 = "error"', "error"),
        ('CC40 = "error"\nCC4 = "info"', "error"),
        ('CC = "info"\nCC4 = "error"', "error"),
        # Keys that do not match leave the check's own severity.
        ('CC2 = "info"', "warning"),
    ],
)
def test_severity(tmp_path: Path, table: str, level: str) -> None:
    config = f'select = ["CC403"]\n\n[severity]\n{table}\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    summary = {
        "error": "Found 1 problem (1 error, 0 warnings, 0 info).",
        "warning": "Found 1 problem (0 errors, 1 warning, 0 info).",
        "info": "Found 1 problem (0 errors, 0 warnings, 1 info).",
    }[level]
    assert validate() == (1 if level == "error" else 0, [cc403(level), summary], "")


def test_severity_of_an_error_decides_the_exit_code(tmp_path: Path) -> None:
    config = '[severity]\nundefined-service = "warning"\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate() == (
        0,
        [cc403(), cc201("warning"), "Found 2 problems (0 errors, 2 warnings, 0 info)."],
        "",
    )


@pytest.mark.parametrize(
    ("config", "code"),
    [
        ("", 0),
        ('fail-on = "error"\n', 0),
        ('fail-on = "warning"\n', 1),
        ('fail-on = "info"\n', 1),
    ],
)
def test_fail_on_with_a_warning(tmp_path: Path, config: str, code: int) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": 'select = ["CC403"]\n' + config})
    assert validate() == (code, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")


@pytest.mark.parametrize(("fail_on", "code"), [("warning", 0), ("info", 1)])
def test_fail_on_with_an_info(tmp_path: Path, fail_on: str, code: int) -> None:
    config = f'select = ["CC403"]\nfail-on = "{fail_on}"\n\n[severity]\nCC403 = "info"\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate() == (
        code,
        [cc403("info"), "Found 1 problem (0 errors, 0 warnings, 1 info)."],
        "",
    )


def test_baseline(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": 'baseline = "ci/baseline.json"\n'})
    # Configured but not written yet: validate refuses to run without it.
    result = invoke("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"open {tmp_path}/ci/baseline.json: no such file or directory\n"
        "  hint: write one with `composecheck baseline`\n",
    )
    (tmp_path / "ci").mkdir()
    # `composecheck baseline` writes where the configuration says.
    result = invoke("baseline")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "2 findings written to ci/baseline.json\n",
        "",
    )
    recorded = json.loads((tmp_path / "ci" / "baseline.json").read_text())
    assert [(e["code"], e["service"]) for e in recorded["findings"]] == [
        ("CC201", "web"),
        ("CC403", "web"),
    ]
    assert not (tmp_path / ".composecheck-baseline.json").exists()
    result = invoke("validate", "--format", "text")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No problems found.\nNot reported: 2 in the baseline.\n",
        "",
    )
    # A new finding is reported; the baselined ones still are not.
    write(tmp_path, {"compose.yaml": WEB + "  api:\n    image: redis\n"})
    assert validate() == (
        0,
        [
            'compose.yaml:6:12: CC403 warning service "api" uses image "redis" with no tag: '
            'Docker pulls "redis:latest", which changes whenever a new version is pushed '
            "[default]",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
            "Not reported: 2 in the baseline.",
        ],
        "",
    )


ENV_CONFIG_STACK = "services:\n  web:\n    image: nginx:${CC_TEST_TAG:-1.25}\n"


def test_environment_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": PINNED,
            "deploy/ci.yaml": "services:\n  web:\n    depends_on: [db]\n",
            ".composecheck.toml": '[environments.ci]\nfiles = ["compose.yaml", "deploy/ci.yaml"]\n',
        },
    )
    assert validate() == (
        1,
        [
            cc201(envs="ci", where="deploy/ci.yaml:3:18"),
            "Found 1 problem (1 error, 0 warnings, 0 info).",
        ],
        "",
    )


def test_environment_env_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": ENV_CONFIG_STACK,
            "deploy/ci.env": "CC_TEST_TAG=latest\n",
            # The convention's .env.ci is not read when env-files are configured.
            ".env.ci": "CC_TEST_TAG=1.26\n",
            ".composecheck.toml": '[environments.ci]\nenv-files = "deploy/ci.env"\n',
        },
    )
    assert validate() == (
        0,
        [
            cc403(envs="ci", where="deploy/ci.env:1:1"),
            "  compose.yaml:3:12: used here",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
        ],
        "",
    )


def test_environment_profiles(tmp_path: Path) -> None:
    stack = PINNED + "  debug:\n    image: busybox:latest\n    profiles: [debug]\n"
    write(
        tmp_path,
        {"compose.yaml": stack, ".composecheck.toml": '[environments.ci]\nprofiles = ["debug"]\n'},
    )
    assert validate() == (
        0,
        [
            'compose.yaml:5:12: CC403 warning service "debug" uses image "busybox:latest": the '
            "latest tag changes whenever a new version is pushed [ci]",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
        ],
        "",
    )


def test_environment_project_name(tmp_path: Path) -> None:
    # Compose sets COMPOSE_PROJECT_NAME for interpolation: the project name shows in the tag.
    stack = "services:\n  web:\n    image: nginx:${COMPOSE_PROJECT_NAME}\n"
    write(
        tmp_path,
        {
            "compose.yaml": stack,
            ".composecheck.toml": '[environments.ci]\nproject-name = "latest"\n',
        },
    )
    assert validate() == (
        0,
        [cc403(envs="ci"), "Found 1 problem (0 errors, 1 warning, 0 info)."],
        "",
    )


def test_environment_project_directory(tmp_path: Path) -> None:
    # The project directory is where Compose reads .env from.
    write(
        tmp_path,
        {
            "compose.yaml": ENV_CONFIG_STACK,
            "deploy/.env": "CC_TEST_TAG=latest\n",
            ".composecheck.toml": '[environments.ci]\nproject-directory = "deploy"\n',
        },
    )
    assert validate() == (
        0,
        [
            cc403(envs="ci", where="deploy/.env:1:1"),
            "  compose.yaml:3:12: used here",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
        ],
        "",
    )


PRODUCTION_FINDINGS = [
    'compose.yaml:2:3: CC301 error service "web" has no memory limit [{env}]',
    'compose.yaml:2:3: CC302 warning service "web" has no CPU limit [{env}]',
    'compose.yaml:2:3: CC305 error service "web" has no restart policy, so it stays down after '
    "a crash or a reboot [{env}]",
    'compose.yaml:2:3: CC306 warning service "web" has no healthcheck [{env}]',
    'compose.yaml:3:12: CC403 info service "web" uses image "nginx:1.25", pinned by tag but not '
    "by digest: the tag can be moved to a different image [{env}]",
    "Found 5 problems (2 errors, 2 warnings, 1 info).",
]


def test_environment_production_true(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"compose.yaml": PINNED, ".composecheck.toml": "[environments.ci]\nproduction = true\n"},
    )
    assert validate() == (1, [line.format(env="ci") for line in PRODUCTION_FINDINGS], "")


@pytest.mark.parametrize(
    ("config", "code", "expected"),
    [
        # A configured environment called prod is a production one by default...
        ("[environments.prod]\n", 1, [line.format(env="prod") for line in PRODUCTION_FINDINGS]),
        # ...unless the configuration says it is not.
        ("[environments.prod]\nproduction = false\n", 0, ["No problems found."]),
    ],
)
def test_environment_production_false(
    tmp_path: Path, config: str, code: int, expected: list[str]
) -> None:
    write(tmp_path, {"compose.yaml": PINNED, ".composecheck.toml": config})
    assert validate() == (code, expected, "")


def test_environment_select_replaces_the_top_level_select(tmp_path: Path) -> None:
    config = 'select = ["CC201"]\n\n[environments.ci]\nselect = ["CC403"]\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate() == (
        1,
        [cc403(envs="ci"), cc201(envs="default"), "Found 2 problems (1 error, 1 warning, 0 info)."],
        "",
    )


def test_environment_ignore_adds_to_the_top_level_ignore(tmp_path: Path) -> None:
    config = 'ignore = ["CC201"]\n\n[environments.ci]\nignore = ["CC403"]\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")


def test_environment_severity_refines_the_top_level_severity(tmp_path: Path) -> None:
    config = (
        '[severity]\nCC4 = "error"\nCC201 = "info"\n\n'
        '[environments.ci.severity]\nunpinned-image = "info"\n'
    )
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate() == (
        1,
        [
            cc403("error"),
            cc403("info", envs="ci"),
            cc201("info", envs="default, ci"),
            "Found 3 problems (1 error, 0 warnings, 2 info).",
        ],
        "",
    )


def test_environment_severity_wins_over_a_closer_top_level_key(tmp_path: Path) -> None:
    # Later tables win: the environment's prefix beats the top level's exact code.
    config = '[severity]\nCC403 = "error"\n\n[environments.ci]\nseverity = { CC4 = "info" }\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": 'select = ["CC403"]\n' + config})
    assert validate() == (
        1,
        [
            cc403("error"),
            cc403("info", envs="ci"),
            "Found 2 problems (1 error, 0 warnings, 1 info).",
        ],
        "",
    )


SECRET_STACK = (
    "services:\n  db:\n    image: postgres:16\n    environment:\n"
    "      POSTGRES_PASSWORD: s3cr3t-Pa55word!x\n      API_TOKEN: tok-9f8e7d6c5b4a\n"
)
PASSWORD_FINDING = (
    "compose.yaml:5:26: CC401 error environment variable POSTGRES_PASSWORD of service "
    '"db" holds a high-entropy password (s3…(17 chars)) [default]'
)
TOKEN_FINDING = (
    'compose.yaml:6:18: CC401 error environment variable API_TOKEN of service "db" holds a '
    "high-entropy token (to…(16 chars)) [default]"
)


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ("", [PASSWORD_FINDING, TOKEN_FINDING, "Found 2 problems (2 errors, 0 warnings, 0 info)."]),
        (
            'keys = ["POSTGRES_PASSWORD"]',
            [TOKEN_FINDING, "Found 1 problem (1 error, 0 warnings, 0 info)."],
        ),
        (
            'keys = "API_TOKEN"',
            [PASSWORD_FINDING, "Found 1 problem (1 error, 0 warnings, 0 info)."],
        ),
        (
            'keys = ["POSTGRES_PASSWORD", "API_TOKEN"]',
            ["No problems found."],
        ),
    ],
)
def test_secrets_keys(tmp_path: Path, secrets: str, expected: list[str]) -> None:
    config = f'select = ["CC401"]\n\n[secrets]\n{secrets}\n'
    write(tmp_path, {"compose.yaml": SECRET_STACK, ".composecheck.toml": config})
    assert validate() == (1 if len(expected) > 1 else 0, expected, "")


@pytest.mark.parametrize("upper", [False, True])
def test_secrets_sha256(tmp_path: Path, upper: bool) -> None:
    digest = hashlib.sha256(b"s3cr3t-Pa55word!x").hexdigest()
    assert digest == "988d71fff5192c8e02f4e39b7def5f59df2435c3823388f289d457b392c69d6f"
    digest = digest.upper() if upper else digest
    config = f'select = ["CC401"]\n\n[secrets]\nsha256 = ["{digest}"]\n'
    write(tmp_path, {"compose.yaml": SECRET_STACK, ".composecheck.toml": config})
    assert validate() == (
        1,
        [TOKEN_FINDING, "Found 1 problem (1 error, 0 warnings, 0 info)."],
        "",
    )


# Everything set for web; migrate is a one-shot job nobody told composecheck about.
JOB_STACK = (
    "services:\n  web:\n    image: nginx:1.25\n    restart: always\n"
    '    healthcheck:\n      test: ["CMD", "true"]\n  migrate:\n    image: nginx:1.25\n'
)
JOB_PROD = (
    "services:\n  web:\n    deploy:\n      resources:\n"
    '        limits: {memory: 64M, cpus: "0.5"}\n'
    "  migrate:\n    deploy:\n      resources:\n"
    '        limits: {memory: 64M, cpus: "0.5"}\n'
)
JOB_CC305 = [
    'compose.yaml:7:3: CC305 error service "migrate" has no restart policy, so it stays down '
    "after a crash or a reboot [prod]",
    "  compose.prod.yaml:8:7: this file configures the service too: a restart policy added "
    "here applies to the prod environment only",
]
JOB_CC306 = [
    'compose.yaml:7:3: CC306 warning service "migrate" has no healthcheck [prod]',
    "  compose.prod.yaml:8:7: this file configures the service too: a healthcheck added here "
    "applies to the prod environment only",
]


@pytest.mark.parametrize(
    ("checks", "expected"),
    [
        ("", [*JOB_CC305, *JOB_CC306, "Found 2 problems (1 error, 1 warning, 0 info)."]),
        (
            '[checks.CC305]\none-shot-services = ["migrate"]\n',
            [*JOB_CC306, "Found 1 problem (0 errors, 1 warning, 0 info)."],
        ),
        (
            '[checks.missing-restart-policy]\none-shot-services = ["migrate"]\n',
            [*JOB_CC306, "Found 1 problem (0 errors, 1 warning, 0 info)."],
        ),
        (
            '[checks.missing-healthcheck]\none-shot-services = ["migrate"]\n',
            [*JOB_CC305, "Found 1 problem (1 error, 0 warnings, 0 info)."],
        ),
        (
            '[checks.CC306]\none-shot-services = ["migrate"]\n',
            [*JOB_CC305, "Found 1 problem (1 error, 0 warnings, 0 info)."],
        ),
        (
            '[checks.CC305]\none-shot-services = ["migrate"]\n\n'
            '[checks.missing-healthcheck]\none-shot-services = ["seed", "migrate"]\n',
            ["No problems found."],
        ),
        # Another service's name does not cover migrate.
        (
            '[checks.CC305]\none-shot-services = ["web"]\n',
            [*JOB_CC305, *JOB_CC306, "Found 2 problems (1 error, 1 warning, 0 info)."],
        ),
    ],
)
def test_checks_one_shot_services(tmp_path: Path, checks: str, expected: list[str]) -> None:
    config = 'select = ["CC3"]\n\n' + checks
    write(
        tmp_path,
        {"compose.yaml": JOB_STACK, "compose.prod.yaml": JOB_PROD, ".composecheck.toml": config},
    )
    code = 1 if any(" CC305 error " in line for line in expected) else 0
    assert validate() == (code, expected, "")


def test_snake_case_spellings_are_accepted(tmp_path: Path) -> None:
    config = (
        'select = ["CC3", "CC4"]\nfail_on = "warning"\n\n'
        "[environments.ci]\n"
        'env_files = ["ci.env"]\nproject_directory = "."\n'
        'project_name = "shop"\nproduction = true\n\n'
        '[checks.missing-restart-policy]\none_shot_services = ["web"]\n\n'
        '[checks.CC306]\none_shot_services = ["web"]\n'
    )
    stack = (
        "services:\n  web:\n    image: nginx:${CC_TEST_TAG:-1.25}\n"
        '    deploy:\n      resources:\n        limits: {memory: 64M, cpus: "0.5"}\n'
    )
    write(
        tmp_path,
        {"compose.yaml": stack, "ci.env": "CC_TEST_TAG=latest\n", ".composecheck.toml": config},
    )
    # Production (CC403 is an error there), env file read, one-shot for CC305 and CC306.
    assert validate() == (
        1,
        [
            cc403("error", envs="ci", where="ci.env:1:1"),
            "  compose.yaml:3:12: used here",
            "Found 1 problem (1 error, 0 warnings, 0 info).",
        ],
        "",
    )


def test_pyproject_form_takes_effect(tmp_path: Path) -> None:
    config = (
        '[project]\nname = "shop"\n\n[tool.composecheck]\nselect = ["CC403"]\n'
        'fail-on = "warning"\n\n[tool.composecheck.severity]\nCC4 = "info"\n'
    )
    write(tmp_path, {"compose.yaml": WEB, "pyproject.toml": config})
    assert validate() == (0, [cc403("info"), "Found 1 problem (0 errors, 0 warnings, 1 info)."], "")


def test_config_option_names_the_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": WEB,
            ".composecheck.toml": 'select = ["CC201"]\n',
            "ci/strict.toml": 'select = ["CC403"]\nfail-on = "warning"\n',
            "ci/pyproject-shaped.toml": '[tool.composecheck]\nselect = ["CC403"]\n',
        },
    )
    assert validate("--config", "ci/strict.toml") == (
        1,
        [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."],
        "",
    )
    assert validate("--config", "ci/pyproject-shaped.toml") == (
        0,
        [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."],
        "",
    )


# -- the command line over the file ---------------------------------------------------


def test_command_line_select_replaces_the_file_and_environment_select(tmp_path: Path) -> None:
    config = 'select = ["CC403"]\n\n[environments.ci]\nselect = ["CC403"]\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate("--select", "CC201") == (
        1,
        [cc201(envs="default, ci"), "Found 1 problem (1 error, 0 warnings, 0 info)."],
        "",
    )


def test_command_line_ignore_replaces_the_file_and_environment_ignore(tmp_path: Path) -> None:
    config = 'ignore = ["CC403"]\n\n[environments.ci]\nignore = ["CC403"]\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate("--ignore", "CC201") == (
        0,
        [cc403(envs="default, ci"), "Found 1 problem (0 errors, 1 warning, 0 info)."],
        "",
    )


def test_command_line_severity_wins_over_closer_file_keys(tmp_path: Path) -> None:
    config = (
        'select = ["CC403"]\n\n[severity]\nCC403 = "error"\n\n'
        '[environments.ci.severity]\nunpinned-image = "error"\n'
    )
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate("--severity", "CC4=info") == (
        0,
        [cc403("info", envs="default, ci"), "Found 1 problem (0 errors, 0 warnings, 1 info)."],
        "",
    )


@pytest.mark.parametrize(
    ("file_fail_on", "cli_fail_on", "code"),
    [("warning", "error", 0), ("error", "warning", 1), ("info", "error", 0)],
)
def test_command_line_fail_on_wins(
    tmp_path: Path, file_fail_on: str, cli_fail_on: str, code: int
) -> None:
    config = f'select = ["CC403"]\nfail-on = "{file_fail_on}"\n'
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": config})
    assert validate("--fail-on", cli_fail_on) == (
        code,
        [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."],
        "",
    )


def test_command_line_baseline_wins_and_no_baseline(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"compose.yaml": WEB, ".composecheck.toml": 'baseline = "never-written.json"\n'},
    )
    result = invoke("baseline", "--select", "CC403", "-o", "mine.json")
    assert (result.exit_code, result.stdout) == (0, "1 finding written to mine.json\n")
    assert validate("--baseline", "mine.json") == (
        1,
        [
            cc201(),
            "Found 1 problem (1 error, 0 warnings, 0 info).",
            "Not reported: 1 in the baseline.",
        ],
        "",
    )
    assert validate("--no-baseline") == (
        1,
        [cc403(), cc201(), "Found 2 problems (1 error, 1 warning, 0 info)."],
        "",
    )


# -- errors: exit 2, nothing on stdout, located messages on stderr --------------------

DOT = ".composecheck.toml"
PYPROJECT = "pyproject.toml"

ERRORS: list[tuple[str, str, str, list[str]]] = [
    # (id, file name, content, stderr lines with {path})
    (
        "unknown-top-level-key",
        DOT,
        'selekt = ["CC403"]\n',
        [
            "{path}:1:1: unknown key 'selekt' in .composecheck.toml",
            "  hint: did you mean 'select'?",
        ],
    ),
    (
        "unknown-top-level-key-no-close-match",
        DOT,
        'fail-on = "error"\nzzz = 1\n',
        [
            "{path}:2:1: unknown key 'zzz' in .composecheck.toml",
            "  hint: known keys: select, ignore, severity, fail-on, baseline, environments, "
            "secrets, checks",
        ],
    ),
    (
        "unknown-environment-key",
        DOT,
        '[environments.ci]\nfile = ["a.yaml"]\n',
        ["{path}:2:1: unknown key 'file' in environments.ci", "  hint: did you mean 'files'?"],
    ),
    (
        "unknown-environment-key-snake",
        DOT,
        "[environments.ci]\nenv_filez = []\n",
        [
            "{path}:2:1: unknown key 'env_filez' in environments.ci",
            "  hint: did you mean 'env-files'?",
        ],
    ),
    (
        "unknown-environment-key-no-close-match",
        DOT,
        '[environments."qa east"]\n  zzz = 1\n',
        [
            "{path}:2:3: unknown key 'zzz' in environments.qa east",
            "  hint: known keys: files, env-files, profiles, project-name, project-directory, "
            "production, select, ignore, severity",
        ],
    ),
    (
        "unknown-secrets-key",
        DOT,
        "[secrets]\nvalues = []\n",
        ["{path}:2:1: unknown key 'values' in secrets", "  hint: known keys: keys, sha256"],
    ),
    (
        "unknown-check-option",
        DOT,
        '[checks.CC305]\none-shot = ["migrate"]\n',
        [
            "{path}:2:1: unknown key 'one-shot' in checks.CC305",
            "  hint: did you mean 'one-shot-services'?",
        ],
    ),
    (
        "unknown-check-option-by-name",
        DOT,
        "[checks.missing-healthcheck]\nzzz = 1\n",
        [
            "{path}:2:1: unknown key 'zzz' in checks.missing-healthcheck",
            "  hint: known keys: one-shot-services",
        ],
    ),
    (
        "fail-on-wrong-type",
        DOT,
        "fail-on = 3\n",
        ["{path}:1:1: fail-on: input should be 'error', 'warning' or 'info', got 3", SCHEMA_HINT],
    ),
    (
        "production-wrong-type",
        DOT,
        '[environments.ci]\nproduction = "yes"\n',
        [
            "{path}:2:1: environments.ci.production: input should be a valid boolean, got 'yes'",
            SCHEMA_HINT,
        ],
    ),
    (
        "select-wrong-type",
        DOT,
        "select = 5\n",
        ["{path}:1:1: select: input should be a valid list, got 5", SCHEMA_HINT],
    ),
    (
        "project-name-wrong-type-snake",
        DOT,
        "[environments.ci]\nproject_name = 3\n",
        [
            "{path}:2:1: environments.ci.project_name: input should be a valid string, got 3",
            SCHEMA_HINT,
        ],
    ),
    (
        "environments-not-a-table",
        DOT,
        "environments = 3\n",
        ["{path}:1:1: environments: input should be a valid dictionary, got 3", SCHEMA_HINT],
    ),
    (
        "check-options-not-a-table",
        DOT,
        "[checks]\nCC305 = 3\n",
        ["{path}:2:1: checks.CC305: input should be a valid dictionary, got 3", SCHEMA_HINT],
    ),
    (
        "check-option-wrong-type",
        DOT,
        '[checks.CC305]\none-shot-services = "migrate"\n',
        [
            "{path}:2:1: checks.CC305.one-shot-services: input should be a valid list, "
            "got 'migrate'",
            SCHEMA_HINT,
        ],
    ),
    (
        "fail-on-bad-value",
        DOT,
        'fail-on = "fatal"\n',
        [
            "{path}:1:1: fail-on: input should be 'error', 'warning' or 'info', got 'fatal'",
            SCHEMA_HINT,
        ],
    ),
    (
        "severity-bad-value",
        DOT,
        '[severity]\nCC403 = "critical"\n',
        [
            "{path}:2:1: severity.CC403: input should be 'error', 'warning' or 'info', "
            "got 'critical'",
            SCHEMA_HINT,
        ],
    ),
    (
        "environment-severity-bad-value-inline",
        DOT,
        '[environments.ci]\nseverity = { CC403 = "critical" }\n',
        [
            "{path}:2:1: environments.ci.severity.CC403: input should be 'error', 'warning' or "
            "'info', got 'critical'",
            SCHEMA_HINT,
        ],
    ),
    (
        "sha256-not-a-digest",
        DOT,
        '[secrets]\nsha256 = ["abc"]\n',
        [
            "{path}:2:1: secrets.sha256: abc... is not a sha256 hex digest "
            "(printf %s VALUE | sha256sum)",
            SCHEMA_HINT,
        ],
    ),
    (
        "sha256-not-hex",
        DOT,
        '[secrets]\nsha256 = "' + "g" * 64 + '"\n',
        [
            "{path}:2:1: secrets.sha256: gggggggggggg... is not a sha256 hex digest "
            "(printf %s VALUE | sha256sum)",
            SCHEMA_HINT,
        ],
    ),
    (
        "unknown-code-in-select",
        DOT,
        'select = ["CC403", "CC999"]\n',
        ["{path}:1:1: select: no check is called 'CC999'", "  hint: did you mean 'CC209'?"],
    ),
    (
        "unknown-name-in-ignore",
        DOT,
        '# the team\'s choices\nignore = ["unpined-image"]\n',
        [
            "{path}:2:1: ignore: no check is called 'unpined-image'",
            "  hint: did you mean 'unpinned-image'?",
        ],
    ),
    (
        "unknown-prefix-in-severity",
        DOT,
        '[severity]\nCC9 = "info"\n',
        ["{path}:2:1: severity.CC9: no check is called 'CC9'", "  hint: did you mean 'CC209'?"],
    ),
    (
        "unknown-check-in-environment-select",
        DOT,
        '[environments.ci]\nselect = ["CC403", "nope"]\n',
        [
            "{path}:2:1: environments.ci.select: no check is called 'nope'",
            "  hint: `composecheck rules` lists the checks",
        ],
    ),
    (
        "unknown-check-in-environment-ignore",
        DOT,
        '[environments.ci]\nignore = ["CC99"]\n',
        [
            "{path}:2:1: environments.ci.ignore: no check is called 'CC99'",
            "  hint: did you mean 'CC209'?",
        ],
    ),
    (
        "unknown-check-in-environment-severity",
        DOT,
        '[environments.ci.severity]\nCC9 = "info"\n',
        [
            "{path}:2:1: environments.ci.severity.CC9: no check is called 'CC9'",
            "  hint: did you mean 'CC209'?",
        ],
    ),
    (
        "options-for-a-check-without-options",
        DOT,
        "[checks.CC301]\nfoo = 1\n",
        [
            "{path}:1:1: CC301 missing-memory-limit has no options",
            "  hint: `composecheck explain CODE` lists a check's options",
        ],
    ),
    (
        "options-for-an-unknown-check",
        DOT,
        "[checks.CC999]\nfoo = 1\n",
        ["{path}:1:1: checks.CC999: no check is called 'CC999'", "  hint: did you mean 'CC209'?"],
    ),
    (
        "options-for-a-prefix",
        DOT,
        "[checks.CC3]\none-shot-services = []\n",
        ["{path}:1:1: checks.CC3: name one check, not a prefix"],
    ),
    (
        "broken-toml",
        DOT,
        'select = ["CC403"]\nfail-on = \n',
        ["{path}:2:11: invalid TOML: Invalid value"],
    ),
    (
        "duplicate-toml-key",
        DOT,
        'fail-on = "error"\nfail-on = "info"\n',
        ["{path}:2:17: invalid TOML: Cannot overwrite a value"],
    ),
    (
        "every-error-of-the-file",
        DOT,
        '# c\nfail-on = "fatal"\nselect = 5\n\n[secrets]\n  keys = 3\n',
        [
            "{path}:3:1: select: input should be a valid list, got 5",
            SCHEMA_HINT,
            "{path}:2:1: fail-on: input should be 'error', 'warning' or 'info', got 'fatal'",
            SCHEMA_HINT,
            "{path}:6:3: secrets.keys: input should be a valid list, got 3",
            SCHEMA_HINT,
        ],
    ),
    (
        "pyproject-unknown-top-level-key",
        PYPROJECT,
        '[project]\nname = "x"\n\n[tool.composecheck]\nselekt = ["CC403"]\n',
        ["{path}:5:1: unknown key 'selekt' in tool.composecheck", "  hint: did you mean 'select'?"],
    ),
    (
        "pyproject-unknown-environment-key",
        PYPROJECT,
        '[tool.composecheck.environments.ci]\nfile = ["a.yaml"]\n',
        [
            "{path}:2:1: unknown key 'file' in tool.composecheck.environments.ci",
            "  hint: did you mean 'files'?",
        ],
    ),
    (
        "pyproject-unknown-secrets-key",
        PYPROJECT,
        "[tool.composecheck.secrets]\nvalues = []\n",
        [
            "{path}:2:1: unknown key 'values' in tool.composecheck.secrets",
            "  hint: known keys: keys, sha256",
        ],
    ),
    (
        "pyproject-unknown-check-option",
        PYPROJECT,
        '[tool.composecheck.checks.CC305]\none-shot = ["migrate"]\n',
        [
            "{path}:2:1: unknown key 'one-shot' in tool.composecheck.checks.CC305",
            "  hint: did you mean 'one-shot-services'?",
        ],
    ),
    (
        "pyproject-wrong-type",
        PYPROJECT,
        '[tool.composecheck.environments.ci]\nproduction = "yes"\n',
        [
            "{path}:2:1: tool.composecheck.environments.ci.production: input should be a valid "
            "boolean, got 'yes'",
            SCHEMA_HINT,
        ],
    ),
    (
        "pyproject-fail-on-bad-value",
        PYPROJECT,
        '[tool.composecheck]\nfail-on = "fatal"\n',
        [
            "{path}:2:1: tool.composecheck.fail-on: input should be 'error', 'warning' or "
            "'info', got 'fatal'",
            SCHEMA_HINT,
        ],
    ),
    (
        "pyproject-sha256-not-a-digest",
        PYPROJECT,
        '[tool.composecheck]\n\n[tool.composecheck.secrets]\nsha256 = "abc"\n',
        [
            "{path}:4:1: tool.composecheck.secrets.sha256: abc... is not a sha256 hex digest "
            "(printf %s VALUE | sha256sum)",
            SCHEMA_HINT,
        ],
    ),
    (
        "pyproject-unknown-code-in-select",
        PYPROJECT,
        '[tool.composecheck]\nselect = ["CC999"]\n',
        [
            "{path}:2:1: tool.composecheck.select: no check is called 'CC999'",
            "  hint: did you mean 'CC209'?",
        ],
    ),
    (
        "pyproject-unknown-check-in-severity",
        PYPROJECT,
        '[tool.composecheck.severity]\nunpined-image = "info"\n',
        [
            "{path}:2:1: tool.composecheck.severity.unpined-image: no check is called "
            "'unpined-image'",
            "  hint: did you mean 'unpinned-image'?",
        ],
    ),
    (
        "pyproject-options-for-a-check-without-options",
        PYPROJECT,
        "[tool.composecheck.checks.CC301]\nfoo = 1\n",
        [
            "{path}:1:1: CC301 missing-memory-limit has no options",
            "  hint: `composecheck explain CODE` lists a check's options",
        ],
    ),
    (
        "pyproject-options-for-an-unknown-check",
        PYPROJECT,
        "[tool.composecheck.checks.CC999]\nfoo = 1\n",
        [
            "{path}:1:1: tool.composecheck.checks.CC999: no check is called 'CC999'",
            "  hint: did you mean 'CC209'?",
        ],
    ),
    (
        "pyproject-broken-toml",
        PYPROJECT,
        '[tool.composecheck]\nselect = ["CC403"]\nfail-on = \n',
        ["{path}:3:11: invalid TOML: Invalid value"],
    ),
]


@pytest.mark.parametrize("command", ["validate", "config", "baseline"])
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [pytest.param(name, content, lines, id=case) for case, name, content, lines in ERRORS],
)
def test_configuration_errors(
    tmp_path: Path, command: str, name: str, content: str, expected: list[str]
) -> None:
    write(tmp_path, {"compose.yaml": WEB, name: content})
    result = invoke(command)
    path = str(tmp_path / name)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "".join(line.format(path=path) + "\n" for line in expected),
    )
    assert not (tmp_path / ".composecheck-baseline.json").exists()


@pytest.mark.parametrize("command", ["validate", "config", "baseline"])
def test_config_option_naming_a_missing_file(tmp_path: Path, command: str) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": 'select = ["CC403"]\n'})
    result = invoke(command, "--config", "nope.toml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"open {tmp_path}/nope.toml: no such file or directory\n  hint: check --config\n",
    )


def test_config_option_naming_a_pyproject_whose_tool_composecheck_is_not_a_table(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"compose.yaml": WEB, "pyproject.toml": "[tool]\ncomposecheck = 3\n"})
    result = invoke("validate", "--config", "pyproject.toml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"{tmp_path}/pyproject.toml:2:1: tool.composecheck must be a table\n",
    )


def test_config_option_naming_an_unknown_check_in_an_error_from_elsewhere(
    tmp_path: Path,
) -> None:
    # The error names the file given with --config, not the one discovery would find.
    write(
        tmp_path,
        {
            "compose.yaml": WEB,
            ".composecheck.toml": 'select = ["CC403"]\n',
            "ci/other.toml": 'fail-on = "error"\n\n[severity]\nCC999 = "info"\n',
        },
    )
    result = invoke("config", "--config", "ci/other.toml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"{tmp_path}/ci/other.toml:4:1: severity.CC999: no check is called 'CC999'\n"
        "  hint: did you mean 'CC209'?\n",
    )


# -- composecheck config --------------------------------------------------------------

SAMPLE = """\
select = ["CC2", "CC4"]
ignore = "CC206"
fail-on = "warning"
baseline = "ci/baseline.json"

[severity]
CC4 = "error"
unpinned-image = "info"

[environments.prod]
files = ["compose.yaml", "deploy/compose.prod.yaml"]
env-files = [".env", "deploy/prod.env"]
profiles = ["web"]
project-name = "shop-prod"
project-directory = "."
production = true
select = ["CC3"]
ignore = ["CC302"]
severity = { CC306 = "error" }

[environments."qa east"]
production = false

[secrets]
keys = ["POSTGRES_PASSWORD"]
sha256 = ["9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"]

[checks.missing-restart-policy]
one-shot-services = ["migrate"]

[checks.CC306]
one-shot-services = ["migrate", "seed"]
"""

SAMPLE_TOML_BODY = """\
select = ["CC2", "CC4"]
ignore = ["CC206"]
fail-on = "warning"
baseline = "ci/baseline.json"

[severity]
CC4 = "error"
unpinned-image = "info"

[environments]

[environments.prod]
files = ["compose.yaml", "deploy/compose.prod.yaml"]
env-files = [".env", "deploy/prod.env"]
profiles = ["web"]
project-name = "shop-prod"
project-directory = "."
production = true
select = ["CC3"]
ignore = ["CC302"]

[environments.prod.severity]
CC306 = "error"

[environments."qa east"]
files = []
production = false
ignore = []

[environments."qa east".severity]

[secrets]
keys = ["POSTGRES_PASSWORD"]
sha256 = ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]

[checks]

[checks.CC305]
one-shot-services = ["migrate"]

[checks.CC306]
one-shot-services = ["migrate", "seed"]
"""

SAMPLE_JSON: dict[str, Any] = {
    "select": ["CC2", "CC4"],
    "ignore": ["CC206"],
    "severity": {"CC4": "error", "unpinned-image": "info"},
    "fail-on": "warning",
    "baseline": "ci/baseline.json",
    "environments": {
        "prod": {
            "files": ["compose.yaml", "deploy/compose.prod.yaml"],
            "env-files": [".env", "deploy/prod.env"],
            "profiles": ["web"],
            "project-name": "shop-prod",
            "project-directory": ".",
            "production": True,
            "select": ["CC3"],
            "ignore": ["CC302"],
            "severity": {"CC306": "error"},
        },
        "qa east": {"files": [], "production": False, "ignore": [], "severity": {}},
    },
    "secrets": {
        "keys": ["POSTGRES_PASSWORD"],
        "sha256": ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    },
    "checks": {
        "CC305": {"one-shot-services": ["migrate"]},
        "CC306": {"one-shot-services": ["migrate", "seed"]},
    },
}

DEFAULTS_TOML_BODY = """\
ignore = []
fail-on = "error"

[severity]

[environments]

[secrets]
keys = []
sha256 = []

[checks]

[checks.CC305]
one-shot-services = []

[checks.CC306]
one-shot-services = []
"""

DEFAULTS_JSON: dict[str, Any] = {
    "ignore": [],
    "severity": {},
    "fail-on": "error",
    "environments": {},
    "secrets": {"keys": [], "sha256": []},
    "checks": {"CC305": {"one-shot-services": []}, "CC306": {"one-shot-services": []}},
}


def test_config_toml(tmp_path: Path) -> None:
    write(tmp_path, {".composecheck.toml": SAMPLE})
    result = invoke("config")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"# composecheck configuration ({tmp_path}/.composecheck.toml)\n{SAMPLE_TOML_BODY}"
    )


def test_config_toml_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {".composecheck.toml": SAMPLE})
    first = invoke("config", "--format", "toml")
    assert first.exit_code == 0
    again = tmp_path / "again"
    write(again, {".composecheck.toml": first.stdout})
    monkeypatch.chdir(again)
    second = invoke("config")
    assert (second.exit_code, second.stderr) == (0, "")
    assert second.stdout == (
        f"# composecheck configuration ({again}/.composecheck.toml)\n{SAMPLE_TOML_BODY}"
    )
    # And the TOML says what the JSON says.
    assert tomllib.loads(second.stdout) == SAMPLE_JSON


def test_config_json(tmp_path: Path) -> None:
    write(tmp_path, {".composecheck.toml": SAMPLE})
    result = invoke("config", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    expected = {"file": f"{tmp_path}/.composecheck.toml", "config": SAMPLE_JSON}
    assert result.stdout == json.dumps(expected, indent=2) + "\n"


def test_config_from_pyproject(tmp_path: Path) -> None:
    pyproject = (
        '[project]\nname = "shop"\n\n[tool.composecheck]\nfail-on = "info"\n\n'
        '[tool.composecheck.checks.missing-healthcheck]\none-shot-services = ["migrate"]\n'
    )
    write(tmp_path, {"pyproject.toml": pyproject})
    result = invoke("config")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"# composecheck configuration ({tmp_path}/pyproject.toml)\n"
        + DEFAULTS_TOML_BODY.replace('fail-on = "error"', 'fail-on = "info"').replace(
            "[checks.CC306]\none-shot-services = []",
            '[checks.CC306]\none-shot-services = ["migrate"]',
        )
    )


def test_config_defaults_without_a_file(tmp_path: Path) -> None:
    result = invoke("config")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        result.stdout
        == f"# composecheck configuration (none found: defaults)\n{DEFAULTS_TOML_BODY}"
    )
    result = invoke("config", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == json.dumps({"file": None, "config": DEFAULTS_JSON}, indent=2) + "\n"


def test_config_schema_is_the_committed_schema() -> None:
    result = invoke("config", "--schema")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == json.loads(SCHEMA.read_text())


def test_committed_schema_is_not_stale() -> None:
    # Regenerate with: python -m composecheck.settings.model > schemas/config.schema.json
    assert json.loads(SCHEMA.read_text()) == json_schema()


def _validator() -> Any:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "sample",
    [
        SAMPLE,
        SAMPLE_TOML_BODY,
        DEFAULTS_TOML_BODY,
        "",
        'select = "CC403"\n[checks.missing-healthcheck]\none-shot-services = []\n',
    ],
    ids=["sample", "sample-printed", "defaults-printed", "empty", "strings-and-names"],
)
def test_schema_accepts_the_sample_configurations(sample: str) -> None:
    assert [e.message for e in _validator().iter_errors(tomllib.loads(sample))] == []


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        ('selekt = ["CC403"]\n', "Additional properties are not allowed ('selekt' was unexpected)"),
        (
            '[environments.ci]\nfile = "a.yaml"\n',
            "Additional properties are not allowed ('file' was unexpected)",
        ),
        (
            "[secrets]\nvalues = []\n",
            "Additional properties are not allowed ('values' was unexpected)",
        ),
        (
            '[checks.CC305]\none-shot = ["migrate"]\n',
            "Additional properties are not allowed ('one-shot' was unexpected)",
        ),
        (
            "[checks.CC301]\nfoo = 1\n",
            "Additional properties are not allowed ('CC301' was unexpected)",
        ),
        ('fail-on = "fatal"\n', "'fatal' is not valid under any of the given schemas"),
    ],
)
def test_schema_rejects_bad_configurations(sample: str, message: str) -> None:
    assert [e.message for e in _validator().iter_errors(tomllib.loads(sample))] == [message]


# -- where the file is found ----------------------------------------------------------


def test_config_found_from_a_subfolder_upward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {".composecheck.toml": 'select = ["CC403"]\n', "app/compose.yaml": WEB, "app/deep/x": ""},
    )
    monkeypatch.chdir(tmp_path / "app")
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")
    monkeypatch.chdir(tmp_path / "app" / "deep")
    result = invoke("config")
    assert result.stdout.splitlines()[:2] == [
        f"# composecheck configuration ({tmp_path}/.composecheck.toml)",
        'select = ["CC403"]',
    ]


def test_pyproject_without_a_composecheck_table_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            ".composecheck.toml": 'select = ["CC403"]\n',
            "app/pyproject.toml": '[project]\nname = "app"\n\n[tool.ruff]\nline-length = 100\n',
            "app/compose.yaml": WEB,
        },
    )
    monkeypatch.chdir(tmp_path / "app")
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")
    result = invoke("config", "--format", "json")
    assert json.loads(result.stdout)["file"] == f"{tmp_path}/.composecheck.toml"


def test_nearest_configuration_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            ".composecheck.toml": 'select = ["CC403"]\n',
            "app/pyproject.toml": (
                '[project]\nname = "app"\n\n[tool.composecheck]\nignore = "CC4"\n'
            ),
            "app/compose.yaml": WEB,
        },
    )
    monkeypatch.chdir(tmp_path / "app")
    # The parent's select is not merged in: only the nearest file counts.
    assert validate() == (1, [cc201(), "Found 1 problem (1 error, 0 warnings, 0 info)."], "")


def test_composecheck_toml_is_preferred_to_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": WEB,
            "pyproject.toml": '[tool.composecheck]\nselect = ["CC201"]\n',
            ".composecheck.toml": 'select = ["CC403"]\n',
        },
    )
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")


# -- known bugs (strict: these start failing, i.e. passing, once fixed) ---------------


@pytest.mark.parametrize(
    "pyproject",
    [
        '[tool]\ncomposecheck = { select = ["CC403"] }\n',
        '[tool]\ncomposecheck.select = ["CC403"]\n',
        '[ tool.composecheck ]\nselect = ["CC403"]\n',
        '[tool."composecheck"]\nselect = ["CC403"]\n',
    ],
)
def test_pyproject_table_in_other_toml_spellings_is_found(tmp_path: Path, pyproject: str) -> None:
    write(tmp_path, {"compose.yaml": WEB, "pyproject.toml": pyproject})
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")


def test_pyproject_mentioning_the_table_in_a_comment_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            ".composecheck.toml": 'select = ["CC403"]\n',
            "app/pyproject.toml": '[project]\nname = "app"\n'
            "# composecheck: see [tool.composecheck] in ../.composecheck.toml\n",
            "app/compose.yaml": WEB,
        },
    )
    monkeypatch.chdir(tmp_path / "app")
    assert validate() == (0, [cc403(), "Found 1 problem (0 errors, 1 warning, 0 info)."], "")


SNAKE_SAMPLE = """\
fail_on = "warning"

[environments.staging]
files = ["compose.yaml", "deploy/compose.staging.yaml"]
env_files = [".env", "deploy/staging.env"]
project_name = "shop-staging"

[checks.CC305]
one_shot_services = ["migrate"]
"""


def test_snake_case_sample_loads(tmp_path: Path) -> None:
    write(tmp_path, {".composecheck.toml": SNAKE_SAMPLE})
    result = invoke("config", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    config = json.loads(result.stdout)["config"]
    assert (config["fail-on"], config["environments"]["staging"]["project-name"]) == (
        "warning",
        "shop-staging",
    )
    assert config["checks"]["CC305"] == {"one-shot-services": ["migrate"]}


def test_schema_accepts_the_snake_case_spelling() -> None:
    assert [e.message for e in _validator().iter_errors(tomllib.loads(SNAKE_SAMPLE))] == []


def test_baseline_in_a_subfolder_survives_moving_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    first = tmp_path / "first"
    write(first, {"compose.yaml": WEB, ".composecheck.toml": 'baseline = "ci/baseline.json"\n'})
    (first / "ci").mkdir()
    monkeypatch.chdir(first)
    assert invoke("baseline").exit_code == 0
    moved = tmp_path / "moved"
    shutil.copytree(first, moved)
    monkeypatch.chdir(moved)
    assert validate() == (0, ["No problems found.", "Not reported: 2 in the baseline."], "")


def test_toml_error_at_the_end_of_the_file_is_located_there(tmp_path: Path) -> None:
    write(
        tmp_path, {"compose.yaml": WEB, ".composecheck.toml": 'fail-on = "error"\nignore = ["CC2"'}
    )
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == f"{tmp_path / '.composecheck.toml'}:2:16: invalid TOML: Unclosed array\n"
    )


@pytest.mark.parametrize(
    ("table", "level"),
    [
        ('{ CC403 = "error", unpinned-image = "info" }', "info"),
        ('{ unpinned-image = "info", CC403 = "error" }', "error"),
    ],
)
def test_code_and_name_in_one_table_the_one_written_last_wins(
    tmp_path: Path, table: str, level: str
) -> None:
    write(tmp_path, {"compose.yaml": WEB, ".composecheck.toml": f"severity = {table}\n"})
    summary = {
        "info": (0, "Found 1 problem (0 errors, 0 warnings, 1 info)."),
        "error": (1, "Found 1 problem (1 error, 0 warnings, 0 info)."),
    }[level]
    assert validate("--select", "CC403") == (summary[0], [cc403(level), summary[1]], "")


def test_default_environment_can_be_configured(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "compose.yaml": WEB,
            "other.yaml": PINNED,
            ".composecheck.toml": '[environments.default]\nfiles = ["other.yaml"]\n',
        },
    )
    assert validate() == (0, ["No problems found."], "")

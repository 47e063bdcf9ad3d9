"""Validate keeps going: one problem of a stack never hides the others.

One test per way the loader recovers (issue 9, "Keep going"), each on a small real
stack with the exact findings and lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from composecheck.cli import main
from tests.checks.helpers import ENV, lines, write

MUST_SHOW = """\
services:
  web:
    image: nginx:latest
    env_file: .env          # not committed
    depends_on: [cache]
    restrat: always
    environment:
      DB_PASSWORD: hunter2hunter2
      URL: ${PUBLIC_URL:?set PUBLIC_URL}
  worker:
    environment:
      A: b
"""


def test_every_problem_of_the_stack_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"compose.yaml": MUST_SHOW})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"], env=ENV)
    assert result.exit_code == 1
    env = tmp_path / ".env"
    assert [line for line in result.output.splitlines() if not line.startswith("  ")] == [
        'compose.yaml:3:12: CC403 warning service "web" uses image "nginx:latest": the '
        "latest tag changes whenever a new version is pushed [default]",
        f"compose.yaml:4:15: CC107 error env file {env} not found: stat {env}: no such "
        "file or directory [default]",
        'compose.yaml:5:18: CC201 error service "web" refers to undefined service "cache" '
        "in depends_on [default]",
        "compose.yaml:6:5: CC103 error services.web additional properties 'restrat' not "
        "allowed [default]",
        'compose.yaml:8:20: CC401 error environment variable DB_PASSWORD of service "web" '
        "holds a hardcoded password (hu…(14 chars)) [default]",
        "compose.yaml:9:12: CC106 error error while interpolating "
        "services.web.environment.URL: required variable PUBLIC_URL is missing a value: "
        "set PUBLIC_URL [default]",
        'compose.yaml:10:3: CC215 error service "worker" has neither an image nor a build '
        "context specified: invalid compose project [default]",
        "",
        "Found 7 problems (6 errors, 1 warning, 0 info).",
    ]


# -- a missing env file ---------------------------------------------------------------

APP = """\
services:
  app:
    image: ghcr.io/acme/app:1.4.2
    env_file: .env
    environment:
      API_TOKEN: ${API_TOKEN:-}
    depends_on: [db]
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: hunter2hunter2
"""


def test_missing_env_file_is_one_finding_and_the_rest_is_checked(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    assert lines(tmp_path, {"compose.yaml": APP}) == [
        f"compose.yaml:4:15: CC107 error env file {env} not found: stat {env}: no such "
        "file or directory [default]",
        "compose.yaml:11:26: CC401 error environment variable POSTGRES_PASSWORD of service "
        '"db" holds a hardcoded password (hu…(14 chars)) [default]',
    ]


def test_missing_env_file_reports_what_an_empty_one_does_plus_cc107(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": APP.replace("ghcr.io/acme/app:1.4.2", "ghcr.io/acme/app:latest")
        + "  cache:\n    image: redis\n    ports: ['6379:6379', '6379:6380']\n"
    }
    missing = lines(tmp_path / "missing", stack)
    empty = lines(tmp_path / "empty", {**stack, ".env": ""})
    cc107 = [line for line in missing if " CC107 " in line]
    assert len(cc107) == 1
    assert [line for line in missing if " CC107 " not in line] == [
        line.replace(str(tmp_path / "empty"), str(tmp_path / "missing")) for line in empty
    ]
    assert len(empty) >= 3


def test_a_committed_template_is_read_in_place_of_the_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = {
        "compose.yaml": (
            "services:\n"
            "  app:\n"
            "    image: ghcr.io/acme/app:1.4.2\n"
            "    env_file: .env\n"
            "    ports: ['${APP_PORT}:8080']\n"
        ),
        # Placeholders are expected in a template: no secrets finding for them.
        ".env.example": "APP_PORT=8080\nSECRET_KEY=changeme\nDB_PASSWORD=postgres\n",
    }
    write(tmp_path, stack)
    monkeypatch.chdir(tmp_path)
    env = tmp_path / ".env"
    result = CliRunner().invoke(main, ["validate"], env=ENV)
    assert result.output.splitlines()[:2] == [
        f"compose.yaml:4:15: CC107 error env file {env} not found: stat {env}: no such "
        "file or directory [default]",
        "  hint: create it (the committed template .env.example is checked in its place meanwhile)",
    ]
    assert " CC40" not in result.output


def test_missing_env_file_of_an_environment(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n    mem_limit: bad\n",
        ".composecheck.toml": (
            '[environments.staging]\nfiles = ["compose.yaml"]\nenv-files = ["staging.env"]\n'
        ),
    }
    env = tmp_path / "staging.env"
    # Named in the configuration, not in a compose file: the finding is at its line.
    assert lines(tmp_path, stack, environments=("staging",), select=("CC1",)) == [
        f".composecheck.toml:3:1: CC107 error couldn't find env file: {env} [staging]",
        "compose.yaml:4:16: CC104 error 'services[web].mem_limit' invalid size: 'bad' [staging]",
    ]


# -- interpolation ----------------------------------------------------------------------


def test_required_variable_counts_as_empty_and_checks_go_on(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:${TAG:?set TAG}\n"
            "    environment:\n"
            "      HOST: ${PUBLIC_HOST}\n"
            "      ADMIN_PASSWORD: s3cr3t-Admin-pw\n"
            "    depends_on: [db]\n"
        )
    }
    assert lines(tmp_path, stack) == [
        "compose.yaml:3:12: CC106 error error while interpolating services.web.image: "
        "required variable TAG is missing a value: set TAG [default]",
        'compose.yaml:5:13: CC501 warning variable "PUBLIC_HOST" is not set: Compose '
        "substitutes an empty string in services.web.environment.HOST [default]",
        "compose.yaml:6:23: CC401 error environment variable ADMIN_PASSWORD of service "
        '"web" holds a hardcoded password (s3…(15 chars)) [default]',
        'compose.yaml:7:18: CC201 error service "web" refers to undefined service "db" in '
        "depends_on [default]",
    ]


def test_bad_template_in_an_env_file_is_cc106_at_its_line(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n    env_file: web.env\n",
        "web.env": "A=1\nB=${C\n",
    }
    assert lines(tmp_path, stack) == [
        # Compose quotes the value; it may be a secret, so it is masked.
        f"web.env:2:1: CC106 error failed to read {tmp_path / 'web.env'}: Invalid template: "
        "…(3 chars) [default]",
    ]


# -- invalid values -----------------------------------------------------------------------


def test_two_invalid_values_give_two_findings(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    ports: ['${WEB_PORT}:80/tpc', '8443:443']\n"
            "    mem_limit: ${MEM}\n"
            "    healthcheck:\n"
            "      test: [CMD, 'true']\n"
            "      interval: 30 sec\n"
        ),
        ".env": "WEB_PORT=8080\nMEM=lots\n",
    }
    assert lines(tmp_path, stack) == [
        # MEM's whole value is written in .env: reported there.
        ".env:2:1: CC104 error 'services[web].mem_limit' invalid size: 'lots' [default]",
        "compose.yaml:4:13: CC104 error invalid proto: tpc [default]",
        "compose.yaml:8:17: CC104 error 'services[web].healthcheck.interval' time: unknown "
        'unit " sec" in duration "30 sec" [default]',
    ]


def test_an_attribute_that_cannot_merge_leaves_the_rest_of_the_override(
    tmp_path: Path,
) -> None:
    # Each refused merge is one finding; the override's other attributes still merge
    # (the memory limit it adds is there: no CC301, a production check, for prod).
    stack = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    group_add: [100]\n"
            "    volumes: ['data:/v']\n"
            "    secrets: [s]\n"
            "secrets:\n"
            "  s: {environment: S, labels: {b: '1'}}\n"
            "volumes:\n"
            "  data: {labels: [a=1]}\n"
        ),
        "compose.prod.yaml": (
            "services:\n"
            "  web:\n"
            "    group_add: ['100', 100]\n"
            "    deploy: {resources: {limits: {memory: 256M}}}\n"
            "volumes:\n"
            "  data: {labels: [a=1]}\n"
            "secrets:\n"
            "  s: {labels: [b=2]}\n"
        ),
    }
    assert lines(tmp_path, stack, select=("CC104", "CC301")) == [
        "compose.prod.yaml:3:24: CC104 error services.web.group_add items at 0 and 2 are "
        "equal [prod]",
        "compose.prod.yaml:6:18: CC104 error volumes.data.labels must be a mapping [prod]",
        "compose.prod.yaml:8:15: CC104 error cannot override secrets.s.labels [prod]",
    ]


def test_invalid_value_from_a_variable_is_reported_at_the_env_line(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n    cpus: ${CPUS}\n",
        ".env": "CPUS=two\n",
    }
    write(tmp_path, stack)
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(tmp_path)], env=ENV)
    (finding,) = json.loads(result.output)["findings"]
    # The .env line wrote the whole value: the fix is made there.
    assert (finding["code"], finding["file"], finding["line"]) == (
        "CC104",
        str(tmp_path / ".env"),
        1,
    )
    assert [(r["file"], r["line"], r["message"]) for r in finding["related"]] == [
        (str(tmp_path / "compose.yaml"), 4, "used here")
    ]


# -- unknown keys and broken files -------------------------------------------------------


def test_unknown_key_is_ignored_and_the_service_still_checked(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    restrat: always\n"
            "    networks: [front]\n"
        )
    }
    assert lines(tmp_path, stack) == [
        "compose.yaml:4:5: CC103 error services.web additional properties 'restrat' not "
        "allowed [default]",
        'compose.yaml:5:16: CC205 error service "web" joins undefined network "front" [default]',
    ]


def test_broken_yaml_in_one_file_leaves_the_others_checked(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n    depends_on: [db]\n",
        "compose.dev.yaml": "services:\n  web:\n    ports:\n  - 8080:80\n    - x\n",
    }
    assert lines(tmp_path, stack) == [
        "compose.dev.yaml:4:3: CC101 error yaml: line 4: did not find expected key [dev]",
        'compose.yaml:4:18: CC201 error service "web" refers to undefined service "db" in '
        "depends_on [default, dev]",
    ]


# -- what Compose refuses ------------------------------------------------------------------


def test_service_without_image_or_build_never_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    environment:\n      A: b\n"})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"], env=ENV)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        'compose.yaml:2:3: CC215 error service "web" has neither an image nor a build '
        "context specified: invalid compose project [default]"
    )


def test_a_failed_extends_is_not_blamed_for_what_it_would_have_given(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": (
            "services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n"
        )
    }
    common = tmp_path / "common.yaml"
    assert lines(tmp_path, stack) == [
        f"compose.yaml:4:13: CC107 error open {common}: no such file or directory [default]",
    ]


def test_an_environment_file_already_listed_is_not_merged_twice(tmp_path: Path) -> None:
    stack = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n",
        "compose.nginx.yaml": (
            "services:\n  web:\n    security_opt:\n      - no-new-privileges:true\n"
        ),
    }
    write(tmp_path, stack)
    from composecheck.validate import ValidateOptions, run

    findings = run(
        ValidateOptions(
            files=["compose.yaml", "compose.nginx.yaml"],
            environments=("nginx",),
            select=("CC1",),
            environ=dict(ENV),
            cwd=str(tmp_path),
        )
    )
    # Merged twice, security_opt would repeat an item (a uniqueItems error).
    assert findings == []

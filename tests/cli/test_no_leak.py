"""A secret in the wrong place is never printed, not even in Compose's own messages
(issue 16).

Compose's messages quote the value they refuse. Each case puts a GitHub token where it
fails (through ``.env`` or written directly) and asserts the exact output of ``render``
(stderr, with and without ``--redact``) and ``validate``: the token is shown masked, as
findings show values (``gh…(40 chars)``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from composecheck.cli import main
from tests.checks.helpers import ENV, write

TOKEN = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
MASKED = "gh…(40 chars)"
DOTENV = f"TOKEN={TOKEN}\n"
HEAD = "services:\n  web:\n    image: nginx:1.27\n"
ONE_ERROR = "\nFound 1 problem (1 error, 0 warnings, 0 info).\n"
ONE_WARNING = "\nFound 1 problem (0 errors, 1 warning, 0 info).\n"

# name: (compose.yaml, render's stderr, validate's text report)
CASES: dict[str, tuple[str, str, str]] = {
    "cpus": (
        HEAD + "    cpus: ${TOKEN}\n",
        "{d}/compose.yaml:4:11: error while interpolating services.web.cpus: failed to cast "
        f'to expected type: strconv.ParseFloat: parsing "{MASKED}": invalid syntax\n',
        ".env:1:1: CC104 error error while interpolating services.web.cpus: failed to cast "
        f'to expected type: strconv.ParseFloat: parsing "{MASKED}": invalid syntax [default]\n'
        "  hint: Docker Compose refuses this project until it is fixed\n"
        "  compose.yaml:4:11: used here\n" + ONE_ERROR,
    ),
    "ports": (
        HEAD + "    ports:\n      - ${TOKEN}\n",
        f"{{d}}/compose.yaml:5:9: invalid containerPort: {MASKED}\n",
        f".env:1:1: CC104 error invalid containerPort: {MASKED} [default]\n"
        "  hint: Docker Compose refuses this project until it is fixed\n"
        "  compose.yaml:5:9: used here\n" + ONE_ERROR,
    ),
    "mem_limit": (
        HEAD + "    mem_limit: ${TOKEN}\n",
        "{d}/compose.yaml:4:16: decoding failed due to the following error(s):\n\n"
        f"'services[web].mem_limit' strconv.ParseFloat: parsing \"{MASKED}\": invalid syntax\n",
        f".env:1:1: CC104 error 'services[web].mem_limit' strconv.ParseFloat: parsing "
        f'"{MASKED}": invalid syntax [default]\n'
        "  hint: Docker Compose refuses this project until it is fixed\n"
        "  compose.yaml:4:16: used here\n" + ONE_ERROR,
    ),
    "healthcheck-interval": (
        HEAD + "    healthcheck:\n      interval: ${TOKEN}\n",
        "{d}/compose.yaml:5:17: decoding failed due to the following error(s):\n\n"
        f"'services[web].healthcheck.interval' time: invalid duration \"{MASKED}\"\n",
        ".env:1:1: CC104 error 'services[web].healthcheck.interval' time: invalid duration "
        f'"{MASKED}" [default]\n'
        "  hint: Docker Compose refuses this project until it is fixed\n"
        "  compose.yaml:5:17: used here\n" + ONE_ERROR,
    ),
    "restart": (
        HEAD + "    restart: ${TOKEN}\n",
        "",  # Compose's config accepts any restart text
        f'.env:1:1: CC304 error service "web" has restart "{MASKED}", which is not a '
        "restart policy [default]\n"
        "  hint: use one of no, always, on-failure, unless-stopped, on-failure:N\n"
        "  compose.yaml:4:14: used here\n" + ONE_ERROR,
    ),
    "network_mode": (
        HEAD + "    network_mode: service:${TOKEN}\n",
        f'{{d}}/compose.yaml:4:19: service "web" depends on undefined service "{MASKED}": '
        "invalid compose project\n"
        f"  hint: define a service named '{MASKED}' or remove the reference\n",
        f'compose.yaml:4:19: CC201 error service "web" refers to undefined service "{MASKED}" '
        "in network_mode [default]\n"
        f"  hint: define a service named '{MASKED}' or remove the reference\n"
        "  .env:1:1: the value comes from here\n" + ONE_ERROR,
    ),
    "image": (
        "services:\n  web:\n    image: ${TOKEN}\n",
        "",  # Compose's config accepts it
        f'.env:1:1: CC403 warning service "web" uses image "{MASKED}" with no tag: Docker '
        f'pulls "{MASKED}:latest", which changes whenever a new version is pushed [default]\n'
        f"  hint: pin a version: {MASKED}:<version>, or a digest: "
        f"{MASKED}:<version>@sha256:<digest>\n"
        "  compose.yaml:3:12: used here\n" + ONE_WARNING,
    ),
    "depends_on": (
        HEAD + f"    depends_on:\n      - {TOKEN}\n",
        f'{{d}}/compose.yaml:5:9: service "web" depends on undefined service "{MASKED}": '
        "invalid compose project\n"
        f"  hint: define a service named '{MASKED}' or remove the reference\n",
        f'compose.yaml:5:9: CC201 error service "web" refers to undefined service "{MASKED}" '
        "in depends_on [default]\n"
        f"  hint: define a service named '{MASKED}' or remove the reference\n" + ONE_ERROR,
    ),
}


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_render_masks_the_token_in_compose_messages(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compose, stderr, _ = CASES[case]
    write(tmp_path, {"compose.yaml": compose, ".env": DOTENV})
    for args in (["render"], ["render", "--redact"]):
        code, out, err = _run(tmp_path, monkeypatch, *args)
        assert err == stderr.format(d=tmp_path), args
        assert code == (2 if stderr else 0)
        if "--redact" in args:
            assert TOKEN not in out


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_masks_the_token_in_compose_messages(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compose, _, report = CASES[case]
    write(tmp_path, {"compose.yaml": compose, ".env": DOTENV})
    code, out, err = _run(tmp_path, monkeypatch, "validate", "--format", "text")
    assert out == report
    assert (code, err) == (1 if ONE_ERROR in report else 0, "")


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab", "junit"])
def test_every_report_format_masks_the_token(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"compose.yaml": CASES["cpus"][0], ".env": DOTENV})
    _, out, _ = _run(tmp_path, monkeypatch, "validate", "--format", fmt)
    assert TOKEN not in out and TOKEN[4:] not in out
    quoted = f'parsing "{MASKED}": invalid syntax'
    if fmt in ("json", "sarif", "gitlab"):
        assert quoted in json.dumps(json.loads(out), ensure_ascii=False).replace('\\"', '"')
    else:
        assert quoted in out.replace("&quot;", '"')


def test_the_summary_of_a_written_report_and_the_report_are_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"compose.yaml": CASES["cpus"][0], ".env": DOTENV})
    code, out, _ = _run(tmp_path, monkeypatch, "validate", "-o", "report.txt")
    assert code == 1
    assert out == "1 finding (1 error, 0 warnings, 0 info); report written to report.txt\n"
    written = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert TOKEN not in written and MASKED in written


def test_a_password_from_env_is_masked_in_any_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not a provider format: a secret because of the key it is assigned to.
    password = "Zq8#vN2!kLp0wR7x"
    write(
        tmp_path,
        {"compose.yaml": HEAD + "    cpus: ${DB_PASSWORD}\n", ".env": f"DB_PASSWORD={password}\n"},
    )
    _, _, err = _run(tmp_path, monkeypatch, "render")
    assert err == (
        f"{tmp_path}/compose.yaml:4:11: error while interpolating services.web.cpus: failed "
        'to cast to expected type: strconv.ParseFloat: parsing "Zq…(16 chars)": invalid syntax\n'
    )


def test_ordinary_values_are_not_masked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A password elsewhere in the stack does not hide "nginx" or "8080" in messages.
    compose = (
        "services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80x\n"
        "    environment:\n      DB_PASSWORD: s3cr3t-Passw0rd\n"
    )
    write(tmp_path, {"compose.yaml": compose})
    _, _, err = _run(tmp_path, monkeypatch, "render")
    assert err == f"{tmp_path}/compose.yaml:5:9: invalid containerPort: 80x\n"

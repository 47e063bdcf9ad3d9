"""The scrubber every printed message and report goes through (secrets/scrub.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from composecheck.load.readings import Readings
from composecheck.secrets.scrub import Scrubber, secret_values

TOKEN = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
PASSWORD = "Zq8-vN2!kLp0wR7x"


def _readings(variables: dict[str, str], document: object) -> Readings:
    readings = Readings()
    readings.add_variables(variables)
    readings.add_documents([document])
    return readings


def test_secret_values_judge_each_value_with_its_key() -> None:
    readings = _readings(
        {"DB_PASSWORD": PASSWORD, "IMAGE": "nginx", "PORT": "8080", "HOME": "/root"},
        {
            "services": {
                "web": {
                    "image": "nginx",
                    "ports": ["8080:80"],
                    "environment": ["API_KEY=k3y-Lq9-Zx7-Wv2", "MODE=production"],
                    "command": ["redis-server", "--requirepass", "r3disPa55word"],
                    "cpus": TOKEN,
                    "labels": {"PASSWORD": "postgres"},  # a weak default: left alone
                }
            }
        },
    )
    assert secret_values(readings) == {PASSWORD, "k3y-Lq9-Zx7-Wv2", "r3disPa55word", TOKEN}


def test_within_judges_only_what_a_message_may_show() -> None:
    readings = _readings({"DB_PASSWORD": PASSWORD, "TOKEN": TOKEN}, {})
    assert secret_values(readings, within=f'parsing "{TOKEN[:20]}"') == {TOKEN}
    assert secret_values(readings, within="invalid containerPort: 80x") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f'parsing "{TOKEN}": invalid syntax', 'parsing "gh…(40 chars)": invalid syntax'),
        # As JSON, XML and GitHub's workflow commands write it, and Go's %q.
        (json.dumps(f"a {PASSWORD}\n"), json.dumps("a Zq…(16 chars)\n", ensure_ascii=False)),
        ("&quot;Zq8-vN2!kLp0wR7x&quot;", "&quot;Zq…(16 chars)&quot;"),
        # Part of it, in lower case (a port protocol): parts of 11 characters or more.
        ("invalid proto: hijklmnopqrstuvwx", "invalid proto: hi…(17 chars)"),
        # A short secret only as a whole word.
        ("s3cr3t and s3cr3tive", "s3…(6 chars) and s3cr3tive"),
        # Ordinary values around it stay.
        ("image nginx:1.27, port 8080", "image nginx:1.27, port 8080"),
    ],
)
def test_scrubber(text: str, expected: str) -> None:
    assert Scrubber([TOKEN, PASSWORD, "s3cr3t"])(text) == expected


def test_provider_formats_are_masked_without_being_seen_before() -> None:
    pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7\\n-----END RSA PRIVATE KEY-----"
    jwt = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
        "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    )
    scrub = Scrubber()
    assert scrub(f'key "{pem}" here') == 'key "--…(81 chars)" here'
    assert scrub(f"token {jwt}.") == "token ey…(108 chars)."
    assert scrub("AKIAIOSFODNN7EXAMPLE is a placeholder") == "AKIAIOSFODNN7EXAMPLE is a placeholder"
    assert scrub("sk_live_4eC39HqLyjWDarjtT1zdp7dc") == "sk…(32 chars)"


def test_a_fixed_replacement_for_render_redact() -> None:
    assert Scrubber([PASSWORD], "<redacted>")(f"x: {PASSWORD}\ny: {TOKEN}\n") == (
        "x: <redacted>\ny: <redacted>\n"
    )


def test_part_of_a_provider_format_with_few_distinct_letters() -> None:
    # Below the entropy of a random password, but an AWS key id all the same: the part a
    # unit parser quotes (up to the last digit) is masked.
    key = "AKIAAAAABBBBCCCC1DDD"
    assert Scrubber([key])('parsing "AKIAAAAABBBBCCCC1": invalid syntax') == (
        'parsing "AK…(17 chars)": invalid syntax'
    )


def test_a_word_inside_a_password_is_not_masked_elsewhere() -> None:
    scrub = Scrubber(["abcdPassword1234"])
    assert scrub("holds a hardcoded password") == "holds a hardcoded password"
    assert scrub("parsing abcdPassword12") == "parsing ab…(14 chars)"


def test_as_junit_writes_it() -> None:
    import xml.etree.ElementTree as ET

    password = "p&ss'<Word>9x!\"Q"
    element = ET.Element("failure", message=f"parsing {password}")
    element.text = f"parsing {password}"
    written = ET.tostring(element, encoding="unicode")
    assert Scrubber([password])(written) == (
        '<failure message="parsing p&amp;…(16 chars)">parsing p&amp;…(16 chars)</failure>'
    )


def test_a_random_credential_that_passes_for_a_path_is_still_masked() -> None:
    # Found by the leak fuzzer: an AWS secret key whose random body starts with "/".
    aws = "/WTYY/Yv+h0XXzipNaDUHyvBgTeQzk625dKIR+yZ"
    readings = _readings(
        {"AWS_SECRET_ACCESS_KEY": aws, "DB_PASSWORD": "${OIDC_CLIENT_SECRET_VALUE}"},
        {"services": {"web": {"image": "nginx", "working_dir": "/srv/app/current/release"}}},
    )
    assert secret_values(readings) == {aws}


def test_a_huge_value_is_judged_once_whatever_the_environments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by the crash fuzzer: a 1 MB value (under logging options) in a stack of four
    # environments was measured for randomness about 80 times (17 s); the measure is
    # cached, and only values under a credential's name are measured at all.
    from composecheck.secrets import judge, scrub
    from tests.checks.helpers import validate

    getattr(scrub._distinctive, "cache_clear", lambda: None)()  # measured afresh
    huge = "x9" * 500_000
    measured: list[int] = []

    def counted(value: str) -> float:
        if len(value) > 100_000:
            measured.append(len(value))
        return real(value)

    real = judge.shannon
    monkeypatch.setattr(judge, "shannon", counted)
    monkeypatch.setattr(scrub, "shannon", counted)
    stack = {
        "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n"
        f"    logging: {{options: {{max-size: '{huge}'}}}}\n    environment:\n"
        f"      API_TOKEN: '{huge}'\n",
        **{f"compose.{env}.yaml": "services:\n  web:\n    restart: always\n" for env in "abc"},
    }
    findings = validate(tmp_path, stack)
    assert {f.environments for f in findings} >= {("default", "a", "b", "c")}
    assert measured == [1_000_000]

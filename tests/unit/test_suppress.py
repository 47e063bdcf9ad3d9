"""Inline ignores (composecheck/suppress.py) through `evaluate`: what they silence, what
CC001 unused-ignore and CC002 invalid-ignore report, and how SARIF shows them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from composecheck.findings import Finding, Suppression
from composecheck.formatters import text
from composecheck.formatters.sarif import as_sarif
from composecheck.location import Loc
from composecheck.validate import Outcome, ValidateOptions, evaluate

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}
SARIF_SCHEMA = (
    Path(__file__).resolve().parents[3] / "shared/reference/sarif/sarif-schema-2.1.0.json"
)

LATEST_HINT = "  hint: pin a version: nginx:<version>, or a digest: nginx:<version>@sha256:<digest>"
UNUSED_HINT = "  hint: remove it (or the codes that no longer fire), or move it next to the finding"


def latest(service: str) -> str:
    return (
        f'CC403 warning service "{service}" uses image "nginx:latest": the latest tag '
        "changes whenever a new version is pushed [default]"
    )


def check(folder: Path, files: dict[str, str], **options: Any) -> Outcome:
    """``evaluate`` on the stack ``files`` (name → text) written into ``folder``."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return evaluate(ValidateOptions(cwd=str(folder), environ=dict(ENV), **options))


def where(findings: list[Finding], folder: Path) -> list[tuple[str, str, int | None, int | None]]:
    """(code, file relative to ``folder``, line, column) of each finding."""
    return [
        (f.code, os.path.relpath(f.file, folder) if f.file else "-", f.line, f.column)
        for f in findings
    ]


def report(outcome: Outcome, folder: Path) -> str:
    return text(outcome.findings, str(folder), held=outcome.held())


# -- what a valid ignore covers ----------------------------------------------------------


def test_trailing_ignore_silences_its_own_line_only(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:latest  # composecheck: ignore[CC403] tracked upstream\n"
                "  api:\n"
                "    image: nginx:latest\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC403", "compose.yaml", 5, 12)]
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 3, 12)]
    assert outcome.suppressed[0].service == "web"
    assert outcome.suppressed[0].suppression == Suppression(
        "inSource", "tracked upstream", Loc(str(tmp_path / "compose.yaml"), 3, 26)
    )
    assert report(outcome, tmp_path) == "\n".join(
        [
            f"compose.yaml:5:12: {latest('api')}",
            LATEST_HINT,
            "",
            "Found 1 problem (0 errors, 1 warning, 0 info).",
            "Not reported: 1 suppressed inline.",
            "",
        ]
    )


def test_ignore_on_its_own_line_covers_the_next_line_of_code(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    # composecheck: ignore[CC403] tracked upstream\n"
                "\n"
                "    # the image is rebuilt nightly\n"
                "    image: nginx:latest\n"
                "  api:\n"
                "    image: nginx:latest\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC403", "compose.yaml", 8, 12)]
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 6, 12)]
    assert outcome.suppressed[0].suppression == Suppression(
        "inSource", "tracked upstream", Loc(str(tmp_path / "compose.yaml"), 3, 5)
    )


def test_ignore_covers_one_line_of_code_not_the_one_after(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    # composecheck: ignore[CC201] the db runs in the platform stack\n"
                "    environment: {A: b}\n"
                "    depends_on: [db]\n"
                "    image: nginx:1.27.3\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [
        ("CC001", "compose.yaml", 3, 5),
        ("CC201", "compose.yaml", 5, 18),
    ]
    assert outcome.suppressed == []


def test_ignore_next_block_covers_a_whole_service(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  # composecheck: ignore-next-block[CC403,CC201] legacy, retired in Q3\n"
                "  legacy:\n"
                "    image: nginx:latest\n"
                "\n"
                "    # still inside the block\n"
                "    depends_on:\n"
                "      - db\n"
                "  after:\n"
                "    image: nginx:latest\n"
                "    depends_on: [db]\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [
        ("CC403", "compose.yaml", 10, 12),
        ("CC201", "compose.yaml", 11, 18),
    ]
    assert where(outcome.suppressed, tmp_path) == [
        ("CC403", "compose.yaml", 4, 12),
        ("CC201", "compose.yaml", 8, 9),
    ]
    loc = Loc(str(tmp_path / "compose.yaml"), 2, 3)
    assert {f.suppression for f in outcome.suppressed} == {
        Suppression("inSource", "legacy, retired in Q3", loc)
    }


def test_ignore_next_block_trailing_a_key_covers_that_key_s_block(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  legacy:  # composecheck: ignore-next-block[CC403] retired in Q3\n"
                "    image: nginx:latest\n"
                "  after:\n"
                "    image: nginx:latest\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC403", "compose.yaml", 5, 12)]
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 3, 12)]


def test_ignore_file_covers_every_line_of_its_file(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:latest\n"
                "    depends_on: [db]\n"
                "  api:\n"
                "    image: nginx:latest\n"
                "# composecheck: ignore-file[CC403] a demo stack, images float on purpose\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC201", "compose.yaml", 4, 18)]
    assert where(outcome.suppressed, tmp_path) == [
        ("CC403", "compose.yaml", 3, 12),
        ("CC403", "compose.yaml", 6, 12),
    ]
    loc = Loc(str(tmp_path / "compose.yaml"), 7, 1)
    assert {f.suppression for f in outcome.suppressed} == {
        Suppression("inSource", "a demo stack, images float on purpose", loc)
    }
    assert report(outcome, tmp_path).splitlines()[-2:] == [
        "Found 1 problem (1 error, 0 warnings, 0 info).",
        "Not reported: 2 suppressed inline.",
    ]


def test_ignore_file_covers_only_its_own_file(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "# composecheck: ignore-file[CC403] images float on purpose\n"
                "services:\n"
                "  web:\n"
                "    image: nginx:latest\n"
            ),
            "compose.override.yaml": "services:\n  api:\n    image: nginx:latest\n",
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC403", "compose.override.yaml", 3, 12)]
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 4, 12)]


@pytest.mark.parametrize("codes", ["CC403", "unpinned-image", "CC4", "CC40", "cc403", "C"])
def test_codes_by_code_name_or_prefix(tmp_path: Path, codes: str) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                f"  web:  # composecheck: ignore-next-block[{codes}] tracked upstream\n"
                "    image: nginx:latest\n"
            )
        },
    )
    assert outcome.findings == []
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 3, 12)]


def test_several_codes_on_one_line(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web: {image: nginx:latest, depends_on: [db]}"
                "  # composecheck: ignore[CC403, undefined-service] a throwaway demo\n"
                "  api: {image: nginx:latest, depends_on: [db]}\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [
        ("CC403", "compose.yaml", 3, 16),
        ("CC201", "compose.yaml", 3, 43),
    ]
    assert where(outcome.suppressed, tmp_path) == [
        ("CC403", "compose.yaml", 2, 16),
        ("CC201", "compose.yaml", 2, 43),
    ]
    assert [f.suppression.justification for f in outcome.suppressed if f.suppression] == [
        "a throwaway demo",
        "a throwaway demo",
    ]


def test_an_ignore_used_in_one_environment_only_is_used(tmp_path: Path) -> None:
    # Pinned by tag: CC403 fires (as info) in production only; the ignore is used there.
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:1.27.3  # composecheck: ignore[CC403] digest pinned at deploy\n"
            ),
            "compose.prod.yaml": "services:\n  web:\n    restart: always\n",
        },
        select=("CC0", "CC403"),
    )
    assert outcome.findings == []
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 3, 12)]
    assert outcome.suppressed[0].environments == ("prod",)


# -- CC002 invalid-ignore ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "column", "message", "hint"),
    [
        pytest.param(
            "# composecheck: ignore[CC403]",
            26,
            "ignore[CC403] gives no reason, so it silences nothing",
            "say why after the brackets, e.g. # composecheck: ignore[CC301] sized by the platform",
            id="missing reason",
        ),
        pytest.param(
            "# composecheck: ignore[CC999] an old check",
            26,
            "ignore[CC999] names no known check",
            "`composecheck rules` lists the codes and names",
            id="unknown code",
        ),
        pytest.param(
            "# composecheck: ignore[CC403,unpinned-imag] one typo spoils it",
            26,
            "ignore[unpinned-imag] names no known check",
            "`composecheck rules` lists the codes and names",
            id="one unknown name among known codes",
        ),
        pytest.param(
            "# composecheck: ignore",
            26,
            "ignore names no check, so it silences nothing",
            "name what it silences: # composecheck: ignore[CC301] the reason",
            id="bare ignore",
        ),
        pytest.param(
            "# composecheck: ignore[] why not",
            26,
            "ignore names no check, so it silences nothing",
            "name what it silences: # composecheck: ignore[CC301] the reason",
            id="empty brackets",
        ),
        pytest.param(
            "# composecheck: ignroe[CC403] tracked upstream",
            26,
            "unknown directive '# composecheck: ignroe[CC403] tracked upstream'",
            "write ignore[CODE], ignore-next-block[CODE] or ignore-file[CODE], then a reason",
            id="misspelt directive",
        ),
        pytest.param(
            "# composecheck: ignore-block[CC403] tracked upstream",
            26,
            "unknown directive '# composecheck: ignore-block[CC403] tracked upstream'",
            "write ignore[CODE], ignore-next-block[CODE] or ignore-file[CODE], then a reason",
            id="unknown directive",
        ),
    ],
)
def test_invalid_ignore_is_reported_and_silences_nothing(
    tmp_path: Path, comment: str, column: int, message: str, hint: str
) -> None:
    outcome = check(
        tmp_path,
        {"compose.yaml": f"services:\n  web:\n    image: nginx:latest  {comment}\n"},
    )
    assert where(outcome.findings, tmp_path) == [
        ("CC403", "compose.yaml", 3, 12),
        ("CC002", "compose.yaml", 3, column),
    ]
    assert outcome.suppressed == []
    assert report(outcome, tmp_path) == "\n".join(
        [
            f"compose.yaml:3:12: {latest('web')}",
            LATEST_HINT,
            f"compose.yaml:3:{column}: CC002 error {message}",
            f"  hint: {hint}",
            "",
            "Found 2 problems (1 error, 1 warning, 0 info).",
            "",
        ]
    )


def test_invalid_ignore_on_its_own_line_keeps_the_next_finding(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    # composecheck: ignore-next-block[CC403]\n"
                "    image: nginx:latest\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [
        ("CC002", "compose.yaml", 3, 5),
        ("CC403", "compose.yaml", 4, 12),
    ]
    assert outcome.findings[0].message == (
        "ignore-next-block[CC403] gives no reason, so it silences nothing"
    )


# -- CC001 unused-ignore ----------------------------------------------------------------


def test_unused_ignore_is_reported_at_the_comment(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:1.27.3  # composecheck: ignore[CC403] tracked upstream\n"
                "    # composecheck: ignore-next-block[CC201] the db is external\n"
                "    environment:\n"
                "      A: b\n"
                "# composecheck: ignore-file[CC208] nothing to see\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [
        ("CC001", "compose.yaml", 3, 26),
        ("CC001", "compose.yaml", 4, 5),
        ("CC001", "compose.yaml", 7, 1),
    ]
    assert report(outcome, tmp_path) == "\n".join(
        [
            "compose.yaml:3:26: CC001 warning ignore[CC403] silences nothing: no CC403 finding "
            "on this line or the next",
            UNUSED_HINT,
            "compose.yaml:4:5: CC001 warning ignore-next-block[CC201] silences nothing: no "
            "CC201 finding in the block below",
            UNUSED_HINT,
            "compose.yaml:7:1: CC001 warning ignore-file[CC208] silences nothing: no CC208 "
            "finding in this file",
            UNUSED_HINT,
            "",
            "Found 3 problems (0 errors, 3 warnings, 0 info).",
            "",
        ]
    )


def test_unused_names_only_the_codes_that_silenced_nothing(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:latest"
                "  # composecheck: ignore[CC403,CC201,CC5] tracked upstream\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC001", "compose.yaml", 3, 26)]
    assert outcome.findings[0].message == (
        "ignore[CC201,CC5] silences nothing: no CC201,CC5 finding on this line or the next"
    )
    assert where(outcome.suppressed, tmp_path) == [("CC403", "compose.yaml", 3, 12)]


def test_production_only_ignore_is_not_judged_without_production(tmp_path: Path) -> None:
    compose = (
        "services:\n"
        "  worker:  # composecheck: ignore[CC305] restarted by systemd\n"
        "    image: nginx:1.27.3\n"
        "    restart: always\n"
    )
    outcome = check(tmp_path, {"compose.yaml": compose})
    assert outcome.findings == []
    assert outcome.suppressed == []


def test_production_only_ignore_is_judged_with_production(tmp_path: Path) -> None:
    compose = (
        "services:\n"
        "  worker:  # composecheck: ignore[CC305] restarted by systemd\n"
        "    image: nginx:1.27.3\n"
        "    restart: always\n"
    )
    prod = "services:\n  worker:\n    environment:\n      MODE: prod\n"
    outcome = check(
        tmp_path, {"compose.yaml": compose, "compose.prod.yaml": prod}, select=("CC0", "CC305")
    )
    assert where(outcome.findings, tmp_path) == [("CC001", "compose.yaml", 2, 12)]


def test_production_only_ignore_is_used_in_production(tmp_path: Path) -> None:
    compose = (
        "services:\n"
        "  worker:  # composecheck: ignore[CC305] restarted by systemd\n"
        "    image: nginx:1.27.3\n"
    )
    prod = "services:\n  worker:\n    environment:\n      MODE: prod\n"
    outcome = check(
        tmp_path, {"compose.yaml": compose, "compose.prod.yaml": prod}, select=("CC0", "CC305")
    )
    assert outcome.findings == []
    assert where(outcome.suppressed, tmp_path) == [("CC305", "compose.yaml", 2, 3)]
    assert outcome.suppressed[0].environments == ("prod",)


def test_ignore_of_a_deselected_check_is_not_judged(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:1.27.3  # composecheck: ignore[CC403] tracked upstream\n"
                "    depends_on: [db]\n"
            )
        },
        select=("CC0", "CC201"),
    )
    assert where(outcome.findings, tmp_path) == [("CC201", "compose.yaml", 4, 18)]


def test_ignore_cc001_turns_unused_ignores_off(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3  # composecheck: ignore[CC403] tracked upstream\n"
            "    depends_on: [db]  # composecheck: ignore[CC201]\n"
        )
    }
    everything = check(tmp_path, files)
    assert where(everything.findings, tmp_path) == [
        ("CC001", "compose.yaml", 3, 26),
        ("CC201", "compose.yaml", 4, 18),
        ("CC002", "compose.yaml", 4, 23),
    ]
    quiet = check(tmp_path, files, ignore=("CC001",))
    assert where(quiet.findings, tmp_path) == [
        ("CC201", "compose.yaml", 4, 18),
        ("CC002", "compose.yaml", 4, 23),
    ]


# -- .env files -------------------------------------------------------------------------

SECRET_COMPOSE = (
    "services:\n"
    "  db:\n"
    "    image: postgres:16.4\n"
    "    environment:\n"
    "      POSTGRES_PASSWORD: ${DB_PASSWORD}\n"
    "      REPLICA_PASSWORD: ${REPLICA_PASSWORD}\n"
)


def test_ignore_in_an_env_file_silences_a_secret_there(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": SECRET_COMPOSE,
            ".env": (
                "# composecheck: ignore[CC401] a throwaway password for the local demo\n"
                "DB_PASSWORD=s3cr3t-Pa55word!x\n"
                "REPLICA_PASSWORD=An0ther-S3cret!zq\n"
            ),
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC401", ".env", 3, 1)]
    assert where(outcome.suppressed, tmp_path) == [("CC401", ".env", 2, 1)]
    assert outcome.suppressed[0].suppression == Suppression(
        "inSource", "a throwaway password for the local demo", Loc(str(tmp_path / ".env"), 1, 1)
    )
    assert outcome.suppressed[0].service == "db"


def test_unused_ignore_in_an_env_file_is_reported(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": SECRET_COMPOSE,
            ".env": (
                "# composecheck: ignore[CC401] set at deploy time\n"
                "DB_PASSWORD=${SECRET_FROM_CI:-}\n"
                "REPLICA_PASSWORD=\n"
            ),
        },
        select=("CC0", "CC401"),
    )
    assert where(outcome.findings, tmp_path) == [("CC001", ".env", 1, 1)]
    assert outcome.findings[0].message == (
        "ignore[CC401] silences nothing: no CC401 finding on this line or the next"
    )


def test_directive_text_that_is_an_env_value_is_data(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": SECRET_COMPOSE,
            ".env": (
                "DB_PASSWORD=${SECRET_FROM_CI:-}\n"
                "REPLICA_PASSWORD=  # composecheck: ignore[CC401] set at deploy time\n"
            ),
        },
        select=("CC0", "CC401"),
    )
    # Actual: findings == [] and suppressed holds a CC401 finding at .env:2:1 whose
    # "secret" is the comment text, silenced by that same text.
    assert outcome.suppressed == []


# -- what is not a directive ------------------------------------------------------------


def test_directive_text_needs_a_comment(tmp_path: Path) -> None:
    # `#` starts a YAML comment only after whitespace: a value containing it is data.
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:latest\n"
                "    labels:\n"
                "      note: a#composecheck:ignore[CC403]x\n"
            )
        },
    )
    assert where(outcome.findings, tmp_path) == [("CC403", "compose.yaml", 3, 12)]


def test_directive_text_inside_a_quoted_string_is_data(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                '  web: {image: nginx:latest, command: "echo # composecheck: ignore[CC403] x"}\n'
                "  api:\n"
                "    image: nginx:1.27.3\n"
                '    command: "echo # composecheck: ignroe[CC403] not a comment"\n'
            )
        },
    )
    # Actual: the CC403 finding of web is suppressed with the reason 'x"}', and line 5
    # gets a CC002 "unknown directive".
    assert where(outcome.findings, tmp_path) == [("CC403", "compose.yaml", 2, 16)]
    assert outcome.suppressed == []


def test_ignore_next_block_covers_a_sequence_at_the_key_s_indentation(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    image: nginx:1.27.3\n"
                "    # composecheck: ignore-next-block[CC201] the db is in the platform stack\n"
                "    depends_on:\n"
                "    - db\n"
            )
        },
    )
    # Actual: CC201 at 6:7 is reported, and the ignore at 4:5 is reported unused (CC001).
    assert outcome.findings == []
    assert where(outcome.suppressed, tmp_path) == [("CC201", "compose.yaml", 6, 7)]


# -- SARIF ------------------------------------------------------------------------------


def test_sarif_marks_inline_suppressions_and_validates(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  web:\n"
                "    # composecheck: ignore[CC403] tracked upstream\n"
                "    image: nginx:latest\n"
                "    depends_on: [db]  # composecheck: ignore[CC201] the db is external\n"
                "  api:\n"
                "    image: nginx:latest\n"
            )
        },
    )
    log = json.loads(as_sarif(outcome.findings, str(tmp_path), outcome.held()))
    results = log["runs"][0]["results"]

    def located(line: int, column: int) -> dict[str, Any]:
        return {
            "physicalLocation": {
                "artifactLocation": {"uri": "compose.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": line, "startColumn": column},
            }
        }

    assert [(r["ruleId"], r["locations"][0]) for r in results] == [
        ("CC403", located(4, 12)),
        ("CC201", located(5, 18)),
        ("CC403", located(7, 12)),
    ]
    assert results[0]["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "tracked upstream",
            "location": located(3, 5),
        }
    ]
    assert results[1]["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "the db is external",
            "location": located(5, 23),
        }
    ]
    assert "suppressions" not in results[2]
    # No baseline in use: no result says whether it is new.
    assert not any("baselineState" in r for r in results)
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = [e.message for e in validator(schema).iter_errors(log)]
    assert errors == []

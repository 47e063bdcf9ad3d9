"""What the loader records about how values were written (composecheck.load.provenance),
and the secrets walk that uses it instead of reading the files again."""

from __future__ import annotations

import builtins
import io
from pathlib import Path
from typing import Any

import pytest

from composecheck.load.project import LoadedProject, LoadOptions, load_project
from composecheck.load.provenance import Default, Template, scalar_layout
from composecheck.load.reader import parse_documents
from composecheck.location import Loc
from composecheck.secrets.surfaces import Hit, scan

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}


def load(folder: Path, files: dict[str, str], environ: dict[str, str] | None = None) -> Any:
    for name, content in files.items():
        (folder / name).write_text(content)
    options = LoadOptions(environ={**ENV, **(environ or {})}, cwd=str(folder), keep_going=True)
    return load_project(options)


def where(hit: Hit) -> tuple[str, int, int]:
    assert hit.loc is not None
    return (Path(hit.loc.file).name, hit.loc.line, hit.loc.col)


def layouts(text: str) -> dict[tuple[int, int], Any]:
    doc = parse_documents(text.encode(), "f.yaml")[0]
    return {(line, col): layout for (_, line, col), layout in doc.layouts.items()}


def position_of(layout: Any, part: str) -> tuple[int, int] | None:
    index = layout.text.index(part)
    found: tuple[int, int] | None = layout.position(index)
    return found


# -- lines of multi-line scalars --------------------------------------------------------


def test_literal_block_maps_every_line_with_its_indentation() -> None:
    recorded = layouts(
        "x-script: |2-\n"  # 1: an indentation indicator
        "    first line\n"  # 2
        "\n"  # 3: an empty line
        "      deeper --password=s3cr3tValue\n"  # 4: more indented
        "    last\n"  # 5
    )
    layout = recorded[(1, 11)]
    assert position_of(layout, "first") == (2, 5)
    assert position_of(layout, "--password=s3cr3tValue") == (4, 14)
    assert position_of(layout, "    deeper") == (4, 3)  # the extra indentation is content
    assert position_of(layout, "last") == (5, 5)


def test_folded_block_maps_each_source_line_not_the_folds() -> None:
    recorded = layouts(
        "x-text: >\n"  # 1
        "  one two\n"  # 2
        "  three token=Zx81kQ2v\n"  # 3
        "\n"  # 4
        "  after\n"  # 5
    )
    layout = recorded[(1, 9)]
    assert layout.text == "one two three token=Zx81kQ2v\nafter\n"
    assert position_of(layout, "token=Zx81kQ2v") == (3, 9)
    assert position_of(layout, "after") == (5, 3)
    assert layout.position(layout.text.index(" three")) is None  # a fold has no place


def test_quoted_scalar_maps_up_to_an_escape_it_cannot_follow() -> None:
    recorded = layouts(
        'x-a: "first part\n'  # 1
        "   second part\n"  # 2
        '   \\"escaped\\" part\n'  # 3
        '   last"\n'  # 4
    )
    layout = recorded[(1, 6)]
    assert position_of(layout, "first") == (1, 7)
    assert position_of(layout, "second") == (2, 4)
    assert position_of(layout, "escaped") is None
    assert position_of(layout, "last") is None


def test_one_line_scalars_record_nothing() -> None:
    assert layouts("a: one\nb: 'two'\nc: \"three\"\n") == {}


def test_layout_of_text_that_does_not_match_its_source_is_empty() -> None:
    assert scalar_layout("other\n", "|", ["k: |", "  text"], Loc("f", 1, 4), Loc("f", 3, 1)) is None


# -- written templates ------------------------------------------------------------------


def test_nested_defaults_are_recorded_with_whether_they_were_used(tmp_path: Path) -> None:
    project = load(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  app:\n"
                "    image: nginx:1.27.3\n"
                "    environment:\n"
                "      TOKEN: ${A:-${B:-Zx81kQ2vLm}}\n"
            )
        },
        environ={"A": ""},
    )
    template = project.environment.provenance.template(Loc(str(tmp_path / "compose.yaml"), 5, 14))
    assert template == Template(
        "${A:-${B:-Zx81kQ2vLm}}",
        (Default("B", "Zx81kQ2vLm", True), Default("A", "${B:-Zx81kQ2vLm}", True)),
    )
    assert template.names == ["A", "B"]
    assert [d.literal for d in template.defaults] == [True, False]


def test_unused_default_and_two_variables(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("USER=app\nPASS=Qw7rT9yU3i\n")
    project = load(
        tmp_path,
        {
            "compose.yaml": (
                "services:\n"
                "  app:\n"
                "    image: nginx:1.27.3\n"
                "    environment:\n"
                "      URL: postgres://${USER}:${PASS}@db/app\n"
                "      KEY: ${USER-Zx81kQ2vLm}\n"
            )
        },
    )
    provenance = project.environment.provenance
    file = str(tmp_path / "compose.yaml")
    url = provenance.template(Loc(file, 5, 12))
    assert url is not None
    assert url.text == "postgres://${USER}:${PASS}@db/app"
    assert url.names == ["USER", "PASS"]
    assert url.defaults == ()
    key = provenance.template(Loc(file, 6, 12))
    assert key is not None and key.defaults == (Default("USER", "Zx81kQ2vLm", False),)


def test_env_file_lines_record_their_defaults(tmp_path: Path) -> None:
    project = load(
        tmp_path,
        {
            "app.env": "PLAIN=1\nTOKEN=${NOPE:-Zx81kQ2vLm}\n",
            "compose.yaml": "services:\n  app:\n    image: nginx:1.27.3\n    env_file: app.env\n",
        },
    )
    provenance = project.environment.provenance
    file = str(tmp_path / "app.env")
    assert provenance.template(Loc(file, 1, 1)) is None
    recorded = provenance.template(Loc(file, 2, 1))
    assert recorded == Template(None, (Default("NOPE", "Zx81kQ2vLm", True),))


def test_included_files_share_the_record(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    project = load(
        tmp_path,
        {
            "sub/compose.yaml": (
                "services:\n"
                "  inner:\n"
                "    image: nginx:1.27.3\n"
                "    command: |\n"
                "      serve --token ${T:-Zx81kQ2vLm}\n"
            ),
            "compose.yaml": "include:\n  - sub/compose.yaml\n",
        },
    )
    provenance = project.environment.provenance
    file = str(tmp_path / "sub" / "compose.yaml")
    assert provenance.layout(Loc(file, 4, 14)) is not None
    recorded = provenance.template(Loc(file, 4, 14))
    assert recorded is not None and recorded.defaults == (Default("T", "Zx81kQ2vLm", True),)


# -- the secrets walk uses the record -----------------------------------------------------


STACK = {
    "compose.yaml": (
        "services:\n"  # 1
        "  app:\n"  # 2
        "    image: nginx:1.27.3\n"  # 3
        "    command: |\n"  # 4
        "      serve --port 80\n"  # 5
        "        --api-token=Zx81kQ2vLmN0pQ\n"  # 6
        "    entrypoint: >\n"  # 7
        "      /bin/run\n"  # 8
        "      --verbose --secret-key=Qw7rT9yU3iOp\n"  # 9
        "    environment:\n"  # 10
        "      DB_URL: postgres://${DB_USER}:${DB_PASS}@db/app\n"  # 11
        "      LEGACY_TOKEN: ${A:-${B:-Rt5yU8iO2pLk}}\n"  # 12
    ),
    ".env": "DB_USER=app\nDB_PASS=Hy6tG4rE2wQa\n",
}


def _hits(project: LoadedProject) -> dict[str, Hit]:
    return {hit.subject + (f" ({hit.detail})" if hit.detail else ""): hit for hit in scan(project)}


def test_secrets_are_found_where_they_are_written(tmp_path: Path) -> None:
    hits = _hits(load(tmp_path, STACK))
    assert where(hits['command of service "app" (api-token)']) == ("compose.yaml", 6, 21)
    folded = hits['entrypoint of service "app" (secret-key)']
    assert where(folded) == ("compose.yaml", 9, 30)
    url = hits['variable DB_PASS (used by environment variable DB_URL of service "app")']
    assert where(url) == (".env", 2, 1)
    assert [(where_loc.line, where_loc.col) for where_loc, _ in url.related if where_loc] == [
        (11, 15)
    ]
    nested = hits['the default of ${B} in environment variable LEGACY_TOKEN of service "app"']
    assert where(nested) == ("compose.yaml", 12, 21)


def test_the_secrets_walk_opens_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load(tmp_path, STACK)
    expected = scan(project)
    opened: list[str] = []

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        raise AssertionError(f"the secrets walk opened {file}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    assert scan(project) == expected
    assert opened == []
    assert len(expected) >= 4

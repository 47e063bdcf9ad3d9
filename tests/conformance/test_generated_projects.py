"""Generated projects (tests/conformance/generators.py) through both tools, in every path mode.

Every attribute of the schema, in short and long syntax, written in the base file, an
override file, an ``extends`` source and an included file; each project is loaded by
default, with ``--no-path-resolution`` and with ``--no-normalize``.  A disagreement on
accept/reject fails, and so does any difference in the output or in the warnings when both
accept.

The suite runs a small fixed budget (``derandomize=True``).  For a larger one::

    COMPOSECHECK_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest -q \
        tests/conformance/test_generated_projects.py

and to list every disagreement instead of stopping (and shrinking) at the first, add
``COMPOSECHECK_FUZZ_COLLECT=/tmp/disagreements.jsonl``: one JSON record per disagreement,
with the project's files, the mode and what differed.  ``COMPOSECHECK_FUZZ_SEED`` draws a
different (still reproducible) sequence.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from composecheck.api import LoadOptions, load, render_loaded
from composecheck.errors import InputError
from tests.conformance.corpus import diff, option_fields
from tests.conformance.generators import MODES, Project, projects
from tests.reference import require_reference, run_reference

REPO = Path(__file__).resolve().parents[2]
CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}
EXAMPLES = int(os.environ.get("COMPOSECHECK_FUZZ_EXAMPLES", "30"))
COLLECT = os.environ.get("COMPOSECHECK_FUZZ_COLLECT")
SEED = os.environ.get("COMPOSECHECK_FUZZ_SEED")

_WARNING = re.compile(r'level=warning msg="((?:[^"\\]|\\.)*)"')


def reference_warnings(stderr: str) -> list[str]:
    """The ``level=warning`` messages of the reference's log lines, unquoted."""
    return sorted(json.loads(f'"{m}"') for m in _WARNING.findall(stderr))


def ours(args: list[str], cwd: Path) -> tuple[int, Any, str, list[str]]:
    try:
        loaded = load(LoadOptions(**option_fields(args), environ=dict(CLEAN), cwd=str(cwd)))
        return 0, json.loads(render_loaded(loaded, "json")), "", sorted(loaded.warnings)
    except InputError as exc:
        return 2, None, exc.message, []


def disagreement(args: list[str], cwd: Path) -> str | None:
    """What differs between the reference and us on ``args`` in ``cwd``, or None."""
    config_flags = [a for a in args if a in ("--no-path-resolution", "--no-normalize")]
    global_args = [a for a in args if a not in config_flags]
    ref_code, ref_doc, ref_err = run_reference(global_args, cwd, CLEAN, config_flags)
    try:
        our_code, our_doc, our_err, our_warnings = ours(args, cwd)
    except Exception as exc:  # a crash is a disagreement too, whatever the reference did
        return f"we crashed: {exc!r}"
    if ref_code != 0:
        if our_code != 2:
            message = "\n".join(
                line for line in ref_err.strip().splitlines() if "level=warning" not in line
            )
            return f"reference refused ({message}), we accepted"
        return None
    if our_code != 0:
        return f"we refused ({our_err}), the reference accepted"
    differences = diff(our_doc, ref_doc)
    if differences:
        return "output differs: " + "; ".join(map(str, differences[:6]))
    ref_warnings = reference_warnings(ref_err)
    if ref_warnings != our_warnings:
        return f"warnings differ: ours {our_warnings}, reference {ref_warnings}"
    return None


def check_project(project: Project, folder: Path) -> list[tuple[list[str], str]]:
    project.write(folder)
    found = []
    for mode in MODES:
        args = [*project.cli_args, *mode]
        problem = disagreement(args, folder)
        if problem is not None:
            found.append((args, problem))
    return found


_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    phases=[Phase.explicit, Phase.generate] if COLLECT else list(Phase),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@_settings
@given(project=projects())
def _generated(project: Project) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gen-"))
    try:
        found = check_project(project, folder)
        if COLLECT:
            with open(COLLECT, "a") as out:
                for args, problem in found:
                    record = {
                        "args": args,
                        "problem": problem,
                        "files": project.files,
                        "root": project.root,
                    }
                    out.write(json.dumps(record) + "\n")
            return
        assert not found, project.describe() + "\n" + "\n".join(p for _, p in found)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_generated_projects() -> None:
    require_reference()
    test = seed(int(SEED))(_generated) if SEED is not None else _generated
    test()


def test_tables_cover_the_schema() -> None:
    """Every attribute of a service and of each top-level resource has samples."""
    from tests.conformance.generators import RESOURCE_ATTRIBUTES, SERVICE_ATTRIBUTES

    schema = json.loads((REPO / "schemas" / "compose.schema.json").read_text())
    definitions = schema["definitions"]
    assert set(definitions["service"]["properties"]) - {"extends"} == set(SERVICE_ATTRIBUTES)
    for section, name in [
        ("networks", "network"),
        ("volumes", "volume"),
        ("secrets", "secret"),
        ("configs", "config"),
        ("models", "model"),
    ]:
        assert set(definitions[name]["properties"]) == set(RESOURCE_ATTRIBUTES[section])

"""Every check is registered once, documented under every heading, and its doc examples
behave: Example raises exactly this check's code, Use instead raises none of it."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import composecheck.checks
from composecheck.checks import Check, registry
from composecheck.checks.catalog import CHECKS as LISTED
from composecheck.docs import rules_markdown
from tests.checks.helpers import validate

REPO = Path(__file__).resolve().parents[2]
CHECKS = list(registry().values())


def test_codes_and_names_are_unique() -> None:
    codes = [c.code for c in CHECKS]
    names = [c.name for c in CHECKS]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


def test_every_check_module_is_listed() -> None:
    """Each ``cc*`` module declares exactly one check, and the catalog lists it."""
    modules = sorted(
        m.name
        for m in pkgutil.iter_modules(composecheck.checks.__path__)
        if m.name.startswith("cc")
    )
    for name in modules:
        module = importlib.import_module(f"composecheck.checks.{name}")
        declared = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Check)
            and value is not Check
            and value.__module__ == module.__name__
        ]
        assert len(declared) == 1, f"{name} declares {len(declared)} checks"
        assert declared[0] in LISTED, f"add {declared[0].__name__} to checks/catalog.py"
    assert sorted(c.__module__.rsplit(".", 1)[-1] for c in LISTED) == modules
    assert len(registry()) == len(LISTED)


def test_duplicate_code_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import composecheck.checks.catalog as catalog

    monkeypatch.setattr(catalog, "CHECKS", (*LISTED, LISTED[0]))
    with pytest.raises(RuntimeError, match=f"duplicate check code {LISTED[0].code}"):
        composecheck.checks._build()


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_documented(check: Check) -> None:
    doc = check.doc
    for section in (doc.what, doc.why, doc.example, doc.use_instead, doc.options, check.summary):
        assert section.strip()
    assert check.name == check.name.lower() and " " not in check.name


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_example_raises_exactly_this_code(tmp_path: Path, check: Check) -> None:
    production = ("default",) if check.production_only or check.example_production else ()
    bad = validate(tmp_path / "bad", {"compose.yaml": check.doc.example}, production=production)
    assert {f.code for f in bad} == {check.code}
    good = validate(
        tmp_path / "good", {"compose.yaml": check.doc.use_instead}, production=production
    )
    assert check.code not in {f.code for f in good}


def test_generated_rules_doc_is_current() -> None:
    assert (REPO / "docs" / "rules.md").read_text() == rules_markdown(), (
        "docs/rules.md is stale: python -m composecheck.docs > docs/rules.md"
    )

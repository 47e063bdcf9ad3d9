"""Every check is registered once, documented under every heading, and its doc examples
behave: Example raises exactly this check's code, Use instead raises none of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.checks import Check, registry
from composecheck.docs import rules_markdown
from tests.checks.helpers import validate

REPO = Path(__file__).resolve().parents[2]
CHECKS = list(registry().values())


def test_codes_and_names_are_unique() -> None:
    codes = [c.code for c in CHECKS]
    names = [c.name for c in CHECKS]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


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

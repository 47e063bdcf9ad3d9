"""The numbers sweep against the reference (issue 16): every numeric field, every
extreme value, written in the file and coming from ``.env``.

Per field, ours and the reference must agree on accepting, print the same output, and
refuse with the same message (its last line). The sweep itself is
``tests/fuzz/numbers.py``; ``tests/unit/test_go_numbers.py`` pins one case per class
without the reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.corpus import CORPUS
from tests.fuzz.numbers import FIELD_IDS, VALUES, run_case
from tests.reference import reference_binary

pytestmark = [
    pytest.mark.skipif(reference_binary() is None, reason="the reference binary is not installed"),
    pytest.mark.skipif(not Path(CORPUS).is_dir(), reason="the shared corpus is absent"),
]


@pytest.mark.parametrize("via_env", [False, True], ids=["direct", "env"])
@pytest.mark.parametrize("field", FIELD_IDS)
def test_numbers_agree_with_the_reference(tmp_path: Path, field: str, via_env: bool) -> None:
    differences = []
    for value in VALUES:
        outcome = run_case(field, value, via_env, root=tmp_path)
        if outcome.difference:
            differences.append(f"{value}: {outcome.difference}")
    assert not differences, "\n".join(differences)

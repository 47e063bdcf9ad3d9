from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must mean a change broke
# something); developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the reference binary",
    )

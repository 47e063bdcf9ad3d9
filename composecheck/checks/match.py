"""How users name checks: by code (``CC301``), name (``missing-memory-limit``) or code
prefix (``CC3``). Kept apart from the registry so that naming costs no check imports."""

from __future__ import annotations


def match_rule(item: str, code: str, name: str) -> int:
    """How closely ``item`` names the check ``code``/``name``: 0 not at all; an exact
    code or name beats any prefix, and a longer prefix beats a shorter one."""
    if item.upper() == code or item.lower() == name:
        return 100
    return len(item) if code.startswith(item.upper()) else 0

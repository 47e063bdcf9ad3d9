"""What the detector says about a value: a secret, a placeholder, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["secret", "placeholder"]


@dataclass(frozen=True)
class Verdict:
    """What a value is: ``kind`` and a short noun phrase saying why (no value in it)."""

    kind: Kind
    reason: str  # "hardcoded password", "AWS access key id", "password in a URL", ...
    weak: bool = False  # a well-known default credential (password, postgres, minioadmin)

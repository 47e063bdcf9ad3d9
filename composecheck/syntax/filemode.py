"""File modes of secrets and configs (``mode: 0440``)."""

from __future__ import annotations

from composecheck.gocompat.gotypes import go_type, is_go_int
from composecheck.gocompat.numbers import INT64_MAX, INT64_MIN

__all__ = ["format_file_mode", "parse_file_mode"]


def parse_file_mode(value: object) -> int:
    """secrets/configs ``mode``: Go ints as-is (YAML already read ``0440`` as octal),
    strings octal; any other type (a float, a uint64) is refused with Compose's text."""
    if isinstance(value, int) and is_go_int(value):
        return int(value)
    if not isinstance(value, str):
        raise TypeError(f"unexpected value type {go_type(value)} for mode")
    text = value
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or any(ch not in "01234567" for ch in body):
        raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax')
    number = int(text, 8)
    if not INT64_MIN <= number <= INT64_MAX:
        raise ValueError(f'strconv.ParseInt: parsing "{text}": value out of range')
    return number


def format_file_mode(mode: int) -> str:
    """Go ``fmt.Sprintf("0%o", mode)``: 288 -> "0440"."""
    return f"0-{-mode:o}" if mode < 0 else f"0{mode:o}"

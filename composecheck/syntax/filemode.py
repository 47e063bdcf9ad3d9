"""File modes of secrets and configs (``mode: 0440``)."""

from __future__ import annotations

from composecheck.gocompat.numbers import INT64_MAX, INT64_MIN

__all__ = ["format_file_mode", "parse_file_mode"]


def parse_file_mode(value: str | int) -> int:
    """secrets/configs ``mode``: ints as-is (YAML already read ``0440`` as octal), strings octal."""
    if isinstance(value, bool):
        raise TypeError("unexpected value type bool for mode")
    if isinstance(value, int):
        return int(value)
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

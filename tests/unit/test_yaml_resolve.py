"""go-yaml's resolver, one copy for reading and writing (composecheck.gocompat.yaml_resolve).

Every expectation was read off Docker Compose v2.40.3: a plain scalar in an ``x-*``
extension for the reading side (``config`` prints a timestamp as a time, a number as
a number), the same text as a quoted label value for the writing side (``config``
prints it plain only when it reads back as the same string).
"""

from __future__ import annotations

from typing import Any

import pytest

from composecheck.gocompat.yaml_emit import dump
from composecheck.gocompat.yaml_resolve import Timestamp, resolve_plain

TS = Timestamp


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2001-1-2", TS("2001-1-2")),
        ("2000-02-29", TS("2000-02-29")),
        ("0000-02-29", TS("0000-02-29")),
        ("2001-1-2t1:2:3+01:00", TS("2001-1-2t1:2:3+01:00")),
        ("2001-1-2T1:2:3+01:60", TS("2001-1-2T1:2:3+01:60")),
        ("2001-1-2 10:00:00,5", TS("2001-1-2 10:00:00,5")),
        ("2001-01-02T10:00:00.123456789012Z", TS("2001-01-02T10:00:00.123456789012Z")),
        ("2001-13-01", "2001-13-01"),
        ("2001-02-30", "2001-02-30"),
        ("1900-02-29", "1900-02-29"),
        ("2001-1-2T1:2:3+1", "2001-1-2T1:2:3+1"),
        ("2001-1-2T1:2:3+25:00", "2001-1-2T1:2:3+25:00"),
        ("2001-1-2T10:00:00", "2001-1-2T10:00:00"),
        ("2001-1-2 10:00:00Z", "2001-1-2 10:00:00Z"),
        ("2001-1-2 24:00:00", "2001-1-2 24:00:00"),
        ("1e400", "1e400"),
        ("-1e400", "-1e400"),
        ("1e-400", 0.0),
        (".5_5", 0.55),
        ("._5", "._5"),
        ("0b-1", -1),
        ("0b+1", 1),
        ("0o-7", -7),
        ("-0b-1", "-0b-1"),
        ("+0x8000000000000000", "+0x8000000000000000"),
        ("18446744073709551615", 18446744073709551615),
        ("0755", 493),
        ("08", 8.0),  # not octal, so a float
        ("0o8", "0o8"),
        ("1:20", "1:20"),
    ],
)
def test_reads_as_the_reference(text: str, value: Any) -> None:
    got = resolve_plain(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("+0x8000000000000000", "k: +0x8000000000000000\n"),
        ("0b" + "1" * 65, "k: 0b" + "1" * 65 + "\n"),
        ("+9223372036854775808", 'k: "+9223372036854775808"\n'),
        ("2001-13-01", "k: 2001-13-01\n"),
        ("2001-1-2T1:2:3+24:00", 'k: "2001-1-2T1:2:3+24:00"\n'),
        ("2001-1-2T1:2:3+01:60", 'k: "2001-1-2T1:2:3+01:60"\n'),
        ("2001-1-2 10:00:00,5", 'k: "2001-1-2 10:00:00,5"\n'),
        ("1e400", "k: 1e400\n"),
        ("-1e400", "k: -1e400\n"),
        (".5_5", 'k: ".5_5"\n'),
        ("0b-1", 'k: "0b-1"\n'),
        ("0b+1", 'k: "0b+1"\n'),
        ("0o-7", 'k: "0o-7"\n'),
        ("<<", "k: <<\n"),
    ],
)
def test_writes_as_the_reference(text: str, line: str) -> None:
    assert dump({"k": text}) == line

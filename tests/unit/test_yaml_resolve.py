"""go-yaml's resolver, one copy for reading and writing (composecheck.gocompat.yaml_resolve).

Every expectation was read off Docker Compose v2.40.3: a plain scalar in an ``x-*``
extension for the reading side (``config`` prints a timestamp as a time, a number as
a number), the same text as a quoted label value for the writing side (``config``
prints it plain only when it reads back as the same string).
"""

from __future__ import annotations

from typing import Any

import pytest

from composecheck.gocompat.fmt import go_time_gostring
from composecheck.gocompat.yaml_emit import dump
from composecheck.gocompat.yaml_resolve import Timestamp, resolve_plain, resolve_tagged

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


@pytest.mark.parametrize(
    ("tag", "text", "value"),
    [
        ("tag:yaml.org,2002:int", "3", 3),
        ("tag:yaml.org,2002:int", "0x10", 16),
        ("tag:yaml.org,2002:float", "3", 3.0),
        ("tag:yaml.org,2002:float", "1_000", 1000.0),
        ("tag:yaml.org,2002:bool", "TRUE", True),
        ("tag:yaml.org,2002:null", "", None),
        ("tag:yaml.org,2002:null", "~", None),
        ("tag:yaml.org,2002:str", "3", "3"),
        ("tag:yaml.org,2002:timestamp", "2001-12-14", TS("2001-12-14")),
        ("tag:yaml.org,2002:binary", "eA==", "x"),
        ("tag:yaml.org,2002:binary", "eA\n==\n", "x"),
        ("tag:yaml.org,2002:binary", "", ""),
        ("tag:yaml.org,2002:map", "3", "3"),
        ("tag:yaml.org,2002:merge", "<<", "<<"),
        ("!foo", "3", "3"),
        ("tag:example.com,2000:x", "true", "true"),
    ],
)
def test_tagged_scalars_read_as_the_reference(tag: str, text: str, value: Any) -> None:
    got = resolve_tagged(tag, text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    ("tag", "text", "message"),
    [
        ("tag:yaml.org,2002:int", "abc", "cannot decode !!str `abc` as a !!int"),
        ("tag:yaml.org,2002:int", "1.5", "cannot decode !!float `1.5` as a !!int"),
        ("tag:yaml.org,2002:int", "2001-12-14", "cannot decode !!str `2001-12-14` as a !!int"),
        ("tag:yaml.org,2002:bool", "", "cannot decode !!null `` as a !!bool"),
        ("tag:yaml.org,2002:bool", "yes", "cannot decode !!str `yes` as a !!bool"),
        ("tag:yaml.org,2002:null", "x", "cannot decode !!str `x` as a !!null"),
        ("tag:yaml.org,2002:timestamp", "3", "cannot decode !!int `3` as a !!timestamp"),
        (
            "tag:yaml.org,2002:float",
            "18446744073709551615",
            "cannot decode !!int `18446744073709551615` as a !!float",
        ),
        ("tag:yaml.org,2002:binary", "eA", "!!binary value contains invalid base64 data"),
        ("tag:yaml.org,2002:binary", "eA ==", "!!binary value contains invalid base64 data"),
    ],
)
def test_tagged_scalars_refused_as_the_reference(tag: str, text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        resolve_tagged(tag, text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2001-01-01", "time.Date(2001, time.January, 1, 0, 0, 0, 0, time.UTC)"),
        (
            "2001-12-14t21:59:43.10-05:00",
            'time.Date(2001, time.December, 14, 21, 59, 43, 100000000, time.Location(""))',
        ),
        (
            "2001-12-14T21:59:43+00:00",
            "time.Date(2001, time.December, 14, 21, 59, 43, 0, time.Local)",
        ),
        (
            "2001-1-2 3:04:05,123456789123",
            "time.Date(2001, time.January, 2, 3, 4, 5, 123456789, time.UTC)",
        ),
    ],
)
def test_timestamp_keys_shown_as_the_reference(text: str, shown: str) -> None:
    """A timestamp as a key: Compose's ``non-string key`` error shows it with ``%#v``."""
    assert go_time_gostring(text) == shown

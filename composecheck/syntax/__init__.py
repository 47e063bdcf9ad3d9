"""The value syntaxes of the Compose Specification, one module each.

Everything here reproduces what Docker Compose v2.40.3 (compose-go v2.9.1) prints
with ``docker compose config``; each behaviour, including the odd ones, was checked
against that binary (see ``tests/unit/test_units.py``). Only the standard library
is used because these functions run on every value of very large stacks.

The names are re-exported here for the stages that take every syntax from one
namespace (``from composecheck import syntax``); ``go_string`` comes along because
those stages stringify scalars with it (it is Go's, in :mod:`composecheck.gocompat`).
"""

from __future__ import annotations

from composecheck.gocompat.fmt import go_string
from composecheck.syntax.cpus import parse_cpus
from composecheck.syntax.device import parse_device, parse_device_count
from composecheck.syntax.duration import format_duration, parse_duration
from composecheck.syntax.extra_hosts import parse_extra_host, render_extra_hosts
from composecheck.syntax.filemode import format_file_mode, parse_file_mode
from composecheck.syntax.port import go_ip, parse_port
from composecheck.syntax.shellwords import shell_split
from composecheck.syntax.size import parse_bytes
from composecheck.syntax.volume import parse_volume

__all__ = [
    "format_duration",
    "format_file_mode",
    "go_ip",
    "go_string",
    "parse_bytes",
    "parse_cpus",
    "parse_device",
    "parse_device_count",
    "parse_duration",
    "parse_extra_host",
    "parse_file_mode",
    "parse_port",
    "parse_volume",
    "render_extra_hosts",
    "shell_split",
]

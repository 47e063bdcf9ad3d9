"""Go-compatible parsing and formatting of Compose scalar values.

Everything here reproduces what Docker Compose v2.40.3 (compose-go v2.9.1) prints
with ``docker compose config``; each behaviour, including the odd ones, was checked
against that binary (see ``tests/unit/test_units.py``).  Only the standard library
is used because these functions run on every value of very large stacks.
"""

from __future__ import annotations

import ipaddress
import math
import re
import struct
from functools import lru_cache

__all__ = [
    "clean_path",
    "format_duration",
    "format_file_mode",
    "format_go_float",
    "go_ip",
    "go_quote",
    "go_string",
    "parse_bytes",
    "parse_cpus",
    "parse_device",
    "parse_device_count",
    "parse_duration",
    "parse_extra_host",
    "parse_file_mode",
    "parse_go_float",
    "parse_port",
    "parse_volume",
    "render_extra_hosts",
    "shell_split",
]

_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_UINT64_MAX = (1 << 64) - 1

# ---------------------------------------------------------------------------
# durations

_NS_PER_UNIT: dict[str, int] = {
    "ns": 1,
    "us": 1_000,
    "\u00b5s": 1_000,  # micro sign
    "\u03bcs": 1_000,  # Greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
    # compose decodes durations with xhit/go-str2duration, which adds days and weeks
    "d": 86_400_000_000_000,
    "w": 604_800_000_000_000,
}
_DIGITS = frozenset("0123456789")
_DIGITS_DOT = frozenset("0123456789.")


@lru_cache(maxsize=4096)
def parse_duration(text: str) -> int:
    """Parse a Compose duration (Go ``time.ParseDuration`` plus ``d``/``w``) to nanoseconds."""
    invalid = f'time: invalid duration "{text}"'
    s = text
    neg = False
    if s and s[0] in "+-":
        neg = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if not s:
        raise ValueError(invalid)
    total = 0
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c != "." and c not in _DIGITS:
            raise ValueError(invalid)
        start = i
        whole = 0
        while i < n and s[i] in _DIGITS:
            whole = whole * 10 + ord(s[i]) - 48
            if whole > _INT64_MAX:
                raise ValueError(invalid)
            i += 1
        had_whole = i > start
        frac = 0
        scale = 1.0
        had_frac = False
        if i < n and s[i] == ".":
            i += 1
            fstart = i
            overflow = False
            while i < n and s[i] in _DIGITS:
                if not overflow:
                    nxt = frac * 10 + ord(s[i]) - 48
                    # Go keeps the digits that fit in an int64 and silently drops the rest.
                    if nxt > _INT64_MAX:
                        overflow = True
                    else:
                        frac = nxt
                        scale *= 10
                i += 1
            had_frac = i > fstart
        if not had_whole and not had_frac:
            raise ValueError(invalid)
        ustart = i
        while i < n and s[i] not in _DIGITS_DOT:
            i += 1
        if i == ustart:
            raise ValueError(f'time: missing unit in duration "{text}"')
        unit_name = s[ustart:i]
        unit = _NS_PER_UNIT.get(unit_name)
        if unit is None:
            raise ValueError(f'time: unknown unit "{unit_name}" in duration "{text}"')
        if whole > _INT64_MAX // unit:
            raise ValueError(invalid)
        value = whole * unit
        if frac > 0:
            # Same float64 arithmetic as Go so that rounding of fractions matches.
            value += int(float(frac) * (float(unit) / scale))
            if value > _INT64_MAX:
                raise ValueError(invalid)
        total += value
        if total > _INT64_MAX:
            raise ValueError(invalid)
    return -total if neg else total


def _trim_fraction(digits: str) -> str:
    digits = digits.rstrip("0")
    return "." + digits if digits else ""


@lru_cache(maxsize=4096)
def format_duration(ns: int) -> str:
    """Render nanoseconds like Go's ``time.Duration.String()``."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    u = -ns if ns < 0 else ns
    if u < 1_000_000_000:
        if u < 1_000:
            return f"{sign}{u}ns"
        if u < 1_000_000:
            return f"{sign}{u // 1_000}{_trim_fraction(f'{u % 1_000:03d}')}\u00b5s"
        return f"{sign}{u // 1_000_000}{_trim_fraction(f'{u % 1_000_000:06d}')}ms"
    secs, frac_ns = divmod(u, 1_000_000_000)
    sec_text = f"{secs % 60}{_trim_fraction(f'{frac_ns:09d}')}s"
    minutes = secs // 60
    if minutes == 0:
        return sign + sec_text
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return f"{sign}{minutes}m{sec_text}"
    return f"{sign}{hours}h{minutes}m{sec_text}"


# ---------------------------------------------------------------------------
# Go float parsing / formatting

# Syntax accepted by Go's strconv.ParseFloat for finite numbers; underscores are
# validated separately (Go allows them between digits, as Python's float() does).
_GO_DEC_FLOAT = re.compile(r"[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?", re.ASCII)
_GO_HEX_FLOAT = re.compile(
    r"([+-]?)0[xX]((?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+))[pP]([+-]?[0-9_]+)",
    re.ASCII,
)
_GO_SPECIAL = re.compile(r"([+-]?)(?:inf|infinity)|nan", re.IGNORECASE)
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _go_underscores_ok(text: str, hex_prefix: bool) -> bool:
    # Go: an underscore must sit between two digits (a base prefix counts as a digit).
    body = text.lstrip("+-")
    saw = "^"
    i = 0
    if hex_prefix:
        i = 2
        saw = "0"
    for ch in body[i:]:
        if ch in _DIGITS or (hex_prefix and ch in _HEX_DIGITS):
            saw = "0"
        elif ch == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def parse_go_float(text: str, bits: int = 64) -> float:
    """Go ``strconv.ParseFloat(text, bits)``; ValueError carries Go's message."""
    syntax = f'strconv.ParseFloat: parsing "{text}": invalid syntax'
    if _GO_SPECIAL.fullmatch(text):
        if text[-1] in "nN":
            return math.nan
        return -math.inf if text[0] == "-" else math.inf
    if _GO_DEC_FLOAT.fullmatch(text):
        if "_" in text and not _go_underscores_ok(text, False):
            raise ValueError(syntax)
        value = float(text.replace("_", ""))
    else:
        m = _GO_HEX_FLOAT.fullmatch(text)
        if m is None or not any(ch in _HEX_DIGITS for ch in m.group(2)):
            raise ValueError(syntax)
        if "_" in text and not _go_underscores_ok(text, True):
            raise ValueError(syntax)
        try:
            value = float.fromhex(
                f"{m.group(1)}0x{m.group(2).replace('_', '')}p{m.group(3).replace('_', '')}"
            )
        except OverflowError:
            value = math.inf
    if bits == 32:
        value = _to_float32(value)
    if math.isinf(value):
        raise ValueError(f'strconv.ParseFloat: parsing "{text}": value out of range')
    return value


def _to_float32(value: float) -> float:
    try:
        return float(struct.unpack("<f", struct.pack("<f", value))[0])
    except OverflowError:
        return math.copysign(math.inf, value)


def format_go_float(value: float) -> str:
    """Go ``strconv.FormatFloat(value, 'g', -1, 64)`` (what ``fmt.Sprint`` prints)."""
    if value != value:
        return "NaN"
    if value == math.inf:
        return "+Inf"
    if value == -math.inf:
        return "-Inf"
    # float.__repr__ rather than repr(): subclasses (ruamel's ScalarFloat) may override it
    text = float.__repr__(value)
    sign = ""
    if text[0] == "-":
        sign = "-"
        text = text[1:]
    # Python's repr and Go both emit the shortest round-tripping digits; only the
    # layout differs, so re-layout the digits.
    mantissa, _, exp_text = text.partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    point = len(whole) + (int(exp_text) if exp_text else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    if not digits:
        return sign + "0"
    exponent = point - 1
    if exponent < -4 or exponent >= 6:
        head = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        exp_sign = "-" if exponent < 0 else "+"
        return f"{sign}{head}e{exp_sign}{abs(exponent):02d}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def _shortest_float32(value: float) -> float:
    # Go marshals float32 with the shortest digits that round-trip at 32 bits; return
    # the float64 holding exactly those digits so JSON output matches.
    if value == 0 or math.isinf(value) or value != value:
        return value
    for precision in range(1, 10):
        candidate = float(f"{value:.{precision - 1}e}")
        if _to_float32(candidate) == value:
            return candidate
    return value


def _go_yaml_int(value: int) -> int | float | str:
    # go-yaml reads an integer that fits neither int64 nor uint64 as a float64, and
    # one that overflows float64 as a plain string.
    if _INT64_MIN <= value <= _UINT64_MAX:
        return value
    try:
        return float(value)
    except OverflowError:
        return str(value)


def _go_sprint(value: object) -> str:
    # fmt.Sprint of values nested in lists/maps (nil prints as <nil> there).
    if value is None:
        return "<nil>"
    if isinstance(value, list):
        return "[" + " ".join(_go_sprint(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted((go_string(k), _go_sprint(v)) for k, v in value.items())
        return "map[" + " ".join(f"{k}:{v}" for k, v in items) + "]"
    return go_string(value)


def go_string(value: object) -> str:
    """Stringify a YAML scalar the way compose does for labels, env, args, sysctls."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        # ruamel's round-trip loader returns an anchored boolean as ScalarBoolean, an
        # int subclass; checked by name to keep this module free of ruamel.
        if type(value).__name__ == "ScalarBoolean":
            return "true" if value else "false"
        value = _go_yaml_int(int(value))
        if isinstance(value, str):
            return value
        if isinstance(value, int):
            return int.__repr__(value)
    if isinstance(value, float):
        return format_go_float(value)
    return _go_sprint(value)


# ---------------------------------------------------------------------------
# byte sizes, cpus, file modes

_SIZE_SPLIT_CHARS = "0123456789. "
_BINARY_MULTIPLIER: dict[str, int] = {
    "k": 1 << 10,
    "m": 1 << 20,
    "g": 1 << 30,
    "t": 1 << 40,
    "p": 1 << 50,
}


def _go_int64(value: float) -> int:
    # Go on amd64 turns an out-of-range float->int64 conversion into MinInt64.
    if value != value or not (-9.223372036854775808e18 <= value < 9.223372036854775808e18):
        return _INT64_MIN
    return int(value)


@lru_cache(maxsize=4096)
def _parse_size_text(text: str) -> int:
    sep = max(text.rfind(ch) for ch in _SIZE_SPLIT_CHARS)
    if sep == -1:
        raise ValueError(f"invalid size: '{text}'")
    if text[sep] == " ":
        num, suffix = text[:sep], text[sep + 1 :]
    else:
        num, suffix = text[: sep + 1], text[sep + 1 :]
    size = parse_go_float(num)
    if size < 0:
        raise ValueError(f"invalid size: '{text}'")
    if not suffix:
        return _go_int64(size)
    # go-units measures the suffix in bytes and lower-cases it only after that check
    if (len(suffix) if suffix.isascii() else len(suffix.encode())) > 3:
        raise ValueError(f"invalid suffix: '{suffix}'")
    low = suffix.lower()
    bad = ValueError(f"invalid suffix: '{low}'")
    if low[0] == "b":
        if len(low) > 1:
            raise bad
        return _go_int64(size)
    mult = _BINARY_MULTIPLIER.get(low[0])
    if mult is None:
        raise bad
    if (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise bad
    return _go_int64(size * mult)


def parse_bytes(value: str | int | float) -> int:
    """Byte size for mem_limit, shm_size, memswap_limit, memory, tmpfs size, ...

    Strings follow docker/go-units ``RAMInBytes``; YAML ints are taken as-is.  The
    reference silently ignores YAML floats and integers outside int64 (the field is
    left at 0, i.e. omitted from the output), so those return 0.
    """
    if isinstance(value, bool):
        raise TypeError("byte value must be a number or string")
    if isinstance(value, int):
        if _INT64_MIN <= value <= _INT64_MAX:
            return int(value)  # plain int even for ruamel's ScalarInt
        as_go = _go_yaml_int(value)
        if not isinstance(as_go, str):
            return 0
        value = as_go
    if isinstance(value, float):
        return 0
    return _parse_size_text(value)


def parse_cpus(value: str | int | float, *, string_bits: int = 32) -> float:
    """``cpus`` as compose stores it: a float32, rendered with float32-shortest digits.

    Service ``cpus`` strings are cast during interpolation with
    ``strconv.ParseFloat(s, 32)`` (compose prefixes errors with ``error while
    interpolating services.<s>.cpus: failed to cast to expected type: ``); strings in
    ``deploy.resources.*.cpus`` are parsed at 64 bits (pass ``string_bits=64``) and
    errors are decoding errors.  A value that overflows float32 makes the reference
    fail with ``json: unsupported value: +Inf``.
    """
    if isinstance(value, bool):
        raise TypeError("cpus must be a number or string")
    if isinstance(value, int):
        value = _go_yaml_int(value)
    if isinstance(value, str):
        number = _to_float32(parse_go_float(value, string_bits))
    else:
        number = _to_float32(float(value))
    if math.isinf(number):
        raise ValueError(f"json: unsupported value: {format_go_float(number)}")
    if number != number:
        raise ValueError("json: unsupported value: NaN")
    return _shortest_float32(number)


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
    if not _INT64_MIN <= number <= _INT64_MAX:
        raise ValueError(f'strconv.ParseInt: parsing "{text}": value out of range')
    return number


def format_file_mode(mode: int) -> str:
    """Go ``fmt.Sprintf("0%o", mode)``: 288 -> "0440"."""
    return f"0-{-mode:o}" if mode < 0 else f"0{mode:o}"


# ---------------------------------------------------------------------------
# command strings (mattn/go-shellwords with default settings)

_SHELL_SPECIAL = re.compile(r"[\\'\"`;&|<>()]")
_SHELL_BLANKS = re.compile(r"[ \t\r\n]+")
_SHELL_SPACE = frozenset(" \t\r\n")
_SHELL_ERROR = "invalid command line string"


def shell_split(text: str) -> list[str]:
    """Split a string ``command``/``entrypoint`` exactly like compose (go-shellwords).

    Not a POSIX shell: parsing stops silently at an unquoted ``;``, ``&``, ``|``,
    ``<`` or ``>`` (dropping a word that starts with a digit right before ``>``),
    ``$(...)`` and backticks are kept verbatim, and a backslash escapes the next
    character even inside double quotes.
    """
    if _SHELL_SPECIAL.search(text) is None:
        return [w for w in _SHELL_BLANKS.split(text) if w]
    args: list[str] = []
    buf: list[str] = []
    has_word = False  # go-shellwords' "got != argNo"
    escaped = double = single = back = dollar = False
    for ch in text:
        if escaped:
            buf.append(ch)
            escaped = False
            has_word = True
            continue
        if ch == "\\":
            if single:
                buf.append(ch)
            else:
                escaped = True
            continue
        if ch in _SHELL_SPACE:
            if single or double or back or dollar:
                buf.append(ch)
            elif has_word:
                args.append("".join(buf))
                buf.clear()
                has_word = False
            continue
        if ch == "`":
            if not (single or double or dollar):
                back = not back
        elif ch == ")":
            if not (single or double or back):
                dollar = not dollar
        elif ch == "(":
            if not (single or double or back):
                if not dollar and buf and buf[-1] == "$":
                    dollar = True
                    buf.append(ch)
                    continue
                raise ValueError(_SHELL_ERROR)
        elif ch == '"':
            if not (single or dollar):
                if double:
                    has_word = True
                double = not double
                continue
        elif ch == "'":
            if not (double or dollar):
                if single:
                    has_word = True
                single = not single
                continue
        elif ch in ";&|<>" and not (single or double or back or dollar):
            if ch == ">" and buf and buf[0] in _DIGITS:
                has_word = False
            break
        has_word = True
        buf.append(ch)
    if has_word:
        args.append("".join(buf))
    if escaped or single or double or back or dollar:
        raise ValueError(_SHELL_ERROR)
    return args


# ---------------------------------------------------------------------------
# ports (docker/go-connections nat.ParsePortSpec + compose's conversion)

_PROTOCOLS = frozenset(("tcp", "udp", "sctp"))


@lru_cache(maxsize=1024)
def _go_parse_ip(text: str) -> bool:
    # net.ParseIP: plain IPv4/IPv6, no zone; Python's ipaddress agrees otherwise.
    if "%" in text:
        return False
    try:
        if ":" in text:
            ipaddress.IPv6Address(text)
        else:
            ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def go_ip(text: str) -> bool:
    """Whether Go's ``net.ParseIP`` accepts ``text``."""
    return _go_parse_ip(text)


def _strip_ip_brackets(ip: str) -> str:
    # Mirrors net.SplitHostPort(ip + ":") as used by nat, including its messages.
    hostport = ip + ":"
    last_colon = len(hostport) - 1

    def fail(why: str) -> ValueError:
        return ValueError(f"invalid IP address {ip}: address {hostport}: {why}")

    end = hostport.find("]")
    if end < 0:
        raise fail("missing ']' in address")
    if end + 1 != last_colon:
        if hostport[end + 1] == ":":
            raise fail("too many colons in address")
        raise fail("missing port in address")
    if "[" in hostport[1:]:
        raise fail("unexpected '[' in address")
    if "]" in hostport[end + 1 :]:
        raise fail("unexpected ']' in address")
    return hostport[1:end]


def _parse_port_number(text: str) -> int:
    # strconv.ParseUint(text, 10, 16)
    if not text or not text.isascii() or not text.isdigit():
        raise ValueError
    number = int(text)
    if number > 65535:
        raise ValueError
    return number


def _parse_port_range(text: str) -> tuple[int, int]:
    if "-" not in text:
        number = _parse_port_number(text)
        return number, number
    # Only the first two dash-separated fields count: "1-2-3" is the range 1-2.
    parts = text.split("-")
    start = _parse_port_number(parts[0])
    end = _parse_port_number(parts[1])
    if end < start:
        raise ValueError
    return start, end


def parse_port(spec: str | int) -> list[dict[str, object]]:
    """Short port syntax -> long-syntax dicts in the reference's order and key order.

    Keys: ``mode``, ``host_ip`` (if any), ``target`` (omitted when 0: the reference
    then fails with ``is missing a target port``, which is the caller's check),
    ``published`` (if any), ``protocol``.  A range expands in *string* order of the
    container port ("8-10:8-10" gives 10, 8, 9).
    """
    raw = str(spec)
    parts = raw.split(":")
    count = len(parts)
    if count == 1:
        ip, host_port, container = "", "", parts[0]
    elif count == 2:
        ip, host_port, container = "", parts[0], parts[1]
    elif count == 3:
        ip, host_port, container = parts
    else:
        ip, host_port, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    container, _, proto = container.partition("/")
    if not container:
        proto = ""
    elif not proto:
        proto = "tcp"
    proto = proto.lower()
    if proto not in _PROTOCOLS:
        raise ValueError(f"invalid proto: {proto}")
    if ip and ip[0] == "[":
        ip = _strip_ip_brackets(ip)
    if ip and not _go_parse_ip(ip):
        raise ValueError(f"invalid IP address: {ip}")
    try:
        start, end = _parse_port_range(container)
    except ValueError:
        raise ValueError(f"invalid containerPort: {container}") from None
    host_start = host_end = 0
    if host_port:
        try:
            host_start, host_end = _parse_port_range(host_port)
        except ValueError:
            raise ValueError(f"invalid hostPort: {host_port}") from None
        if end - start != host_end - host_start and end != start:
            raise ValueError(
                "invalid ranges specified for container and host Ports: "
                f"{container} and {host_port}"
            )
    span = end - start + 1
    mappings: list[tuple[str, dict[str, object]]] = []
    for offset in range(span):
        target = start + offset
        entry: dict[str, object] = {"mode": "ingress"}
        if ip:
            entry["host_ip"] = ip
        if target:
            entry["target"] = target
        if host_port:
            published = str(host_start + offset)
            if span == 1 and host_start != host_end:
                published += f"-{host_end}"
            entry["published"] = published
        entry["protocol"] = proto
        mappings.append((f"{target}/{proto}", entry))
    if span > 1:
        # compose sorts the parsed ports by their "port/proto" text
        mappings.sort(key=lambda item: item[0])
    return [entry for _, entry in mappings]


# ---------------------------------------------------------------------------
# volumes, devices

_BIND_PROPAGATIONS = frozenset(("rprivate", "private", "rshared", "shared", "rslave", "slave"))


def _utf8_len_at_most_2(text: str) -> bool:
    return len(text) <= 2 and len(text.encode()) <= 2


def _is_file_path(source: str) -> bool:
    if not source:
        return False
    if source[0] in "./~" or source.startswith("\\\\"):
        return True
    # a drive letter: any Unicode letter followed by ':'
    return len(source) > 1 and source[1] == ":" and source[0].isalpha()


def clean_path(path: str) -> str:
    """Go ``path.Clean`` (purely lexical, slash-separated)."""
    if not path:
        return "."
    if "." not in path and "//" not in path and (len(path) == 1 or path[-1] != "/"):
        return path
    rooted = path[0] == "/"
    out: list[str] = []
    for part in path.split("/"):
        if not part or part == ".":
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    joined = "/".join(out)
    if rooted:
        return "/" + joined
    return joined or "."


def parse_volume(spec: str) -> dict[str, object]:
    """Short volume syntax -> the dict ``config --no-path-resolution`` prints.

    Key order: type, source, target, read_only, bind (selinux, propagation,
    create_host_path), volume (nocopy).  Specs of one or two bytes are anonymous
    volumes without the ``volume: {}`` member; a single letter followed by ``:`` is a
    Windows drive in any field (``a:b:c:d`` binds ``a:b`` to ``c:d``); colons inside
    ``${...}`` do not separate fields; unknown options are ignored.
    """
    if not spec:
        raise ValueError("invalid empty volume spec")
    if _utf8_len_at_most_2(spec):
        return {"type": "volume", "target": clean_path(spec)}
    source = ""
    target = ""
    read_only = False
    selinux = propagation = ""
    has_bind = False
    nocopy: bool | None = None
    buf: list[str] = []
    depth = 0
    last = len(spec) - 1
    for i, ch in enumerate(spec):
        if ch == "$" and i < last and spec[i + 1] == "{":
            depth += 1
            buf.append(ch)
            continue
        if ch == "}" and depth:
            depth -= 1
            buf.append(ch)
            continue
        if ch != ":" or depth or (len(buf) == 1 and buf[0].isalpha()):
            buf.append(ch)
            continue
        if not buf:
            raise ValueError(f"invalid spec: {spec}: empty section between colons")
        if not source:
            source = "".join(buf)
        elif not target:
            target = "".join(buf)
        else:
            raise ValueError(f"invalid spec: {spec}: too many colons")
        buf = []
    # An unterminated "${" swallows the end of the spec: the last field is dropped.
    if depth == 0:
        if not buf:
            raise ValueError(f"invalid spec: {spec}: empty section between colons")
        if not source or not target:
            target = "".join(buf)
        else:
            for option in "".join(buf).split(","):
                if option == "ro":
                    read_only = True
                elif option == "rw":
                    read_only = False
                elif option == "nocopy":
                    nocopy = True
                elif option == "z" or option == "Z":
                    has_bind = True
                    selinux = option
                elif option in _BIND_PROPAGATIONS:
                    has_bind = True
                    propagation = option
    is_bind = _is_file_path(source)
    result: dict[str, object] = {"type": "bind" if is_bind else "volume"}
    if source:
        result["source"] = source
    if target:
        result["target"] = clean_path(target)
    if read_only:
        result["read_only"] = True
    if has_bind or is_bind:
        bind: dict[str, object] = {}
        if selinux:
            bind["selinux"] = selinux
        if propagation:
            bind["propagation"] = propagation
        if is_bind:
            bind["create_host_path"] = True
        result["bind"] = bind
    if nocopy:
        result["volume"] = {"nocopy": True}
    elif not is_bind:
        result["volume"] = {}
    return result


def parse_device(spec: str) -> dict[str, object]:
    """Short device syntax ``src[:dst[:perms]]``; empty members are omitted like the reference."""
    parts = spec.split(":")
    if len(parts) > 3:
        raise ValueError(f"confusing device mapping, please use long syntax: {spec}")
    source = parts[0]
    target = parts[1] if len(parts) > 1 and parts[1] else source
    permissions = parts[2] if len(parts) > 2 else "rwm"
    result: dict[str, object] = {}
    if source:
        result["source"] = source
    if target:
        result["target"] = target
    if permissions:
        result["permissions"] = permissions
    return result


_GO_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}


def go_quote(text: str) -> str:
    """Go ``strconv.Quote`` / ``%q`` for the strings that appear in error messages."""
    out = ['"']
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch in _GO_ESCAPES:
            out.append(_GO_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def parse_device_count(value: str | int) -> int:
    """``deploy.resources.reservations.devices[].count``: ``all`` (any case) is -1.

    0 means the reference omits ``count``.
    """
    if isinstance(value, bool):
        raise TypeError("invalid type bool for device count")
    if isinstance(value, int):
        return int(value)
    if value.lower() == "all":
        return -1
    body = value[1:] if value[:1] in "+-" else value
    if body and body.isascii() and body.isdigit():
        number = int(value)
        if _INT64_MIN <= number <= _INT64_MAX:
            return number
    raise ValueError(
        f"invalid value {go_quote(value)}, the only value allowed is 'all' or a number"
    )


# ---------------------------------------------------------------------------
# extra_hosts


def _strip_brackets(ip: str) -> str:
    if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]":
        return ip[1:-1]
    return ip


def _check_host_name(host: str) -> None:
    if not host or ":" in host or "=" in host:
        raise ValueError(f"bad host name '{host}'")


def _split_extra_host(entry: str) -> tuple[str, list[str]]:
    host, sep, ips = entry.partition("=")
    if not sep:
        host, sep, ips = entry.partition(":")
        if not sep:
            raise ValueError(f"invalid additional host, missing IP: {entry}")
    return host, ips.split(",")


def parse_extra_host(entry: str) -> tuple[str, str]:
    """One list entry ``host=ip`` / ``host:ip`` -> (host, ip) with ``[...]`` stripped.

    An entry may carry several comma-separated IPs (``h=1.1.1.1,2.2.2.2``); they are
    returned comma-joined, each stripped.  Use :func:`render_extra_hosts` for the
    rendered list.
    """
    host, ips = _split_extra_host(entry)
    _check_host_name(host)
    return host, ",".join(_strip_brackets(ip) for ip in ips)


def render_extra_hosts(value: list[object] | dict[str, object]) -> list[str]:
    """Whole ``extra_hosts`` value (list or mapping) -> sorted ``host=ip`` list as printed."""
    hosts: dict[str, list[str]] = {}
    if isinstance(value, dict):
        for host, item in value.items():
            if item is None:
                hosts[host] = [""]
            elif isinstance(item, str):
                hosts[host] = [item]
            elif isinstance(item, list):
                hosts[host] = [go_string(v) for v in item]
            else:
                raise ValueError(
                    "unexpected value type map[string]interface {} for extra_hosts entry"
                )
    else:
        for entry in value:
            host, ips = _split_extra_host(go_string(entry))
            hosts.setdefault(host, []).extend(ips)
    for host in hosts:
        _check_host_name(host)
    return sorted(f"{host}={_strip_brackets(ip)}" for host, ips in hosts.items() for ip in ips)

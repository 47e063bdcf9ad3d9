"""The numbers sweep: extreme numbers in every numeric field, ours against the reference.

Each case writes one field of one service with one value (huge, overflowing, float, NaN,
infinite, hex, octal), either in the compose file or from ``.env`` through ``${X}``, and
compares ours (in this process) with the reference binary: whether both accept, the
output when they do, and the last line of the message when they refuse.

    python -m tests.fuzz.numbers [--env] [--field ID]...

prints one line per difference and the count.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLEAN = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}

#: (id, the service's lines with ``{v}`` where the value goes)
FIELDS: list[tuple[str, str]] = [
    ("cpus", "cpus: {v}"),
    ("cpu_shares", "cpu_shares: {v}"),
    ("cpu_quota", "cpu_quota: {v}"),
    ("cpu_period", "cpu_period: {v}"),
    ("cpu_count", "cpu_count: {v}"),
    ("cpu_percent", "cpu_percent: {v}"),
    ("cpu_rt_period", "cpu_rt_period: {v}"),
    ("cpu_rt_runtime", "cpu_rt_runtime: {v}"),
    ("mem_limit", "mem_limit: {v}"),
    ("mem_reservation", "mem_reservation: {v}"),
    ("memswap_limit", "memswap_limit: {v}"),
    ("mem_swappiness", "mem_swappiness: {v}"),
    ("shm_size", "shm_size: {v}"),
    ("pids_limit", "pids_limit: {v}"),
    ("oom_score_adj", "oom_score_adj: {v}"),
    ("scale", "scale: {v}"),
    ("stop_grace_period", "stop_grace_period: {v}"),
    ("blkio.weight", "blkio_config: {{weight: {v}}}"),
    ("ports.short", "ports: [{v}]"),
    ("ports.target", "ports: [{{target: {v}}}]"),
    ("ports.published", "ports: [{{target: 80, published: {v}}}]"),
    ("expose", "expose: [{v}]"),
    ("ulimits.single", "ulimits: {{nofile: {v}}}"),
    ("ulimits.soft", "ulimits: {{nofile: {{soft: {v}, hard: 10}}}}"),
    ("deploy.replicas", "deploy: {{replicas: {v}}}"),
    (
        "deploy.limits",
        "deploy: {{resources: {{limits: {{cpus: {v}, memory: {v}, pids: {v}}}}}}}",
    ),
    ("healthcheck.retries", "healthcheck: {{test: x, retries: {v}}}"),
    ("healthcheck.interval", "healthcheck: {{test: x, interval: {v}}}"),
    ("restart_policy.max_attempts", "deploy: {{restart_policy: {{max_attempts: {v}}}}}"),
    (
        "update_config",
        "deploy: {{update_config: {{parallelism: {v}, max_failure_ratio: {v}}}}}",
    ),
    (
        "tmpfs",
        "tmpfs: [/x]\n    volumes: [{{type: tmpfs, target: /y, tmpfs: {{size: {v}, mode: {v}}}}}]",
    ),
    ("secrets.mode", "secrets: [{{source: s, mode: {v}, uid: '1'}}]"),
    ("blkio.rate", "blkio_config: {{device_read_bps: [{{path: /dev/sda, rate: {v}}}]}}"),
    ("gpus.count", "gpus: [{{count: {v}}}]"),
    (
        "devices.count",
        "deploy: {{resources: {{reservations: "
        "{{devices: [{{capabilities: [gpu], count: {v}}}]}}}}}}",
    ),
    ("build.shm_size", "build: {{context: ., shm_size: {v}}}"),
    (
        "mem_limit.with_volume",
        "volumes: [{{type: volume, source: v, target: /z, volume: {{nocopy: true}}}}]\n"
        "    mem_limit: {v}",
    ),
    ("storage_opt", "storage_opt: {{size: {v}}}"),
    ("sysctls", "sysctls: {{a: {v}}}"),
    ("healthcheck.start_interval", "healthcheck: {{test: x, start_interval: {v}}}"),
    ("blkio.weight_device", "blkio_config: {{weight_device: [{{path: /a, weight: {v}}}]}}"),
    ("blkio.write_iops", "blkio_config: {{device_write_iops: [{{path: /a, rate: {v}}}]}}"),
    ("rollback_config", "deploy: {{rollback_config: {{parallelism: {v}}}}}"),
    ("placement.max_replicas", "deploy: {{placement: {{max_replicas_per_node: {v}}}}}"),
    ("reservations", "deploy: {{resources: {{reservations: {{cpus: {v}, pids: {v}}}}}}}"),
    ("ulimits.hard", "ulimits: {{nofile: {{soft: 1, hard: {v}}}}}"),
    ("build.ulimits", "build: {{context: ., ulimits: {{nofile: {v}}}}}"),
    ("build.secrets.mode", "build: {{context: ., secrets: [{{source: s, mode: {v}}}]}}"),
    ("networks.priority", "networks: {{default: {{priority: {v}, gw_priority: {v}}}}}"),
    ("networks.driver_opts", "networks: [n]\nnetworks: {{n: {{driver_opts: {{a: {v}}}}}}}"),
    ("logging.options", "logging: {{driver: x, options: {{a: {v}}}}}"),
]

VALUES: list[str] = [
    "99999999999999999999999",
    "1e400",
    "-99999999999999999999999",
    "1e23",
    ".nan",
    "-.inf",
    "9223372036854775808",
    "9223372036854775807",
    "4294967296",
    "2147483648",
    "-1",
    "1.5",
    "0x7fffffffffffffff",
    "0o777",
    "'1e400'",
    "1e-400",
]

FIELD_IDS = [name for name, _ in FIELDS]


@dataclass
class Outcome:
    field: str
    value: str
    via_env: bool
    ours: tuple[int, Any, str]
    reference: tuple[int, Any, str]
    difference: str  # "" when they agree


def write_case(folder: Path, template: str, value: str, via_env: bool) -> None:
    # Quoted: a plain ${X} would end a flow mapping at its "}". The quotes change
    # nothing else, as interpolation gives a string either way.
    written = "'${X}'" if via_env else value
    text = (
        "services:\n  web:\n    image: nginx:1\n    "
        + template.format(v=written)
        + "\nsecrets: {s: {file: ./s}}\n"
    )
    (folder / "compose.yaml").write_text(text)
    (folder / "s").write_text("x")
    if via_env:
        (folder / ".env").write_text("X=" + value.strip("'") + "\n")


def last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def _kind(message: str) -> str:
    """What a message says before the path it names (``error while interpolating ``,
    ``validating FILE: ``)."""
    head, found, _ = message.partition("services.")
    return head if found else message


def compare(ours: tuple[int, Any, str], ref: tuple[int, Any, str], several: bool = False) -> str:
    """What differs between the two outcomes ("" when nothing does).

    ``several``: the value was written in several fields. Compose interpolates and
    validates a mapping in Go's random map order and names the first failure it meets,
    so which of the fields it names varies from run to run: any of them is right, as
    long as the failure is of the same kind (the text before the field's path).
    """
    from tests.conformance.corpus import diff

    our_code, our_doc, our_err = ours
    ref_code, ref_doc, ref_err = ref
    if (our_code == 0) != (ref_code == 0):
        return f"ours={our_code}:{our_err.strip()[:150]!r} ref={ref_code}:{ref_err.strip()[:150]!r}"
    if our_code == 0:
        differences = diff(our_doc, ref_doc)
        return ("OUTPUT " + "; ".join(differences[:3])[:300]) if differences else ""
    if ref_err.lstrip().startswith("panic:"):
        return ""  # the reference crashed; refusing is all we can agree on
    mine = last_line(our_err)
    if mine == last_line(ref_err) or ref_err.strip().endswith(mine):
        return ""
    if several and _kind(mine) == _kind(last_line(ref_err)):
        return ""
    return f"MSG ours={our_err.strip()[-150:]!r} ref={ref_err.strip()[-150:]!r}"


def run_case(field: str, value: str, via_env: bool, root: Path | None = None) -> Outcome:
    from tests.conformance.test_differential import ours
    from tests.reference import run_reference

    template = dict(FIELDS)[field]
    folder = Path(tempfile.mkdtemp(dir=root))
    try:
        write_case(folder, template, value, via_env)
        try:
            mine = ours([], folder, dict(CLEAN))
        except Exception as exc:  # an internal error is a difference in itself
            mine = (99, None, f"INTERNAL {type(exc).__name__}: {exc}")
        ref = run_reference([], folder, dict(CLEAN))
        difference = compare(mine, ref, several=template.count("{v}") > 1)
        if mine[0] == 99 and not difference:
            difference = mine[2]
        return Outcome(field, value, via_env, mine, ref, difference)
    finally:
        shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.numbers", description=__doc__)
    parser.add_argument("--env", action="store_true", help="values come from .env via ${X}")
    parser.add_argument("--field", action="append", choices=FIELD_IDS, help="only these")
    parser.add_argument("--value", action="append", help="only these values")
    args = parser.parse_args(argv)
    count = total = 0
    for field in args.field or FIELD_IDS:
        for value in args.value or VALUES:
            outcome = run_case(field, value, args.env)
            total += 1
            if outcome.difference:
                count += 1
                print(f"{field:>28} {value:>26}: {outcome.difference}", flush=True)
    print(f"{count} differences in {total} cases ({'env' if args.env else 'direct'})")
    return 1 if count else 0


if __name__ == "__main__":
    raise SystemExit(main())

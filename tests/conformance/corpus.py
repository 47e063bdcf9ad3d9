"""Run composecheck over ../shared/corpus the way the reference was recorded."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CORPUS = (REPO.parent / "shared" / "corpus").resolve()
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/corpus"}


@dataclass
class CaseResult:
    name: str
    returncode: int
    stdout: str
    stderr: str


def cases() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if (p / "args").is_file())


_CONFIG_FLAGS = {
    "--no-path-resolution": "resolve_paths",
    "--no-normalize": "normalize",
    "--no-interpolate": "interpolate",
}


def option_fields(args: list[str]) -> dict[str, Any]:
    """docker compose's options, as used by the corpus, as LoadOptions field values."""
    out: dict[str, Any] = {"files": [], "env_files": [], "profiles": []}
    it = iter(args)
    for arg in it:
        if arg in ("-f", "--file"):
            out["files"].append(next(it))
        elif arg == "--env-file":
            out["env_files"].append(next(it))
        elif arg == "--profile":
            out["profiles"].append(next(it))
        elif arg in ("-p", "--project-name"):
            out["project_name"] = next(it)
        elif arg == "--project-directory":
            out["project_directory"] = next(it)
        elif arg in _CONFIG_FLAGS:
            out[_CONFIG_FLAGS[arg]] = False
        else:
            raise AssertionError(f"unexpected argument {arg}")
    for key in ("env_files", "profiles"):
        out[key] = out[key] or None
    return out


def case_args(case: Path) -> list[str]:
    return shlex.split((case / "args").read_text())


def run_case(case: Path, extra: list[str] | None = None) -> CaseResult:
    args = shlex.split((case / "args").read_text())
    cmd = [
        sys.executable,
        "-m",
        "composecheck",
        "render",
        *args,
        "--format",
        "json",
        *(extra or []),
    ]
    env = dict(CLEAN_ENV)
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(cmd, cwd=case, env=env, capture_output=True, text=True, timeout=120)
    return CaseResult(case.name, proc.returncode, proc.stdout, proc.stderr)


def expected(case: Path) -> object:
    text = (case / "expected.json").read_text().replace("@CASEDIR@", str(case))
    return json.loads(text)


def diff(a: object, b: object, path: str = "") -> list[str]:
    out: list[str] = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{path}.{k}: missing in ours (expected {json.dumps(b[k])[:150]})")
            elif k not in b:
                out.append(f"{path}.{k}: extra in ours ({json.dumps(a[k])[:150]})")
            else:
                out += diff(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += diff(x, y, f"{path}[{i}]")
    elif a != b:
        out.append(f"{path}: ours {json.dumps(a)[:150]} != expected {json.dumps(b)[:150]}")
    return out


if __name__ == "__main__":
    only = sys.argv[1:]
    ok = 0
    total = 0
    for case in cases():
        if only and case.name not in only:
            continue
        total += 1
        res = run_case(case)
        if (case / "expected.err").exists():
            want = (case / "expected.err").read_text().replace("@CASEDIR@", str(case)).strip()
            if res.returncode == 2 and want in res.stderr:
                ok += 1
            else:
                tail = res.stderr[-300:]
                print(f"FAIL {case.name}: rc={res.returncode} stderr={tail!r} want {want!r}")
            continue
        if res.returncode != 0:
            print(f"FAIL {case.name}: rc={res.returncode} {res.stderr.strip()[-400:]}")
            continue
        try:
            ours = json.loads(res.stdout)
        except json.JSONDecodeError as exc:
            print(f"FAIL {case.name}: bad json {exc}")
            continue
        d = diff(ours, expected(case))
        if d:
            print(f"FAIL {case.name}: {len(d)} differences")
            for line in d[: int(os.environ.get("NDIFF", "6"))]:
                print("   ", line)
        else:
            ok += 1
    print(f"{ok}/{total} conformant")

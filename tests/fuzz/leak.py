"""The leak fuzzer: secrets pushed into every field that can fail, and no output may show them.

Compose's messages quote the values they refuse, so a token that lands in the wrong
place (``cpus: ${TOKEN}``, a key pasted as a ``depends_on`` name) would be printed whole
(issue 16). Each input is one secret of a provider format (GitHub classic and
fine-grained tokens, an AWS key id and its secret key, Slack, Stripe, Google, a PEM
private key, a JWT) or a high-entropy password assigned to ``PASSWORD=``, placed in one
field of one service:

- through ``.env`` (``field: ${VAR}``, ``VAR=secret`` in the env file), or written
  directly into the compose file (a secret recognisable only by the key it is assigned
  to is then also declared under that key, in an ``x-`` field: it is a secret "anywhere
  in the stack");
- in a small stack of its own, or in a corpus project (``tests/conformance/corpus``).

Then, in this process (click's ``CliRunner`` on ``composecheck.cli``): ``render`` (its
stderr: the rendered model itself is Compose's output, left alone), ``render --redact``
(stdout and stderr), ``validate`` in every format, and ``validate -o`` (the summary line
and the report written). A leak is an output that holds the secret, its distinctive
body (the part after the provider prefix), or any 12 characters of that body, in any
letter case.

``python -m tests.fuzz.leak --budget 500 --seed 1``; ``test_leak.py`` runs a small budget.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import string
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fuzz.mutators import _yaml, compose_files, copy_case, sources

ALNUM = string.ascii_letters + string.digits
WINDOW = 12
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
#: The shell the commands see: no variable of the host may change what is loaded.
CLEAN_ENV: dict[str, str | None] = {
    "HOME": "/home/corpus",
    "GITHUB_ACTIONS": None,
    **{
        name: None
        for name in (
            "COMPOSE_FILE",
            "COMPOSE_PROFILES",
            "COMPOSE_PROJECT_NAME",
            "COMPOSE_ENV_FILES",
            "COMPOSE_DISABLE_ENV_FILE",
            "COMPOSE_PATH_SEPARATOR",
        )
    },
}


@dataclass(frozen=True)
class Secret:
    """A secret to hide: its kind, its value, the variable it is assigned to, and the
    random part that makes it distinctive."""

    kind: str
    value: str
    var: str
    body: str

    def needles(self) -> list[str]:
        parts = [self.value, self.body]
        for line in self.body.split("\n"):
            parts += [line[i : i + WINDOW] for i in range(0, max(len(line) - WINDOW + 1, 0))]
        return sorted({p.lower() for p in parts if len(p) >= WINDOW}, key=len, reverse=True)


def _random(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _pem(rng: random.Random) -> Secret:
    lines = [_random(rng, ALNUM + "+/", 64) for _ in range(5)]
    body = "\n".join(lines)
    value = f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"
    return Secret("pem", value, "TLS_PRIVATE_KEY", body)


def _jwt(rng: random.Random) -> Secret:
    head = _b64url({"alg": "HS256", "typ": "JWT"})
    payload = _b64url({"sub": _random(rng, ALNUM, 12), "iat": rng.randrange(10**9, 2 * 10**9)})
    signature = _random(rng, ALNUM + "-_", 43)
    return Secret("jwt", f"{head}.{payload}.{signature}", "SESSION_JWT", f"{payload}.{signature}")


def _prefixed(kind: str, var: str, prefix: str, alphabet: str, n: int) -> Callable[..., Secret]:
    def make(rng: random.Random) -> Secret:
        body = _random(rng, alphabet, n)
        return Secret(kind, prefix + body, var, body)

    return make


def _github_pat(rng: random.Random) -> Secret:
    body = _random(rng, ALNUM, 22) + "_" + _random(rng, ALNUM, 59)
    return Secret("github_pat", "github_pat_" + body, "GH_PAT", body)


def _slack(rng: random.Random) -> Secret:
    body = f"{_random(rng, string.digits, 12)}-{_random(rng, string.digits, 13)}-"
    body += _random(rng, ALNUM, 24)
    return Secret("slack", "xoxb-" + body, "SLACK_BOT_TOKEN", body)


def _password(rng: random.Random) -> Secret:
    body = _random(rng, ALNUM + "!%^*-_.@", 20)
    return Secret("password", body, "PASSWORD", body)


SECRETS: dict[str, Callable[[random.Random], Secret]] = {
    "github": _prefixed("github", "GITHUB_TOKEN", "ghp_", ALNUM, 36),
    "github_pat": _github_pat,
    "aws_key_id": _prefixed(
        "aws_key_id", "AWS_ACCESS_KEY_ID", "AKIA", string.ascii_uppercase + string.digits, 16
    ),
    "aws_secret": _prefixed("aws_secret", "AWS_SECRET_ACCESS_KEY", "", ALNUM + "+/", 40),
    "slack": _slack,
    "stripe": _prefixed("stripe", "STRIPE_KEY", "sk_live_", ALNUM, 24),
    "google": _prefixed("google", "GOOGLE_API_KEY", "AIza", ALNUM + "_-", 35),
    "pem": _pem,
    "jwt": _jwt,
    "password": _password,
}
#: Secrets that no format gives away: only the key they are assigned to does.
KEYED = frozenset({"aws_secret", "password"})

# Where a value may land in a service, as (path, how the value is written there): "{}"
# is the value itself. Every one of these fails for a secret (or is quoted by a check).
FIELDS: list[tuple[tuple[str | int, ...], str]] = [
    (("cpus",), "{}"),
    (("mem_limit",), "{}"),
    (("memswap_limit",), "{}"),
    (("mem_reservation",), "{}"),
    (("shm_size",), "{}"),
    (("pids_limit",), "{}"),
    (("cpu_shares",), "{}"),
    (("oom_score_adj",), "{}"),
    (("restart",), "{}"),
    (("network_mode",), "{}"),
    (("network_mode",), "service:{}"),
    (("network_mode",), "container:{}"),
    (("image",), "{}"),
    (("image",), "nginx:{}"),
    (("container_name",), "{}"),
    (("hostname",), "{}"),
    (("user",), "{}"),
    (("platform",), "{}"),
    (("pull_policy",), "{}"),
    (("stop_grace_period",), "{}"),
    (("healthcheck", "interval"), "{}"),
    (("healthcheck", "timeout"), "{}"),
    (("healthcheck", "start_period"), "{}"),
    (("healthcheck", "retries"), "{}"),
    (("ports", 0), "{}"),
    (("ports", 0), "8080:{}"),
    (("ports", 0), "{}:80"),
    (("expose", 0), "{}"),
    (("depends_on", 0), "{}"),
    (("depends_on", "{}", "condition"), "service_started"),
    (("links", 0), "{}"),
    (("volumes_from", 0), "{}"),
    (("volumes", 0), "{}:/data"),
    (("volumes", 0), "{}"),
    (("networks", 0), "{}"),
    (("secrets", 0), "{}"),
    (("configs", 0), "{}"),
    (("extra_hosts", 0), "{}"),
    (("dns", 0), "{}"),
    (("ulimits", "nofile"), "{}"),
    (("tmpfs", 0), "{}"),
    (("devices", 0), "{}"),
    (("env_file", 0), "{}"),
    (("extends", "service"), "{}"),
    (("extends", "file"), "{}.yaml"),
    (("build", "dockerfile"), "{}"),
    (("stop_signal",), "{}"),
    (("init",), "{}"),
    (("gpus",), "{}"),
    (("profiles", 0), "{}"),
    (("deploy", "replicas"), "{}"),
    (("deploy", "mode"), "{}"),
    (("deploy", "resources", "limits", "cpus"), "{}"),
    (("deploy", "resources", "limits", "memory"), "{}"),
    (("deploy", "restart_policy", "condition"), "{}"),
    (("blkio_config", "weight"), "{}"),
    (("logging", "options", "max-size"), "{}"),
    (("build", "context"), "{}"),
    (("", "name"), "{}"),  # the project's name (top level)
]


@dataclass
class Input:
    """One project folder, the arguments it is loaded with, and the secret it hides."""

    folder: Path
    args: list[str]
    secret: Secret
    where: str
    steps: str


@dataclass
class Leak:
    where: str
    operation: str
    needle: str


@dataclass
class Stats:
    inputs: int = 0
    runs: int = 0
    skipped: int = 0
    leaks: list[Leak] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _place(
    service: dict[str, Any], root: dict[str, Any], path: tuple[str | int, ...], value: str
) -> None:
    if path[0] == "":
        root[str(path[1])] = value
        return
    parts = list(path)
    node: Any = service
    for index, part in enumerate(parts[:-1]):
        following = parts[index + 1]
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(node, dict):
            if not isinstance(node.get(part), type(empty)):
                node[part] = empty
            node = node[part]
        else:  # a list: only index 0 is used
            if not node:
                node.append(empty)
            node = node[0]
    last = parts[-1]
    if isinstance(node, list):
        node[:] = [value]
    else:
        node[last] = value


def _dotenv_line(secret: Secret) -> str:
    if "\n" in secret.value:
        return f'{secret.var}="{secret.value.replace(chr(10), chr(92) + "n")}"\n'
    return f"{secret.var}='{secret.value}'\n"


def _inject(
    doc: dict[str, Any], service: str, secret: Secret, rng: random.Random, through_env: bool
) -> str:
    path, template = rng.choice(FIELDS)
    shown = "${" + secret.var + "}" if through_env else secret.value
    if "{}" in path:
        value = template
        path = tuple(p.replace("{}", shown) if isinstance(p, str) else p for p in path)
    else:
        value = template.format(shown)
    services = doc.setdefault("services", {})
    target = services.setdefault(service, {"image": "nginx:1.27"})
    _place(target, doc, path, value)
    if not through_env and secret.kind in KEYED:
        doc.setdefault("x-credentials", {})[secret.var] = secret.value
    where = ".".join(str(p) for p in path if p != "")
    return f"{secret.kind} {'via .env' if through_env else 'written'} at {where}: {template}"


def synthetic(into: Path, rng: random.Random) -> Input:
    """A small stack of its own: two services, the secret in one field of ``web``."""
    secret = SECRETS[rng.choice(sorted(SECRETS))](rng)
    through_env = rng.random() < 0.6
    doc: dict[str, Any] = {
        "services": {"web": {"image": "nginx:1.27"}, "db": {"image": "postgres:16"}}
    }
    step = _inject(doc, "web", secret, rng, through_env)
    into.mkdir(parents=True)
    (into / "compose.yaml").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    (into / ".env").write_text(_dotenv_line(secret) if through_env else "", encoding="utf-8")
    return Input(into, [], secret, "synthetic", step)


def _env_files(folder: Path, args: list[str]) -> list[Path]:
    named = [args[i + 1] for i, a in enumerate(args) if a == "--env-file"]
    project = next((args[i + 1] for i, a in enumerate(args) if a == "--project-directory"), None)
    if named:
        return [folder / n for n in named]
    files = compose_files(folder, args)
    base = folder / project if project else (files[0].parent if files else folder)
    return [base / ".env"]


def from_corpus(case: Path, into: Path, rng: random.Random) -> Input | None:
    """A corpus project with the secret in one field of one of its services."""
    from tests.conformance.corpus import case_args

    args = [a for a in case_args(case) if not a.startswith("--no-")]
    into.mkdir(parents=True)
    folder = copy_case(case, into)
    files = compose_files(folder, args)
    if not files:
        return None
    yaml = _yaml()
    try:
        doc = yaml.load(files[0].read_text(encoding="utf-8"))
    except Exception:
        return None
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict) or not services:
        return None
    names = [n for n, s in services.items() if isinstance(s, dict)]
    if not names:
        return None
    secret = SECRETS[rng.choice(sorted(SECRETS))](rng)
    through_env = rng.random() < 0.6
    step = _inject(doc, rng.choice(names), secret, rng, through_env)
    try:
        files[0].write_text(json.dumps(doc, indent=2, default=str) + "\n", encoding="utf-8")
    except (TypeError, ValueError):
        return None
    if through_env:
        for env_file in _env_files(folder, args):
            if env_file.is_dir():
                continue
            env_file.parent.mkdir(parents=True, exist_ok=True)
            before = env_file.read_text(encoding="utf-8") if env_file.is_file() else ""
            if before and not before.endswith("\n"):
                before += "\n"
            env_file.write_text(before + _dotenv_line(secret), encoding="utf-8")
    return Input(folder, args, secret, case.name, step)


def inputs(budget: int, seed: int, work: Path) -> Iterator[Input]:
    rng = random.Random(seed)
    pool = sources()
    made = attempts = 0
    while made < budget and attempts < budget * 5:
        attempts += 1
        into = work / f"i{attempts}"
        if pool and rng.random() < 0.35:
            found = from_corpus(rng.choice(pool), into, rng)
        else:
            found = synthetic(into, rng)
        if found is None:
            shutil.rmtree(into, ignore_errors=True)
            continue
        made += 1
        yield found
        shutil.rmtree(into, ignore_errors=True)


def outputs(item: Input) -> Iterator[tuple[str, str, str]]:
    """(operation, outcome, what it printed that must hold no secret) per command."""
    from click.testing import CliRunner

    from composecheck.cli import main

    runner = CliRunner()
    commands: list[tuple[str, list[str], bool]] = [
        ("render", ["render", *item.args], False),
        ("render --redact", ["render", *item.args, "--redact"], True),
        *(
            (f"validate --format {fmt}", ["validate", *item.args, "--format", fmt], True)
            for fmt in FORMATS
        ),
        ("validate -o", ["validate", *item.args, "-o", "report.sarif", "--format", "sarif"], True),
    ]
    here = os.getcwd()
    os.chdir(item.folder)
    try:
        for operation, argv, whole in commands:
            result = runner.invoke(main, argv, env=CLEAN_ENV)
            printed = result.stderr + (result.stdout if whole else "")
            if operation == "validate -o" and (item.folder / "report.sarif").is_file():
                printed += (item.folder / "report.sarif").read_text(encoding="utf-8")
            outcome = f"exit {result.exit_code}"
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                outcome = f"exception {type(result.exception).__name__}"
                printed += str(result.exception)
            yield operation, outcome, printed
    finally:
        os.chdir(here)


def leaks_in(secret: Secret, printed: str) -> str | None:
    """The first needle of ``secret`` that ``printed`` shows (None: it shows none)."""
    lower = printed.lower()
    return next((n for n in secret.needles() if n in lower), None)


def fuzz(budget: int, seed: int, *, progress: bool = False) -> Stats:
    stats = Stats()
    with tempfile.TemporaryDirectory(prefix="cc-leak-") as tmp:
        for item in inputs(budget, seed, Path(tmp)):
            stats.inputs += 1
            for operation, outcome, printed in outputs(item):
                stats.runs += 1
                stats.outcomes[f"{operation.split()[0]}: {outcome}"] += 1
                if outcome.startswith("exception"):
                    stats.errors.append(f"{item.where} {item.steps}: {operation}: {outcome}")
                needle = leaks_in(item.secret, printed)
                if needle is not None:
                    stats.leaks.append(Leak(f"{item.where} {item.steps}", operation, needle))
            if progress and stats.inputs % 100 == 0:
                print(f"{stats.inputs} inputs, {len(stats.leaks)} leaks", file=sys.stderr)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--budget", type=int, default=200, help="inputs to try")
    parser.add_argument("--seed", type=int, default=1)
    ns = parser.parse_args(argv)
    started = time.monotonic()
    stats = fuzz(ns.budget, ns.seed, progress=True)
    print(
        f"{stats.inputs} inputs, {stats.runs} runs, seed {ns.seed}, "
        f"{time.monotonic() - started:.0f} s: {len(stats.leaks)} leaks, "
        f"{len(stats.errors)} internal errors"
    )
    print("outcomes:", dict(sorted(stats.outcomes.items())))
    for leak in stats.leaks[:40]:
        print(f"- LEAK {leak.where}: {leak.operation} shows {leak.needle!r}")
    for error in stats.errors[:20]:
        print(f"- ERROR {error}")
    return 1 if stats.leaks else 0


if __name__ == "__main__":
    sys.exit(main())

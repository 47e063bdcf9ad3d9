"""CC401 hardcoded-secret: a literal secret written where Compose reads it.

The scan that finds candidates is shared with CC402 (placeholder-secret): it walks the
resolved model's surfaces (service ``environment``, ``build.args``, ``labels``,
``command`` / ``entrypoint`` / ``healthcheck.test``, ``x-`` extension fields at any
level, ``configs.*.content``, volume and network ``driver_opts``), follows values that
came from ``.env`` / ``--env-file`` back to their line, and judges each candidate with
:mod:`composecheck.secrets`. ``${VAR:-literal}`` defaults are no longer in the resolved
model: they are found in the written line at the value's position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from composecheck.checks import Check, CheckDoc, Context
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap
from composecheck.location import Loc
from composecheck.secrets import (
    Verdict,
    article,
    classify,
    command_pairs,
    key_info,
    mask,
    split_assignment,
    template_defaults,
    text_pairs,
)


@dataclass(frozen=True)
class Hit:
    """One secret or placeholder, where it is written (never printed: only masked)."""

    verdict: Verdict
    loc: Loc | None
    subject: str  # 'environment variable POSTGRES_PASSWORD of service "db"'
    detail: str  # the flag or key inside a command or text, or ""
    value: str
    service: str | None
    related: tuple[tuple[Loc | None, str], ...] = ()
    env_key: str | None = None  # the environment variable, for the `_FILE` hint

    def describe(self) -> str:
        where = f"{self.subject} ({self.detail})" if self.detail else self.subject
        weak = ", a well-known default" if self.verdict.weak else ""
        return f"{where} holds {article(self.verdict.reason)} ({mask(self.value)}{weak})"


class _Scan:
    """Collects the hits of one loaded project."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        env = ctx.loaded.environment
        self.files: dict[str, str] = dict(env.files)
        self.origins: dict[str, Loc] = dict(env.origins)
        self.by_origin: dict[tuple[str, int], str] = {
            (loc.file, loc.line): name for name, loc in env.origins.items()
        }
        self.shell: set[str] = set(env.shell)
        self.lines: dict[str, list[str]] = {}
        self.default_lines: dict[str, set[int]] = {}
        self.defaults_seen: set[tuple[str, int, str]] = set()
        self.hits: list[Hit] = []

    # -- surfaces ---------------------------------------------------------------------

    def run(self) -> list[Hit]:
        services = dict(self.ctx.services())
        services.update(self.ctx.disabled_services())
        for name in sorted(services):
            self._service(name, services[name])
        model = self.ctx.model
        for section in ("configs", "secrets"):
            for cname, config in sorted(self.ctx.resources(section).items()):
                if isinstance(config, YMap) and isinstance(config.get("content"), str):
                    kind = "config" if section == "configs" else "secret"
                    self._text(
                        config["content"], config.vloc("content"), f'content of {kind} "{cname}"'
                    )
        for section in ("volumes", "networks"):
            for rname, resource in sorted(self.ctx.resources(section).items()):
                if isinstance(resource, YMap):
                    opts = resource.get("driver_opts")
                    if isinstance(opts, YMap):
                        what = f'driver option {{}} of {section[:-1]} "{rname}"'
                        self._options(opts, what, None)
        for key in sorted(model):
            if key.startswith("x-"):
                self._extension(model[key], model.vloc(key), (key,), None)
        return self.hits

    def _service(self, name: str, service: YMap) -> None:
        of = f'of service "{name}"'
        environment = service.get("environment")
        if isinstance(environment, YMap):
            for key in environment:
                self._value(
                    key,
                    environment[key],
                    environment.vloc(key),
                    f"environment variable {key} {of}",
                    name,
                    env_key=key,
                )
        build = service.get("build")
        if isinstance(build, YMap):
            args = build.get("args")
            if isinstance(args, YMap):
                for key in args:
                    self._value(key, args[key], args.vloc(key), f"build argument {key} {of}", name)
        labels = service.get("labels")
        if isinstance(labels, YMap):
            for key in labels:
                self._value(key, labels[key], labels.vloc(key), f"label {key} {of}", name)
        for attribute in ("command", "entrypoint"):
            self._command(
                service.get(attribute), service.vloc(attribute), f"{attribute} {of}", name
            )
        health = service.get("healthcheck")
        if isinstance(health, YMap):
            test = health.get("test")
            self._command(test, health.vloc("test"), f"healthcheck test {of}", name)
        for key in service:
            if key.startswith("x-"):
                self._extension(service[key], service.vloc(key), (key,), name)

    def _extension(
        self, value: Any, loc: Loc | None, path: tuple[str | int, ...], svc: str | None
    ) -> None:
        of = f' of service "{svc}"' if svc else ""
        label = ".".join(str(p) for p in path if isinstance(p, str))
        key = next((p for p in reversed(path) if isinstance(p, str)), None)
        if isinstance(value, YMap):
            for k in value:
                self._extension(value[k], value.vloc(k), (*path, k), svc)
        elif isinstance(value, YList):
            for i, item in enumerate(value):
                self._extension(item, value.vloc(i), (*path, i), svc)
        elif isinstance(value, str):
            pair = split_assignment(value) if isinstance(path[-1], int) else None
            if pair is not None:
                self._value(
                    pair[0], pair[1], loc, f"extension field {label}{of}", svc, detail=pair[0]
                )
            elif "\n" in value:
                self._text(value, loc, f"extension field {label}{of}", svc)
            else:
                self._value(key, value, loc, f"extension field {label}{of}", svc)
        elif isinstance(value, int) and not isinstance(value, bool):
            self._value(key, str(value), loc, f"extension field {label}{of}", svc)

    def _options(self, opts: YMap, what: str, svc: str | None) -> None:
        for key in opts:
            value = opts[key]
            if not isinstance(value, str):
                continue
            self._value(key, value, opts.vloc(key), what.format(key), svc)
            if "=" in value and "," in value:
                for part in value.split(","):
                    pair = split_assignment(part.strip())
                    if pair is not None:
                        self._value(
                            pair[0], pair[1], opts.vloc(key), what.format(key), svc, detail=pair[0]
                        )

    def _command(self, value: Any, loc: Loc | None, subject: str, svc: str) -> None:
        if isinstance(value, str):
            for key, found, verdict in _judge_pairs(command_pairs(value)):
                self._add(verdict, loc, subject, key or "", found, svc)
            self._defaults(loc, subject, svc, None)
        elif isinstance(value, YList):
            items = [str(v) for v in value if isinstance(v, (str, int))]
            if items and items[0] in ("CMD", "CMD-SHELL", "NONE"):
                shell, items = items[0] == "CMD-SHELL", items[1:]
                offset = 1
            else:
                shell, offset = False, 0
            pairs = command_pairs(" ".join(items) if shell else items)
            for key, found, verdict in _judge_pairs(pairs):
                index = next((i for i, t in enumerate(items) if found in t), 0)
                self._add(verdict, value.vloc(index + offset), subject, key or "", found, svc)
            for i in range(len(value)):
                self._defaults(value.vloc(i), subject, svc, None)

    def _text(self, text: str, loc: Loc | None, subject: str, svc: str | None = None) -> None:
        for key, found, verdict in _judge_pairs(text_pairs(text)):
            self._add(verdict, loc, subject, key or "", found, svc)

    # -- values -----------------------------------------------------------------------

    def _value(
        self,
        key: str | None,
        value: Any,
        loc: Loc | None,
        subject: str,
        svc: str | None,
        *,
        detail: str = "",
        env_key: str | None = None,
    ) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, (int, float)):
            value = str(value)
        if not isinstance(value, str):
            return
        origin = loc.origin if loc is not None else None
        if origin is not None:
            var = self.by_origin.get((origin.file, origin.line))
            written = self.files.get(var) if var is not None and var not in self.shell else None
            if var is not None and written:
                verdict = classify(key, written) or classify(var, written)
                if verdict is not None:
                    use = loc._replace(origin=None) if loc is not None else None
                    self._add(
                        verdict,
                        origin,
                        f"variable {var} (used by {subject})",
                        detail,
                        written,
                        svc,
                        related=((use, "used here"),),
                        env_key=env_key,
                    )
                    self._defaults(loc, subject, svc, key)
                    return
        verdict = classify(key, value)
        if verdict is None and ("\n" in value or ("=" in value and " " in value)):
            # A config text or a command line in a value: JAAS configs, JAVA_TOOL_OPTIONS.
            pairs = list(text_pairs(value))
            if "\n" not in value:
                pairs += command_pairs(value)
            for k, found, v in _judge_pairs(iter(pairs)):
                self._add(v, loc, subject, k or detail, found, svc, env_key=env_key)
        elif verdict is not None:
            source = self._supplier(key, value, loc) if origin is not None else None
            if source is not None and loc is not None:
                var, written = source
                self._add(
                    verdict,
                    self.origins[var],
                    f"variable {var} (used by {subject})",
                    detail,
                    written,
                    svc,
                    related=((loc._replace(origin=None), "used here"),),
                    env_key=env_key,
                )
            else:
                self._add(verdict, loc, subject, detail, value, svc, env_key=env_key)
        self._defaults(loc, subject, svc, key)

    def _supplier(
        self, key: str | None, value: str, loc: Loc | None, verdict: Verdict | None = None
    ) -> tuple[str, str] | None:
        """The .env variable a value's secret comes from (``user:${PASS}@host``): the one
        whose value, taken out, leaves no secret."""
        if loc is None:
            return None
        names = _REFERENCE_NAME.findall(self._line(loc))
        if verdict is not None:  # a value found inside a text: any variable may supply it
            names += sorted(n for n, v in self.files.items() if len(v) >= 6 and v in value)
        for var in names:
            written = self.files.get(var)
            if var in self.shell or not written or written not in value:
                continue
            if written == value or classify(key, value.replace(written, "${" + var + "}")) is None:
                return var, written
        return None

    def _defaults(self, loc: Loc | None, subject: str, svc: str | None, key: str | None) -> None:
        """``${VAR:-literal}`` defaults, read from the line where the value is written."""
        if loc is None:
            return
        if loc.line not in self._default_lines(loc.file):
            return
        line = self._line(loc)
        for var, default in template_defaults(line):
            if (loc.file, loc.line, var) in self.defaults_seen:
                continue
            self.defaults_seen.add((loc.file, loc.line, var))
            verdict = classify(var, default) or classify(key, default)
            if verdict is not None:
                self._add(
                    verdict,
                    loc._replace(origin=None),
                    f"the default of ${{{var}}} in {subject}",
                    "",
                    default,
                    svc,
                )

    def _pinpoint(self, loc: Loc, value: str, key: str = "") -> Loc:
        """Where inside a multi-line value (a block scalar) ``value`` is written: the first
        line below ``loc`` holding it, next to ``key`` where a line has both."""
        written = self._line(loc)
        if written[:1] not in ("|", ">", "-", '"', "'"):
            return loc  # not a block scalar, nor a flow scalar over several lines
        first = value.strip().split("\n", 1)[0].strip()
        if not first or first in written:
            return loc
        lines = self.lines.get(loc.file, [])
        raw = first.replace("$", "$$")
        end = min(loc.line + 200, len(lines))
        for with_key in (True, False) if key else (False,):
            for number in range(loc.line + 1, end + 1):
                text = lines[number - 1]
                if with_key and key not in text:
                    continue
                for needle in (first, raw):
                    col = text.find(needle)
                    if col >= 0:
                        return Loc(loc.file, number, col + 1, loc.origin)
        return loc

    def _default_lines(self, file: str) -> set[int]:
        """The numbers of the lines of ``file`` that hold a ``${VAR:-default}``."""
        found = self.default_lines.get(file)
        if found is None:
            self._line(Loc(file, 0, 0))
            found = {
                i
                for i, text in enumerate(self.lines[file], 1)
                if "${" in text and _HAS_DEFAULT.search(text)
            }
            self.default_lines[file] = found
        return found

    def _line(self, loc: Loc) -> str:
        lines = self.lines.get(loc.file)
        if lines is None:
            try:
                with open(loc.file, encoding="utf-8", errors="replace") as handle:
                    lines = handle.read().splitlines()
            except OSError:
                lines = []
            self.lines[loc.file] = lines
        if 0 < loc.line <= len(lines):
            return lines[loc.line - 1][max(loc.col - 1, 0) :]
        return ""

    def _add(
        self,
        verdict: Verdict,
        loc: Loc | None,
        subject: str,
        detail: str,
        value: str,
        svc: str | None,
        *,
        related: tuple[tuple[Loc | None, str], ...] = (),
        env_key: str | None = None,
    ) -> None:
        if loc is not None and loc.origin is not None and not related:
            # Part of a command or text that came from a .env variable: point at its line.
            source = self._supplier(None, value, loc, verdict)
            if source is not None:
                var, written = source
                if key_info(var).public:
                    return
                use = loc._replace(origin=None)
                subject = f"variable {var} (used by {subject})"
                related, loc, value = ((use, "used here"),), self.origins[var], written
        if loc is not None and related == ():
            loc = self._pinpoint(loc, value, detail)
        self.hits.append(Hit(verdict, loc, subject, detail, value, svc, related, env_key))


def _judge_pairs(
    pairs: Iterator[tuple[str | None, str]],
) -> Iterator[tuple[str | None, str, Verdict]]:
    for key, value in pairs:
        verdict = classify(key, value)
        if verdict is not None:
            yield key, value, verdict


_REFERENCE_NAME = re.compile(r"(?<!\$)\$\{?([A-Za-z_][A-Za-z0-9_]*)")

_HAS_DEFAULT = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=][^}]")


def scan(ctx: Context) -> list[Hit]:
    """Every secret and placeholder of the project ``ctx`` sees (computed once per load,
    shared by CC401 and CC402)."""
    hits: list[Hit] | None = ctx.memo.get("secrets")
    if hits is None:
        hits = ctx.memo["secrets"] = _Scan(ctx).run()
    return hits


def findings(check: Check, ctx: Context, kind: str, hint: Any) -> Iterator[Finding]:
    """The findings of ``check`` for hits of ``kind``: one per place a literal is written."""
    seen: set[tuple[str, int, int] | None] = set()
    # A template read in place of a missing env file holds placeholders by design; and
    # a stack without its .env is judged as it would be with an empty one.
    templates = set(ctx.loaded.environment.templates.values())
    for hit in scan(ctx):
        if hit.verdict.kind != kind or _allowed(ctx, hit):
            continue
        if hit.loc is not None and hit.loc.file in templates:
            continue
        place = (hit.loc.file, hit.loc.line, hit.loc.col) if hit.loc is not None else None
        if place in seen:
            continue
        seen.add(place)
        yield ctx.finding(
            check,
            hint(hit, "message"),
            hint(hit, "hint"),
            loc=hit.loc,
            service=hit.service,
            related=hit.related,
        )


def _allowed(ctx: Context, hit: Hit) -> bool:
    """Accepted by the team in ``[tool.composecheck.secrets]`` (by key or value hash)."""
    settings = ctx.settings
    if settings is None:
        return False
    if (hit.env_key or hit.detail) in settings.secret_keys:
        return True
    if settings.secret_hashes:
        import hashlib

        return hashlib.sha256(hit.value.encode()).hexdigest() in settings.secret_hashes
    return False


def _text_for(hit: Hit, part: str) -> str:
    if part == "message":
        return hit.describe()
    file_variant = (
        f" (and {hit.env_key}_FILE=/run/secrets/... if the image supports it)"
        if hit.env_key
        else ""
    )
    return (
        "keep secrets out of compose and .env files: use a `secrets:` entry with a file or "
        f"an external secret{file_variant}, or ${{VAR}} supplied at deploy time; "
        "then rotate this one, it is in your history"
    )


class HardcodedSecret(Check):
    code = "CC401"
    name = "hardcoded-secret"
    summary = "a password, token or key written as a literal in the stack: never print it"
    severity = Severity.ERROR
    doc = CheckDoc(
        what=(
            "Reports literal secrets where Compose reads them: service `environment` (list "
            "and map syntax, `env_file` files), the project `.env` and `--env-file` "
            "variables a service uses (at their `.env` line), `build.args`, `labels`, "
            "`command` / `entrypoint` / `healthcheck.test` (`--password=x`, `-psecret` for "
            "MySQL clients, `-a x` for redis-cli, `PGPASSWORD=x cmd`, `sh -c` scripts, "
            "`Authorization:` headers, `user:password@` URLs), `x-` extension fields, "
            "`configs.*.content`, volume and network `driver_opts`, and the literal default "
            "of `${VAR:-literal}`. Key and value are judged together: a credential-like key "
            "(PASSWORD, SECRET, TOKEN, API_KEY, SECRET_KEY, APP_KEY, SALT, ...) holding a "
            "literal, and known formats under any key (AWS, GitHub, GitLab, Slack, Stripe, "
            "Google, npm, SendGrid, Twilio, OpenAI keys, JWTs, PEM private keys, bcrypt and "
            "htpasswd hashes). Weak and vendor defaults (`password`, `postgres`, "
            "`minioadmin`) are secrets too. Not reported: `${VAR}` and `$$VAR` references, "
            "`*_FILE` variables and `/run/secrets/` paths, numbers and durations under "
            "quantity keys (`PASSWORD_MIN_LENGTH`), URLs, paths and names under `_URL`, "
            "`_HEADER`, `_PATH`, `_HASHER` and `_ALGORITHM` keys, digests and ids, and keys "
            "public by design (`*_PUBLIC_KEY`, `*_ANON_KEY`, `*_SITE_KEY`, `*_CLIENT_ID`, "
            "Stripe `pk_`). Placeholders are CC402. The value is never printed: findings "
            "show its first two characters and its length at most."
        ),
        why=(
            "Compose files and `.env` files are committed, copied into images, pasted into "
            "issues and printed by `docker compose config`. A password written there is a "
            "password everyone with the repository has, forever: removing it later leaves "
            "it in the history. Default credentials are the first thing an attacker tries."
        ),
        example=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD: s3cr3t-pa55\n"
        ),
        use_instead=(
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            "    secrets:\n"
            "      - db_password\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        yield from findings(self, ctx, "secret", _text_for)

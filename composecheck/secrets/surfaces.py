"""Where Compose reads values, walked for secrets: service ``environment``, ``build.args``,
``labels``, ``command`` / ``entrypoint`` / ``healthcheck.test``, ``x-`` extension fields at
any level, ``configs.*.content``, volume and network ``driver_opts``.

Values that came from ``.env`` / ``--env-file`` are followed back to their line, and each
candidate is judged by :func:`composecheck.secrets.classify`. ``${VAR:-literal}`` defaults
are no longer in the resolved model: they come from the loader's record of what was
written (:mod:`composecheck.load.provenance`), as do the lines of multi-line scalars. No
file is read here. Shared by CC401, CC402 and ``render --redact``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from composecheck.load.tree import YList, YMap
from composecheck.location import Loc
from composecheck.secrets.extract import command_pairs, split_assignment, text_pairs
from composecheck.secrets.judge import classify
from composecheck.secrets.keys import key_info
from composecheck.secrets.masking import article, mask
from composecheck.secrets.verdict import Verdict

if TYPE_CHECKING:
    from composecheck.load.project import LoadedProject


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

    def __init__(self, loaded: LoadedProject) -> None:
        self.loaded = loaded
        self.model: YMap = loaded.model
        env = loaded.environment
        self.files: dict[str, str] = dict(env.files)
        self.origins: dict[str, Loc] = dict(env.origins)
        self.by_origin: dict[tuple[str, int], str] = {
            (loc.file, loc.line): name for name, loc in env.origins.items()
        }
        self.shell: set[str] = set(env.shell)
        self.provenance = env.provenance
        self.defaults_seen: set[tuple[str, int, str]] = set()
        self.hits: list[Hit] = []

    # -- surfaces ---------------------------------------------------------------------

    def run(self) -> list[Hit]:
        written = self._resources("services")
        services = {n: s for n, s in written.items() if isinstance(s, YMap)}
        services.update({n: s for n, s in self.loaded.disabled.items() if isinstance(s, YMap)})
        for name in sorted(services):
            self._service(name, services[name])
        model = self.model
        for section in ("configs", "secrets"):
            for cname, config in sorted(self._resources(section).items()):
                if isinstance(config, YMap) and isinstance(config.get("content"), str):
                    kind = "config" if section == "configs" else "secret"
                    self._text(
                        config["content"], config.vloc("content"), f'content of {kind} "{cname}"'
                    )
        for section in ("volumes", "networks"):
            for rname, resource in sorted(self._resources(section).items()):
                if isinstance(resource, YMap):
                    opts = resource.get("driver_opts")
                    if isinstance(opts, YMap):
                        what = f'driver option {{}} of {section[:-1]} "{rname}"'
                        self._options(opts, what, None)
        for key in sorted(model):
            if key.startswith("x-"):
                self._extension(model[key], model.vloc(key), (key,), None)
        return self.hits

    def _resources(self, section: str) -> YMap:
        value = self.model.get(section)
        return value if isinstance(value, YMap) else YMap()

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
        recorded = self.provenance.template(loc)
        names = recorded.names if recorded is not None else []
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
        """``${VAR:-literal}`` defaults written in the value at ``loc`` (nested ones too)."""
        recorded = self.provenance.template(loc)
        if loc is None or recorded is None:
            return
        for default in recorded.defaults:
            # A default that is itself a template is judged through its own parts.
            if not default.literal:
                continue
            var = default.name
            if (loc.file, loc.line, var) in self.defaults_seen:
                continue
            self.defaults_seen.add((loc.file, loc.line, var))
            verdict = classify(var, default.text) or classify(key, default.text)
            if verdict is not None:
                self._add(
                    verdict,
                    loc._replace(origin=None),
                    f"the default of ${{{var}}} in {subject}",
                    "",
                    default.text,
                    svc,
                )

    def _pinpoint(self, loc: Loc, value: str, key: str = "") -> Loc:
        """Where inside a multi-line scalar (a block scalar, or a flow scalar written over
        several lines) ``value`` is written: its first line, on a line next to ``key``
        where one has both. The scalar's own position when it starts on its first line,
        or when the reader could not map it exactly."""
        layout = self.provenance.layout(loc)
        if layout is None:
            return loc
        first = value.strip().split("\n", 1)[0].strip()
        if not first:
            return loc
        found: list[tuple[int, int, bool]] = []  # (line, col, next to key)
        for needle in dict.fromkeys((first, first.replace("$", "$$"))):
            start = layout.text.find(needle)
            while start >= 0:
                where = layout.position(start)
                if where is not None:
                    found.append((*where, bool(key) and key in layout.line_text(start)))
                start = layout.text.find(needle, start + 1)
        if not found or any(line == loc.line for line, _, _ in found):
            return loc
        line, col, _ = min(found, key=lambda f: (not f[2], f[0], f[1]))
        return Loc(loc.file, line, col, loc.origin)

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


def scan(loaded: LoadedProject) -> list[Hit]:
    """Every secret and placeholder of a loaded project (active and disabled services)."""
    return _Scan(loaded).run()

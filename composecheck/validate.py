"""``composecheck validate``: every stack, every environment, every check, one report.

A stack is loaded once per environment (the default stack Docker Compose would load,
plus each ``compose.NAME.yaml`` and configured environment). What stops loading becomes
a finding of its own (CC1xx, or the reference check it corresponds to); otherwise
every check runs on the resolved project. Findings that several environments share
are reported once, naming them all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from composecheck.checks.match import match_rule
from composecheck.deep import deep
from composecheck.errors import InputError
from composecheck.findings import Finding, Held, Related, Severity, merge_environments
from composecheck.targets import DEFAULT_ENVIRONMENT, Target, ValidateOptions, targets

__all__ = ["Checked", "Outcome", "Target", "ValidateOptions", "evaluate", "run", "targets"]


def finding_from_error(exc: InputError) -> Finding:
    """A loader problem as a finding, under the check whose code it carries."""
    from composecheck.checks import registry

    check = registry().get(exc.code)
    loc = exc.loc
    message = _one_line(exc.message, loc.file if loc else None)
    related = [Related(r.file, r.line, r.col, text) for r, text in exc.related]
    if loc is not None and loc.origin is not None:
        origin = loc.origin
        if origin.entire:
            # The env file line wrote the whole value: the fix is made there.
            related.insert(0, Related(loc.file, loc.line, loc.col, "used here"))
            loc = origin
        else:
            related.insert(
                0, Related(origin.file, origin.line, origin.col, "the value comes from here")
            )
    return Finding(
        code=exc.code,
        name=check.name if check is not None else "invalid-value",
        severity=Severity.ERROR,
        message=message,
        hint=exc.hint or "Docker Compose refuses this project until it is fixed",
        file=loc.file if loc else None,
        line=loc.line if loc else None,
        column=loc.col if loc else None,
        related=tuple(related),
    )


def _one_line(message: str, file: str | None) -> str:
    """Compose's message on one line, without what the finding's location already says."""
    if file is not None:
        for prefix in (f"validating {file}: ", f"failed to parse {file}: "):
            if message.startswith(prefix):
                message = message[len(prefix) :]
    message = message.removeprefix("decoding failed due to the following error(s):")
    return " ".join(line.strip() for line in message.splitlines() if line.strip())


@dataclass
class Checked:
    """What checking one target gave: findings, the files its project was read from,
    and the codes of the checks that ran (empty when the project did not load)."""

    findings: list[Finding]
    files: list[str] = field(default_factory=list)
    ran: set[str] = field(default_factory=set)
    unchanged: bool = False
    #: The values the secrets detector judges secrets among what the load read: masked
    #: wherever the report would show them (Compose's messages quote refused values).
    secrets: set[str] = field(default_factory=set)


def check_target(target: Target, options: ValidateOptions) -> Checked:
    """Load one environment of one stack and run every selected check on it."""
    from composecheck.api import LoadOptions, load
    from composecheck.checks import Context, registry
    from composecheck.load.readings import Readings
    from composecheck.secrets.scrub import secret_values

    readings = Readings()
    load_options = LoadOptions(
        files=target.files,
        env_files=options.env_files,
        project_name=options.project_name,
        project_directory=target.project_directory,
        profiles=options.profiles,
        environ=options.environ,
        cwd=target.cwd,
        prune=False,
        keep_going=True,
        environment_name=None
        if target.environment == DEFAULT_ENVIRONMENT
        and DEFAULT_ENVIRONMENT not in target.settings.environments
        else target.environment,
        config=options.config,
        readings=readings,
    )
    try:
        loaded = load(load_options)
    except InputError as exc:
        # What even a loader that keeps going cannot get past (no compose file, an
        # invalid project name): the one problem of this target.
        errors = [finding_from_error(error) for error in (exc, *exc.others)]
        return Checked(
            _with_severity(errors, policy(target, options)[2]), secrets=secret_values(readings)
        )
    files = [*loaded.sources, *(loc.file for loc in loaded.environment.origins.values())]
    if options.changed is not None and not _touched(files, target, options.changed):
        return Checked([], files, unchanged=True)
    secrets = secret_values(readings, loaded.model, loaded.disabled)
    select, ignore, severity = policy(target, options)
    ctx = Context(
        loaded,
        target.environment,
        target.production,
        os.path.abspath(options.cwd or os.getcwd()),
        settings=target.settings,
    )
    findings: list[Finding] = []
    ran: set[str] = set()
    for check in registry().values():
        if not _selected(check.code, check.name, select, ignore):
            continue
        if check.production_only and not target.production:
            continue
        ran.add(check.code)
        findings.extend(check.run(ctx))
    findings.extend(_problems(loaded.environment.problems.items, ran))
    return Checked(_with_severity(findings, severity), files, ran, secrets=secrets)


def _problems(problems: Sequence[InputError], ran: set[str]) -> list[Finding]:
    """The loader's problems as findings, for the checks that ran; problems that a
    check also finds by its own rule (``mirrored``) are left to that check."""
    out: dict[tuple[object, ...], Finding] = {}
    for problem in problems:
        if problem.code not in ran or problem.mirrored:
            continue
        finding = finding_from_error(problem)
        out.setdefault(finding.key(), finding)
    return list(out.values())


def _touched(files: Sequence[str], target: Target, changed: set[str]) -> bool:
    """Whether a change since the ref concerns this stack: it reads a changed file, or a
    file in its folder was deleted (it may have been an override the stack read then)."""
    if {os.path.realpath(f) for f in files} & changed:
        return True
    folder = os.path.realpath(target.cwd) + os.sep
    return any(path.startswith(folder) and not os.path.exists(path) for path in changed)


def policy(
    target: Target, options: ValidateOptions
) -> tuple[tuple[str, ...] | None, tuple[str, ...], list[dict[str, str]]]:
    """(select, ignore, severity tables) for one target: the command line's when given,
    else the configuration's, the environment's table refining the top-level one."""
    settings = target.settings
    env = settings.environments.get(target.environment) if settings is not None else None
    select: tuple[str, ...] | None = tuple(options.select) or None
    if select is None and env is not None:
        select = env.select
    if select is None and settings is not None:
        select = settings.select
    if options.ignore:
        ignore = tuple(options.ignore)
    else:
        ignore = (*(settings.ignore if settings else ()), *(env.ignore if env else ()))
    tables = [
        settings.severity if settings is not None else {},
        env.severity if env is not None else {},
        dict(options.severity),
    ]
    return select, ignore, tables


def _selected(code: str, name: str, select: Sequence[str] | None, ignore: Sequence[str]) -> bool:
    if select is not None and not any(match_rule(i, code, name) for i in select):
        return False
    return not any(match_rule(i, code, name) for i in ignore)


def severity_for(code: str, name: str, tables: Sequence[dict[str, str]]) -> Severity | None:
    """The configured severity of a check: later tables win; in a table, the closest key."""
    chosen: Severity | None = None
    for table in tables:
        # The closest key wins; between equally close ones (a code and its name), the
        # one written last, as a later table wins over an earlier one.
        best = max(
            ((match_rule(k, code, name), i, v) for i, (k, v) in enumerate(table.items())),
            default=(0, 0, ""),
        )
        if best[0]:
            chosen = Severity.parse(best[2])
    return chosen


def _with_severity(findings: list[Finding], tables: Sequence[dict[str, str]]) -> list[Finding]:
    if not any(tables):
        return findings
    out: list[Finding] = []
    for finding in findings:
        level = severity_for(finding.code, finding.name, tables)
        out.append(finding if level is None else replace(finding, severity=level))
    return out


@dataclass
class Outcome:
    """A whole run: what to report, and what inline ignores and the baseline held back."""

    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)
    #: Baseline entries that no finding matches any more.
    fixed: int = 0
    baseline: str | None = None
    #: Stacks left out because none of their files changed (``--changed-since``).
    unchanged: int = 0
    fail_on: Severity = Severity.ERROR
    #: The stacks checked, in order.
    stacks: list[str] = field(default_factory=list)
    #: Secret values among what was read: every report masks them (see secrets.scrub).
    secrets: set[str] = field(default_factory=set)

    def held(self) -> Held:
        return Held(tuple(self.suppressed), tuple(self.baselined), self.fixed, self.baseline)

    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)


def run(options: ValidateOptions) -> list[Finding]:
    """The findings to report, of every stack and environment."""
    return evaluate(options).findings


@deep
def evaluate(options: ValidateOptions) -> Outcome:
    """Every stack and environment checked; findings merged across environments, inline
    ignores and the baseline applied."""
    from composecheck.settings import load_settings
    from composecheck.suppress import apply_baseline, apply_ignores, read_baseline

    cwd = os.path.abspath(options.cwd or os.getcwd())
    run_settings = load_settings(cwd, options.config)
    per_stack: dict[str, list[tuple[str, list[Finding]]]] = {}
    ran: dict[str, set[str]] = {}
    unchanged: dict[str, bool] = {}
    stack_files: dict[str, set[str]] = {}
    checked_files: set[str] = set()
    secrets: set[str] = set()
    for target in targets(options):
        checked = check_target(target, options)
        findings = checked.findings
        secrets |= checked.secrets
        if (
            len(findings) == 1
            and findings[0].file is None
            and findings[0].message.startswith("no configuration file provided")
        ):
            # Nothing to check at all is a usage error (exit 2), not a finding.
            raise InputError(
                f"{findings[0].message} in {target.cwd}",
                hint="run in a folder with compose.yaml, or name files with -f",
            )
        unchanged[target.stack] = unchanged.get(target.stack, True) and checked.unchanged
        stack_files.setdefault(target.stack, set()).update(checked.files)
        if not checked.unchanged:
            checked_files.update(checked.files)
        for path in checked.files:
            ran.setdefault(path, set()).update(checked.ran)
        per_stack.setdefault(target.stack, []).append((target.environment, findings))
    merged: list[Finding] = []
    for stack, results in per_stack.items():
        merged.extend(replace(f, stack=stack) for f in merge_environments(results))
    files = {f.file for f in merged if f.file}.union(*stack_files.values())
    applied = apply_ignores(merged, files, ran)
    stack_of = {path: stack for stack, paths in reversed(stack_files.items()) for path in paths}
    applied.problems = [replace(p, stack=stack_of.get(p.file or "")) for p in applied.problems]
    select = tuple(options.select) or run_settings.select
    ignore = tuple(options.ignore) or run_settings.ignore
    problems = [p for p in applied.problems if _selected(p.code, p.name, select, ignore)]
    kept = applied.kept + _with_severity(problems, [run_settings.severity, dict(options.severity)])
    kept.sort(key=Finding.sort_key)
    outcome = Outcome(
        kept,
        stacks=[s for s in per_stack if not unchanged.get(s)],
        suppressed=applied.suppressed,
        unchanged=sum(unchanged.values()),
        fail_on=Severity.parse(options.fail_on or run_settings.fail_on or "error"),
        secrets=secrets,
    )
    baseline = options.baseline if options.baseline is not None else run_settings.baseline
    if baseline and options.use_baseline:
        # Entries of stacks left unchecked (--changed-since) are not "fixed".
        scope = None if options.changed is None else checked_files
        outcome.findings, outcome.baselined, outcome.fixed = apply_baseline(
            kept, read_baseline(os.path.join(cwd, baseline)), scope
        )
        outcome.baseline = baseline
    return outcome

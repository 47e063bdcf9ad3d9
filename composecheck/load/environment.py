"""The interpolation environment: shell variables over ``--env-file`` over ``.env``.

Every value read from a file remembers the line it came from, so that a finding about
an interpolated value can point at the ``.env`` line too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composecheck.errors import INTERPOLATION, MISSING_FILE, InputError, Problems
from composecheck.location import Loc

if TYPE_CHECKING:
    from composecheck.load.provenance import Provenance


@dataclass(frozen=True)
class Notice:
    """Something the loader noticed without stopping: what checks report as findings."""

    kind: str  # "unset-variable", "obsolete-version"
    name: str  # the variable or attribute concerned
    loc: Loc | None
    path: str = ""  # the dotted path of the value, where there is one


@dataclass
class Environment:
    """Variables visible to interpolation, with where each file-defined one was written."""

    shell: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)
    origins: dict[str, Loc] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    #: Where every stage reports what Compose refuses (shared with child environments).
    problems: Problems = field(default_factory=Problems)
    #: Missing env files checked through their committed template: missing → template.
    templates: dict[str, str] = field(default_factory=dict)
    #: What the loader recorded of how values were written, for the whole load (shared
    #: with child environments and included projects', like ``problems``).
    provenance: Provenance = field(default_factory=lambda: _new_provenance())

    def get(self, name: str) -> str | None:
        value = self.shell.get(name)
        return value if value is not None else self.files.get(name)

    def origin(self, name: str) -> Loc | None:
        """The ``.env`` line a variable's value came from (None for shell variables)."""
        return None if name in self.shell else self.origins.get(name)

    def merged(self) -> dict[str, str]:
        out = dict(self.files)
        out.update(self.shell)
        return out

    def child(self) -> Environment:
        return Environment(
            dict(self.shell),
            dict(self.files),
            dict(self.origins),
            self.warnings,
            self.notices,
            self.problems,
            self.templates,
            self.provenance,
        )


def _new_provenance() -> Provenance:
    from composecheck.load.provenance import Provenance

    return Provenance()


def is_env_file(path: str) -> bool:
    """Whether Compose reads ``path`` as an env file: it exists and is no folder
    (``os.Stat`` then ``!IsDir``), so ``/dev/null``, a FIFO or a symlink to them count."""
    return os.path.exists(path) and not os.path.isdir(path)


def read_text(path: str) -> str:
    """A file's text; ``path`` is absolute. Raises the reference's own wording."""
    from composecheck.load.source import check_size, read_capped

    try:
        with open(path, "rb") as handle:
            check_size(os.fstat(handle.fileno()).st_size, path)
            data = read_capped(handle, path)
    except IsADirectoryError:
        raise InputError(f"{path} is a directory", code=MISSING_FILE) from None
    except FileNotFoundError:
        raise InputError(f"open {path}: no such file or directory", code=MISSING_FILE) from None
    except OSError as exc:
        raise InputError(f"open {path}: {exc.strerror or exc}", code=MISSING_FILE) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "replace")


def load_env_file(env: Environment, path: str, named_at: Loc | None = None) -> None:
    """Add a ``.env``-syntax file to ``env``; shell variables keep precedence.

    A problem (missing file, bad syntax) is reported to ``env.problems``; when checking
    goes on, a missing file is read as empty, or as the template committed next to it
    (see :func:`template_for`), and a file with bad syntax as empty.
    """
    from composecheck.load.dotenv import DotenvError, parse_dotenv

    if os.path.isdir(path):
        env.problems.report(
            InputError(f"{path} is a directory", named_at or Loc(path, 1, 1), code=MISSING_FILE)
        )
        return
    if not os.path.exists(path):
        error = InputError(
            f"couldn't find env file: {path}",
            named_at,
            hint="create the file, or name an existing one",
            code=MISSING_FILE,
        )
        template = missing_env_file(env, path, error)
        if template is None:
            return
        path = template
    from composecheck.load.interpolate import unset_warning

    try:
        text = read_text(path)
    except InputError as exc:
        exc.loc = exc.loc or named_at
        env.problems.report(exc)
        return
    try:
        # The shell comes first, then this file's earlier keys, then earlier files.
        entries = parse_dotenv(text, env.shell.get, fallback=env.files.get)
    except DotenvError as exc:
        env.problems.report(dotenv_error(exc, path))
        return
    for entry in entries:
        env.files[entry.key] = entry.value
        env.origins[entry.key] = Loc(path, entry.line, entry.column)
        for ref in entry.refs:
            if ref.warn:
                env.warnings.append(unset_warning(ref.name))
                env.notices.append(
                    Notice("unset-variable", ref.name, Loc(path, entry.line, entry.column))
                )


def dotenv_error(exc: Any, path: str) -> InputError:
    """A .env parse error for people. Compose echoes the start of an unterminated value;
    that value may be a password, so only its masked form is shown."""
    import re

    from composecheck.secrets import mask

    message = re.sub(
        r"(unterminated quoted value )(.*)$",
        lambda m: m.group(1) + mask(m.group(2)),
        exc.format(path),
    )
    message = re.sub(
        r'(Invalid template: )"(.*)"', lambda m: m.group(1) + mask(m.group(2)), message
    )
    if "unterminated quoted value" in message:
        hint = "close the quote on this line, or quote the whole value"
    elif "required variable" in message:
        hint = "set the variable in the shell or earlier in this file"
    else:
        hint = "write $$ for a literal $, and ${NAME} or ${NAME:-default} for a variable"
    return InputError(message, Loc(path, exc.line or 1, 1), hint=hint, code=INTERPOLATION)


def missing_env_file(env: Environment, path: str, error: InputError) -> str | None:
    """Report a missing env file. Validating goes on with the template committed next
    to it, whose path is returned (None: check as if the file were empty)."""
    template = template_for(path) if env.problems.keep_going else None
    if template is not None:
        error.hint = (
            f"create it (the committed template {os.path.basename(template)} is checked "
            "in its place meanwhile)"
        )
        error.related.append((Loc(template, 1, 1), "checked in its place"))
        env.templates[path] = template
    env.problems.report(error)
    return template


#: Names under which repositories commit an env file's template, in order of preference.
TEMPLATE_SUFFIXES = (".example", ".sample", ".dist", ".template")


def template_for(path: str) -> str | None:
    """The committed template of a missing env file: ``.env.example`` for ``.env``,
    ``env.example`` too, ``NAME.example`` for ``NAME`` (first that exists)."""
    folder, name = os.path.split(path)
    candidates = [name + suffix for suffix in TEMPLATE_SUFFIXES]
    if name.startswith("."):
        candidates += [name[1:] + suffix for suffix in TEMPLATE_SUFFIXES]
    for candidate in candidates:
        full = os.path.join(folder, candidate)
        if os.path.isfile(full):
            return full
    return None


def parse_bool(text: str) -> bool:
    """Go's ``strconv.ParseBool``, with its error text."""
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise InputError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def shell_environment(environ: Mapping[str, str] | None, cwd: str) -> dict[str, str]:
    shell = dict(os.environ if environ is None else environ)
    shell.setdefault("PWD", cwd)
    return shell

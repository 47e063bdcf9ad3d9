"""Candidate (key, value) pairs to judge, taken out of a command line, a ``KEY=value``
text or a raw ``${VAR:-default}`` template."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from composecheck.secrets.judge import classify
from composecheck.secrets.keys import key_info
from composecheck.secrets.verdict import Verdict

# Command lines worth taking apart: a credential word, a flag that takes one, or a format.
_COMMAND_HINT = re.compile(
    r"(?i)pass|pwd|secret|token|key|auth|cred|salt|cookie|webhook|://|(?:^|\s)-[pau]|bearer|"
    r"AKIA|ASIA|gh[pousr]_|github_pat|glpat|xox|sk[-_]|rk_|AIza|npm_|SG\.|\bSK|\bAC|eyJ|"
    r"\$2|\$apr1|\$[56]\$|\$argon|-----BEGIN|hf_|dop_|pypi-|dckr_|shp|whsec|GOCSPX|\{SSHA?\}"
)

_ASSIGNMENT = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$", re.DOTALL)
_LINE_PAIR = re.compile(
    r"""^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*[,;]?\s*$"""
)
# key="value" pairs on one line (JAAS configs, connection strings).
_QUOTED_PAIR = re.compile(r'([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"')
_LONG_OPTION = re.compile(r"^--?([A-Za-z][A-Za-z0-9_.-]*)(?:=(.*))?$", re.DOTALL)
_TEMPLATE_DEFAULT = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([^${}]*)\}")
# A shell word is a run of these pieces with no blank between them (matched piece by
# piece: a regular expression repeating the group keeps state per repetition).
_PIECE = re.compile(r"""[^\s"']+|"[^"]*"?|'[^']*'?""")
_QUOTES = re.compile(r""""[^"]*"|'[^']*'""")
_MYSQL_TOOLS = frozenset(
    {"mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-admin", "mysqlsh"}
)
_REDIS_TOOLS = frozenset({"redis-cli", "keydb-cli", "valkey-cli"})


#: Lines longer than this are no ``key=value`` line of a config text.
PAIR_LINE_MAX = 4096


@functools.lru_cache(maxsize=4096)
def _hinted(text: str) -> bool:
    """Whether a command line is worth taking apart. Cached: every environment of a
    stack asks again about the same commands, and the search costs the line's length."""
    return _COMMAND_HINT.search(text) is not None


def split_assignment(item: str) -> tuple[str, str] | None:
    """``KEY=value`` → (KEY, value); None when ``item`` is not an assignment."""
    match = _ASSIGNMENT.match(item)
    return (match.group(1), match.group(2)) if match else None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def text_pairs(text: str) -> Iterator[tuple[str | None, str]]:
    """(key, value) candidates of a config text: ``key=value`` and ``key: value`` lines,
    and the whole text (key None) for formats that span lines (PEM keys)."""
    if "-----BEGIN" in text:
        yield None, text
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(("#", ";", "//")):
            continue
        if len(line) > PAIR_LINE_MAX:
            # Judged whole: the pair patterns try every start in a run of word
            # characters, quadratic on a hostile line (a million x's took minutes).
            yield None, line
            continue
        quoted = _QUOTED_PAIR.findall(line)
        yield from quoted
        match = None if quoted else _LINE_PAIR.match(line)
        if match is not None:
            yield match.group(1), _unquote(match.group(2))
        else:
            yield None, line


def _tokens(text: str) -> list[str]:
    """Shell words, quotes removed (a regex, not shlex: faster, and never fails)."""
    return [_QUOTES.sub(_unquoted, word) for word in _words(text)]


def _words(text: str) -> list[str]:
    words: list[str] = []
    start = end = -1
    for piece in _PIECE.finditer(text):
        if piece.start() != end:
            if start >= 0:
                words.append(text[start:end])
            start = piece.start()
        end = piece.end()
    if start >= 0:
        words.append(text[start:end])
    return words


def _unquoted(match: re.Match[str]) -> str:
    return match.group(0)[1:-1]


def command_pairs(command: str | Sequence[str], depth: int = 0) -> Iterator[tuple[str | None, str]]:
    """(key, value) candidates on a command line (a string or an exec-form list).

    ``--password=x``, ``--token x``, ``-psecret`` and ``-p x`` for MySQL clients, ``-a x``
    for redis-cli, ``-u user:pass`` for curl, ``PGPASSWORD=x cmd``, ``Authorization:``
    headers, URLs, and the scripts of ``sh -c "..."`` and ``CMD-SHELL``.
    """
    if depth == 0:
        line = command if isinstance(command, str) else " ".join(str(t) for t in command)
        # Cached for ordinary lines only: the cache must not hold megabytes alive.
        hinted = _hinted(line) if len(line) <= 65536 else _COMMAND_HINT.search(line)
        if not hinted:
            return
    if isinstance(command, str):
        tokens = _tokens(command)
        if depth == 0:
            yield None, command  # headers and URLs that span tokens
    else:
        tokens = [str(t) for t in command]
        if tokens and tokens[0] in ("CMD", "CMD-SHELL", "NONE"):
            tokens = tokens[1:]
    program = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        base = token.rsplit("/", 1)[-1]
        if token in ("&&", "||", ";", "|"):
            program = ""
        elif not program and not token.startswith("-") and "=" not in token:
            program = base
        if (" " in token or "\n" in token) and depth < 3:
            yield from command_pairs(token, depth + 1)
            yield None, token
        elif token.startswith("--") or (token.startswith("-") and "=" in token and len(token) > 3):
            match = _LONG_OPTION.match(token)
            if match is not None:
                name, inline = match.group(1), match.group(2)
                if inline is not None:
                    yield name, inline
                elif nxt is not None and not nxt.startswith("-") and key_info(name).credential:
                    yield name, nxt
                    i += 1
            else:
                yield None, token
        elif token.startswith("-") and len(token) >= 2:
            flag = token[:2]
            attached = token[2:]
            if program in _MYSQL_TOOLS and flag == "-p" and attached:
                yield "password", attached
            elif program in _REDIS_TOOLS and flag == "-a":
                if attached:
                    yield "password", attached
                elif nxt is not None:
                    yield "password", nxt
                    i += 1
            elif flag == "-u" and program in ("curl", "wget") and nxt and ":" in nxt:
                yield "password", nxt.split(":", 1)[1]
                i += 1
            elif flag in ("-H", "-e") and nxt is not None:
                yield from _assignment_or_text(nxt)
                i += 1
        else:
            yield from _assignment_or_text(token)
        i += 1


def _assignment_or_text(token: str) -> Iterator[tuple[str | None, str]]:
    pair = split_assignment(token)
    if pair is not None:
        yield pair
    else:
        yield None, token


def template_defaults(text: str) -> Iterator[tuple[str, str]]:
    """(variable, default) of each ``${VAR:-default}`` / ``${VAR-default}`` in raw text."""
    for match in _TEMPLATE_DEFAULT.finditer(text):
        default = match.group(3)
        if default:
            yield match.group(1), default


def classify_pairs(
    pairs: Iterable[tuple[str | None, str]], fallback_key: str | None = None
) -> Iterator[tuple[str | None, str, Verdict]]:
    """The (key, value, verdict) of each candidate pair that is a secret or a placeholder."""
    for key, value in pairs:
        verdict = classify(key if key is not None else fallback_key, value)
        if verdict is not None:
            yield key, value, verdict

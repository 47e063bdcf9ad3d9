"""Shared helpers for the secrets corpus (tests/secrets_corpus): its stacks and labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "secrets_corpus"
LABELS = ("secret", "placeholder", "clean")


@dataclass(frozen=True)
class Label:
    file: str  # relative to the stack folder
    line: int  # 1-based line where the literal is written
    key: str
    label: str


def stacks() -> list[Path]:
    """Every stack folder of the corpus, in order."""
    return sorted(p for p in CORPUS.iterdir() if p.is_dir() and (p / "labels.tsv").is_file())


def environments(stack: Path) -> list[str]:
    """The environments composecheck loads for a stack: default plus each compose.NAME.yaml."""
    names = {"default"}
    for path in stack.iterdir():
        match = re.fullmatch(r"compose\.([a-z0-9_-]+)\.ya?ml", path.name)
        if match:
            names.add(match.group(1))
    return sorted(names)


def read_labels(stack: Path) -> list[Label]:
    out: list[Label] = []
    text = (stack / "labels.tsv").read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 4 or parts[3] not in LABELS or not parts[1].isdigit():
            raise ValueError(f"{stack.name}/labels.tsv:{number}: malformed line {raw!r}")
        out.append(Label(parts[0], int(parts[1]), parts[2], parts[3]))
    return out


_QUOTES = "'\""
_SCHEMES = ("Bearer ", "Basic ", "Token ", "token ", "bearer ", "basic ")


def _token(text: str) -> str:
    """The first shell/YAML word of ``text``, without its quotes."""
    text = text.lstrip()
    if text[:1] in _QUOTES:
        end = text.find(text[0], 1)
        return text[1:end] if end > 0 else text[1:]
    match = re.match(r"[^\s'\",\]]*", text)
    return match.group(0) if match else ""


def _core(value: str) -> str:
    """The secret part of a written value: the password of a URL, the token of a header,
    the hash of an htpasswd entry."""
    default = re.fullmatch(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-(.+)\}", value)
    if default:
        return _core(default.group(1))
    for scheme in _SCHEMES:
        if value.startswith(scheme):
            return _token(value[len(scheme) :])
    url = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:([^@\s]+)@", value)
    if url:
        return url.group(1)
    htpasswd = re.match(
        r"^[A-Za-z0-9_.-]+:(\$\$?(?:apr1|2[aby]|5|6|7|argon2id?)\$.+|\{SHA\}.+)$", value
    )
    if htpasswd:
        return htpasswd.group(1)
    return value


def _block(lines: list[str], index: int) -> str:
    """The text of a block scalar (``KEY: |``) starting after ``lines[index]``."""
    body: list[str] = []
    indent = len(lines[index]) - len(lines[index].lstrip())
    for line in lines[index + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line.strip())
    return "\n".join(body).strip()


def literal(lines: list[str], label: Label) -> str:
    """The secret literal written at ``label``'s line, as it is written in the file
    (``$$`` escapes included), reduced to its secret part."""
    index = label.line - 1
    line = lines[index]
    key = label.key
    boundary = r"(?<![\w-])" if key.startswith("-") else r"(?<!\w)"
    found = re.search(boundary + re.escape(key), line)
    pos = found.start() if found else -1
    if pos < 0:
        raise ValueError(f"{label.file}:{label.line}: key {key!r} not on the line")
    head = line[:pos].strip()
    quoted = head.endswith(("'", '"'))
    head = head.lstrip("-").strip().lstrip(_QUOTES)
    rest = line[pos + len(key) :]
    if key.startswith("BEGIN ") and key.endswith("PRIVATE KEY"):
        # A PEM block written line by line: this line down to its END line.
        body: list[str] = []
        for text in lines[index + 1 :]:
            if "-----END" in text:
                break
            body.append(text.strip())
        return "\n".join(body)
    if key.endswith("://"):
        # A URL inside a command string: its password.
        return _core(key + _token(rest))
    if key.startswith("-"):
        # A command-line flag: --flag value, --flag=value, -pVALUE.
        rest = re.sub(r"^[\"']?\s*,\s*", "", rest.removeprefix("="))
        return _core(_token(rest))
    rest = rest.lstrip(_QUOTES).lstrip(" ")
    sep = rest[:1]
    if sep in ("=", ":"):
        rest = rest[1:]
    stripped = rest.strip()
    if stripped in ("|", ">", "|-", ">-"):
        return _block(lines, index)
    if key == "Authorization":
        header = stripped.lstrip(_QUOTES)
        for scheme in _SCHEMES:
            if header.startswith(scheme):
                return _token(header[len(scheme) :])
        return _token(stripped)
    entry = (
        sep == ":" or line.lstrip().startswith("-") or not label.file.endswith((".yaml", ".yml"))
    )
    if head or stripped[:1] in _QUOTES or not entry:
        # Inside a command string, or a quoted value: one word.
        return _core(_token(stripped))
    # A whole YAML or .env value: everything up to a trailing comment.
    value = re.sub(r"\s+#.*$", "", stripped)
    if quoted and value[-1:] in _QUOTES:
        value = value[:-1]
    return _core(value)


def secret_parts(value: str) -> list[str]:
    """The pieces of a secret to look for in output: PEM bodies line by line, and each
    value both as written (``$$``) and as Compose reads it (``$``)."""
    pieces: list[str] = []
    for part in re.split(r"\n|\\n", value):
        part = part.strip()
        if not part or part.startswith("-----"):
            continue
        pieces.append(part)
        if "$$" in part:
            pieces.append(part.replace("$$", "$"))
    return pieces

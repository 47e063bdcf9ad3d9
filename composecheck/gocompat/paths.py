"""Go's ``path`` package: slash-separated paths, whatever the host."""

from __future__ import annotations

__all__ = ["clean_path"]


def clean_path(path: str) -> str:
    """Go ``path.Clean`` (purely lexical, slash-separated)."""
    if not path:
        return "."
    if "." not in path and "//" not in path and (len(path) == 1 or path[-1] != "/"):
        return path
    rooted = path[0] == "/"
    out: list[str] = []
    for part in path.split("/"):
        if not part or part == ".":
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    joined = "/".join(out)
    if rooted:
        return "/" + joined
    return joined or "."

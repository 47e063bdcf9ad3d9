"""What a load is asked for (``LoadOptions``) and what it produces (``LoadedProject``).

Kept apart from the stages so that every stage can name these types without importing
the pipeline that runs it: dependencies point from the pipeline to the stages only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from composecheck.load.environment import Environment
from composecheck.load.merge import Removal
from composecheck.load.readings import Readings
from composecheck.load.tree import YMap, plain
from composecheck.location import Loc


@dataclass
class LoadOptions:
    """What ``docker compose`` takes on its command line, plus the environment."""

    files: Sequence[str] = ()
    env_files: Sequence[str] | None = None
    project_name: str | None = None
    project_directory: str | None = None
    profiles: Sequence[str] | None = None
    environ: Mapping[str, str] | None = None
    cwd: str | None = None
    interpolate: bool = True
    resolve_paths: bool = True
    normalize: bool = True
    consistency: bool = True
    # validate keeps what `config` prunes (unused resources) and disabled services
    prune: bool = True
    stdin: bytes | None = field(default=None, repr=False)
    #: Validate: record every problem and go on with the best model that can be built,
    #: instead of stopping at the first as Compose does (see errors.Problems).
    keep_going: bool = False
    #: Keep the provenance record (templates, lines of multi-line scalars) that the
    #: secrets walk reads; a plain render does without it.
    record_provenance: bool = True
    #: Where a configuration file names files of ``files`` and ``env_files``
    #: (normalised absolute path → position): a missing one is reported there.
    named_at: Mapping[str, Loc] = field(default_factory=dict)
    #: Where the loader records the variables and documents it reads, for the caller
    #: to mask the secrets among them in what it prints (None: nothing is recorded).
    readings: Readings | None = field(default=None, repr=False)


@dataclass
class LoadedProject:
    """A resolved project: the canonical model with positions, and how it was made."""

    name: str
    model: YMap
    working_dir: str
    files: list[str]
    environment: Environment
    profiles: list[str]
    cwd: str = ""
    warnings: list[str] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    disabled: dict[str, Any] = field(default_factory=dict)
    #: (service, dependency) pairs that normalisation added to depends_on (links,
    #: volumes_from, service: modes), so checks can tell them from written ones.
    # (service, dependency) -> the attribute that made it (links, volumes_from...).
    implicit: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Every file the project was read from: compose files, includes, extends sources.
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self.model)  # type: ignore[no-any-return]


__all__ = ["LoadOptions", "LoadedProject"]

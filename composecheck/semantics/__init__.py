"""Compose's semantic and consistency rules, written once.

Each rule is a function of the (merged, normalised) model that yields a problem per
violation, carrying the code of the check that reports it, Compose's wording in
``message`` (what ``render`` prints when it stops at the first) and the rule's own in
``detail``, with a hint and related locations (what ``validate`` reports). The checks
of the same codes call these functions, over the services the profiles disable too.
"""

from __future__ import annotations

from composecheck.errors import (
    DEPENDENCY_CYCLE,
    DUPLICATE_CONTAINER_NAME,
    INACTIVE_DEPENDENCY,
    INVALID_RESOURCE_LIMIT,
    NETWORK_MODE_CONFLICT,
    UNDEFINED_NETWORK,
    UNDEFINED_SECRET_OR_CONFIG,
    UNDEFINED_SERVICE,
    UNDEFINED_VOLUME,
)
from composecheck.semantics.graph import dependency_cycles
from composecheck.semantics.names import container_names
from composecheck.semantics.references import (
    dependencies,
    network_mode_conflict,
    references,
    undefined_networks,
    undefined_secrets_and_configs,
    undefined_volumes,
)
from composecheck.semantics.values import distinct_values, mounts, resource_rules, show_limit

__all__ = [
    "MIRRORED",
    "container_names",
    "dependencies",
    "dependency_cycles",
    "distinct_values",
    "mounts",
    "network_mode_conflict",
    "references",
    "resource_rules",
    "show_limit",
    "undefined_networks",
    "undefined_secrets_and_configs",
    "undefined_volumes",
]

# The rules whose check applies them over more than the loader sees (the services the
# profiles disable, the order the files were written in): validate lets the check
# report them, so that a problem is not reported twice.
MIRRORED = frozenset(
    {
        UNDEFINED_SERVICE,
        INACTIVE_DEPENDENCY,
        DEPENDENCY_CYCLE,
        UNDEFINED_NETWORK,
        UNDEFINED_VOLUME,
        UNDEFINED_SECRET_OR_CONFIG,
        DUPLICATE_CONTAINER_NAME,
        NETWORK_MODE_CONFLICT,
        INVALID_RESOURCE_LIMIT,
    }
)

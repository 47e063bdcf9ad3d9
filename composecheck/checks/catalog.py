"""Every check, listed once: adding a check is its module plus one line here.

Imported on first use of :func:`composecheck.checks.registry` (``render`` never pays for
the checks). A test fails when a ``cc*`` module is missing from this list.
"""

from __future__ import annotations

from composecheck.checks.base import Check
from composecheck.checks.cc001_unused_ignore import UnusedIgnore
from composecheck.checks.cc002_invalid_ignore import InvalidIgnore
from composecheck.checks.cc101_yaml_syntax import YamlSyntax
from composecheck.checks.cc102_duplicate_key import DuplicateKey
from composecheck.checks.cc103_unknown_attribute import UnknownAttribute
from composecheck.checks.cc104_invalid_value import InvalidValue
from composecheck.checks.cc105_obsolete_version import ObsoleteVersion
from composecheck.checks.cc106_interpolation_error import InterpolationError
from composecheck.checks.cc107_missing_file import MissingFile
from composecheck.checks.cc201_undefined_service import UndefinedService
from composecheck.checks.cc202_dependency_cycle import DependencyCycle
from composecheck.checks.cc203_healthcheck_required import HealthcheckRequired
from composecheck.checks.cc204_inactive_dependency import InactiveDependency
from composecheck.checks.cc205_undefined_network import UndefinedNetwork
from composecheck.checks.cc206_unused_network import UnusedNetwork
from composecheck.checks.cc207_undefined_volume import UndefinedVolume
from composecheck.checks.cc208_unused_volume import UnusedVolume
from composecheck.checks.cc209_undefined_secret_or_config import UndefinedSecretOrConfig
from composecheck.checks.cc210_unused_secret_or_config import UnusedSecretOrConfig
from composecheck.checks.cc211_missing_path import MissingPath
from composecheck.checks.cc212_duplicate_container_name import DuplicateContainerName
from composecheck.checks.cc213_host_port_conflict import HostPortConflict
from composecheck.checks.cc214_network_mode_conflict import NetworkModeConflict
from composecheck.checks.cc215_missing_image import MissingImageOrBuild
from composecheck.checks.cc301_missing_memory_limit import MissingMemoryLimit
from composecheck.checks.cc302_missing_cpu_limit import MissingCpuLimit
from composecheck.checks.cc303_invalid_resource_limit import InvalidResourceLimit
from composecheck.checks.cc304_invalid_restart_policy import InvalidRestartPolicy
from composecheck.checks.cc305_missing_restart_policy import MissingRestartPolicy
from composecheck.checks.cc306_missing_healthcheck import MissingHealthcheck
from composecheck.checks.cc401_hardcoded_secret import HardcodedSecret
from composecheck.checks.cc402_placeholder_secret import PlaceholderSecret
from composecheck.checks.cc403_unpinned_image import UnpinnedImage
from composecheck.checks.cc404_development_setting_in_production import (
    DevelopmentSettingInProduction,
)
from composecheck.checks.cc501_unset_variable import UnsetVariable

#: The check classes, in code order.
CHECKS: tuple[type[Check], ...] = (
    UnusedIgnore,
    InvalidIgnore,
    YamlSyntax,
    DuplicateKey,
    UnknownAttribute,
    InvalidValue,
    ObsoleteVersion,
    InterpolationError,
    MissingFile,
    UndefinedService,
    DependencyCycle,
    HealthcheckRequired,
    InactiveDependency,
    UndefinedNetwork,
    UnusedNetwork,
    UndefinedVolume,
    UnusedVolume,
    UndefinedSecretOrConfig,
    UnusedSecretOrConfig,
    MissingPath,
    DuplicateContainerName,
    HostPortConflict,
    NetworkModeConflict,
    MissingImageOrBuild,
    MissingMemoryLimit,
    MissingCpuLimit,
    InvalidResourceLimit,
    InvalidRestartPolicy,
    MissingRestartPolicy,
    MissingHealthcheck,
    HardcodedSecret,
    PlaceholderSecret,
    UnpinnedImage,
    DevelopmentSettingInProduction,
    UnsetVariable,
)

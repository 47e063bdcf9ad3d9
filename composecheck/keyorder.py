"""The order in which ``docker compose config`` prints the attributes of each structure.

Compose prints its Go types field by field, so the order is neither the order of the
Compose Specification nor alphabetical. Every order below was read off the output of
Docker Compose v2.40.3 (``config`` and ``config --format json``) for "kitchen-sink"
files that set each attribute of the specification; ``KITCHEN_SINK`` in
``tests/unit/test_render_text.py`` re-checks a part of them against the reference.
Fields that exclude each other (``file``/``environment``/``content``, ``network_mode``/
``networks``, ...) can never be seen together; their relative order is moot.

Free-form maps (``environment``, ``labels``, services by name, ...) and everything
inside ``x-*`` extensions are printed sorted by key, as Go prints its maps (JSON in
the bytes' order, YAML in go-yaml's natural order: see ``composecheck.render``).
Extensions of a structure (its ``x-*`` keys) come after its fields, sorted, in YAML
only: JSON drops them everywhere but at the top level.
"""

from __future__ import annotations

from collections.abc import Mapping

# Field order of each structure kind.
# fmt: off
STRUCTS: Mapping[str, tuple[str, ...]] = {
    "project": ("name", "services", "networks", "volumes", "secrets", "configs", "models"),
    "service": (
        "profiles", "annotations", "attach", "build", "develop", "blkio_config", "cap_add",
        "cap_drop", "cgroup_parent", "cgroup", "cpu_count", "cpu_percent", "cpu_period",
        "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset", "cpu_shares",
        "command", "configs", "container_name", "credential_spec", "depends_on", "deploy",
        "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname",
        "entrypoint", "provider", "environment", "expose", "external_links", "extra_hosts",
        "group_add", "gpus", "hostname", "healthcheck", "image", "init", "ipc", "isolation",
        "labels", "links", "logging", "mem_limit", "mem_reservation", "memswap_limit",
        "mem_swappiness", "mac_address", "models", "network_mode", "networks",
        "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports",
        "privileged", "pull_policy", "read_only", "restart", "runtime", "scale", "secrets",
        "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
        "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket", "user",
        "userns_mode", "uts", "volumes", "volumes_from", "working_dir", "post_start",
        "pre_stop",
    ),
    "build": (
        "context", "dockerfile", "dockerfile_inline", "entitlements", "args", "provenance",
        "sbom", "ssh", "labels", "cache_from", "cache_to", "no_cache", "additional_contexts",
        "pull", "extra_hosts", "isolation", "network", "target", "secrets", "shm_size", "tags",
        "ulimits", "platforms", "privileged",
    ),
    "develop": ("watch",),
    "watch": ("path", "action", "target", "exec", "include", "ignore", "initial_sync"),
    "hook": ("command", "user", "privileged", "working_dir", "environment"),
    "blkio": (
        "weight", "weight_device", "device_read_bps", "device_read_iops", "device_write_bps",
        "device_write_iops",
    ),
    "blkio_weight": ("path", "weight"),
    "blkio_rate": ("path", "rate"),
    "file_ref": ("source", "target", "uid", "gid", "mode"),
    "credential_spec": ("config", "file", "registry"),
    "depends_on": ("condition", "restart", "required"),
    "deploy": (
        "mode", "replicas", "labels", "update_config", "rollback_config", "resources",
        "restart_policy", "placement", "endpoint_mode",
    ),
    "update_config": (
        "parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order",
    ),
    "resources": ("limits", "reservations"),
    "resource": ("cpus", "memory", "pids", "devices", "generic_resources"),
    "device_request": ("capabilities", "driver", "count", "device_ids", "options"),
    "generic_resource": ("discrete_resource_spec",),
    "discrete_resource_spec": ("kind", "value"),
    "restart_policy": ("condition", "delay", "max_attempts", "window"),
    "placement": ("constraints", "preferences", "max_replicas_per_node"),
    "placement_preference": ("spread",),
    "device": ("source", "target", "permissions"),
    "healthcheck": (
        "test", "timeout", "interval", "retries", "start_period", "start_interval", "disable",
    ),
    "logging": ("driver", "options"),
    "service_model": ("endpoint_var", "model_var"),
    "service_network": (
        "aliases", "driver_opts", "gw_priority", "interface_name", "ipv4_address",
        "ipv6_address", "link_local_ips", "mac_address", "priority",
    ),
    "port": ("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol"),
    "provider": ("type", "options"),
    "ulimit": ("soft", "hard"),
    "mount": (
        "type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs",
        "image",
    ),
    "bind": ("selinux", "propagation", "create_host_path", "recursive"),
    "volume_options": ("labels", "nocopy", "subpath"),
    "tmpfs": ("size", "mode"),
    "image_options": ("subpath",),
    "network": (
        "name", "driver", "driver_opts", "ipam", "external", "internal", "attachable",
        "labels", "enable_ipv4", "enable_ipv6",
    ),
    "ipam": ("driver", "config"),
    "ipam_pool": ("subnet", "gateway", "ip_range", "aux_addresses"),
    "volume": ("name", "driver", "driver_opts", "external", "labels"),
    "file_object": (
        "name", "file", "environment", "content", "external", "labels", "driver",
        "driver_opts", "template_driver",
    ),
    "model": ("name", "model", "context_size", "runtime_flags"),
}
# fmt: on

# Which structure kind sits at which path. ``*`` is any key of a map, ``[]`` any item
# of a list; paths not listed hold scalars, lists of scalars or free-form maps.
# Attributes missing from ``STRUCTS`` (extensions, or whatever else the model may
# hold) come after the known fields, sorted.
PATHS: Mapping[str, str] = {
    "": "project",
    "services.*": "service",
    "services.*.build": "build",
    "services.*.build.secrets[]": "file_ref",
    "services.*.build.ulimits.*": "ulimit",
    "services.*.develop": "develop",
    "services.*.develop.watch[]": "watch",
    "services.*.develop.watch[].exec": "hook",
    "services.*.blkio_config": "blkio",
    "services.*.blkio_config.weight_device[]": "blkio_weight",
    "services.*.blkio_config.device_read_bps[]": "blkio_rate",
    "services.*.blkio_config.device_read_iops[]": "blkio_rate",
    "services.*.blkio_config.device_write_bps[]": "blkio_rate",
    "services.*.blkio_config.device_write_iops[]": "blkio_rate",
    "services.*.configs[]": "file_ref",
    "services.*.secrets[]": "file_ref",
    "services.*.credential_spec": "credential_spec",
    "services.*.depends_on.*": "depends_on",
    "services.*.deploy": "deploy",
    "services.*.deploy.update_config": "update_config",
    "services.*.deploy.rollback_config": "update_config",
    "services.*.deploy.resources": "resources",
    "services.*.deploy.resources.limits": "resource",
    "services.*.deploy.resources.reservations": "resource",
    "services.*.deploy.resources.limits.devices[]": "device_request",
    "services.*.deploy.resources.reservations.devices[]": "device_request",
    "services.*.deploy.resources.limits.generic_resources[]": "generic_resource",
    "services.*.deploy.resources.reservations.generic_resources[]": "generic_resource",
    "services.*.deploy.resources.limits.generic_resources[].discrete_resource_spec": (
        "discrete_resource_spec"
    ),
    "services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec": (
        "discrete_resource_spec"
    ),
    "services.*.deploy.restart_policy": "restart_policy",
    "services.*.deploy.placement": "placement",
    "services.*.deploy.placement.preferences[]": "placement_preference",
    "services.*.devices[]": "device",
    "services.*.gpus[]": "device_request",
    "services.*.healthcheck": "healthcheck",
    "services.*.logging": "logging",
    "services.*.models.*": "service_model",
    "services.*.networks.*": "service_network",
    "services.*.ports[]": "port",
    "services.*.provider": "provider",
    "services.*.post_start[]": "hook",
    "services.*.pre_stop[]": "hook",
    "services.*.ulimits.*": "ulimit",
    "services.*.volumes[]": "mount",
    "services.*.volumes[].bind": "bind",
    "services.*.volumes[].volume": "volume_options",
    "services.*.volumes[].tmpfs": "tmpfs",
    "services.*.volumes[].image": "image_options",
    "networks.*": "network",
    "networks.*.ipam": "ipam",
    "networks.*.ipam.config[]": "ipam_pool",
    "volumes.*": "volume",
    "secrets.*": "file_object",
    "configs.*": "file_object",
    "models.*": "model",
}

# Structures held by value, not by pointer, in Compose's types: JSON prints them even
# when empty, YAML omits them when empty (``omitempty`` of go-yaml tests for zero).
VALUE_STRUCTS: Mapping[str, frozenset[str]] = {
    "network": frozenset({"ipam"}),
    "deploy": frozenset({"resources", "placement"}),
    "watch": frozenset({"exec"}),
}

# Numbers held by value with ``omitempty`` in Compose's types: a zero is not printed,
# in either format (unit sizes such as ``mem_limit`` count as zero when "0").
ZERO_OMITTED: Mapping[str, frozenset[str]] = {
    "service": frozenset(
        {
            "cpu_count",
            "cpu_percent",
            "cpu_shares",
            "cpu_period",
            "cpu_quota",
            "cpu_rt_period",
            "cpu_rt_runtime",
            "cpus",
            "mem_limit",
            "mem_reservation",
            "memswap_limit",
            "mem_swappiness",
            "oom_score_adj",
            "pids_limit",
            "shm_size",
        }
    ),
    "build": frozenset({"shm_size"}),
    "update_config": frozenset({"max_failure_ratio"}),
    "resource": frozenset({"cpus", "memory", "pids"}),
    "placement": frozenset({"max_replicas_per_node"}),
    "tmpfs": frozenset({"size", "mode"}),
    "blkio": frozenset({"weight"}),
    "port": frozenset({"target"}),
    "service_network": frozenset({"priority", "gw_priority"}),
    "device_request": frozenset({"count"}),
}

# Attributes of the specification that Compose resolves or ignores and never prints
# (``label_file`` is merged into ``labels``, ``env_file`` into ``environment``).
NOT_PRINTED: Mapping[str, frozenset[str]] = {
    "service": frozenset({"env_file", "label_file", "extends", "pull_refresh_after"}),
    "ipam": frozenset({"options"}),
}

# Structures that drop ``x-*`` keys even in YAML (their Go types keep no extensions).
NO_EXTENSIONS: frozenset[str] = frozenset({"ulimit", "ipam_pool"})

# Structures whose Go fields carry no ``json`` tag: encoding/json prints the Go names.
JSON_FIELD_NAMES: Mapping[str, Mapping[str, str]] = {
    "blkio_weight": {"path": "Path", "weight": "Weight"},
    "blkio_rate": {"path": "Path", "rate": "Rate"},
}

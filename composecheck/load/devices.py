"""Device requests (``gpus`` and ``deploy.resources.reservations.devices``) in the
canonical form Compose gives them, with its one refusal."""

from __future__ import annotations

from typing import Any

from composecheck.load.keyvalue import ShapeError
from composecheck.load.tree import YList, YMap


def _device_requests(devices: Any, within: str, *, gpus: bool) -> None:
    """Compose refuses a request with both ``count`` and ``device_ids``; a GPU request
    with neither asks for every device (``count: -1``)."""
    for index, device in enumerate(devices if isinstance(devices, YList) else ()):
        if not isinstance(device, YMap):
            continue
        if "count" in device and "device_ids" in device:
            text = f'{{path}}{within}.[]: "count" and "device_ids" attributes are exclusive'
            raise ShapeError(text, devices.vloc(index))
        if gpus and "count" not in device and "device_ids" not in device:
            device.put("count", -1, devices.vloc(index))


def gpus(value: Any) -> Any:
    _device_requests(value, "", gpus=True)
    return value


def deploy(value: Any) -> Any:
    resources = value.get("resources") if isinstance(value, YMap) else None
    reservations = resources.get("reservations") if isinstance(resources, YMap) else None
    if isinstance(reservations, YMap):
        within = ".resources.reservations.devices"
        _device_requests(reservations.get("devices"), within, gpus=False)
    return value


__all__ = ["deploy", "gpus"]

"""The installed botocore's model of ``pinpoint-sms-voice-v2``, loaded once and only when first needed."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel

SERVICE_NAME = "pinpoint-sms-voice-v2"
TARGET_PREFIX = "PinpointSMSVoiceV2"


@functools.cache
def service_model() -> ServiceModel:
    """Return the service model bundled with the installed botocore (newest API version)."""
    import botocore.loaders
    from botocore.model import ServiceModel

    # boto3's default session has most likely loaded (and cached) this model for the caller's client
    # already; its loader also honours AWS_DATA_PATH as the client does. Otherwise load it afresh.
    session = getattr(sys.modules.get("boto3"), "DEFAULT_SESSION", None)
    loader = (
        session._session.get_component("data_loader")
        if session is not None
        else botocore.loaders.Loader()
    )
    return ServiceModel(loader.load_service_model(SERVICE_NAME, "service-2"), SERVICE_NAME)


@functools.cache
def operation_model(name: str) -> OperationModel:
    return service_model().operation_model(name)


@functools.cache
def operation_names() -> frozenset[str]:
    return frozenset(service_model().operation_names)


@functools.cache
def enum_values(shape_name: str) -> tuple[str, ...]:
    """The values of a modeled string enum, e.g. ``enum_values("ConflictExceptionReason")``."""
    return tuple(service_model().shape_for(shape_name).enum)

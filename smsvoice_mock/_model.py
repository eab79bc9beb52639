"""The service model the mock answers by: the newest ``pinpoint-sms-voice-v2`` model, loaded once.

The service answers by its current API whatever SDK calls it, so the server side (validation, enums,
output shapes, the operation list) reads the model shipped in this package
(``data/pinpoint-sms-voice-v2.json.gz``, taken from the botocore release named beside it), or the
installed botocore's own model where that botocore is newer. The installed botocore only decides what
its client can send. ``python -m smsvoice_mock refresh-model`` copies a newer botocore's model in.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.loaders import Loader
    from botocore.model import OperationModel, ServiceModel

SERVICE_NAME = "pinpoint-sms-voice-v2"
TARGET_PREFIX = "PinpointSMSVoiceV2"
DATA = Path(__file__).with_name("data")
SHIPPED_MODEL = DATA / f"{SERVICE_NAME}.json.gz"
SHIPPED_VERSION = DATA / f"{SERVICE_NAME}.botocore-version"


def version_tuple(version: str) -> tuple[int, ...]:
    """``"1.44.8"`` -> ``(1, 44, 8)``; a pre-release suffix is ignored."""
    return tuple(int(re.sub(r"\D.*", "", part) or 0) for part in version.split("."))


def shipped_botocore_version() -> str:
    """The botocore release the shipped model was copied from."""
    return SHIPPED_VERSION.read_text().strip()


def data_loader() -> Loader:
    """botocore's data loader of the session that made the caller's client, whose cache most likely
    holds what that client loaded (this service's model, ``endpoints.json``), and which honours
    ``AWS_DATA_PATH`` as the client does: the session that last made a client of this service under
    the mock, else boto3's default session; a new loader when neither exists."""
    from smsvoice_mock import _hook

    session = _hook.client_session()
    if session is None:
        default = getattr(sys.modules.get("boto3"), "DEFAULT_SESSION", None)
        session = None if default is None else default._session
    if session is not None:
        loader: Loader = session.get_component("data_loader")
        return loader
    import botocore.loaders

    return botocore.loaders.create_loader()


def _installed_model() -> dict[str, Any]:
    model: dict[str, Any] = data_loader().load_service_model(SERVICE_NAME, "service-2")
    return model


def shipped_model() -> dict[str, Any]:
    model: dict[str, Any] = json.loads(gzip.decompress(SHIPPED_MODEL.read_bytes()))
    return model


def uses_installed_model() -> bool:
    """True when the installed botocore is at least as new as the shipped model's release."""
    import botocore

    return version_tuple(botocore.__version__) >= version_tuple(shipped_botocore_version())


@functools.cache
def service_model() -> ServiceModel:
    """The newest model of the service: the shipped one, or the installed botocore's if newer."""
    from botocore.model import ServiceModel

    document = _installed_model() if uses_installed_model() else shipped_model()
    return ServiceModel(document, SERVICE_NAME)


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


def refresh(data: Path = DATA) -> str:
    """Copy the installed botocore's model into ``data`` (the package's, by default)."""
    import botocore
    import botocore.loaders

    document = botocore.loaders.Loader().load_service_model(SERVICE_NAME, "service-2")
    body = json.dumps(document, separators=(",", ":"), sort_keys=True).encode()
    (data / SHIPPED_MODEL.name).write_bytes(gzip.compress(body, mtime=0))
    (data / SHIPPED_VERSION.name).write_text(botocore.__version__ + "\n")
    return f"{len(document['operations'])} operations from botocore {botocore.__version__}"

"""Where the service model comes from: shipped in the package, or the installed botocore's if newer."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import botocore
import botocore.loaders
import pytest

from smsvoice_mock import _model


def test_shipped_model_has_every_operation_of_the_installed_botocore() -> None:
    """The shipped model is refreshed whenever a botocore release adds an operation: this fails
    (naming them) until ``python -m smsvoice_mock refresh-model`` is run with that botocore."""
    installed = botocore.loaders.Loader().load_service_model(_model.SERVICE_NAME, "service-2")
    missing = sorted(set(installed["operations"]) - set(_model.shipped_model()["operations"]))
    assert missing == [], f"refresh the shipped model: it lacks {missing}"


def test_answers_follow_the_shipped_model_on_an_older_botocore(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a botocore older than the shipped model's release the shipped model is the service's
    truth; with the same or a newer one, the installed botocore's."""
    shipped = _model.shipped_botocore_version()
    monkeypatch.setattr(botocore, "__version__", "1.24.31")
    assert not _model.uses_installed_model()
    monkeypatch.setattr(botocore, "__version__", shipped)
    assert _model.uses_installed_model()
    monkeypatch.setattr(botocore, "__version__", "9.0.0")
    assert _model.uses_installed_model()


def test_the_service_model_has_the_shipped_operations() -> None:
    """Whichever source is used, every operation of the shipped model is in the service model."""
    assert set(_model.shipped_model()["operations"]) <= _model.operation_names()


def test_refresh_copies_the_installed_model(tmp_path: Path) -> None:
    """``refresh`` writes the installed botocore's model and its release beside it."""
    summary = _model.refresh(tmp_path)
    document = json.loads(gzip.decompress((tmp_path / _model.SHIPPED_MODEL.name).read_bytes()))
    installed = botocore.loaders.Loader().load_service_model(_model.SERVICE_NAME, "service-2")
    assert document == installed
    assert (tmp_path / _model.SHIPPED_VERSION.name).read_text().strip() == botocore.__version__
    assert (
        summary == f"{len(installed['operations'])} operations from botocore {botocore.__version__}"
    )


@pytest.mark.parametrize(
    ("version", "expected"),
    [("1.24.31", (1, 24, 31)), ("1.44.8", (1, 44, 8)), ("2.0.0rc1", (2, 0, 0))],
    ids=["old", "new", "pre-release"],
)
def test_version_tuple(version: str, expected: tuple[int, ...]) -> None:
    """Releases compare as numbers, not strings ("1.100" is newer than "1.44")."""
    assert _model.version_tuple(version) == expected

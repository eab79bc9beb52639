"""The docs/ pages build as a site with ``mkdocs build --strict`` (mkdocs.yml at the top level)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import tool_or_skip

ROOT = Path(__file__).resolve().parent.parent


def test_site_builds_strictly(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds: every page in the nav exists, every link and anchor in
    docs/ resolves, and the API reference and the operation checklist are on the site."""
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python"):
        tool_or_skip(module, "docs")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reference = (site / "reference" / "index.html").read_text()
    for anchor in (
        "smsvoice_mock.mock_smsvoice",
        "smsvoice_mock.current_mock",
        "smsvoice_mock.SmsVoiceMock.simulate_inbound",
        "smsvoice_mock.inbox.SentMessage",
        "smsvoice_mock.inbox.MessageLog.one",
        "smsvoice_mock.errors.ConflictException",
    ):
        assert f'id="{anchor}"' in reference, f"the API reference lacks {anchor}"
    assert "DescribePhoneNumbers" in (site / "behaviour" / "index.html").read_text()
    assert (site / "notebook.ipynb").is_file()


def test_a_missing_tool_skips_outside_ci_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without mkdocs (or nbclient) the site and notebook tests skip and say what to install, except
    when the environment variable CI is ``true``: there a missing tool fails the test."""
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"pip install -e '\.\[docs\]'"):
        tool_or_skip("smsvoice_mock_no_such_tool", "docs")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(ModuleNotFoundError, match="smsvoice_mock_no_such_tool"):
        tool_or_skip("smsvoice_mock_no_such_tool", "docs")

"""The documentation and the demo stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smsvoice_mock import _state
from smsvoice_mock.__main__ import checklist, main

ROOT = Path(__file__).resolve().parent.parent


def test_behaviour_checklist_matches_the_registry() -> None:
    """docs/behaviour.md lists every operation with its current status (python -m smsvoice_mock checklist)."""
    text = (ROOT / "docs" / "behaviour.md").read_text()
    block = re.search(r"<!-- checklist:start -->\n(.*)\n<!-- checklist:end -->", text, re.S)
    assert block is not None
    assert block.group(1).strip() == checklist().strip(), (
        "docs/behaviour.md is out of date: paste the output of `python -m smsvoice_mock checklist`."
    )


def test_readme_quick_start_has_the_two_commands() -> None:
    """The README's quick start names the demo and the test command that CI runs."""
    text = (ROOT / "README.md").read_text()
    assert (
        "<!-- quickstart:demo -->\n```\npip install . && python -m smsvoice_mock demo\n```" in text
    )
    assert "<!-- quickstart:test -->\n```\npip install -e '.[test]' && pytest\n```" in text


@pytest.mark.parametrize("page", ["README.md", "docs/index.md", "docs/installation.md"])
def test_the_install_line_installs_what_the_examples_import(page: str) -> None:
    """boto3 is the ``boto3`` extra: a page whose examples import boto3 installs it first thing."""
    text = (ROOT / page).read_text()
    install = re.search(r"^pip install (\S+)", text, re.M)
    assert install is not None, f"{page} has no install line"
    examples = "\n".join(re.findall(r"```python\n(.*?)```", text, re.S))
    if page == "docs/installation.md":  # its examples are the other pages'
        examples = "import boto3"
    if re.search(r"^import boto3|^from boto3\b", examples, re.M):
        assert install.group(1) == "'.[boto3]'", f"{page}: {install.group(0)} lacks boto3"
    assert "botocore" in text.split(install.group(0), 1)[1].split("\n\n", 2)[1], (
        f"{page} should say after its install line that botocore alone suffices without boto3"
    )


def test_demo_runs_its_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo requests a number, sends, simulates STOP and shows the next send refused."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "ConflictException, Reason DESTINATION_PHONE_NUMBER_OPTED_OUT" in out
    assert "Sent messages (4)" in out
    assert _state.active is None


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(), re.S)


@pytest.mark.parametrize("index", range(len(_python_blocks(ROOT / "docs" / "inspecting.md"))))
def test_inspecting_examples_run(index: int) -> None:
    """Every example in docs/inspecting.md runs as written, and its assertions hold."""
    code = _python_blocks(ROOT / "docs" / "inspecting.md")[index]
    exec(compile(code, f"docs/inspecting.md[{index}]", "exec"), {"__name__": "docs_example"})
    assert _state.active is None


def test_demo_survives_a_cp1252_terminal() -> None:
    """The demo prints on a terminal that cannot encode every character (Windows' cp1252)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "smsvoice_mock", "demo"], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    out = done.stdout.decode("cp1252")
    assert "You are now opted out and will receive no further messages." in out
    assert "PENDING" in out
    assert "ACTIVE" in out
    assert "http://127.0.0.1:4566" in out
    assert "smsvoice_mock serve" in out


def test_serve_typo_shows_serve_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt serve option shows serve's own usage, with its options, including --sandbox."""
    with pytest.raises(SystemExit):
        main(["serve", "--prot", "5000"])
    err = capsys.readouterr().err
    assert "usage: python -m smsvoice_mock serve" in err
    assert "--prot 5000" in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--sandbox" in out
    assert "``" not in out


def test_console_script_runs_the_module_entry_point(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``[project.scripts]`` installs ``smsvoice-mock`` as ``smsvoice_mock.__main__:main``, which
    names itself by the script it was run as (``smsvoice-mock serve --prot 1`` shows that usage)."""
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        tomllib = pytest.importorskip("tomli")
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"smsvoice-mock": "smsvoice_mock.__main__:main"}
    monkeypatch.setattr("sys.argv", ["/venv/bin/smsvoice-mock"])
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--prot", "1"])
    assert exit_info.value.code == 2
    assert "usage: smsvoice-mock serve" in capsys.readouterr().err
    monkeypatch.setattr("sys.argv", ["/src/smsvoice_mock/__main__.py"])
    with pytest.raises(SystemExit):
        main(["--prot"])
    assert "usage: python -m smsvoice_mock" in capsys.readouterr().err

"""Every code block of README.md and docs/*.md runs as written, each in a fresh process.

A small collector rather than pytest-examples or mktestdocs: both run Python blocks only, in the test's
own process (mktestdocs) or with their own formatting rules (pytest-examples), while these pages also
hold pytest tests (a block defining ``def test_...`` runs under pytest in a subprocess, with the
plugin's fixtures) and shell blocks that talk to ``python -m smsvoice_mock serve`` (run by bash
against a real server, with the region and credentials the block sets itself). The rule, as written in
README's "Writing docs" note:

- a ```` ```python ```` block runs as a script (or under pytest when it defines ``test_`` functions);
- a shell block (no language, ``sh``, ``bash``, ``console``) that calls ``curl`` or ``aws`` runs in bash
  against a server, in page order, with ``S`` and ``http://127.0.0.1:4566`` pointing at it;
- ``<!-- docs-test: skip -->`` on the line before a block marks it a sketch that is not run (its text
  should say so);
- ``<!-- docs-test: continue -->`` before a Python block runs it after the page's previous Python
  block (notebook cells, in order);
- everything else (JSON, JavaScript, install commands, output) is shown, not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import botocore
import pytest

from smsvoice_mock.server.pytest_plugin import start_server, stop_server


def _client_lacks() -> list[str]:
    """The service's operations the installed botocore's client does not have."""
    import botocore.session

    from smsvoice_mock._model import operation_names

    installed = botocore.session.get_session().get_service_model("pinpoint-sms-voice-v2")
    return sorted(operation_names() - set(installed.operation_names))


_LACKS = _client_lacks()
if _LACKS:  # the docs are written for a client of the service's current API
    pytest.skip(
        f"botocore {botocore.__version__}'s client lacks {len(_LACKS)} operations the docs call "
        f"(e.g. {_LACKS[0]}); the docs' examples run on a current botocore",
        allow_module_level=True,
    )

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SKIP = "<!-- docs-test: skip -->"
CONTINUE = "<!-- docs-test: continue -->"
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
SHELL = {"", "sh", "bash", "shell", "console"}
SHOWN = {"json", "js", "javascript", "yaml", "text", "toml", "go"}
TALKS_TO_SERVER = re.compile(r"^\s*\$?\s*(curl|aws)\b", re.M)
TIMEOUT = 120


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    lang: str
    code: str
    skipped: bool

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def kind(self) -> str:
        if self.skipped:
            return "skip"
        if self.lang == "python":
            return "pytest" if re.search(r"^(async )?def test_", self.code, re.M) else "script"
        if self.lang in SHELL and TALKS_TO_SERVER.search(self.code):
            return "server-shell"
        return "shown"


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found: list[Block] = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        line = text.count("\n", 0, match.start()) + 1
        code = match.group(2)
        if before == CONTINUE:
            previous = [b for b in found if b.lang == "python"]
            assert previous, f"{page.name}:{line}: {CONTINUE} needs a Python block before it"
            code = previous[-1].code + "\n" + code
        found.append(Block(page, line, match.group(1), code, before == SKIP))
    return found


ALL = [b for page in PAGES for b in blocks(page)]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["HOME"] = str(tmp_path)  # no ~/.aws of the machine's
    for name in [n for n in env if n.startswith("AWS_")]:
        del env[name]  # the block sets what it needs
    return env


def _run(command: list[str], tmp_path: Path, env: dict[str, str], block: Block) -> None:
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0, (
        f"{block.id} ({block.kind}) failed as written (exit {done.returncode}):\n"
        f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )


def test_every_block_is_classified() -> None:
    """Every fenced block has a language the collector knows, so a new example cannot go unrun unnoticed."""
    unknown = [b.id for b in ALL if b.lang not in SHELL | SHOWN | {"python"}]
    assert not unknown, f"blocks in a language the docs collector does not run or show: {unknown}"
    assert any(b.kind == "script" for b in ALL)
    assert any(b.kind == "pytest" for b in ALL)


@pytest.mark.parametrize("block", [b for b in ALL if b.lang == "python"], ids=lambda b: b.id)
def test_python_block_runs(block: Block, tmp_path: Path) -> None:
    """A Python block runs as written in a fresh process: a script, or a pytest file when it defines tests."""
    if block.kind == "skip":
        pytest.skip(f"{block.id} is marked {SKIP}")
    env = _env(tmp_path)
    if block.kind == "pytest":
        path = tmp_path / "test_docs_block.py"
        path.write_text(block.code, encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            str(path),
        ]
    else:
        path = tmp_path / "docs_block.py"
        path.write_text(block.code, encoding="utf-8")
        command = [sys.executable, str(path)]
    _run(command, tmp_path, env, block)


def _server_pages() -> list[Path]:
    return [p for p in PAGES if any(b.page == p and b.kind == "server-shell" for b in ALL)]


@pytest.mark.parametrize("page", _server_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_shell_blocks_run_against_a_server(page: Path, tmp_path: Path) -> None:
    """The curl and aws blocks of a page run in bash, in page order, against a real ``serve``."""
    shell_blocks = [b for b in ALL if b.page == page and b.kind == "server-shell"]
    needs_aws = any(re.search(r"^\s*aws\b", b.code, re.M) for b in shell_blocks)
    aws = os.environ.get("SMSVOICE_MOCK_AWS_CLI") or shutil.which("aws")
    if needs_aws and not aws:
        pytest.skip("needs the AWS CLI (aws on PATH, or SMSVOICE_MOCK_AWS_CLI)")
    if not shutil.which("curl"):
        pytest.skip("needs curl")
    env = _env(tmp_path)
    if aws:
        env["PATH"] = os.pathsep.join([str(Path(aws).parent), env["PATH"]])
    proc, url = start_server(env=_env(tmp_path))
    try:
        for block in shell_blocks:
            code = block.code.replace("http://127.0.0.1:4566", url)
            code = re.sub(r"^\$ ", "", code, flags=re.M)
            _run(["bash", "-euo", "pipefail", "-c", f"S={url}\n{code}"], tmp_path, env, block)
    finally:
        stop_server(proc)

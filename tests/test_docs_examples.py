"""Every code block of README.md and docs/*.md runs as written, each in a fresh process.

A small collector rather than pytest-examples or mktestdocs: both run Python blocks only, in the test's
own process (mktestdocs) or with their own formatting rules (pytest-examples), while these pages also
hold pytest tests (a block defining ``def test_...`` runs under pytest in a subprocess, with the
plugin's fixtures) and shell blocks that talk to ``python -m smsvoice_mock serve`` (run by bash
against a real server, with the region and credentials the block sets itself). The rule, as written in
README's "Writing docs" note:

- every fenced block counts, in any of Markdown's forms: backticks or tildes, three or more, indented
  (inside a list item: its code is read without the item's indentation) or not;
- a ```` ```python ```` block runs as a script (or under pytest when it defines ``test_`` functions);
- a shell block (no language, ``sh``, ``bash``, ``console``) that calls ``curl`` or ``aws`` runs in bash
  against a server, in page order, with ``S`` and ``http://127.0.0.1:4566`` pointing at it;
- a block that runs the AWS CLI finds it as ``aws`` on its PATH (from ``SMSVOICE_MOCK_AWS_CLI``, or an
  ``aws`` already on PATH); without the CLI the test skips, and under ``CI=true`` it fails;
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
# An opening fence, in any of Markdown's forms: three or more backticks or tildes, indented or not
# (a block inside a list item is indented), with an info string whose first word is the language.
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
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
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page.name
        return f"{page}:{self.line}"

    @property
    def needs_aws(self) -> bool:
        """The block runs the AWS CLI: an ``aws`` command line, or ``"aws"`` in a Python block."""
        if self.lang == "python":
            return bool(re.search(r"""["']aws["']""", self.code))
        return bool(re.search(r"^\s*\$?\s*aws\b", self.code, re.M))

    @property
    def kind(self) -> str:
        if self.skipped:
            return "skip"
        if self.lang == "python":
            return "pytest" if re.search(r"^(async )?def test_", self.code, re.M) else "script"
        if self.lang in SHELL and TALKS_TO_SERVER.search(self.code):
            return "server-shell"
        return "shown"


def _closes(line: str, fence: str) -> bool:
    """A closing fence: the opening's character, at least as many, nothing after but spaces."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def _dedent(line: str, indent: str) -> str:
    """The line without the opening fence's indentation (the list item's), as Markdown reads it."""
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def blocks(page: Path) -> list[Block]:
    """The page's fenced blocks in order: backtick or tilde fences of any length, indented or not.

    A fence is closed by a line of the same character, at least as long (so a four-backtick block can
    show a three-backtick one); a fence left open runs to the end of the page, as in Markdown.
    """
    lines = page.read_text(encoding="utf-8").split("\n")
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = OPENING.match(lines[index])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        start = index
        body: list[str] = []
        index += 1
        while index < len(lines) and not _closes(lines[index], fence):
            body.append(_dedent(lines[index], indent))
            index += 1
        index += 1  # past the closing fence
        before = next((line.strip() for line in reversed(lines[:start]) if line.strip()), "")
        code = "\n".join(body) + "\n" if body else ""
        lang = info.split()[0] if info else ""
        if before == CONTINUE:
            previous = [b for b in found if b.lang == "python"]
            assert previous, f"{page.name}:{start + 1}: {CONTINUE} needs a Python block before it"
            code = previous[-1].code + "\n" + code
        found.append(Block(page, start + 1, lang, code, before == SKIP))
    return found


ALL = [b for page in PAGES for b in blocks(page)]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["HOME"] = str(tmp_path)  # no ~/.aws of the machine's
    for name in [n for n in env if n.startswith("AWS_")]:
        del env[name]  # the block sets what it needs
    return env


def _aws_cli_on_path(env: dict[str, str], tmp_path: Path) -> None:
    """Put the AWS CLI on the block's PATH as ``aws``; without it skip, or fail under ``CI=true``.

    The CLI is found as tests/server/test_clients.py finds it (``SMSVOICE_MOCK_AWS_CLI``, the path of
    an ``aws`` in its own virtual environment), or as ``aws`` on PATH. Only ``aws`` itself is linked
    onto PATH, so that the CLI's virtual environment does not shadow this one's ``python``.
    """
    aws = os.environ.get("SMSVOICE_MOCK_AWS_CLI") or shutil.which("aws")
    if not (aws and os.access(aws, os.X_OK)):
        how = (
            "python3 -m venv /tmp/venv-awscli && /tmp/venv-awscli/bin/pip install awscli, then "
            "export SMSVOICE_MOCK_AWS_CLI=/tmp/venv-awscli/bin/aws"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"the AWS CLI is not installed and CI=true requires it: {how}")
        pytest.skip(f"needs the AWS CLI (SMSVOICE_MOCK_AWS_CLI, or aws on PATH): {how}")
    bin_dir = tmp_path / "aws-cli-bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "aws").symlink_to(aws)
    env["PATH"] = os.pathsep.join([str(bin_dir), env["PATH"]])


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


SYNTHETIC = """\
# A page

```python
print("plain")
```

1. In a list:

   ```python
   import sys

   if True:
       print("indented", sys.argv[0] != "")
   ```

~~~python
print("tildes")
~~~

````markdown
A block that shows a block:

```python
print("inner, shown not run")
```
````

- A sketch in a list:

  <!-- docs-test: skip -->
  ~~~~sh
  curl -s "$S/_smsvoice/health"
  ~~~~

<!-- docs-test: continue -->
```python title="next cell"
print("continued")
```
"""


def _synthetic(tmp_path: Path) -> list[Block]:
    page = tmp_path / "page.md"
    page.write_text(SYNTHETIC, encoding="utf-8")
    return blocks(page)


def test_collector_finds_every_fence_form(tmp_path: Path) -> None:
    """Backtick and tilde fences, of three or more, indented in a list or not, are all collected."""
    found = _synthetic(tmp_path)
    assert [(b.line, b.lang, b.kind) for b in found] == [
        (3, "python", "script"),
        (9, "python", "script"),
        (16, "python", "script"),
        (20, "markdown", "shown"),
        (31, "sh", "skip"),
        (36, "python", "script"),
    ]


def test_collector_dedents_a_block_in_a_list(tmp_path: Path) -> None:
    """An indented block's code loses the list item's indentation and keeps its own."""
    indented = _synthetic(tmp_path)[1]
    assert indented.code == 'import sys\n\nif True:\n    print("indented", sys.argv[0] != "")\n'


def test_collector_closes_a_fence_only_with_its_own_kind(tmp_path: Path) -> None:
    """A four-backtick fence holds a three-backtick block whole; a tilde fence needs tildes to close."""
    found = _synthetic(tmp_path)
    assert found[2].code == 'print("tildes")\n'
    assert found[3].code == (
        'A block that shows a block:\n\n```python\nprint("inner, shown not run")\n```\n'
    )
    assert not any("inner" in b.code for b in found if b.lang == "python")


def test_collector_reads_markers_before_an_indented_block(tmp_path: Path) -> None:
    """The skip marker works inside a list; continue joins a block to the page's previous Python block."""
    found = _synthetic(tmp_path)
    assert found[4].skipped
    assert found[5].code == found[2].code + "\n" + 'print("continued")\n'


def test_an_indented_block_runs_by_the_same_rules(tmp_path: Path) -> None:
    """A block found in a list runs as written, like any other; a failing one fails the test."""
    indented = _synthetic(tmp_path)[1]
    _run_python(indented, tmp_path)
    broken = Block(indented.page, indented.line, "python", "raise SystemExit(3)\n", False)
    with pytest.raises(AssertionError, match=r"page\.md:9 \(script\) failed as written \(exit 3\)"):
        _run_python(broken, tmp_path)


def test_a_block_that_runs_the_aws_cli_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the AWS CLI such a block is skipped naming SMSVOICE_MOCK_AWS_CLI; with CI=true it fails."""
    monkeypatch.setenv("SMSVOICE_MOCK_AWS_CLI", str(tmp_path / "no-such-aws"))
    monkeypatch.delenv("CI", raising=False)
    env = {"PATH": ""}
    with pytest.raises(pytest.skip.Exception, match="SMSVOICE_MOCK_AWS_CLI"):
        _aws_cli_on_path(env, tmp_path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true requires it"):
        _aws_cli_on_path(env, tmp_path)
    fake = tmp_path / "venv" / "aws"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("SMSVOICE_MOCK_AWS_CLI", str(fake))
    _aws_cli_on_path(env, tmp_path)
    assert shutil.which("aws", path=env["PATH"]) == str(tmp_path / "aws-cli-bin" / "aws")


@pytest.mark.parametrize("block", [b for b in ALL if b.lang == "python"], ids=lambda b: b.id)
def test_python_block_runs(block: Block, tmp_path: Path) -> None:
    """A Python block runs as written in a fresh process: a script, or a pytest file when it defines tests."""
    if block.kind == "skip":
        pytest.skip(f"{block.id} is marked {SKIP}")
    _run_python(block, tmp_path)


def _run_python(block: Block, tmp_path: Path) -> None:
    env = _env(tmp_path)
    if block.needs_aws:
        _aws_cli_on_path(env, tmp_path)
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
    if not shutil.which("curl"):
        pytest.skip("needs curl")
    env = _env(tmp_path)
    if any(b.needs_aws for b in shell_blocks):
        _aws_cli_on_path(env, tmp_path)
    proc, url = start_server(env=_env(tmp_path))
    try:
        for block in shell_blocks:
            code = block.code.replace("http://127.0.0.1:4566", url)
            code = re.sub(r"^\$ ", "", code, flags=re.M)
            _run(["bash", "-euo", "pipefail", "-c", f"S={url}\n{code}"], tmp_path, env, block)
    finally:
        stop_server(proc)

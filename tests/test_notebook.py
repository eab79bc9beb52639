"""docs/notebook.ipynb runs end to end in a real Jupyter kernel and shows the mock as HTML tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.helpers import tool_or_skip

nbclient = tool_or_skip("nbclient", "test")
nbformat = tool_or_skip("nbformat", "test")
kernelspec = tool_or_skip("jupyter_client.kernelspec", "test")
tool_or_skip("ipykernel", "test")
manager = tool_or_skip("jupyter_client.manager", "test")

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebook.ipynb"


def _html_of(nb: Any, source: str) -> str:
    """The text/html output of the code cell whose source is exactly ``source``."""
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and c.source == source]
    return "".join(o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {}))


def test_notebook_runs_in_a_real_kernel(tmp_path: Path) -> None:
    """The notebook starts the mock, requests a number, sends, shows ``sms`` and
    ``sms.sent_messages`` as styled tables, and stops the mock, with no cell failing."""
    # A kernel of this interpreter, whatever kernels the machine has installed.
    kernel_dir = tmp_path / "kernels" / "smsvoice-mock-test"
    kernel_dir.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "smsvoice_mock test", "language": "python"}
    (kernel_dir / "kernel.json").write_text(json.dumps(spec))
    specs = kernelspec.KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    km = manager.AsyncKernelManager(kernel_name="smsvoice-mock-test", kernel_spec_manager=specs)

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, km=km, timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute(cleanup_kc=True)  # shut the kernel down and close its sockets

    handle = _html_of(nb, "sms")
    assert "Resources of account 123456789012 in us-east-1" in handle
    assert "Sent messages (1)" in handle
    assert "Inbound messages</strong>: (none)" in handle
    sent = _html_of(nb, "sms.sent_messages")
    assert '<table style="border-collapse:collapse;' in sent
    assert "<caption" in sent
    assert "Sent messages (1)" in sent
    assert sent.count("<tr>") == 2
    assert "Your order has shipped." in sent
    assert "+14254147755" in sent
    assert "font-family:ui-monospace" in sent
    assert "background:#fff" not in sent.replace(" ", "").lower()

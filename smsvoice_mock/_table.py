"""Render records as a fixed-width text table (terminal ``repr``) or an HTML table (notebooks)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        text = ""
    elif hasattr(value, "strftime"):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
    else:
        text = str(value)
    text = " ".join(text.split())
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def text_table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 40
) -> str:
    if not rows:
        return f"{title}: (none)"
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)).rstrip() for r in cells]
    return "\n".join([f"{title} ({len(rows)})", line.rstrip(), rule, *body])


def html_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f"<table><caption>{html.escape(title)} ({len(rows)})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )

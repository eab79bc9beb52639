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


def _heading(title: str, shown: int, total: int | None) -> str:
    if total is None or total == shown:
        return f"{title} ({shown})"
    return f"{title} ({total}, the newest {shown} shown)"


def text_table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    width: int = 40,
    total: int | None = None,
) -> str:
    """``rows`` as a fixed-width table; ``total`` counts the rows they are the newest of."""
    if not rows:
        return f"{title}: (none)"
    heading = _heading(title, len(rows), total)
    cells = [[_cell(v, width) for v in row] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)).rstrip() for r in cells]
    return "\n".join([heading, line.rstrip(), rule, *body])


# Inline styles, so the table reads the same in JupyterLab, VS Code and a plain page (no stylesheet to
# load, none stripped by a sanitiser). Colours derive from the inherited text colour, so a dark theme
# keeps its background; the rgba() before each color-mix() is the fallback for older browsers.
_LINE = "rgba(128,128,128,.45)", "color-mix(in srgb,currentColor 30%,transparent)"
_SHADE = "rgba(128,128,128,.12)", "color-mix(in srgb,currentColor 8%,transparent)"
_TABLE_STYLE = (
    "border-collapse:collapse;margin:.5em 0;color:inherit;background:transparent;font-size:.9em"
)
_CAPTION_STYLE = "caption-side:top;text-align:left;font-weight:600;padding:.25em 0"
_CELL_STYLE = (
    f"border:1px solid {_LINE[0]};border-color:{_LINE[1]};padding:.3em .6em;"
    "text-align:left;vertical-align:top;color:inherit"
)
_HEAD_STYLE = f"{_CELL_STYLE};font-weight:600;background:{_SHADE[0]};background:{_SHADE[1]}"
_VALUE_STYLE = f"{_CELL_STYLE};white-space:nowrap"
_ID_STYLE = f"{_VALUE_STYLE};font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace"
_PROSE_STYLE = f"{_CELL_STYLE};min-width:12em;max-width:40em;overflow-wrap:break-word"


def _style(column: str) -> str:
    """Ids, ARNs and phone numbers in monospace; prose wraps; other values stay on one line."""
    if column == "id" or column.endswith(("_id", "_arn", "_number", "identity")):
        return _ID_STYLE
    return _PROSE_STYLE if column in ("message_body", "detail") else _VALUE_STYLE


def html_table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], total: int | None = None
) -> str:
    """An inline-styled HTML table; every value, title and column name is escaped. ``total`` counts
    the rows they are the newest of."""
    if not rows:
        return f'<p style="margin:.5em 0;font-size:.9em"><strong>{html.escape(title)}</strong>: (none)</p>'
    styles = [_style(c) for c in columns]
    head = "".join(f'<th style="{_HEAD_STYLE}">{html.escape(c)}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{style}">{html.escape(_cell(v))}</td>'
            for style, v in zip(styles, row, strict=False)
        )
        + "</tr>"
        for row in rows
    )
    return (  # the div scrolls a wide table sideways instead of spilling out of a narrow page
        f'<div style="overflow-x:auto"><table style="{_TABLE_STYLE}">'
        f'<caption style="{_CAPTION_STYLE}">{html.escape(_heading(title, len(rows), total))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


# Stores of a backend shown by its repr, with the members that name and describe each resource.
_RESOURCE_COLUMNS = (
    ("phone_numbers", "phone number", ("PhoneNumber", "PhoneNumberId"), ("Status", "NumberType")),
    ("pools", "pool", ("PoolId",), ("Status", "MessageType")),
    ("sender_ids", "sender ID", ("SenderId", "IsoCountryCode"), ("MessageTypes",)),
    ("opt_out_lists", "opt-out list", ("OptOutListName",), ()),
    ("configuration_sets", "configuration set", ("ConfigurationSetName",), ("DefaultMessageType",)),
    (
        "verified_destination_numbers",
        "verified destination",
        ("DestinationPhoneNumber", "VerifiedDestinationNumberId"),
        ("Status",),
    ),
    (
        "registrations",
        "registration",
        ("RegistrationId", "RegistrationType"),
        ("RegistrationStatus",),
    ),
    ("protect_configurations", "protect configuration", ("ProtectConfigurationId",), ()),
    ("rcs_agents", "RCS agent", ("RcsAgentId",), ("Status",)),
    ("notify_configurations", "notify configuration", ("NotifyConfigurationId",), ("Status",)),
)
RESOURCE_COLUMNS = ("resource", "id", "detail")


def resource_rows(backend: Any) -> list[list[Any]]:
    """One row per resource of a backend: its kind, its id (and name), and a detail or two."""
    rows: list[list[Any]] = []
    for store, kind, names, details in _RESOURCE_COLUMNS:
        for model in getattr(backend, store, {}).values():
            api = model.to_api()
            label = " ".join(str(api[n]) for n in names if api.get(n) is not None)
            detail = " ".join(str(api[n]) for n in details if api.get(n) is not None)
            if store == "opt_out_lists":
                detail = f"{len(model.numbers)} opted out"
            rows.append([kind, label, detail])
    return rows

"""The profile's products, events timeline and notes."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import strings
from components.profile.common import PRODUCT_ROWS_SHOWN, Citations, money
from components.types import Component
from data.schema import SOURCE_ID
from data.text import date_label, musd

PRODUCT_HEAD = strings.PRODUCT_HEAD


def _product_row(p: pd.Series, cites: Citations) -> html.Tr:
    year: list[Any] = [str(int(p["year"]))]
    if p["partial"]:
        year = [
            html.Span(p["partial"], className="fw-semibold"),
            html.Br(),
            strings.PRODUCT_PARTIAL,
        ]
    if not pd.isna(p["value_usd"]):
        amount = money(p["value_usd"])
    elif not pd.isna(p["share_pct"]):
        amount = strings.PRODUCT_SHARE.format(share=f"{p['share_pct']:.1f}")
    else:
        amount = "–"
    product: list[Any] = [p["product"]]
    if isinstance(p["hs_code"], str) and p["hs_code"]:
        product.append(html.Span(f" (HS {p['hs_code']})", className="text-muted"))
    if isinstance(p["note"], str) and p["note"]:
        product.append(html.Div(p["note"], className="text-muted", style={"fontSize": ".75rem"}))
    return html.Tr(
        [
            html.Td(year),
            html.Td(strings.PRODUCT_FLOW.get(p["flow"], p["flow"])),
            html.Td(product),
            html.Td(p["reported_by"], className="text-muted"),
            html.Td(amount, className="text-end"),
            html.Td(cites.cite(p[SOURCE_ID], p.get("source_detail"))),
        ]
    )


def _product_table(rows: list[html.Tr], head: bool = True) -> Component:
    return dbc.Table(
        ([html.Thead(html.Tr([html.Th(h) for h in PRODUCT_HEAD]))] if head else [])
        + [html.Tbody(rows)],
        size="sm",
        responsive=True,  # a narrow panel scrolls the table sideways instead of overflowing
        className="small mb-0",
    )


def product_table(frame: pd.DataFrame, cites: Citations) -> Component:
    """Products the sources name, with whose records and partial years flagged.

    Long lists show the first rows and put the rest behind a 'show more' toggle (a fixed-height
    scroll box cut rows in half).
    """
    if frame.empty:
        return html.P("No product breakdown in the sources for this country.", className="small")
    rows = [_product_row(p, cites) for _, p in frame.iterrows()]
    shown, rest = rows[:PRODUCT_ROWS_SHOWN], rows[PRODUCT_ROWS_SHOWN:]
    parts: list[Any] = [_product_table(shown)]
    if rest:
        parts.append(
            html.Details(
                [
                    html.Summary(
                        strings.PRODUCT_SHOW_MORE.format(n=len(rest)),
                        className="small text-primary",
                    ),
                    _product_table(rest, head=False),
                ]
            )
        )
    parts.append(
        html.P(
            strings.PRODUCT_NOTE,
            className="small text-muted mb-0 mt-1",
        )
    )
    return html.Div(parts, className="profile-products")


def event_timeline(frame: pd.DataFrame, cites: Citations, name: str = "") -> Component:
    """Dated events, oldest first; regional ones marked; says when none is the country's own."""
    if frame.empty:
        return html.P("No dated events recorded for this country.", className="small")
    own = frame[frame["partner_iso3"] != "CAR"]
    lead = (
        [
            html.P(
                strings.TIMELINE_NONE.format(name=name),
                className="small text-muted mb-1",
            )
        ]
        if own.empty
        else []
    )
    items = []
    for _, e in frame.iterrows():
        note = e.get("date_note")
        items.append(
            html.Li(
                [
                    html.Span(
                        date_label(e["date"], e["date_precision"]), className="timeline-date"
                    ),
                    html.Strong(f" {e['title']}"),
                    html.Span(
                        strings.TIMELINE_REGIONAL if e["partner_iso3"] == "CAR" else "",
                        className="text-muted",
                    ),
                    html.Div(
                        [e["description"], cites.cite(e[SOURCE_ID], e.get("source_locator"))],
                        className="text-muted",
                    ),
                    html.Div(note, className="text-warning-emphasis fst-italic")
                    if isinstance(note, str) and note
                    else None,
                ]
            )
        )
    return html.Div([*lead, html.Ul(items, className="small timeline mb-0")])


def _value_text(n: pd.Series) -> str:
    if pd.isna(n["value"]):
        return ""
    unit = n["unit"] if isinstance(n["unit"], str) else ""
    value = float(n["value"])
    text = musd(value) if unit == "USD" else f"{value:,g} {strings.NOTE_UNIT.get(unit, unit)}"
    basis = n["year_basis"] if isinstance(n["year_basis"], str) else ""
    said = {
        "fiscal": strings.NOTE_FISCAL,
        "calendar": strings.NOTE_CALENDAR,
        "unknown": strings.NOTE_UNKNOWN,
    }
    return f": {text}" + said.get(basis, "")


def note_list(
    frame: pd.DataFrame, cites: Citations, regional: pd.DataFrame | None = None
) -> Component:
    """What Jahanzaib 2024 and ANKASAM 2023 state about the country, then the regional context."""

    def statements(rows: pd.DataFrame, class_name: str) -> html.Ul:
        return html.Ul(
            [
                html.Li(
                    [
                        n["statement"],
                        _value_text(n),
                        cites.cite(n[SOURCE_ID], n["source_locator"]),
                    ]
                )
                for _, n in rows.iterrows()
            ],
            className=class_name,
        )

    parts: list[Any] = []
    if frame.empty:
        parts.append(
            html.P("Nothing further in Jahanzaib 2024 or ANKASAM 2023.", className="small")
        )
    else:
        parts.append(statements(frame, "small ps-3 mb-0"))
    if regional is not None and not regional.empty:
        parts += [
            html.Div(strings.NOTES_REGIONAL, className="small fw-semibold mt-2"),
            statements(regional, "small ps-3 mb-0 text-muted"),
        ]
    return html.Div(parts)

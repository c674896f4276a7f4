"""The profile's facts: agreements, mechanisms, memberships (and the matrix), corridors."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import strings
from components.profile.common import (
    CORRIDOR_TYPE,
    KIND_LABEL,
    STATUS_COLOUR,
    Citations,
    _date_text,
)
from components.types import Component
from data.map import STATUS_LABEL
from data.profile import (
    agreement_status_label,
)
from data.schema import SOURCE_ID
from data.text import date_label


def agreement_list(frame: pd.DataFrame, cites: Citations) -> Component:
    """Agreements with kind and status badges, dates, a description and the source."""
    if frame.empty:
        return html.P("No agreements recorded in the sources.", className="small")
    items = []
    for _, a in frame.iterrows():
        dates = []
        if _date_text(a["signed"]):
            dates.append(
                strings.AGREEMENT_SIGNED.format(date=date_label(a["signed"], a["signed_precision"]))
            )
        if _date_text(a["in_force"]):
            dates.append(
                strings.AGREEMENT_IN_FORCE.format(
                    date=date_label(a["in_force"], a["in_force_precision"])
                )
            )
        items.append(
            dbc.ListGroupItem(
                [
                    html.Div(
                        [
                            html.Strong(a["name"]),
                            " ",
                            dbc.Badge(
                                KIND_LABEL.get(a["kind"], a["kind"]),
                                color="light",
                                text_color="dark",
                                className="border me-1",
                            ),
                            dbc.Badge(
                                agreement_status_label(str(a["status"])),
                                color=STATUS_COLOUR.get(a["status"], "secondary"),
                            ),
                            html.Span(
                                f" {a['status_when']}",
                                className="text-warning-emphasis"
                                if a["status_stale"]
                                else "text-muted",
                            ),
                            html.Span(
                                f" · {', '.join(dates)}" if dates else "", className="text-muted"
                            ),
                        ]
                    ),
                    html.Div(
                        [a["description"], cites.cite(a[SOURCE_ID], a.get("source_locator"))],
                        className="text-muted",
                    ),
                ],
                className="small py-1 px-2",
            )
        )
    return dbc.ListGroup(items, flush=True)


def mechanism_list(frame: pd.DataFrame, cites: Citations) -> Component:
    """Institutional mechanisms: name, what it is, source."""
    if frame.empty:
        return html.P("No institutional mechanisms recorded.", className="small")
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(m["name"]),
                    html.Span(f" — {m['detail']}" if isinstance(m["detail"], str) else ""),
                    cites.cite(m[SOURCE_ID], m.get("source_locator")),
                ]
            )
            for _, m in frame.iterrows()
        ],
        className="small ps-3 mb-0",
    )


def membership_table(frame: pd.DataFrame, name: str, cites: Citations) -> Component:
    """Body × (country, Pakistan): shared memberships first."""
    if frame.empty:
        return html.P("No memberships recorded.", className="small")
    rows = [
        html.Tr(
            [
                html.Td(html.Abbr(m["body"], title=m["name"])),
                html.Td(m["country"], className="fw-semibold" if m["shared"] else ""),
                html.Td(m["pakistan"], className="fw-semibold" if m["shared"] else ""),
                html.Td(cites.cite(m["sources"])),
            ]
        )
        for _, m in frame.iterrows()
    ]
    return dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(strings.MEMBERSHIP_BODY),
                        html.Th(name),
                        html.Th(strings.PAKISTAN),
                        html.Th(""),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        size="sm",
        className="small mb-0 membership-table",
    )


def membership_matrix_table(
    frame: pd.DataFrame, names: dict[str, str], labels: dict[str, str]
) -> Component:
    """Every body × Pakistan and the six CARs; each cell's source on hover, all sources below."""
    columns = [c for c in frame.columns if c.isupper() and len(c) == 3]
    head = html.Tr(
        [
            html.Th(strings.MEMBERSHIP_BODY),
            *[html.Th(names.get(c, c), scope="col") for c in columns],
        ]
    )
    rows = []
    for _, r in frame.iterrows():
        cells = []
        for code in columns:
            sources = [labels.get(s, s) for s in r["cell_sources"][code].split(";") if s]
            value = str(r[code])
            cells.append(
                html.Td(
                    value,
                    title=strings.MEMBERSHIP_CELL.format(
                        name=names.get(code, code),
                        body=r["body"],
                        value=value,
                        sources="; ".join(sources) or strings.MEMBERSHIP_NO_SOURCE,
                    ),
                    className="fw-semibold" if value == strings.MEMBERSHIP_MEMBER else "text-muted",
                )
            )
        rows.append(html.Tr([html.Th(html.Abbr(r["body"], title=r["name"]), scope="row"), *cells]))
    used = sorted({labels.get(s, s) for s in ";".join(frame["sources"]).split(";") if s})
    return html.Div(
        [
            dbc.Table(
                [html.Thead(head), html.Tbody(rows)],
                size="sm",
                responsive=True,
                className="small mb-1 membership-matrix",
            ),
            html.P(
                strings.MEMBERSHIP_NOTE.format(sources="; ".join(used)),
                className="text-muted small mb-0",
            ),
        ]
    )


def corridor_list(frame: pd.DataFrame, cites: Citations) -> Component:
    """Connectivity projects that involve the country (drawn on the map above)."""
    if frame.empty:
        return html.P("No corridor on the map involves this country.", className="small")
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(c["name"]),
                    f" — {CORRIDOR_TYPE.get(c['type'], c['type'])}, "
                    f"{STATUS_LABEL.get(str(c['status']), c['status'])} ({c['status_when']}). ",
                    html.Span(c["description"], className="text-muted"),
                    cites.cite(c["source_ids"]),
                ]
            )
            for _, c in frame.iterrows()
        ],
        className="small ps-3 mb-0",
    )

"""A country's whole profile panel, and the placeholder shown before one is chosen."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from browser import image_export_problem
from components.layout import download_menu
from components.profile.common import BRIEF_TYPE, GRAPH_TYPE, Citations, _section
from components.profile.facts import agreement_list, corridor_list, mechanism_list, membership_table
from components.profile.headlines import caveat_list, headline_table, place_line, target_block
from components.profile.products import event_timeline, note_list, product_table
from components.types import Component
from data.profile import (
    Profile,
)
from settings import GRAPH_CONFIG


def profile_panel(
    profile: Profile,
    colour: str,
    figure: Any,
    query: str,
    *,
    compact: bool,
    caption: str = "",
    axis_note: str = "",
) -> Component:
    """One country's panel. `compact` stacks everything in one column (side-by-side compare)."""
    cites = Citations(profile)
    config: Any = dict(GRAPH_CONFIG)
    config["toImageButtonOptions"] = {
        "format": "png",
        "filename": f"pak-car_profile_{profile.iso3}",
        "scale": 2,
    }
    brief: Component = html.A(
        "Country brief (PDF)",
        href="/download/brief.pdf" + (f"?{query}" if query else ""),
        download=f"pak-car_brief_{profile.iso3}.pdf",
        className="dropdown-item",
        rel="nofollow",
        id={"type": BRIEF_TYPE, "iso3": profile.iso3},
    )
    if image_export_problem():  # no browser on the server: the menu says why, offers no file
        brief = dbc.DropdownMenuItem("Country brief (PDF)", disabled=True)
    links = download_menu("profile", query=query, extra=[brief, dbc.DropdownMenuItem(divider=True)])
    chart_notes = [n for n in (caption, axis_note) if n]
    figures_col = [
        _section(
            "Headline figures (latest year of each series)",
            place_line(profile, cites),
            headline_table(profile.headlines, cites),
        ),
        _section(
            "Turnover by source",
            dcc.Graph(
                id={"type": GRAPH_TYPE, "iso3": profile.iso3},
                figure=figure,
                config=config,
                className="profile-chart",
            ),
            *[html.P(n, className="chart-caption small text-muted mb-0 mt-1") for n in chart_notes],
        ),
        _section("Data caveats", caveat_list(profile, cites)),
        _section("Target tracker", target_block(profile.targets, cites)),
        _section("Top products named by the sources", product_table(profile.products, cites)),
    ]
    facts_col = [
        _section("Agreements", agreement_list(profile.agreements, cites)),
        _section("Institutional mechanisms", mechanism_list(profile.mechanisms, cites)),
        _section("Memberships", membership_table(profile.memberships, profile.name, cites)),
        _section("Corridors and projects", corridor_list(profile.corridors, cites)),
        _section("Timeline", event_timeline(profile.events, cites, profile.name)),
        _section(
            "What the seed texts say", note_list(profile.notes, cites, profile.regional_notes)
        ),
    ]
    body = (
        [*figures_col, *facts_col]
        if compact
        else [dbc.Row([dbc.Col(figures_col, lg=6), dbc.Col(facts_col, lg=6)], className="g-4")]
    )
    return dbc.Card(
        [
            dbc.CardHeader(
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                html.H3(
                                    [
                                        html.Span(
                                            className="country-swatch me-2",
                                            style={"backgroundColor": colour},
                                        ),
                                        f"Pakistan – {profile.name}",
                                    ],
                                    className="h5 mb-0",
                                ),
                                html.Small(f"Capital: {profile.capital}", className="text-muted"),
                            ]
                        ),
                        dbc.Col(links, width="auto"),
                    ],
                    align="center",
                ),
                className="bg-white",
            ),
            dbc.CardBody([*body, _section("References", cites.reference_list())]),
        ],
        className="profile-panel mb-3",
        id=f"profile-{profile.iso3}",
    )


def profile_placeholder() -> Component:
    """What the section shows before a country is chosen."""
    return html.P(
        "Choose a country above, click a CAR on the map, select a single country in the filter, "
        "or open a link with country=KAZ. Add a second country to compare them side by side.",
        className="text-muted small mb-0",
        id="profile-placeholder",
    )

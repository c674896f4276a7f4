"""Shells of the map and profile sections: their IDs are part of the URL-state sync."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from charts.places import MAP, PROFILE
from components import ids, strings
from components.chart_card import PLACEHOLDER_FIGURE
from components.layout import chart_card
from components.profile import membership_matrix_table, profile_placeholder
from data.loading import Tables
from data.lookups import country_names, source_labels
from data.profile import membership_matrix
from settings import GRAPH_CONFIG


def map_section() -> dbc.Card:
    """The corridor map card (figure filled by callbacks/corridors.py)."""
    config: Any = dict(GRAPH_CONFIG)
    config["toImageButtonOptions"] = {"format": "png", "filename": "pak-car_map", "scale": 2}
    config["scrollZoom"] = False
    return chart_card(
        MAP.name,
        MAP.title,
        MAP.subtitle,
        html.Div(
            [
                dcc.Graph(
                    id=ids.MAP_GRAPH,
                    config=config,
                    className="chart map-chart",
                    figure=PLACEHOLDER_FIGURE,
                ),
                # Whether the graph holds a figure: the callback's State, so the browser does not
                # post the whole ~60 kB figure back on every filter change.
                dcc.Store(id=ids.MAP_DRAWN, data=False),
            ]
        ),
        MAP.caption_id,
    )


def _selector(label: str, ident: str, options: list[dict[str, str]], placeholder: str) -> dbc.Col:
    """A labelled country dropdown, half the row on a tablet or wider."""
    return dbc.Col(
        [
            dbc.Label(label, html_for=ident, className="small fw-semibold"),
            dcc.Dropdown(id=ident, options=options, placeholder=placeholder),
        ],
        md=6,
    )


def profile_section(tables: Tables) -> dbc.Card:
    """The country profile card: choose a country (or click the map), optionally compare."""
    options = [
        {"label": n, "value": c}
        for c, n in zip(tables.countries["iso3"], tables.countries["name"], strict=True)
    ]
    selectors = dbc.Row(
        [
            _selector(
                strings.PROFILE_SELECT_LABEL,
                ids.PROFILE_SELECT,
                options,
                strings.PROFILE_SELECT_PLACEHOLDER,
            ),
            _selector(
                strings.PROFILE_COMPARE_LABEL,
                ids.PROFILE_COMPARE,
                options,
                strings.PROFILE_COMPARE_PLACEHOLDER,
            ),
        ],
        className="g-2 mb-3",
    )
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(PROFILE.title, className="h6 mb-0"), className="bg-white"),
            dbc.CardBody(
                [
                    selectors,
                    html.Details(
                        [
                            html.Summary(
                                strings.MEMBERSHIP_MATRIX,
                                className="small fw-semibold",
                            ),
                            membership_matrix_table(
                                membership_matrix(tables),
                                {"PAK": strings.PAKISTAN, **country_names(tables)},
                                source_labels(tables),
                            ),
                        ],
                        className="mb-3",
                        id="membership-matrix",
                    ),
                    dcc.Loading(
                        html.Div(profile_placeholder(), id=ids.PROFILE_BODY),
                        type="dot",
                        delay_show=400,
                    ),
                ]
            ),
        ],
        className="shadow-sm mb-4",
        id="profile-card",
    )

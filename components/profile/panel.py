"""A country's profile: a summary first, then sections that open on demand; two side by side.

The summary (headline figures with their latest year, Pakistan's place, the main caveat) is
always shown; every other section is an accordion item a reader opens (keyboard: Tab to its
button, Enter or Space). Two countries compare section by section: one accordion whose items
hold both countries' version of the section next to each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from browser import image_export_problem
from components import strings
from components.layout import download_menu
from components.profile.common import BRIEF_TYPE, GRAPH_TYPE, Citations
from components.profile.facts import agreement_list, corridor_list, mechanism_list, membership_table
from components.profile.headlines import caveat_list, headline_table, place_line, target_block
from components.profile.products import event_timeline, note_list, product_table
from components.types import Component
from data.profile import (
    Profile,
)
from settings import GRAPH_CONFIG

NOTES_TITLE = strings.PROFILE_NOTES


@dataclass
class PanelParts:
    """One country's profile cut into its header, summary and titled sections (built in order,
    so the citation numbers run from the summary down to the reference list)."""

    iso3: str
    name: str
    header: Component
    summary: list[Component | None]
    sections: list[tuple[str, Component]]


def _header(profile: Profile, colour: str, query: str) -> Component:
    """Name, capital and the Download menu (brief, chart image, data) for this country."""
    brief: Component = html.A(
        strings.PROFILE_BRIEF,
        href="/download/brief.pdf" + (f"?{query}" if query else ""),
        download=f"pak-car_brief_{profile.iso3}.pdf",
        className="dropdown-item",
        rel="nofollow",
        id={"type": BRIEF_TYPE, "iso3": profile.iso3},
    )
    if image_export_problem():  # no browser on the server: the menu says why, offers no file
        brief = dbc.DropdownMenuItem(strings.PROFILE_BRIEF, disabled=True)
    links = download_menu("profile", query=query, extra=[brief, dbc.DropdownMenuItem(divider=True)])
    return dbc.CardHeader(
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
                                strings.PROFILE_HEADER.format(name=profile.name),
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
    )


def main_caveat(profile: Profile, cites: Citations) -> Component | None:
    """The first (most consequential) caveat, in one line under the headline figures."""
    if not profile.caveats:
        return None
    first = profile.caveats[0]
    more = len(profile.caveats) - 1
    return dbc.Alert(
        [
            html.Strong(strings.PROFILE_MAIN_CAVEAT.format(title=first.title)),
            first.text,
            cites.cite(first.sources),
            html.Span(
                strings.PROFILE_MORE_CAVEATS.format(n=more) if more else "",
                className="text-muted",
            ),
        ],
        color="warning",
        className="small py-2 mb-0",
    )


def panel_parts(
    profile: Profile,
    colour: str,
    figure: Any,
    query: str,
    *,
    caption: str = "",
    axis_note: str = "",
) -> PanelParts:
    """A country's header, summary and sections (the References last)."""
    cites = Citations(profile)
    config: Any = dict(GRAPH_CONFIG)
    config["toImageButtonOptions"] = {
        "format": "png",
        "filename": f"pak-car_profile_{profile.iso3}",
        "scale": 2,
    }
    summary = [
        html.H4(strings.PROFILE_HEADLINES, className="h6 mt-3 mb-2"),
        place_line(profile, cites),
        headline_table(profile.headlines, cites),
        main_caveat(profile, cites),
    ]
    chart_notes = [n for n in (caption, axis_note) if n]
    sections: list[tuple[str, Component]] = [
        (
            strings.SECTION_CHART,
            html.Div(
                [
                    dcc.Graph(
                        id={"type": GRAPH_TYPE, "iso3": profile.iso3},
                        figure=figure,
                        config=config,
                        className="profile-chart",
                    ),
                    *[
                        html.P(n, className="chart-caption small text-muted mb-0 mt-1")
                        for n in chart_notes
                    ],
                ]
            ),
        ),
        (strings.SECTION_CAVEATS, caveat_list(profile, cites)),
        (strings.SECTION_TARGETS, target_block(profile.targets, cites)),
        (strings.SECTION_AGREEMENTS, agreement_list(profile.agreements, cites)),
        (strings.SECTION_MECHANISMS, mechanism_list(profile.mechanisms, cites)),
        (strings.SECTION_MEMBERSHIPS, membership_table(profile.memberships, profile.name, cites)),
        (strings.SECTION_CORRIDORS, corridor_list(profile.corridors, cites)),
        (strings.SECTION_TIMELINE, event_timeline(profile.events, cites, profile.name)),
        (strings.SECTION_PRODUCTS, product_table(profile.products, cites)),
        (NOTES_TITLE, note_list(profile.notes, cites, profile.regional_notes)),
    ]
    sections.append((strings.SECTION_REFERENCES, cites.reference_list()))
    return PanelParts(
        profile.iso3, profile.name, _header(profile, colour, query), summary, sections
    )


def _accordion(items: list[tuple[str, Component]], key: str) -> dbc.Accordion:
    """Sections as an accordion, all closed, any number open at once."""
    return dbc.Accordion(
        [
            dbc.AccordionItem(body, title=title, item_id=f"{key}-{i}")
            for i, (title, body) in enumerate(items)
        ],
        always_open=True,
        start_collapsed=True,
        flush=True,
        className="profile-sections mt-3",
    )


def profile_panel(
    profile: Profile,
    colour: str,
    figure: Any,
    query: str,
    *,
    compact: bool = False,
    caption: str = "",
    axis_note: str = "",
) -> Component:
    """One country's panel: header, summary, the sections to open (`compact` is kept for
    callers; the compare view uses `compare_panels`)."""
    parts = panel_parts(profile, colour, figure, query, caption=caption, axis_note=axis_note)
    return dbc.Card(
        [
            parts.header,
            dbc.CardBody([*parts.summary, _accordion(parts.sections, parts.iso3)]),
        ],
        className="profile-panel mb-3",
        id=f"profile-{profile.iso3}",
    )


def compare_panels(left: PanelParts, right: PanelParts) -> Component:
    """Two countries section by section: headers and summaries side by side, then one
    accordion whose every item holds both countries' version of that section."""

    def pair(a: Component, b: Component, names: bool = True) -> dbc.Row:
        label = (lambda n: html.Div(n, className="small fw-semibold mb-1")) if names else None
        return dbc.Row(
            [
                dbc.Col([label(left.name) if label else None, a], lg=6),
                dbc.Col([label(right.name) if label else None, b], lg=6),
            ],
            className="g-3",
        )

    # The two headers side by side at every width (on a phone both names are in the first
    # screen), then the two summaries: side by side on a desktop, one above the other on a phone.
    heads = dbc.Row(
        [
            dbc.Col(
                dbc.Card(p.header, className="profile-panel h-100", id=f"profile-{p.iso3}"),
                xs=6,
            )
            for p in (left, right)
        ],
        className="g-2 g-lg-3 profile-compare-heads",
    )
    summaries = dbc.Row(
        [
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [html.Div(p.name, className="small fw-semibold d-lg-none"), *p.summary]
                    ),
                    className="profile-panel h-100",
                ),
                lg=6,
            )
            for p in (left, right)
        ],
        className="g-3 mt-0",
    )
    titles = [title for title, _ in left.sections]
    items = [
        (title, pair(a, b))
        for title, (_, a), (_, b) in zip(titles, left.sections, right.sections, strict=True)
    ]
    return html.Div(
        [heads, summaries, _accordion(items, f"{left.iso3}-{right.iso3}")],
        className="profile-compare mb-3",
    )


def profile_placeholder() -> Component:
    """What the section shows before a country is chosen."""
    return html.P(
        strings.PROFILE_PLACEHOLDER,
        className="text-muted small mb-0",
        id="profile-placeholder",
    )

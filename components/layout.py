"""The page: navbar, filters, chart cards, map, profile and sources, built from the tables."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from browser import image_export_problem
from charts.registry import card_charts
from charts.spec import ChartSpec
from components import ids
from components import strings as s
from components.chart_card import attrs, chart_figure
from components.filters import filter_panel
from components.refresh import refresh_notes
from components.types import Component
from data.captions import coverage_summary
from data.coverage import Coverage
from data.loading import Tables
from data.state import DEFAULT_STATE, VIEW_CHOICES, VIEW_LABEL, YEAR_BOUNDS, ViewState
from settings import APP_TITLE

IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("csv", "xlsx")
NO_IMAGES_NOTE = s.NO_IMAGES_NOTE


def _download_item(chart: str, fmt: str, href: str, *, live: bool) -> html.A:
    """One menu entry; `live` entries' href follows the view (assets/download_links.js)."""
    extra = live_link(chart, fmt) if live else {}
    return html.A(
        fmt.upper(),
        href=href,
        download=f"pak-car_{chart}.{fmt}",
        className="dropdown-item",
        rel="nofollow",
        **extra,
    )


def live_link(chart: str, fmt: str) -> dict[str, Any]:
    """The attributes by which assets/download_links.js keeps a link's href on the page's view
    (`chart` "" for the whole view's data), as `download_href` builds it."""
    return attrs({"data-download-chart": chart, "data-download-fmt": fmt})


def download_href(chart: str, fmt: str, query: str) -> str:
    """The download URL of one chart in one format for a view query."""
    if fmt in DATA_FORMATS:
        return f"/download/data.{fmt}?chart={chart}" + (f"&{query}" if query else "")
    return f"/download/{chart}.{fmt}" + (f"?{query}" if query else "")


def download_menu(
    chart: str, *, query: str | None = None, extra: list[Any] | None = None
) -> dbc.DropdownMenu:
    """A chart card's Download menu: server-rendered images and the chart's data.

    Without `query` the hrefs follow the page's view (a callback updates them); with one they
    are fixed to it (a profile panel, built for one country). `extra` entries come first.
    """
    live = query is None

    def item(fmt: str) -> html.A:
        return _download_item(chart, fmt, download_href(chart, fmt, query or ""), live=live)

    items: list = [*(extra or [])]
    items += [dbc.DropdownMenuItem(s.IMAGE, header=True), *image_items(item)]
    items += [dbc.DropdownMenuItem(divider=True), dbc.DropdownMenuItem(s.DATA, header=True)]
    items += [item(f) for f in DATA_FORMATS]
    return dbc.DropdownMenu(
        items,
        label=s.DOWNLOAD,
        size="sm",
        color="light",
        align_end=True,
        className="download-menu",
        toggle_class_name="border",
    )


def image_items(item: Any) -> list[Any]:
    """The Image entries (`item(fmt)` builds one), disabled with the reason if no browser."""
    # Without a browser on the server, a file that would fail is not offered.
    problem = image_export_problem()
    if problem is None:
        return [item(fmt) for fmt in IMAGE_FORMATS]
    note = html.Div(
        NO_IMAGES_NOTE,
        title=problem,  # the full how-to line on hover
        className="dropdown-item-text small text-muted",
        style={"minWidth": "15rem", "whiteSpace": "normal"},
    )
    return [*(dbc.DropdownMenuItem(f.upper(), disabled=True) for f in IMAGE_FORMATS), note]


def chart_card(
    chart: str,
    title: str,
    subtitle: str,
    body: Any,
    caption_id: str,
    *,
    downloads: bool = True,
    loading: bool = True,
) -> dbc.Card:
    """A card: title row with Download menu, the chart, and the source caption under it."""
    header = dbc.CardHeader(
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.H2(title, className="h6 mb-0", id=ids.title_id(chart)),
                        html.Small(subtitle, className="text-muted"),
                    ]
                ),
                dbc.Col(download_menu(chart) if downloads else None, width="auto"),
            ],
            align="center",
            className="g-2",
        ),
        className="bg-white",
    )
    return dbc.Card(
        [
            header,
            dbc.CardBody(
                [
                    dcc.Loading(body, type="dot", delay_show=400) if loading else body,
                    html.P(id=caption_id, className="chart-caption small text-muted mb-0 mt-2"),
                ]
            ),
        ],
        className="shadow-sm mb-4",
        id=ids.card(chart),
    )


def navbar() -> dbc.Navbar:
    """Title bar with the permalink and whole-view data downloads."""
    return dbc.Navbar(
        dbc.Container(
            [
                html.Div(
                    [
                        html.H1(APP_TITLE, className="h5 mb-0 text-white"),
                        html.Small(s.NAV_SUBTITLE, className="text-white-50"),
                    ]
                ),
                html.Div(
                    [
                        html.Button(
                            s.THEME_DARK,
                            id=ids.THEME_SWITCH,
                            type="button",
                            title=s.THEME_TITLE,
                            className="btn btn-sm btn-outline-light me-2",
                            **attrs({"aria-pressed": "false"}),
                        ),
                        html.Button(
                            s.COPY_LINK,
                            id=ids.COPY_LINK,
                            type="button",
                            title=s.COPY_LINK_TITLE,
                            className="btn btn-sm btn-outline-light me-2",
                            **attrs({"data-done": s.COPIED}),
                        ),
                        html.A(
                            s.DATA_CSV,
                            href="/download/data.csv",
                            **live_link("", "csv"),
                            className="btn btn-sm btn-outline-light me-2",
                            download="pak-car_view.csv",
                        ),
                        html.A(
                            s.DATA_XLSX,
                            href="/download/data.xlsx",
                            **live_link("", "xlsx"),
                            className="btn btn-sm btn-outline-light",
                            download="pak-car_view.xlsx",
                        ),
                    ],
                    className="d-flex align-items-center",
                ),
            ],
            fluid=True,
            className="d-flex justify-content-between flex-wrap gap-2",
        ),
        color="dark",
        dark=True,
        className="mb-3 app-navbar",
    )


def sources_card(tables: Tables) -> dbc.Card:
    """Every source the app cites: label, title and id, link or repository path, licence, date."""

    def where(url: object) -> Component:
        if isinstance(url, str) and url.startswith("http"):
            return html.A(url, href=url, target="_blank", rel="noopener", className="text-break")
        return html.Span(url if isinstance(url, str) else "", className="text-break")

    rows = [
        html.Tr(
            [
                html.Td(
                    [
                        html.Strong(str(r.short_label)),
                        html.Div(str(r.title)),
                        html.Code(str(r.source_id), className="small"),
                    ]
                ),
                html.Td(where(r.url)),
                html.Td(str(r.licence_note)),
                html.Td(str(r.retrieved), className="text-nowrap"),
            ],
            id=f"source-{r.source_id}",
        )
        for r in tables.sources.itertuples(index=False)
    ]
    head = html.Thead(
        html.Tr(
            [
                html.Th(s.SOURCES_COL_SOURCE, style={"width": "34%"}),
                html.Th(s.SOURCES_COL_WHERE, style={"width": "36%"}),
                html.Th(s.SOURCES_COL_LICENCE),
                html.Th(s.SOURCES_COL_RETRIEVED),
            ]
        )
    )
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(s.SOURCES, className="h6 mb-0"), className="bg-white"),
            dbc.CardBody(
                [
                    *refresh_notes(tables),
                    dbc.Table(
                        [head, html.Tbody(rows)],
                        size="sm",
                        striped=True,
                        responsive=True,
                        className="small mb-0 sources-table",
                        id=ids.SOURCES_TABLE,
                    ),
                ]
            ),
        ],
        className="shadow-sm mb-4",
        id="sources",
    )


def sources_content(tables: Tables) -> list[dbc.Card]:
    """The Sources & method view: how the figures are shown, and every source cited."""
    return [method_card(tables), sources_card(tables)]


def method_card(tables: Tables) -> dbc.Card:
    """How the figures are shown: the series that exist and the rules every chart follows."""
    rules = [
        s.METHOD_RULE_REPORTERS,
        s.METHOD_RULE_FISCAL,
        s.METHOD_RULE_DERIVED,
        s.METHOD_RULE_GAPS,
        s.METHOD_RULE_DEFAULT_YEARS,
    ]
    return dbc.Card(
        [
            dbc.CardHeader(html.H2(s.METHOD, className="h6 mb-0"), className="bg-white"),
            dbc.CardBody(
                [
                    html.Ul([html.Li(r) for r in rules], className="small ps-3"),
                    html.Div(s.WHAT_EXISTS, className="fw-semibold small text-uppercase"),
                    html.Ul(
                        [html.Li(c) for c in coverage_summary(tables)],
                        className="small text-muted ps-3 mb-0",
                    ),
                ]
            ),
        ],
        className="shadow-sm mb-4",
        id="method",
    )


def _card(spec: ChartSpec) -> dbc.Card:
    return chart_card(
        spec.name, spec.title, spec.subtitle, chart_figure(spec), spec.caption_id, loading=False
    )


def chart_cards() -> list[dbc.Card | dbc.Row]:
    """The registry's chart cards in page order; consecutive half-width cards share a row."""
    out: list[dbc.Card | dbc.Row] = []
    halves: list[dbc.Col] = []
    for spec in card_charts():
        if spec.width == 6:
            halves.append(dbc.Col(_card(spec), lg=6))
            continue
        if halves:
            out.append(dbc.Row(halves))
            halves = []
        out.append(_card(spec))
    if halves:
        out.append(dbc.Row(halves))
    return out


def view_tabs(view: str) -> html.Div:
    """The views (Overview, Map, Countries, Sources & method) as one labelled radio group: every
    view is reachable by Tab and the arrow keys, and the URL names the open one. (dbc.Tabs with no
    panes of their own gave every tab tabindex -1 and an aria-controls naming no element.)"""
    return html.Div(
        dbc.RadioItems(
            id=ids.VIEW_TABS,
            options=[{"label": VIEW_LABEL[v], "value": v} for v in VIEW_CHOICES],
            value=view,
            inline=True,
            className="btn-group flex-wrap",
            inputClassName="btn-check",
            labelClassName="btn btn-outline-primary view-tab",
            labelCheckedClassName="active",
        ),
        role="group",
        className="view-tabs mb-3",
        **attrs({"aria-label": s.VIEW_SWITCH}),
    )


def views_class(view: str) -> str:
    """The views wrapper's class: assets/views.css shows the open view's section and filters."""
    return f"views view-is-{view}"


def build_layout(
    tables: Tables,
    *,
    sections: dict[str, list] | None = None,
    state: ViewState = DEFAULT_STATE,
    coverage: Coverage | None = None,
) -> html.Div:
    """The whole page, opened at `state`'s view with its filters (the URL's, when known).

    `sections` adds cards to a view ("map": the map card, "countries": the profile card).
    """
    country_options = [
        {"label": n, "value": c}
        for c, n in zip(tables.countries["iso3"], tables.countries["name"], strict=True)
    ]
    extra = sections or {}
    bounds = coverage.bounds if coverage else YEAR_BOUNDS
    content = {
        "overview": [html.Div(id=ids.CHART_NOTICES), *chart_cards()],
        "map": extra.get("map", []),
        "countries": extra.get("countries", []),
        # Sources & method is static and large (some 450 components): built into the page only
        # when it opens there, else the first time it is opened (callbacks/sources.py). Every
        # component in the page costs Dash's renderer time on every change of any view.
        "sources": [
            *(sources_content(tables) if state.view == "sources" else []),
            *extra.get("sources", []),
        ],
    }
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE_STORE),
            *(dcc.Store(id=ids.view_store(v)) for v in VIEW_CHOICES),
            html.Div(id=ids.SCROLL_SINK, hidden=True),
            html.Div(id=ids.PERMALINK, hidden=True),  # read by a11y.js, not by readers
            dcc.Store(id=ids.SOURCES_FILLED, data=state.view == "sources"),
            html.A(s.SKIP_TO_CHARTS, href=f"#{ids.CHARTS}", className="skip-link"),
            html.Div(
                id=ids.LIVE,
                className="visually-hidden",
                role="status",
                **attrs({"aria-live": "polite"}),
            ),
            navbar(),
            dbc.Container(
                [
                    html.Div(id=ids.NOTICES),
                    view_tabs(state.view),
                    dbc.Row(
                        [
                            dbc.Col(
                                filter_panel(
                                    country_options,
                                    coverage_summary(tables),
                                    state=state,
                                    bounds=bounds,
                                    series=coverage,
                                ),
                                md=4,
                                lg=3,
                                className="mb-4 filter-col",
                                id=ids.FILTER_COL,
                            ),
                            dbc.Col(
                                html.Div(
                                    [
                                        dbc.Button(
                                            s.FILTERS_BUTTON,
                                            id=ids.FILTERS_TOGGLE,
                                            color="primary",
                                            className="filters-toggle shadow",
                                        ),
                                        *(
                                            html.Div(
                                                children,
                                                id=ids.view_section(view),
                                                className=f"view-section section-{view}",
                                            )
                                            for view, children in content.items()
                                        ),
                                    ],
                                    id=ids.CHARTS,
                                    tabIndex="-1",  # the skip link's target takes focus
                                ),
                                md=8,
                                lg=9,
                                className="main-col",
                            ),
                        ],
                        id=ids.VIEWS,
                        className=views_class(state.view),
                    ),
                    html.Footer(
                        [
                            s.FOOTER_DATA,
                            html.A(s.FOOTER_SOURCES, href="?view=sources"),
                        ],
                        className="small text-muted py-4",
                    ),
                ],
                fluid=True,
                tag="main",  # the page's main landmark (axe: landmark-one-main, region)
            ),
        ]
    )

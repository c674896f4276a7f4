"""The country profile panel: rendered from data.profile.Profile, every fact with its source."""

from __future__ import annotations

import math
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components.layout import download_menu
from data.profile import (
    CAGR_RULE,
    Growth,
    Headline,
    Profile,
    TargetProgress,
    agreement_status_label,
    date_label,
    millions,
    musd,
    pct_text,
    reference_parts,
)
from export.browser import image_export_problem
from settings import GRAPH_CONFIG

KIND_LABEL = {
    "pta": "PTA",
    "transit_trade": "Transit trade",
    "trade_deal": "Trade deal",
    "mou": "MoU",
    "framework": "Framework",
    "energy": "Energy",
    "other": "Other",
}
STATUS_COLOUR = {
    "in_force": "success",
    "implemented": "info",
    "signed": "primary",
    "announced": "secondary",
    "under_negotiation": "warning",
    "proposed": "secondary",
    "stalled": "danger",
}
CORRIDOR_TYPE = {
    "gas_pipeline": "Gas pipeline",
    "power_line": "Power line",
    "railway": "Railway",
    "road": "Road route",
}
GRAPH_TYPE = "profile-graph"
BRIEF_TYPE = "profile-brief"
PRODUCT_ROWS_SHOWN = 8  # more rows go behind a "show more" toggle, never a cut-off scroll box
# Target rows: label and value share a line that wraps; the bar has the full width below, so a
# 420 px panel (compare view) keeps a readable bar.
TARGET_LINE = {
    "display": "flex",
    "flexWrap": "wrap",
    "justifyContent": "space-between",
    "gap": "0 .5rem",
}


class Citations:
    """Numbers every source cited on one panel, in order of first citation."""

    def __init__(self, profile: Profile) -> None:
        self.iso3 = profile.iso3
        self.refs = profile.references.set_index("source_id")
        self.order: list[str] = []

    def cite(self, source_ids: Any, locator: str | None = None) -> html.Sup:
        """'[1, 3]' superscript linking to the panel's reference list."""
        if isinstance(source_ids, list | tuple | set):
            source_ids = ";".join(source_ids)
        ids = list(dict.fromkeys(s for s in str(source_ids).split(";") if s and s != "nan"))
        links: list[Any] = []
        for sid in ids:
            if sid not in self.order:
                self.order.append(sid)
            n = self.order.index(sid) + 1
            label = self.refs["short_label"].get(sid, sid)
            title = f"{label}" + (f" — {locator}" if isinstance(locator, str) and locator else "")
            if links:
                links.append(", ")
            links.append(html.A(str(n), href=f"#ref-{self.iso3}-{n}", title=title))
        return html.Sup(["[", *links, "]"] if links else [], className="cite")

    def reference_list(self) -> html.Ol:
        """The numbered list of every cited source: label, what it is, link and licence."""
        items = []
        for n, sid in enumerate(self.order, start=1):
            if sid not in self.refs.index:
                items.append(html.Li(sid, id=f"ref-{self.iso3}-{n}"))
                continue
            ref = self.refs.loc[sid]
            url = ref["url"] if isinstance(ref["url"], str) else ""
            where: Any = (
                html.A(url, href=url, target="_blank", rel="noopener noreferrer")
                if url.startswith("http")
                else html.Code(url)
                if url
                else None
            )
            label, detail = reference_parts(ref["short_label"], ref["title"], ref["publisher"])
            items.append(
                html.Li(
                    [
                        html.Strong(label),
                        f": {detail}. " if detail else ". ",
                        where,
                        html.Span(f" — {ref['licence_note']}", className="text-muted"),
                    ],
                    id=f"ref-{self.iso3}-{n}",
                )
            )
        return html.Ol(items, className="small references mb-0")


def money(value: float | None) -> str:
    """US$ million with sensible precision, or an en dash for no figure."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return millions(value)


def _section(title: str, *children: Any) -> html.Section:
    return html.Section(
        [html.H4(title, className="h6 text-uppercase text-muted mt-3 mb-2"), *children],
        className="profile-section",
    )


def _growth_cell(g: Growth | None, cites: Citations) -> Any:
    """The CAGR, cited to both ends' sources; withheld across a change of source, said so."""
    if g is None or (g.value is None and not g.mixed):
        return html.Span("–", title=g.note if g else None, className="has-tip" if g else "")
    if g.mixed:
        return html.Span(
            [html.Span("not shown", title=g.note, className="has-tip"), cites.cite(g.sources)],
            className="text-muted fst-italic",
        )
    return html.Span([pct_text(g.value, signed=True), cites.cite(g.sources)])


def headline_table(headlines: tuple[Headline, ...], cites: Citations) -> Any:
    """One column per series: latest-year exports, imports, balance, turnover, share, rank, CAGR."""
    if not headlines:
        return html.P("No trade figures are recorded for this country.", className="small")
    head = html.Thead(
        html.Tr(
            [html.Th("US$ million")]
            + [
                html.Th(
                    [h.short, html.Br(), html.Span(h.period, className="fw-normal")],
                    title=h.label,
                    scope="col",
                )
                for h in headlines
            ]
        )
    )

    def row(label: str, cells: list[Any], title: str | None = None) -> html.Tr:
        return html.Tr([html.Th(label, scope="row", title=title)] + [html.Td(c) for c in cells])

    def balance_cell(h: Headline) -> Any:
        if h.balance is None:
            return "–"
        colour = "text-primary" if h.balance >= 0 else "text-danger"
        return html.Span(money(h.balance), className=colour)

    def share_cell(h: Headline) -> Any:
        return html.Span(pct_text(h.share_pct), title=h.share_note, className="has-tip")

    def rank_cell(h: Headline) -> Any:
        if h.rank is None:
            return html.Span("–", title=h.share_note, className="has-tip")
        return f"{h.rank} of {h.rank_of}"

    def growth(h: Headline, span: int) -> Growth | None:
        return next((g for g in h.growth if g.span == span), None)

    body = html.Tbody(
        [
            row("Exports", [money(h.export) for h in headlines]),
            row("Imports", [money(h.import_) for h in headlines]),
            row("Balance", [balance_cell(h) for h in headlines], "exports − imports (derived)"),
            row("Turnover", [money(h.turnover) for h in headlines], "exports + imports (derived)"),
            row("Share of CAR trade", [share_cell(h) for h in headlines]),
            row("Rank among CARs", [rank_cell(h) for h in headlines]),
            row(
                "5-year CAGR",
                [_growth_cell(growth(h, 5), cites) for h in headlines],
                "compound annual growth of turnover over 5 years",
            ),
            row(
                "10-year CAGR",
                [_growth_cell(growth(h, 10), cites) for h in headlines],
                "compound annual growth of turnover over 10 years",
            ),
            row("Source (latest year)", [cites.cite(h.sources) for h in headlines]),
        ]
    )
    notes = [
        f"{h.short}, {h.period}: share {h.share_note}" + (f"; {h.cagr_note}" if h.cagr_note else "")
        for h in headlines
    ]
    if any(g.mixed for h in headlines for g in h.growth):
        notes.append(CAGR_RULE)
    return html.Div(
        [
            dbc.Table(
                [head, body],
                size="sm",
                bordered=False,
                hover=True,
                responsive=True,
                className="headline-table small mb-1",
            ),
            html.Ul([html.Li(n) for n in notes], className="small text-muted mb-0 ps-3"),
        ]
    )


def place_line(profile: Profile, cites: Citations) -> Any:
    """'Pakistan's rank among Kazakhstan's partners: 12 of 12 (0.05 %)', its year and basis."""
    place = profile.place
    if place is None:
        return None
    basis = (
        f"{place.year}, turnover as {place.name} reports it (IMF DOTS; derived by the IMF from "
        "partners' records)"
        if place.derived
        else f"{place.year}, turnover as {place.name} reports it (IMF DOTS)"
    )
    return html.P(
        [
            html.Strong(place.text),
            cites.cite("imf_dots_partner", f"{place.name}'s workbook, World and partner rows"),
            html.Span(
                f" · {basis}; rank among the {place.of} partners compared (China, Russia, "
                "Turkey, Iran, India, Afghanistan, Pakistan, the other CARs).",
                className="text-muted",
            ),
        ],
        className="small mb-2 profile-place",
        id=f"profile-place-{profile.iso3}",
    )


def caveat_list(profile: Profile, cites: Citations) -> Any:
    """The data caveats as a warning-toned list."""
    items = [
        html.Li(
            [
                html.Strong(f"{c.title}: "),
                c.text,
                cites.cite(c.sources),
            ]
        )
        for c in profile.caveats
    ]
    return dbc.Alert(html.Ul(items, className="mb-0 ps-3"), color="warning", className="small py-2")


def _target_row(label: str, value: float, share: float, counts: bool, cite: Any, note: str) -> Any:
    """One series' latest figure: label and value on a wrapping line, the bar below."""
    line = html.Div(
        [
            html.Span([label, cite]),
            html.Span(
                f"{musd(value)} · {share:.1f}% of the goal"
                if counts
                else f"{musd(value)} · {note}",
                className="target-value",
            ),
        ],
        style=TARGET_LINE,
    )
    bar = (
        dbc.Progress(value=min(share, 100), style={"height": "10px"}, className="mb-1")
        if counts
        else None
    )
    return html.Div(
        [line, bar],
        className="small mb-1" + ("" if counts else " text-muted"),
        title=None if counts else note,
    )


def target_block(targets: tuple[TargetProgress, ...], cites: Citations) -> Any:
    """Each stated target: the goal, its baseline beside other figures for that year, progress."""
    if not targets:
        return html.P("No stated trade target for this country in the sources.", className="small")
    blocks = []
    for t in targets:
        before = f"before the target was set ({t.baseline_year})" if t.baseline_year else ""
        rows = [
            _target_row(p.label, p.value, p.pct, p.counts, cites.cite(p.sources), before)
            for p in t.progress
        ]
        baseline: list[Any] = []
        if t.baseline:
            baseline.append(html.Div([t.baseline, cites.cite(t.source_ids[:1])], className="small"))
        if t.baseline_figures:
            baseline.append(
                html.Div(
                    f"Other {t.baseline_year} turnover figures in this data:",
                    className="small text-muted",
                )
            )
            baseline.append(
                html.Ul(
                    [
                        html.Li(
                            [
                                f"{b.label}: {musd(b.value)}",
                                cites.cite(b.sources),
                                html.Span(f" — {b.note}" if b.note else "", className="text-muted"),
                            ]
                        )
                        for b in t.baseline_figures
                    ],
                    className="small ps-3 mb-1",
                    title="Other figures for the baseline year in this data",
                )
            )
        blocks.append(
            html.Div(
                [
                    html.Div(
                        [
                            html.Strong(f"Goal: {musd(t.target_usd)}"),
                            f" — {t.description}",
                            cites.cite(t.source_ids),
                        ],
                        className="small",
                    ),
                    *baseline,
                    html.Div(
                        "Latest turnover of each series (its basis and reporter in the label):",
                        className="small text-muted mt-1",
                    ),
                    *rows,
                    html.Div(t.caveat, className="small fst-italic text-muted"),
                ],
                className="mb-2 target-block",
            )
        )
    return html.Div(blocks)


def _date_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return ""
    return str(value)


def agreement_list(frame: pd.DataFrame, cites: Citations) -> Any:
    """Agreements with kind and status badges, dates, a description and the source."""
    if frame.empty:
        return html.P("No agreements recorded in the sources.", className="small")
    items = []
    for _, a in frame.iterrows():
        dates = []
        if _date_text(a["signed"]):
            dates.append(f"signed {date_label(a['signed'], a['signed_precision'])}")
        if _date_text(a["in_force"]):
            dates.append(f"in force {date_label(a['in_force'], a['in_force_precision'])}")
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
                        [a["description"], cites.cite(a["source_id"], a.get("source_locator"))],
                        className="text-muted",
                    ),
                ],
                className="small py-1 px-2",
            )
        )
    return dbc.ListGroup(items, flush=True)


def mechanism_list(frame: pd.DataFrame, cites: Citations) -> Any:
    """Institutional mechanisms: name, what it is, source."""
    if frame.empty:
        return html.P("No institutional mechanisms recorded.", className="small")
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(m["name"]),
                    html.Span(f" — {m['detail']}" if isinstance(m["detail"], str) else ""),
                    cites.cite(m["source_id"], m.get("source_locator")),
                ]
            )
            for _, m in frame.iterrows()
        ],
        className="small ps-3 mb-0",
    )


def membership_table(frame: pd.DataFrame, name: str, cites: Citations) -> Any:
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
            html.Thead(html.Tr([html.Th("Body"), html.Th(name), html.Th("Pakistan"), html.Th("")])),
            html.Tbody(rows),
        ],
        size="sm",
        className="small mb-0 membership-table",
    )


def membership_matrix_table(
    frame: pd.DataFrame, names: dict[str, str], labels: dict[str, str]
) -> Any:
    """Every body × Pakistan and the six CARs; each cell's source on hover, all sources below."""
    columns = [c for c in frame.columns if c.isupper() and len(c) == 3]
    head = html.Tr([html.Th("Body"), *[html.Th(names.get(c, c), scope="col") for c in columns]])
    rows = []
    for _, r in frame.iterrows():
        cells = []
        for code in columns:
            sources = [labels.get(s, s) for s in r["cell_sources"][code].split(";") if s]
            value = str(r[code])
            cells.append(
                html.Td(
                    value,
                    title=f"{names.get(code, code)} in {r['body']}: {value}. Source: "
                    + ("; ".join(sources) or "none"),
                    className="fw-semibold" if value == "member" else "text-muted",
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
                "Sources: " + "; ".join(used) + ". Hover a cell for its source; '—' means the "
                "source says not a member; 'not recorded' means no source here says either way.",
                className="text-muted small mb-0",
            ),
        ]
    )


def corridor_list(frame: pd.DataFrame, cites: Citations) -> Any:
    """Connectivity projects that involve the country (drawn on the map above)."""
    if frame.empty:
        return html.P("No corridor on the map involves this country.", className="small")
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(c["name"]),
                    f" — {CORRIDOR_TYPE.get(c['type'], c['type'])}, "
                    f"{str(c['status']).replace('_', ' ')} ({c['status_when']}). ",
                    html.Span(c["description"], className="text-muted"),
                    cites.cite(c["source_ids"]),
                ]
            )
            for _, c in frame.iterrows()
        ],
        className="small ps-3 mb-0",
    )


PRODUCT_HEAD = ("Year", "Flow", "Product", "Reported by", "US$ M", "")


def _product_row(p: pd.Series, cites: Citations) -> html.Tr:
    year: list[Any] = [str(int(p["year"]))]
    if p["partial"]:
        year = [html.Span(p["partial"], className="fw-semibold"), html.Br(), "partial year"]
    if not pd.isna(p["value_usd"]):
        amount = money(p["value_usd"])
    elif not pd.isna(p["share_pct"]):
        amount = f"{p['share_pct']:.1f}% share"
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
            html.Td("export" if p["flow"] == "export" else p["flow"].replace("total", "both")),
            html.Td(product),
            html.Td(p["reported_by"], className="text-muted"),
            html.Td(amount, className="text-end"),
            html.Td(cites.cite(p["source_id"], p.get("source_detail"))),
        ]
    )


def _product_table(rows: list[html.Tr], head: bool = True) -> Any:
    return dbc.Table(
        ([html.Thead(html.Tr([html.Th(h) for h in PRODUCT_HEAD]))] if head else [])
        + [html.Tbody(rows)],
        size="sm",
        responsive=True,  # a narrow panel scrolls the table sideways instead of overflowing
        className="small mb-0",
    )


def product_table(frame: pd.DataFrame, cites: Citations) -> Any:
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
                    html.Summary(f"Show {len(rest)} more", className="small text-primary"),
                    _product_table(rest, head=False),
                ]
            )
        )
    parts.append(
        html.P(
            "US$ M unless a share is given; 'flow' is from Pakistan's side (export = Pakistan → "
            "partner). Figures from different years and reporters are not comparable.",
            className="small text-muted mb-0 mt-1",
        )
    )
    return html.Div(parts, className="profile-products")


def event_timeline(frame: pd.DataFrame, cites: Citations, name: str = "") -> Any:
    """Dated events, oldest first; regional ones marked; says when none is the country's own."""
    if frame.empty:
        return html.P("No dated events recorded for this country.", className="small")
    own = frame[frame["partner_iso3"] != "CAR"]
    lead = (
        [
            html.P(
                f"No dated {name} events in the sources; regional events below.",
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
                        " (regional)" if e["partner_iso3"] == "CAR" else "", className="text-muted"
                    ),
                    html.Div(
                        [e["description"], cites.cite(e["source_id"], e.get("source_locator"))],
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
    text = musd(value) if unit == "USD" else f"{value:,g} {unit}"
    basis = n["year_basis"] if isinstance(n["year_basis"], str) else ""
    said = {
        "fiscal": " (fiscal basis)",
        "calendar": " (calendar basis)",
        "unknown": " (the text gives neither basis nor reporter)",
    }
    return f": {text}" + said.get(basis, "")


def note_list(frame: pd.DataFrame, cites: Citations, regional: pd.DataFrame | None = None) -> Any:
    """What the seed texts state about the country, then the regional context they give."""

    def statements(rows: pd.DataFrame, class_name: str) -> html.Ul:
        return html.Ul(
            [
                html.Li(
                    [
                        n["statement"],
                        _value_text(n),
                        cites.cite(n["source_id"], n["source_locator"]),
                    ]
                )
                for _, n in rows.iterrows()
            ],
            className=class_name,
        )

    parts: list[Any] = []
    if frame.empty:
        parts.append(html.P("Nothing further in the seed texts.", className="small"))
    else:
        parts.append(statements(frame, "small ps-3 mb-0"))
    if regional is not None and not regional.empty:
        parts += [
            html.Div("Regional context (all the CARs)", className="small fw-semibold mt-2"),
            statements(regional, "small ps-3 mb-0 text-muted"),
        ]
    return html.Div(parts)


def profile_panel(
    profile: Profile,
    colour: str,
    figure: Any,
    query: str,
    *,
    compact: bool,
    caption: str = "",
    axis_note: str = "",
) -> Any:
    """One country's panel. `compact` stacks everything in one column (side-by-side compare)."""
    cites = Citations(profile)
    config: Any = dict(GRAPH_CONFIG)
    config["toImageButtonOptions"] = {
        "format": "png",
        "filename": f"pak-car_profile_{profile.iso3}",
        "scale": 2,
    }
    brief: Any = html.A(
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


def profile_placeholder() -> Any:
    """What the section shows before a country is chosen."""
    return html.P(
        "Choose a country above, click a CAR on the map, select a single country in the filter, "
        "or open a link with country=KAZ. Add a second country to compare them side by side.",
        className="text-muted small mb-0",
        id="profile-placeholder",
    )

"""The profile's figures: headline table, data caveats and the target tracker."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from components.profile.common import TARGET_LINE, Citations, money
from components.types import Cell, Component
from data.profile import (
    CAGR_RULE,
    Growth,
    Headline,
    Profile,
    TargetProgress,
)
from data.text import musd, pct_text


def _growth_cell(g: Growth | None, cites: Citations) -> Component:
    """The CAGR, cited to both ends' sources; withheld across a change of source, said so."""
    if g is None or (g.value is None and not g.mixed):
        return html.Span("–", title=g.note if g else None, className="has-tip" if g else "")
    if g.mixed:
        return html.Span(
            [html.Span("not shown", title=g.note, className="has-tip"), cites.cite(g.sources)],
            className="text-muted fst-italic",
        )
    return html.Span([pct_text(g.value, signed=True), cites.cite(g.sources)])


def headline_table(headlines: tuple[Headline, ...], cites: Citations) -> Component:
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

    def balance_cell(h: Headline) -> Cell:
        if h.balance is None:
            return "–"
        colour = "text-primary" if h.balance >= 0 else "text-danger"
        return html.Span(money(h.balance), className=colour)

    def share_cell(h: Headline) -> Component:
        return html.Span(pct_text(h.share_pct), title=h.share_note, className="has-tip")

    def rank_cell(h: Headline) -> Cell:
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


def place_line(profile: Profile, cites: Citations) -> Component | None:
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


def caveat_list(profile: Profile, cites: Citations) -> Component:
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


def _target_row(
    label: str, value: float, share: float, counts: bool, cite: Any, note: str
) -> Component:
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


def target_block(targets: tuple[TargetProgress, ...], cites: Citations) -> Component:
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

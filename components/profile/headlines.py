"""The profile's figures: headline table, data caveats and the target tracker."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from components import strings
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
            [
                html.Span(strings.GROWTH_NOT_SHOWN, title=g.note, className="has-tip"),
                cites.cite(g.sources),
            ],
            className="text-muted fst-italic",
        )
    return html.Span([pct_text(g.value, signed=True), cites.cite(g.sources)])


def headline_table(headlines: tuple[Headline, ...], cites: Citations) -> Component:
    """One column per series: latest-year exports, imports, balance, turnover, share, rank, CAGR."""
    if not headlines:
        return html.P(strings.PROFILE_NO_TRADE, className="small")
    head = html.Thead(
        html.Tr(
            [html.Th(strings.HEADLINE_UNIT)]
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
        return strings.HEADLINE_RANK_OF.format(rank=h.rank, of=h.rank_of)

    def growth(h: Headline, span: int) -> Growth | None:
        return next((g for g in h.growth if g.span == span), None)

    body = html.Tbody(
        [
            row(strings.HEADLINE_EXPORTS, [money(h.export) for h in headlines]),
            row(strings.HEADLINE_IMPORTS, [money(h.import_) for h in headlines]),
            row(
                strings.HEADLINE_BALANCE,
                [balance_cell(h) for h in headlines],
                strings.HEADLINE_BALANCE_TITLE,
            ),
            row(
                strings.HEADLINE_TURNOVER,
                [money(h.turnover) for h in headlines],
                strings.HEADLINE_TURNOVER_TITLE,
            ),
            row(strings.HEADLINE_SHARE, [share_cell(h) for h in headlines]),
            row(strings.HEADLINE_RANK, [rank_cell(h) for h in headlines]),
            row(
                strings.HEADLINE_CAGR5,
                [_growth_cell(growth(h, 5), cites) for h in headlines],
                strings.HEADLINE_CAGR5_TITLE,
            ),
            row(
                strings.HEADLINE_CAGR10,
                [_growth_cell(growth(h, 10), cites) for h in headlines],
                strings.HEADLINE_CAGR10_TITLE,
            ),
            row(strings.HEADLINE_SOURCE, [cites.cite(h.sources) for h in headlines]),
        ]
    )
    notes = [
        strings.HEADLINE_SHARE_NOTE.format(short=h.short, period=h.period, note=h.share_note)
        + (f"; {h.cagr_note}" if h.cagr_note else "")
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
    basis = (strings.PLACE_BASIS_DERIVED if place.derived else strings.PLACE_BASIS).format(
        year=place.year, name=place.name
    )
    return html.P(
        [
            html.Strong(place.text),
            cites.cite("imf_dots_partner", strings.PLACE_LOCATOR.format(name=place.name)),
            html.Span(
                strings.PLACE_COMPARED.format(basis=basis, n=place.of),
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
                strings.TARGET_PROGRESS.format(value=musd(value), share=f"{share:.1f}")
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
        return html.P(strings.BRIEF_NO_TARGET, className="small")
    blocks = []
    for t in targets:
        before = strings.TARGET_BEFORE.format(year=t.baseline_year) if t.baseline_year else ""
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
                    strings.TARGET_OTHER.format(year=t.baseline_year),
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
                    title=strings.TARGET_OTHER_TITLE,
                )
            )
        blocks.append(
            html.Div(
                [
                    html.Div(
                        [
                            html.Strong(strings.TARGET_GOAL.format(value=musd(t.target_usd))),
                            f" — {t.description}",
                            cites.cite(t.source_ids),
                        ],
                        className="small",
                    ),
                    *baseline,
                    html.Div(
                        strings.TARGET_LATEST,
                        className="small text-muted mt-1",
                    ),
                    *rows,
                    html.Div(t.caveat, className="small fst-italic text-muted"),
                ],
                className="mb-2 target-block",
            )
        )
    return html.Div(blocks)

"""The trade charts' specs: trend, balance, shares, the mirror comparison and the ranking."""

from __future__ import annotations

from charts import summaries
from charts import tables as chart_tables
from charts.context import events_for, palette_for, view_subtitle
from charts.spec import ChartResult, ChartSpec
from components import strings
from data import downloads, queries
from data.loading import Tables
from data.lookups import country_names
from data.state import (
    FLOW_LABEL,
    LOG_BALANCE_NOTICE,
    ViewState,
    log_axis,
    period_label,
    turnover_flow,
)
from figures.ranking import ranking_figure
from figures.trade import balance_figure, mirror_figure, share_figure
from figures.trend import event_key, trend_figure


def _partners(tables: Tables, state: ViewState) -> str:
    """Whom a title names: the one selected country ('Kazakhstan') or 'the CARs'."""
    if len(state.countries) == 1:
        code = state.countries[0]
        return str(country_names(tables).get(code, code))
    return "the CARs"


def _pair(tables: Tables, state: ViewState) -> str:
    """'Pakistan–Kazakhstan' for one country, 'Pakistan–CAR' for several."""
    one = len(state.countries) == 1
    return f"Pakistan–{_partners(tables, state)}" if one else "Pakistan–CAR"


def _trend(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.trend_view(tables, state)
    events = events_for(tables, state)
    if events is not None:
        # Numbered in date order: the caption's list then reads as a timeline.
        events = events.sort_values("date", kind="stable")
    fig = trend_figure(view, state, palette_for(tables), events=events)
    notices = (LOG_BALANCE_NOTICE,) if state.scale == "log" and state.flow == "balance" else ()
    caption = view.caption
    if events is not None and not events.empty and not view.empty_message:
        caption = f"{caption} Events on the chart: {event_key(events)}."
    return ChartResult(
        fig,
        caption,
        f"{_pair(tables, state)} trade: {FLOW_LABEL[state.flow]}",
        notices,
        view_subtitle(tables, state, log_axis=log_axis(state)),
    )


def _balance(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.balance_view(tables, state)
    fig = balance_figure(view, state, palette_for(tables))
    return ChartResult(
        fig,
        view.caption,
        f"Pakistan's trade balance with {_partners(tables, state)}",
        subtitle=view_subtitle(tables, state),
    )


def _share(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.share_view(tables, state)
    fig = share_figure(view, state, palette_for(tables))
    flow = FLOW_LABEL[turnover_flow(state)]
    return ChartResult(
        fig,
        view.caption,
        f"Shares of the selected CARs: {flow}",
        view.notices,
        view_subtitle(tables, state, unit="% of the selected CARs' total"),
    )


def _mirror(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.mirror_view(tables, state)
    fig = mirror_figure(view, state, palette_for(tables))
    return ChartResult(
        fig,
        view.caption,
        # One country: its name in the title (a one-country brief is not about "the CARs").
        (
            f"{_pair(tables, state)} trade, Pakistan-reported vs partner-reported (IMF DOTS mirror)"
            if len(state.countries) == 1
            else "Pakistan-reported vs partner-reported trade (IMF DOTS mirror)"
        ),
        view.notices,
        view_subtitle(
            tables,
            state,
            basis="calendar",
            reporters="Pakistan- vs partner-reported",
            log_axis=state.scale == "log",
        ),
    )


def _ranking(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.ranking_view(tables, state)
    title = (
        f"Ranking and growth: {FLOW_LABEL[state.flow]}, {period_label(state.years[1], state.basis)}"
    )
    return ChartResult(
        ranking_figure(view, state), view.caption, title, subtitle=view_subtitle(tables, state)
    )


TREND = ChartSpec(
    "trend",
    "Trade over time",
    "Per country, with the total of the selected CARs",
    _trend,
    downloads.trend_parts,
    table_rows=chart_tables.trend_table,
    summary=summaries.trend_summary,
    position=10,
    in_brief=True,
)
BALANCE = ChartSpec(
    "balance",
    "Trade balance",
    "Pakistan's surplus (blue) or deficit (red), per country",
    _balance,
    downloads.balance_parts,
    table_rows=chart_tables.balance_table,
    summary=summaries.balance_summary,
    position=20,
    width=6,
    in_brief=True,
)
SHARE = ChartSpec(
    "share",
    "Shares",
    "Each CAR's share of Pakistan's trade with the selected CARs",
    _share,
    downloads.share_parts,
    table_rows=chart_tables.share_table,
    summary=summaries.share_summary,
    position=30,
    width=6,
)
MIRROR = ChartSpec(
    "mirror",
    "When the sources disagree",
    "Pakistan-reported against partner-reported figures (IMF DOTS mirror data)",
    _mirror,
    downloads.mirror_parts,
    table_rows=chart_tables.mirror_table,
    summary=summaries.mirror_summary,
    position=50,
    in_brief=True,
)
RANKING = ChartSpec(
    "ranking",
    "Ranking and growth",
    strings.RANKING_SUBTITLE,
    _ranking,
    downloads.ranking_parts,
    table_rows=chart_tables.ranking_table,
    summary=summaries.ranking_summary,
    page="grid",
    position=40,
)

# The registry lists these in this order (the order of names in URLs and error messages).
SPECS = (TREND, BALANCE, SHARE, MIRROR, RANKING)

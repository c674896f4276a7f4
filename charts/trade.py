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
    return strings.THE_CARS


def _pair(tables: Tables, state: ViewState) -> str:
    """'Pakistan–Kazakhstan' for one country, 'Pakistan–CAR' for several."""
    one = len(state.countries) == 1
    return (
        strings.PAKISTAN_PAIR.format(partner=_partners(tables, state))
        if one
        else strings.PAKISTAN_CAR
    )


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
        caption = f"{caption} {strings.TREND_EVENTS_KEY.format(key=event_key(events))}"
    return ChartResult(
        fig,
        caption,
        strings.TREND_EXPORT_TITLE.format(pair=_pair(tables, state), flow=FLOW_LABEL[state.flow]),
        notices,
        view_subtitle(tables, state, log_axis=log_axis(state)),
    )


def _balance(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.balance_view(tables, state)
    fig = balance_figure(view, state, palette_for(tables))
    return ChartResult(
        fig,
        view.caption,
        strings.BALANCE_EXPORT_TITLE.format(partner=_partners(tables, state)),
        subtitle=view_subtitle(tables, state),
    )


def _share(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.share_view(tables, state)
    fig = share_figure(view, state, palette_for(tables))
    flow = FLOW_LABEL[turnover_flow(state)]
    return ChartResult(
        fig,
        view.caption,
        strings.SHARE_EXPORT_TITLE.format(flow=flow),
        view.notices,
        view_subtitle(tables, state, unit=strings.SHARE_UNIT),
    )


def _mirror(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.mirror_view(tables, state)
    fig = mirror_figure(view, state, palette_for(tables))
    return ChartResult(
        fig,
        view.caption,
        # One country: its name in the title (a one-country brief is not about "the CARs").
        (
            strings.MIRROR_EXPORT_TITLE_ONE.format(pair=_pair(tables, state))
            if len(state.countries) == 1
            else strings.MIRROR_EXPORT_TITLE
        ),
        view.notices,
        view_subtitle(
            tables,
            state,
            basis="calendar",
            reporters=strings.MIRROR_REPORTERS,
            log_axis=state.scale == "log",
        ),
    )


def _ranking(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.ranking_view(tables, state)
    title = strings.RANKING_EXPORT_TITLE.format(
        flow=FLOW_LABEL[state.flow], period=period_label(state.years[1], state.basis)
    )
    return ChartResult(
        ranking_figure(view, state), view.caption, title, subtitle=view_subtitle(tables, state)
    )


TREND = ChartSpec(
    "trend",
    strings.TREND_TITLE,
    strings.TREND_SUBTITLE,
    _trend,
    downloads.trend_parts,
    table_rows=chart_tables.trend_table,
    summary=summaries.trend_summary,
    position=10,
    in_brief=True,
)
BALANCE = ChartSpec(
    "balance",
    strings.BALANCE_TITLE,
    strings.BALANCE_SUBTITLE,
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
    strings.SHARE_TITLE,
    strings.SHARE_SUBTITLE,
    _share,
    downloads.share_parts,
    table_rows=chart_tables.share_table,
    summary=summaries.share_summary,
    position=30,
    width=6,
)
MIRROR = ChartSpec(
    "mirror",
    strings.MIRROR_TITLE,
    strings.MIRROR_SUBTITLE,
    _mirror,
    downloads.mirror_parts,
    table_rows=chart_tables.mirror_table,
    summary=summaries.mirror_summary,
    position=50,
    in_brief=True,
)
RANKING = ChartSpec(
    "ranking",
    strings.RANKING_TITLE,
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

"""One entry per chart: how to build its figure, caption and export title from tables + state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from data import context, queries
from data.geo import map_view
from data.loading import Tables
from data.profile import Profile, profile
from data.schema import CAR_CODES
from data.state import (
    FLOW_LABEL,
    REPORTER_LABEL,
    ViewState,
    flow_phrase,
    period_label,
    upper_first,
)
from figures.context import carshare_figure, partners_figure, transit_figure
from figures.corridor_map import map_figure
from figures.profile import profile_figure
from figures.ranking import ranking_figure
from figures.trade import Palette, balance_figure, mirror_figure, share_figure, trend_figure

# The corridor map's frame (Baku to eastern Kazakhstan, down to Karachi) is taller than wide.
MAP_PLOT_ASPECT = 0.75
MAP_MIN_WIDTH = 1000  # below it the legend, key and colour bar overlap and labels collide


class ChartRequestError(ValueError):
    """The view asks a chart for something it cannot draw (e.g. a profile with no country)."""


@dataclass(frozen=True)
class ChartResult:
    """A built chart: the figure, its caption (sources, vintage, coverage) and notices."""

    figure: go.Figure
    caption: str
    title: str
    notices: tuple[str, ...] = ()
    subtitle: str = ""  # the filters the chart shows, for an exported image
    # Plot height ÷ width an image keeps when no height is asked for (None: the on-screen height).
    plot_aspect: float | None = None
    min_width: int = 600  # narrower images of this chart would not be legible


def palette_for(tables: Tables) -> Palette:
    """Names, colours and source labels from the tables."""
    return Palette(
        names=queries.country_names(tables),
        colours=queries.country_colours(tables),
        sources=queries.source_labels(tables),
    )


def _events_of_countries(tables: Tables, state: ViewState) -> tuple[pd.DataFrame, pd.Series]:
    """Events of the selected countries (and regional ones) and the year each falls in."""
    ev = tables.events
    ev = ev[ev["partner_iso3"].isin([*state.countries, "CAR"])]
    year = ev["date"].str[:4].astype(int)
    if state.basis == "fiscal":
        # July onwards belongs to the fiscal year that ends the next June (a year-only date is
        # placed mid-year, as on the chart, i.e. in the FY ending that June).
        month = pd.to_numeric(ev["date"].str[5:7], errors="coerce").fillna(6)
        year = year + (month >= 7).astype(int)
    return ev, year


def events_for(tables: Tables, state: ViewState) -> pd.DataFrame | None:
    """Events of the selected countries inside the year range (the trend overlay), if asked for."""
    if not state.events:
        return None
    ev, years = _events_of_countries(tables, state)
    return ev[years.between(*state.years)]


def events_notice(tables: Tables, state: ViewState) -> str | None:
    """With the overlay on, say which of the selected countries' events the range leaves out."""
    if not state.events:
        return None
    ev, years = _events_of_countries(tables, state)
    outside = years[~years.between(*state.years)]
    if outside.empty:
        return None if not ev.empty else "The sources date no events for the selected countries."
    first, last = int(outside.min()), int(outside.max())

    def label(year: int) -> str:
        return period_label(year, state.basis)

    span = label(first) if first == last else f"{label(first)}–{label(last)}"
    shown = len(ev) - len(outside)
    what = f"{len(outside)} of the {len(ev)} events"
    if shown == 0:
        what = "The only event" if len(ev) == 1 else f"All {len(ev)} events"
    verb = "falls" if len(outside) == 1 else "fall"
    return (
        f"{what} of the selected countries {verb} in {span}, outside the years shown "
        f"({label(state.years[0])}–{label(state.years[1])}), so the trend chart "
        + (f"shows {shown}. " if shown else "shows none. ")
        + f"Widen the years to {min(first, state.years[0])}–{max(last, state.years[1])} "
        + ("to see it." if len(outside) == 1 else "to see them all.")
    )


def view_subtitle(
    tables: Tables,
    state: ViewState,
    *,
    basis: str | None = None,
    reporters: str | None = None,
    unit: str | None = None,
    span: str | None = None,
    countries: tuple[str, ...] | None = None,
    log_axis: bool = False,
) -> str:
    """'Kazakhstan and Uzbekistan · 2005–2020 · Pakistan-reported · … · US$ million'.

    The keywords override what a chart shows differently from the view (the mirror is
    calendar-year and both reporters; shares are in %; the map shows one year of all six).
    """
    basis = basis or state.basis
    span = span or f"{period_label(state.years[0], basis)}–{period_label(state.years[1], basis)}"
    parts = [
        upper_first(queries.names_list(tables, countries or state.countries)),
        span,
        upper_first(reporters or REPORTER_LABEL[state.reporter]),
        "Pakistan fiscal years" if basis == "fiscal" else "calendar years",
        unit or state.unit_label,
    ]
    if log_axis:
        parts.append("log scale")
    return " · ".join(parts)


def _trend(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.trend_view(tables, state)
    fig = trend_figure(view, state, palette_for(tables), events=events_for(tables, state))
    notices: tuple[str, ...] = ()
    if state.scale == "log" and state.flow == "balance":
        notices = ("A balance can be negative: the trend axis stays linear.",)
    log_axis = state.scale == "log" and state.flow != "balance"
    return ChartResult(
        fig,
        view.caption,
        f"Pakistan–CAR trade: {FLOW_LABEL[state.flow]}",
        notices,
        view_subtitle(tables, state, log_axis=log_axis),
    )


def _balance(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.balance_view(tables, state)
    fig = balance_figure(view, state, palette_for(tables))
    return ChartResult(
        fig,
        view.caption,
        "Pakistan's trade balance with the CARs",
        subtitle=view_subtitle(tables, state),
    )


def _share(tables: Tables, state: ViewState) -> ChartResult:
    view = queries.share_view(tables, state)
    fig = share_figure(view, state, palette_for(tables))
    flow = FLOW_LABEL[queries.share_flow(state)]
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
        "Pakistan-reported vs partner-reported trade (IMF DOTS mirror)",
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


def _map(tables: Tables, state: ViewState) -> ChartResult:
    view = map_view(tables, state)
    fig = map_figure(view, selected=state.country)
    # The map shades all six CARs for the end year of the range, whatever the selection.
    subtitle = view_subtitle(
        tables,
        state,
        countries=CAR_CODES,
        span=period_label(state.years[1], state.basis),
    )
    return ChartResult(
        fig,
        view.caption,
        f"Corridors and {flow_phrase(state.flow)}",
        (),
        subtitle,
        plot_aspect=MAP_PLOT_ASPECT,
        min_width=MAP_MIN_WIDTH,
    )


def _profile(tables: Tables, state: ViewState) -> ChartResult:
    if state.country is None:
        raise ChartRequestError(f"choose a country: add country=<{'|'.join(CAR_CODES)}>")
    return profile_chart(tables, profile(tables, state.country))


def profile_chart(tables: Tables, view: Profile) -> ChartResult:
    """The profile's chart from an already built profile view model."""
    fig = profile_figure(
        view,
        queries.country_colours(tables)[view.iso3],
        queries.source_labels(tables),
    )
    sources = sorted({s for ids in view.spark[queries.SOURCES] for s in str(ids).split(";")})
    labels = queries.source_labels(tables)
    caption = (
        f"Trade turnover (exports + imports) between Pakistan and {view.name}, US$ million, in "
        "every series the data holds: Pakistan-reported and partner-reported calendar years, "
        "and Pakistan fiscal years (plotted at their mid-point, half a year earlier). Missing "
        "years are gaps, not zeros; nothing is interpolated. Sources: "
        + "; ".join(labels.get(s, s) for s in sources)
        + f". Vintage: {queries.DOTS_VINTAGE}; later years from the national sources named."
    )
    subtitle = (
        f"{view.name} · every year in the data · Pakistan- and partner-reported calendar years, "
        "Pakistan fiscal years · US$ million"
    )
    return ChartResult(
        fig, caption, f"Pakistan–{view.name} trade turnover by source", subtitle=subtitle
    )


def _context_subtitle(tables: Tables, state: ViewState, countries: tuple[str, ...]) -> str:
    start = max(state.years[0], context.CONTEXT_YEARS[0])
    end = min(state.years[1], context.CONTEXT_YEARS[1])
    return view_subtitle(
        tables,
        state.with_(basis="calendar"),
        span=f"{start}–{end}" if start <= end else f"{state.years[0]}–{state.years[1]}",
        countries=countries,
        reporters="IMF DOTS, each reporter's own records",
        unit="% of the reporter's World total",
    )


def _carshare(tables: Tables, state: ViewState) -> ChartResult:
    view = context.car_share_view(tables, state)
    flow = context.FLOW_WORDS[queries.share_flow(state)]
    return ChartResult(
        carshare_figure(view, state, palette_for(tables)),
        view.caption,
        f"The CARs' share of Pakistan's world {flow}",
        subtitle=_context_subtitle(tables, state, state.countries),
    )


def _partners(tables: Tables, state: ViewState) -> ChartResult:
    view = context.partners_view(tables, state)
    iso3 = context.focus_country(state)
    name = queries.country_names(tables)[iso3]
    return ChartResult(
        partners_figure(view, state, name),
        view.caption,
        f"Pakistan among {name}'s trade partners",
        subtitle=_context_subtitle(tables, state, (iso3,)),
    )


def _transit(tables: Tables, state: ViewState) -> ChartResult:
    view = context.transit_view(tables, state)
    return ChartResult(
        transit_figure(view, state),
        view.caption,
        "The transit question: Afghanistan and the reporting gap",
        subtitle=_context_subtitle(tables, state, state.countries).replace(
            "% of the reporter's World total", state.unit_label
        ),
    )


CHARTS: dict[str, Callable[[Tables, ViewState], ChartResult]] = {
    "trend": _trend,
    "balance": _balance,
    "share": _share,
    "mirror": _mirror,
    "ranking": _ranking,
    "map": _map,
    "profile": _profile,
    "carshare": _carshare,
    "partners": _partners,
    "transit": _transit,
}


def build_chart(tables: Tables, state: ViewState, chart: str) -> ChartResult:
    """Build one registered chart; KeyError for an unknown name."""
    return CHARTS[chart](tables, state)

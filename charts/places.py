"""The place charts' specs: the corridor map and a country profile's turnover chart."""

from __future__ import annotations

from charts import summaries
from charts import tables as chart_tables
from charts.context import view_subtitle
from charts.spec import (
    MAP_MIN_WIDTH,
    MAP_PLOT_ASPECT,
    ChartRequestError,
    ChartResult,
    ChartSpec,
)
from components import strings
from data import captions, downloads, lookups, queries
from data.loading import Tables
from data.map import map_view
from data.profile import Profile, profile
from data.schema import CAR_CODES
from data.state import ViewState, flow_phrase, period_label
from figures.corridor_map import map_figure
from figures.profile import profile_figure
from figures.theme import for_both_themes


def _map(tables: Tables, state: ViewState) -> ChartResult:
    view = map_view(tables, state)
    fig = map_figure(view, selected=state.country, image=True)
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
        strings.MAP_EXPORT_TITLE.format(flow=flow_phrase(state.flow)),
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
        for_both_themes(lookups.country_colours(tables)[view.iso3]),
        lookups.source_labels(tables),
    )
    sources = sorted({s for ids in view.spark[queries.SOURCES] for s in str(ids).split(";")})
    labels = lookups.source_labels(tables)
    caption = (
        f"Trade turnover (exports + imports) between Pakistan and {view.name}, US$ million, in "
        "every series the data holds: Pakistan-reported and partner-reported calendar years, "
        "and Pakistan fiscal years (plotted at their mid-point, half a year earlier). Missing "
        "years are gaps, not zeros; nothing is interpolated. Sources: "
        + "; ".join(labels.get(s, s) for s in sources)
        + f". Vintage: {captions.DOTS_VINTAGE}; later years from the national sources named."
    )
    subtitle = strings.PROFILE_EXPORT_SUBTITLE.format(name=view.name)
    return ChartResult(
        fig, caption, strings.PROFILE_EXPORT_TITLE.format(name=view.name), subtitle=subtitle
    )


MAP = ChartSpec(
    "map",
    strings.MAP_TITLE,
    # The how-to lives here, not in the caption: the caption is also the image's footer.
    strings.MAP_SUBTITLE,
    _map,
    downloads.map_parts,
    table_rows=chart_tables.map_table,
    summary=summaries.map_summary,
    page="own",
    position=60,
    in_view_data=False,
)
PROFILE = ChartSpec(
    "profile",
    strings.PROFILE_TITLE,
    strings.PROFILE_SUBTITLE,
    _profile,
    downloads.profile_parts,
    page="own",
    position=70,
    in_view_data=False,
)

SPECS = (MAP, PROFILE)

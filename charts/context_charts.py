"""The context charts' specs: the CARs in Pakistan's world trade, Pakistan among a CAR's
partners, and the transit question (data/context.py, figures/context.py)."""

from __future__ import annotations

from charts import summaries
from charts import tables as chart_tables
from charts.context import palette_for, view_subtitle
from charts.spec import ChartResult, ChartSpec, Rows, no_parts
from components import strings
from data import context
from data.loading import Tables
from data.lookups import country_names
from data.state import ViewState, turnover_flow
from figures.context import carshare_figure, partners_figure, transit_figure


def _context_subtitle(tables: Tables, state: ViewState, countries: tuple[str, ...]) -> str:
    start = max(state.years[0], context.CONTEXT_YEARS[0])
    end = min(state.years[1], context.CONTEXT_YEARS[1])
    return view_subtitle(
        tables,
        state.with_(basis="calendar"),
        span=f"{start}–{end}" if start <= end else f"{state.years[0]}–{state.years[1]}",
        countries=countries,
        reporters=strings.CONTEXT_REPORTERS,
        unit=strings.CONTEXT_UNIT,
    )


def _carshare(tables: Tables, state: ViewState) -> ChartResult:
    view = context.car_share_view(tables, state)
    flow = context.FLOW_WORDS[turnover_flow(state)]
    return ChartResult(
        carshare_figure(view, state, palette_for(tables)),
        view.caption,
        strings.CARSHARE_EXPORT_TITLE.format(flow=flow),
        subtitle=_context_subtitle(tables, state, state.countries),
    )


def _partners(tables: Tables, state: ViewState) -> ChartResult:
    view = context.partners_view(tables, state)
    iso3 = context.focus_country(state)
    name = country_names(tables)[iso3]
    return ChartResult(
        partners_figure(view, state, name),
        view.caption,
        strings.PARTNERS_EXPORT_TITLE.format(name=name),
        subtitle=_context_subtitle(tables, state, (iso3,)),
    )


def _transit(tables: Tables, state: ViewState) -> ChartResult:
    view = context.transit_view(tables, state)
    return ChartResult(
        transit_figure(view, state),
        view.caption,
        strings.TRANSIT_EXPORT_TITLE,
        subtitle=_context_subtitle(tables, state, state.countries).replace(
            strings.CONTEXT_UNIT, state.unit_label
        ),
    )


def _download(chart: str) -> Rows:
    """A context chart's download rows (context cells, with `reporter_iso3`)."""
    return lambda tables, state: context.context_download_rows(tables, state, chart)


# Not in the whole view's trade rows (`in_view_data`): export/data_routes.py appends every
# context chart's cells to the whole-view download once, de-duplicated across the three.
CARSHARE = ChartSpec(
    "carshare",
    strings.CARSHARE_TITLE,
    strings.CARSHARE_SUBTITLE,
    _carshare,
    no_parts,
    download_rows=_download("carshare"),
    table_rows=chart_tables.carshare_table,
    summary=summaries.carshare_summary,
    position=51,
    in_view_data=False,
)
PARTNERS = ChartSpec(
    "partners",
    strings.PARTNERS_TITLE,
    strings.PARTNERS_SUBTITLE,
    _partners,
    no_parts,
    download_rows=_download("partners"),
    table_rows=chart_tables.partners_table,
    summary=summaries.partners_summary,
    position=52,
    in_view_data=False,
    in_brief=True,
)
TRANSIT = ChartSpec(
    "transit",
    strings.TRANSIT_TITLE,
    strings.TRANSIT_SUBTITLE,
    _transit,
    no_parts,
    download_rows=_download("transit"),
    table_rows=chart_tables.transit_table,
    summary=summaries.transit_summary,
    position=53,
    in_view_data=False,
)

SPECS = (CARSHARE, PARTNERS, TRANSIT)

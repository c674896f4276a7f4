"""The chart registry: every chart's spec, by name, in URL order."""

from __future__ import annotations

import pandas as pd

from charts import context_charts, places, trade
from charts.spec import ChartResult, ChartSpec
from data.downloads import download_rows
from data.loading import Tables
from data.state import ViewState

# Every chart module's SPECS, in URL order. A new chart in an existing module needs no edit here.
CHARTS: dict[str, ChartSpec] = {
    spec.name: spec for spec in (*trade.SPECS, *places.SPECS, *context_charts.SPECS)
}


def build_chart(tables: Tables, state: ViewState, chart: str) -> ChartResult:
    """Build one registered chart; KeyError for an unknown name."""
    return CHARTS[chart].build(tables, state)


def page_charts(page: str) -> list[ChartSpec]:
    """The charts the page draws the given way ("graph", "grid", "own"), in page order."""
    return sorted((s for s in CHARTS.values() if s.page == page), key=lambda s: s.position)


def card_charts() -> list[ChartSpec]:
    """The chart cards of the page's main column ("graph" and "grid"), in page order."""
    return sorted((s for s in CHARTS.values() if s.page != "own"), key=lambda s: s.position)


def brief_charts() -> list[ChartSpec]:
    """The charts the country brief draws, in registry order."""
    return [s for s in CHARTS.values() if s.in_brief]


def figures_behind_view(tables: Tables, state: ViewState, chart: str | None = None) -> pd.DataFrame:
    """Every figure a chart (or the whole view) draws, one row per figure, derived rows marked."""
    if chart and CHARTS[chart].download_rows is not None:
        return CHARTS[chart].download_rows(tables, state)  # type: ignore[misc]
    specs = [CHARTS[chart]] if chart else [s for s in CHARTS.values() if s.in_view_data]
    return download_rows(tables, [(s.name, s.download_parts(tables, state)) for s in specs])

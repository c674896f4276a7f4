"""The CAR shading of the map and the texts that change with the filters."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components import strings
from data.captions import DOTS_VINTAGE
from data.loading import Tables
from data.lookups import country_names, source_labels
from data.map.corridors import _corridor_vintage
from data.map.model import ShadingView
from data.queries import SOURCES, flow_series, primary_figures
from data.schema import CAR_CODES, PARTNER, SOURCE_ID, VALUE
from data.state import REPORTER_LABEL, ViewState, flow_phrase, period_label
from data.text import value_text
from data.view_memo import per_view


def map_shading(tables: Tables, state: ViewState) -> pd.DataFrame:
    """All six CARs with the chosen flow in the end year of the range (NaN where none)."""
    end = state.years[1]
    everyone = state.with_(countries=CAR_CODES, years=(end, end))
    series = flow_series(primary_figures(tables, everyone), state.flow).set_index(PARTNER)
    labels = source_labels(tables)
    names = country_names(tables)
    rows = []
    for code in CAR_CODES:
        value = series[VALUE].get(code)
        sources = series[SOURCES].get(code) if code in series.index else None
        shown = None if value is None else float(value) / state.divisor
        rows.append(
            {
                PARTNER: code,
                "name": names[code],
                VALUE: shown,
                "value_text": "no figure" if shown is None else value_text(shown, state.unit),
                "has_value": value is not None,
                "period": period_label(end, state.basis),
                "source": " + ".join(labels.get(s, s) for s in str(sources).split(";"))
                if sources
                else "no figure",
                "source_ids": str(sources) if sources else "",
            }
        )
    frame = pd.DataFrame(rows)
    frame["rank"] = frame[VALUE].rank(ascending=False, method="min")
    present = int(frame["has_value"].sum())
    frame["rank_text"] = ["—" if r != r else f"{int(r)} of {present}" for r in frame["rank"]]
    return frame


def shading_view(tables: Tables, state: ViewState) -> ShadingView:
    """The shading and its texts for a view state (cheap: no corridor lines).

    Memoised on what it depends on (the end year, flow, basis, reporter, unit; the day, for
    the corridors' "as of" text): a year change that keeps the end year reuses it."""
    end = state.years[1]
    keyed = ViewState(
        years=(end, end),
        flow=state.flow,
        basis=state.basis,
        reporter=state.reporter,
        unit=state.unit,
    )
    return _shading_view(tables, keyed, tables.clock())


@per_view
def _shading_view(tables: Tables, state: ViewState, today: date) -> ShadingView:
    # `today` only keys the memo: the caption names the day (tables.clock).
    shading = map_shading(tables, state)
    year_label = period_label(state.years[1], state.basis)
    flow = flow_phrase(state.flow)
    ids = {s for cell in shading["source_ids"] for s in cell.split(";") if s}
    labels = source_labels(tables)
    used = sorted({labels.get(s, s) for s in ids})
    if any(s.startswith("imf_dots") for s in ids):
        vintage = f". Vintage: {DOTS_VINTAGE}"
    elif ids:
        retrieved = sorted(tables.sources[tables.sources[SOURCE_ID].isin(ids)]["retrieved"])
        vintage = f", retrieved {retrieved[0]}" + (
            f" to {retrieved[-1]}" if retrieved[-1] != retrieved[0] else ""
        )
    else:
        vintage = ""
    empty = None
    if not shading["has_value"].any():
        empty = (
            f"No figures for {year_label}: no {REPORTER_LABEL[state.reporter]} "
            f"{'fiscal-year' if state.basis == 'fiscal' else 'calendar-year'} figures for "
            f"{flow} with any CAR. Choose another end year, basis or reporter."
        )
    caption = (
        f"Shading: {flow} in {year_label}, {REPORTER_LABEL[state.reporter]}, "
        f"{state.unit_label}. "
        + (
            f"Source: {'; '.join(used)}{vintage}. Grey = no figure for that year. "
            if used
            else f"No figures for {year_label}. "
        )
        + _corridor_vintage(tables)
        + " All lines except TAPI are schematic: straight lines through named places, not "
        "surveyed routes; the CKU railway extension's arrow only points towards Pakistan, as no "
        "route is given. Place positions are approximate (±0.05°)."
    )
    flow_label = strings.FLOW_SHORT[state.flow]
    return ShadingView(
        shading=shading,
        caption=caption,
        colour_title=strings.MAP_COLOUR_TITLE.format(
            flow=flow_label, year=year_label, unit=state.unit_label
        ),
        year_label=year_label,
        flow_label=flow_label,
        unit=state.unit,
        diverging=state.flow == "balance",
        empty_message=empty,
    )

"""The figures behind a chart, one row per figure, for the CSV/XLSX downloads."""

from __future__ import annotations

import pandas as pd

from data.loading import Tables
from data.lookups import country_names, source_labels
from data.queries import (
    DERIVED,
    SOURCES,
    alternative_figures,
    flow_series,
    primary_figures,
    total_series,
)
from data.schema import (
    BASIS,
    CAR_CODES,
    ESTIMATE,
    FIGURE_ID,
    FLOW,
    NOTE,
    PARTNER,
    REPORTER,
    SOURCE_DETAIL,
    SOURCE_ID,
    VALUE,
    YEAR,
)
from data.state import (
    FLOW_LABEL,
    REPORTER_LABEL,
    YEAR_BOUNDS,
    ViewState,
    period_label,
    turnover_flow,
)

Part = tuple[pd.DataFrame, str]  # figures a chart draws and their role (primary, derived, ...)

DOWNLOAD_COLUMNS = [
    FIGURE_ID,
    PARTNER,
    "partner_name",
    YEAR,
    "period",
    BASIS,
    FLOW,
    REPORTER,
    VALUE,
    ESTIMATE,
    DERIVED,
    "role",
    SOURCE_ID,
    "source",
    SOURCE_DETAIL,
    NOTE,
    "charts",
]


def drawn(figures: pd.DataFrame, flow: str) -> list[Part]:
    """The figures a chart of `flow` draws: that flow's, or both flows and what they give."""
    if flow in ("export", "import"):
        return [(figures[figures[FLOW] == flow], "primary")]
    return [(figures, "primary"), (flow_series(figures, flow), "derived")]


def trend_parts(tables: Tables, state: ViewState) -> list[Part]:
    """The trend's figures, other sources' figures and the total of the selected CARs."""
    base = primary_figures(tables, state)
    return [
        *drawn(base, state.flow),
        (alternative_figures(tables, state), "alternative"),
        (_total_rows(tables, state, base), "total"),
    ]


def balance_parts(tables: Tables, state: ViewState) -> list[Part]:
    """Exports and imports and the balance they give."""
    return drawn(primary_figures(tables, state), "balance")


def share_parts(tables: Tables, state: ViewState) -> list[Part]:
    """The figures the shares are computed from (turnover for a balance view)."""
    return drawn(primary_figures(tables, state), turnover_flow(state))


def ranking_parts(tables: Tables, state: ViewState) -> list[Part]:
    """The figures the ranking ranks."""
    return drawn(primary_figures(tables, state), state.flow)


def mirror_parts(tables: Tables, state: ViewState) -> list[Part]:
    """Both reporters' calendar-year figures."""
    cal = state.with_(basis="calendar")
    return [
        part
        for rep in ("pakistan", "partner")
        for part in drawn(primary_figures(tables, cal, reporter=rep), turnover_flow(state))
    ]


def map_parts(tables: Tables, state: ViewState) -> list[Part]:
    """All six CARs in the range's end year (what the map shades)."""
    end = state.years[1]
    shading = state.with_(countries=CAR_CODES, years=(end, end))
    return drawn(primary_figures(tables, shading), state.flow)


def profile_parts(tables: Tables, state: ViewState) -> list[Part]:
    """Every turnover series of the open profile's country (none without one)."""
    if state.country is None:
        return []
    every_year = state.with_(countries=(state.country,), years=YEAR_BOUNDS)
    return [
        part
        for basis in ("calendar", "fiscal")
        for rep in ("pakistan", "partner")
        for part in drawn(
            primary_figures(tables, every_year, reporter=rep, basis=basis), "turnover"
        )
    ]


def download_rows(tables: Tables, charts: list[tuple[str, list[Part]]]) -> pd.DataFrame:
    """One row per figure of the charts' parts (a figure drawn by several lists them all)."""
    labels = source_labels(tables)
    names = country_names(tables)
    detail = dict(zip(tables.trade[FIGURE_ID], tables.trade[SOURCE_DETAIL], strict=True))
    parts: list[pd.DataFrame] = []
    for name, chart_parts in charts:
        for frame, role in chart_parts:
            if frame.empty:
                continue
            out = frame.copy()
            if SOURCE_ID not in out.columns:
                out[SOURCE_ID] = out[SOURCES]
            if FIGURE_ID not in out.columns:
                out[FIGURE_ID] = ""
            if DERIVED not in out.columns:
                out[DERIVED] = False
            out["role"] = role
            out["charts"] = name
            parts.append(out)
    if not parts:
        return pd.DataFrame(columns=DOWNLOAD_COLUMNS)
    rows = pd.concat(parts, ignore_index=True)
    rows["_key"] = rows[FIGURE_ID].where(
        rows[FIGURE_ID] != "",
        rows[PARTNER] + rows[YEAR].astype(str) + rows[BASIS] + rows[REPORTER] + rows[FLOW],
    )
    charts_by_key = rows.groupby("_key")["charts"].agg(lambda s: ";".join(dict.fromkeys(s)))
    rows = rows.drop_duplicates("_key").copy()
    rows["charts"] = rows["_key"].map(charts_by_key)
    rows["partner_name"] = rows[PARTNER].map(names).fillna(rows.get("partner_name"))
    rows["period"] = [period_label(int(y), b) for y, b in zip(rows[YEAR], rows[BASIS], strict=True)]
    rows["source"] = [
        " + ".join(dict.fromkeys(labels.get(s, s) for s in str(sid).split(";")))
        for sid in rows[SOURCE_ID]
    ]
    given = rows[SOURCE_DETAIL] if SOURCE_DETAIL in rows.columns else pd.Series(index=rows.index)
    rows[SOURCE_DETAIL] = [
        detail.get(fid)
        or (g if isinstance(g, str) and g else None)
        or "derived from the figures listed with the same partner, year and basis"
        for fid, g in zip(rows[FIGURE_ID], given, strict=True)
    ]
    rows = rows.sort_values([PARTNER, BASIS, REPORTER, FLOW, YEAR, "role"]).reset_index(drop=True)
    return rows[DOWNLOAD_COLUMNS]


TOTAL_CODE = "TOTAL"  # partner_iso3 of the trend chart's total of the selected CARs


def _total_rows(tables: Tables, state: ViewState, base: pd.DataFrame) -> pd.DataFrame:
    """The trend chart's 'Selected CARs total' as download rows (years complete for all)."""
    if len(state.countries) < 2:
        return base.iloc[0:0]
    series = flow_series(base, state.flow)
    total = total_series(series, state.countries)
    if total.empty:
        return base.iloc[0:0]
    complete = series[series[YEAR].isin(total[YEAR])]
    sources = complete.groupby(YEAR)[SOURCES].agg(
        lambda s: ";".join(dict.fromkeys(x for ids in s for x in str(ids).split(";")))
    )
    members = "+".join(state.countries)
    return pd.DataFrame(
        {
            PARTNER: TOTAL_CODE,
            "partner_name": f"Total of the selected CARs ({members})",
            YEAR: total[YEAR].to_numpy(),
            BASIS: state.basis,
            FLOW: state.flow,
            REPORTER: state.reporter,
            VALUE: total[VALUE].to_numpy(),
            ESTIMATE: False,
            DERIVED: True,
            SOURCE_ID: total[YEAR].map(sources).to_numpy(),
            SOURCE_DETAIL: f"sum of {members} in each year with a figure for every one of them",
            NOTE: "drawn as the trend chart's total; years missing a country's figure are left out",
        }
    )


def wide_heading(state: ViewState) -> str:
    """What the wide sheet's values are: flow, unit, reporter and basis of the view."""
    basis = "Pakistan fiscal years (Jul–Jun)" if state.basis == "fiscal" else "calendar years"
    return (
        f"{FLOW_LABEL[state.flow]}, {state.unit_label} — {REPORTER_LABEL[state.reporter]}, {basis}"
    )


def wide_view(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The view's series as country × year (values in the view's unit; blank = no figure).

    The same figures the trend chart draws as lines: one row per selected country in the
    view's order, one column per period of the year range.
    """
    names = country_names(tables)
    series = flow_series(primary_figures(tables, state), state.flow)
    years = list(range(state.years[0], state.years[1] + 1))
    grid = (
        series.pivot_table(index=PARTNER, columns=YEAR, values=VALUE, aggfunc="first")
        .reindex(index=list(state.countries), columns=years)
        .div(state.divisor)
    )
    grid.columns = [period_label(y, state.basis) for y in years]
    grid.insert(0, "country", [names.get(c, c) for c in grid.index])
    return grid.reset_index(drop=True)

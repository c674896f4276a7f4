"""Pure query functions: the figures each chart draws, as view models (no Dash, no plotly)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from data.captions import caption_for, empty_message, incomplete_years_message
from data.loading import Tables
from data.lookups import country_names, source_labels
from data.schema import (
    BASIS,
    CAR_CODES,
    ESTIMATE,
    FIGURE_ID,
    FLOW,
    NOTE,
    PARTNER,
    PRIMARY,
    REPORTER,
    SOURCE_ID,
    VALUE,
    YEAR,
)
from data.state import (
    ViewState,
    flow_phrase,
    period_label,
    turnover_flow,
)
from data.view_memo import per_view

DERIVED = "derived"


SOURCES = "sources"


KEY = [PARTNER, YEAR]


SERIES_COLUMNS = [PARTNER, YEAR, BASIS, REPORTER, FLOW, VALUE, ESTIMATE, DERIVED, SOURCES, NOTE]


@dataclass(frozen=True)
class ChartView:
    """What a chart needs: its rows, an empty-state message and a caption naming the sources."""

    data: pd.DataFrame
    caption: str
    empty_message: str | None = None
    notices: tuple[str, ...] = ()
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)


def _in_view(frame: pd.DataFrame, state: ViewState, countries: tuple[str, ...] | None = None):
    codes = countries if countries is not None else state.countries
    start, end = state.years
    return frame[frame[PARTNER].isin(codes) & frame[YEAR].between(start, end)]


def primary_figures(
    tables: Tables,
    state: ViewState,
    *,
    reporter: str | None = None,
    basis: str | None = None,
    countries: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The primary export/import figures (one per series key) for the view."""
    rows = _primary(tables, reporter or state.reporter, basis or state.basis)
    return _in_view(rows, state, countries)


def flow_series(figures: pd.DataFrame, flow: str) -> pd.DataFrame:
    """One value per partner and year for a flow; balance/turnover derived from X and M.

    Derived values exist only where the same partner, year, basis and reporter has both an export
    and an import figure: never from mixed sources' gaps.
    """
    if figures.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    if flow in ("export", "import"):
        out = figures[figures[FLOW] == flow].copy()
        out[DERIVED] = False
        out[SOURCES] = out[SOURCE_ID]
        return out[SERIES_COLUMNS].sort_values(KEY).reset_index(drop=True)
    keys = [PARTNER, YEAR, BASIS, REPORTER]
    x = figures[figures[FLOW] == "export"].set_index(keys)
    m = figures[figures[FLOW] == "import"].set_index(keys)
    both = x.add_suffix("_x").join(m.add_suffix("_m"), how="inner")
    sign = 1.0 if flow == "turnover" else -1.0
    out = pd.DataFrame(
        {
            FLOW: flow,
            VALUE: both[f"{VALUE}_x"] + sign * both[f"{VALUE}_m"],
            ESTIMATE: both[f"{ESTIMATE}_x"] | both[f"{ESTIMATE}_m"],
            DERIVED: True,
            SOURCES: [
                a if a == b else f"{a};{b}"
                for a, b in zip(both[f"{SOURCE_ID}_x"], both[f"{SOURCE_ID}_m"], strict=True)
            ],
            NOTE: f"derived: exports {'+' if sign > 0 else '−'} imports, same source basis",
        },
        index=both.index,
    ).reset_index()
    return out[SERIES_COLUMNS].sort_values(KEY).reset_index(drop=True)


@per_view
def view_series(tables: Tables, state: ViewState, flow: str) -> pd.DataFrame:
    """`flow_series(primary_figures(tables, state), flow)`: the trend, ranking and shares of
    one view (and the summaries that quote them) draw on the same series.

    Cut from the series over every partner and year (built once per reporter, basis and
    flow): a derived value pairs one partner's export and import of one year, so the cut
    equals the series of the cut."""
    rows = _in_view(_primary(tables, state.reporter, state.basis), state)
    if rows.empty:
        return flow_series(rows, flow)  # (its empty frame)
    every = every_series(tables, state.reporter, state.basis, flow)
    return _in_view(every, state).reset_index(drop=True)


def _primary(tables: Tables, reporter: str, basis: str) -> pd.DataFrame:
    """Every primary figure of one reporter and basis (kept)."""
    trade = tables.trade
    return tables.kept(
        ("primary", reporter, basis),
        lambda: trade[trade[PRIMARY] & (trade[REPORTER] == reporter) & (trade[BASIS] == basis)],
    )


def every_series(tables: Tables, reporter: str, basis: str, flow: str) -> pd.DataFrame:
    """`flow_series` over all six CARs and every year of one reporter and basis (balance and
    turnover derived; kept, shared: callers must not modify it)."""
    return tables.kept(
        ("series", reporter, basis, flow),
        lambda: flow_series(_primary(tables, reporter, basis), flow),
    )


def total_series(series: pd.DataFrame, countries: tuple[str, ...]) -> pd.DataFrame:
    """Sum over the selected countries, only for years where every one of them has a figure."""
    if series.empty:
        return pd.DataFrame(columns=[YEAR, VALUE, "n"])
    grouped = series.groupby(YEAR).agg(**{VALUE: (VALUE, "sum"), "n": (PARTNER, "nunique")})
    complete = grouped[grouped["n"] == len(countries)]
    return complete.reset_index()


def alternative_figures(tables: Tables, state: ViewState) -> pd.DataFrame:
    """Other sources' figures for the chosen flow, shown as markers beside the primary series.

    Non-primary annual figures (same reporter, or third-party compilations) and full-year totals
    that sources state directly (turnover, balance): where a stated total disagrees with the
    total derived from the same source's exports and imports, both are on the chart.
    """
    key = ("alternatives", state.basis, state.flow, state.reporter)
    both = tables.kept(key, lambda: _alternatives(tables, state.basis, state.flow, state.reporter))
    return _in_view(both, state).sort_values(KEY).reset_index(drop=True)


def _alternatives(tables: Tables, basis: str, flow: str, reporter: str) -> pd.DataFrame:
    """Every partner's and year's other figures and stated totals of one basis, flow and
    reporter (`alternative_figures` before the view's cut)."""
    trade = tables.trade
    rows = trade[
        ~trade[PRIMARY]
        & (trade[BASIS] == basis)
        & (trade[FLOW] == flow)
        & trade[REPORTER].isin([reporter, "other"])
    ]
    st = tables.stated_totals
    stated = st[
        ~st["partial"]
        & (st["measure"] == flow)
        & (st[BASIS] == basis)
        & st[REPORTER].isin([reporter, "other"])
        & st[PARTNER].isin(CAR_CODES)
    ]
    stated = pd.DataFrame(
        {
            FIGURE_ID: stated["stated_id"],
            PARTNER: stated[PARTNER],
            YEAR: stated[YEAR],
            BASIS: stated[BASIS],
            FLOW: stated["measure"],
            REPORTER: stated[REPORTER],
            VALUE: stated[VALUE],
            ESTIMATE: False,
            SOURCE_ID: stated[SOURCE_ID],
            "source_detail": stated["source_detail"],
            NOTE: stated[NOTE],
            PRIMARY: False,
        }
    )
    return pd.concat([rows, stated], ignore_index=True) if not stated.empty else rows


@per_view
def trend_view(tables: Tables, state: ViewState) -> ChartView:
    """Per-country lines for the chosen flow, plus the all-CAR total and alternative figures."""
    series = view_series(tables, state, state.flow)
    total = total_series(series, state.countries) if len(state.countries) > 1 else series.iloc[0:0]
    alternatives = alternative_figures(tables, state)
    sources = set(series[SOURCES]) | set(alternatives[SOURCE_ID])
    extra = ""
    if len(state.countries) > 1:
        extra = "The total is drawn only for years with a figure for every selected country."
    if not alternatives.empty:
        extra += (
            " Hollow diamonds: other sources' figures and totals stated directly by a source"
            " (not in the lines)."
        )
    return ChartView(
        data=series,
        caption=caption_for(tables, sources, state, extra.strip()),
        empty_message=None if not series.empty else empty_message(tables, state),
        extra={"total": total, "alternatives": alternatives},
    )


@per_view
def balance_view(tables: Tables, state: ViewState) -> ChartView:
    """Trade balance per country and year (derived from X and M of the same source)."""
    series = view_series(tables, state, "balance")
    return ChartView(
        data=series,
        caption=caption_for(
            tables,
            set(series[SOURCES]),
            state,
            "Balance = exports − imports of the same source, year and basis (derived).",
        ),
        empty_message=None
        if not series.empty
        else empty_message(tables, state, "balance needs both exports and imports"),
    )


@per_view
def share_view(tables: Tables, state: ViewState) -> ChartView:
    """Each selected CAR's share of Pakistan's trade with the selected CARs, complete years only."""
    flow = turnover_flow(state)
    series = view_series(tables, state, flow)
    total = total_series(series, state.countries)
    data = series[series[YEAR].isin(total[YEAR])].merge(
        total[[YEAR, VALUE]].rename(columns={VALUE: "total"}), on=YEAR
    )
    data["share_pct"] = (data[VALUE] / data["total"] * 100).where(data["total"] > 0)
    notices: tuple[str, ...] = ()
    if state.flow == "balance":
        notices = ("Shares are of turnover: a balance has no meaningful share.",)
    dropped = sorted(set(series[YEAR]) - set(total[YEAR]))
    extra = "Shares of the selected countries' total, only for years with a figure for each."
    if dropped:
        extra += f" {len(dropped)} incomplete year(s) left out."
    message = None
    if data.empty:
        message = (
            incomplete_years_message(tables, state, series, f"shares of {flow_phrase(flow)}")
            if not series.empty
            else empty_message(tables, state, f"{flow_phrase(flow)} shares")
        )
    return ChartView(
        data=data.reset_index(drop=True),
        caption=caption_for(tables, set(data[SOURCES]), state, extra),
        empty_message=message,
        notices=notices,
    )


@per_view
def mirror_view(tables: Tables, state: ViewState) -> ChartView:
    """Pakistan-reported vs partner-reported figures per country and year, with their ratio.

    Always on calendar years: only Pakistan publishes fiscal-year figures.
    """
    flow = turnover_flow(state)
    cal = state.with_(basis="calendar")
    # As view series: with Pakistan as the view's reporter, the trend's series is the first.
    pak = view_series(tables, cal.with_(reporter="pakistan"), flow)
    par = view_series(tables, cal.with_(reporter="partner"), flow)
    merged = pak.merge(par, on=KEY, how="outer", suffixes=("_pak", "_partner"))
    merged["ratio"] = (merged[f"{VALUE}_partner"] / merged[f"{VALUE}_pak"]).where(
        merged[f"{VALUE}_pak"].abs() > 0
    )
    non_reporting = set(tables.countries.loc[~tables.countries["reports_to_imf_dots"], "iso3"])
    merged["partner_derived"] = merged[PARTNER].isin(non_reporting)
    merged = merged.sort_values(KEY).reset_index(drop=True)
    notices = []
    if state.basis == "fiscal":
        notices.append("The mirror comparison uses calendar years: partners publish no FY data.")
    extra = "Ratio = partner-reported ÷ Pakistan-reported; 1 means the sources agree."
    if merged["partner_derived"].any():
        extra += (
            " Turkmenistan does not report to the IMF: its 'partner' series is derived from "
            "Pakistan's data and is not independent."
        )
    sources = set(pak[SOURCES]) | set(par[SOURCES])
    empty = empty_message(tables, cal, f"{flow_phrase(flow)}, both reporters")
    return ChartView(
        data=merged,
        caption=caption_for(
            tables, sources, cal, extra, reporters="Pakistan-reported and partner-reported"
        ),
        empty_message=empty if merged.empty else None,
        notices=tuple(notices),
    )


def cagr(first: float, last: float, years: int) -> float | None:
    """Compound annual growth rate in %, or None where undefined (non-positive ends, 0 years)."""
    if years <= 0 or first <= 0 or last <= 0:
        return None
    return ((last / first) ** (1 / years) - 1) * 100


@per_view
def ranking_view(tables: Tables, state: ViewState) -> ChartView:
    """Ranking/growth table: end-year value, year-on-year change, CAGR and share per country."""
    series = view_series(tables, state, state.flow)
    names = country_names(tables)
    labels = source_labels(tables)
    end = state.years[1]
    end_total = series.loc[series[YEAR] == end, VALUE].sum()
    complete_end = series.loc[series[YEAR] == end, PARTNER].nunique() == len(state.countries)
    # Per country its values by year and its sources, in one pass (not a filter per country).
    by_year: dict[str, dict[int, float]] = {}
    cells: dict[str, list[str]] = {}
    for code, year, amount, ids in zip(
        series[PARTNER], series[YEAR], series[VALUE], series[SOURCES], strict=True
    ):
        by_year.setdefault(code, {})[int(year)] = amount
        cells.setdefault(code, []).append(ids)
    rows = []
    for code in state.countries:
        own = by_year.get(code, {})
        value = own.get(end)
        prev = own.get(end - 1)
        yoy = (
            (value - prev) / abs(prev) * 100
            if value is not None and prev is not None and prev != 0
            else None
        )
        first_year = min(own) if own else None
        last_year = max(own) if own else None
        growth = (
            cagr(float(own[first_year]), float(own[last_year]), last_year - first_year)
            if first_year is not None and last_year is not None and state.flow != "balance"
            else None
        )
        share = (
            value / end_total * 100
            if value is not None and complete_end and end_total > 0 and state.flow != "balance"
            else None
        )
        rows.append(
            {
                PARTNER: code,
                "country": names[code],
                "end_year": period_label(end, state.basis),
                "value": _scaled(value, state),
                "yoy_pct": _round(yoy),
                "cagr_pct": _round(growth),
                "cagr_period": f"{period_label(first_year, state.basis)}–"
                f"{period_label(last_year, state.basis)}"
                if first_year is not None and last_year is not None and first_year != last_year
                else "",
                "share_pct": _round(share),
                "years_with_data": len(own),
                SOURCES: "; ".join(
                    sorted(
                        {
                            labels.get(sid, sid)
                            for ids in cells.get(code, [])
                            for sid in str(ids).split(";")
                        }
                    )
                ),
            }
        )
    table = pd.DataFrame(rows)
    table["rank"] = table["value"].rank(ascending=False, method="min")
    table = table.sort_values(["rank", "country"], na_position="last").reset_index(drop=True)
    extra = (
        "YoY: change on the previous year. CAGR: compound annual growth between the first and "
        "last years with figures inside the chosen range (period shown). Share: of the selected "
        "countries' total in the end year, only when every one has a figure."
    )
    return ChartView(
        data=table,
        caption=caption_for(tables, set(series[SOURCES]), state, extra),
        empty_message=None if not series.empty else empty_message(tables, state),
    )


def _scaled(value: float | None, state: ViewState) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value) / state.divisor, 3)


def _round(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(float(value), 1)

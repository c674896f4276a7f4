"""Pure query functions: validated tables + view state in, tidy frames and view models out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from data.loading import Tables
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
    REPORTER_LABEL,
    YEAR_BOUNDS,
    ViewState,
    flow_phrase,
    period_label,
    upper_first,
)

DERIVED = "derived"
SOURCES = "sources"
KEY = [PARTNER, YEAR]
SERIES_COLUMNS = [PARTNER, YEAR, BASIS, REPORTER, FLOW, VALUE, ESTIMATE, DERIVED, SOURCES, NOTE]
DOTS_VINTAGE = "IMF DOTS annual data to 2020 (workbook snapshot of 2022-02-02)"


@dataclass(frozen=True)
class ChartView:
    """What a chart needs: its rows, an empty-state message and a caption naming the sources."""

    data: pd.DataFrame
    caption: str
    empty_message: str | None = None
    notices: tuple[str, ...] = ()
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)


def country_names(tables: Tables) -> dict[str, str]:
    """ISO-3 -> display name."""
    return dict(zip(tables.countries["iso3"], tables.countries["name"], strict=True))


def country_colours(tables: Tables) -> dict[str, str]:
    """ISO-3 -> the country's fixed colour."""
    return dict(zip(tables.countries["iso3"], tables.countries["colour"], strict=True))


def source_labels(tables: Tables) -> dict[str, str]:
    """Source id -> short label for hovers and captions."""
    return dict(zip(tables.sources[SOURCE_ID], tables.sources["short_label"], strict=True))


def names_list(tables: Tables, codes: tuple[str, ...] | list[str]) -> str:
    """'Kazakhstan and Uzbekistan' style list of country names."""
    names = country_names(tables)
    items = [names.get(c, c) for c in codes]
    if len(items) == len(CAR_CODES):
        return "all six CARs"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    trade = tables.trade
    rows = trade[
        trade[PRIMARY]
        & (trade[REPORTER] == (reporter or state.reporter))
        & (trade[BASIS] == (basis or state.basis))
    ]
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


def total_series(series: pd.DataFrame, countries: tuple[str, ...]) -> pd.DataFrame:
    """Sum over the selected countries, only for years where every one of them has a figure."""
    if series.empty:
        return pd.DataFrame(columns=[YEAR, VALUE, "n"])
    grouped = series.groupby(YEAR).agg(**{VALUE: (VALUE, "sum"), "n": (PARTNER, "nunique")})
    complete = grouped[grouped["n"] == len(countries)]
    return complete.reset_index()


def caption_for(
    tables: Tables,
    source_ids: set[str],
    state: ViewState,
    extra: str = "",
    *,
    reporters: str | None = None,
) -> str:
    """Caption: sources, basis, reporter and vintage; the chart's honesty line.

    `reporters` names whose figures the chart shows when it is not the view's reporter (the
    mirror comparison shows both).
    """
    labels = source_labels(tables)
    ids = {s for sid in source_ids for s in str(sid).split(";") if s}
    names = sorted({labels.get(s, s) for s in ids})
    basis = (
        "Pakistan fiscal years (Jul–Jun, labelled by end year)"
        if state.basis == "fiscal"
        else ("calendar years")
    )
    who = reporters or REPORTER_LABEL[state.reporter]
    parts = [
        f"Source: {'; '.join(names) if names else 'no figures in view'}.",
        f"{upper_first(who)} figures, {basis}, current US$.",
    ]
    dots = any(s.startswith("imf_dots") for s in ids)
    if dots:
        parts.append(f"Vintage: {DOTS_VINTAGE}.")
    others = tables.sources[
        tables.sources[SOURCE_ID].isin(ids) & ~tables.sources[SOURCE_ID].str.startswith("imf_dots")
    ]
    if not others.empty:
        first, last = min(others["retrieved"]), max(others["retrieved"])
        when = first if first == last else f"{first} to {last}"
        what = "Other figures" if dots else "Figures"
        parts.append(f"{what} as published by the sources named, retrieved {when}.")
    if extra:
        parts.append(extra)
    parts.append("Missing years are gaps, not zeros; nothing is interpolated.")
    return " ".join(parts)


def empty_message(tables: Tables, state: ViewState, what: str = "") -> str:
    """'No fiscal-year figures for Azerbaijan in 2000–2010' style explanation."""
    basis = "fiscal-year" if state.basis == "fiscal" else "calendar-year"
    who = REPORTER_LABEL[state.reporter]
    flow = what or flow_phrase(state.flow)
    return (
        f"No {who} {basis} figures for {names_list(tables, state.countries)} in "
        f"{state.years[0]}–{state.years[1]} ({flow}). " + _coverage_hint(tables, state)
    )


def _coverage_hint(tables: Tables, state: ViewState) -> str:
    trade = tables.trade
    rows = trade[
        trade[PRIMARY]
        & (trade[REPORTER] == state.reporter)
        & (trade[BASIS] == state.basis)
        & trade[PARTNER].isin(state.countries)
    ]
    if rows.empty:
        return "This source layer has no figures for the selected countries at all."
    years = sorted(rows[YEAR].unique())
    return (
        f"Figures on this basis exist for {period_label(int(years[0]), state.basis)}–"
        f"{period_label(int(years[-1]), state.basis)} ({len(years)} years)."
    )


def alternative_figures(tables: Tables, state: ViewState) -> pd.DataFrame:
    """Other sources' figures for the chosen flow, shown as markers beside the primary series.

    Non-primary annual figures (same reporter, or third-party compilations) and full-year totals
    that sources state directly (turnover, balance): where a stated total disagrees with the
    total derived from the same source's exports and imports, both are on the chart.
    """
    trade = tables.trade
    rows = trade[
        ~trade[PRIMARY]
        & (trade[BASIS] == state.basis)
        & (trade[FLOW] == state.flow)
        & trade[REPORTER].isin([state.reporter, "other"])
    ]
    st = tables.stated_totals
    stated = st[
        ~st["partial"]
        & (st["measure"] == state.flow)
        & (st[BASIS] == state.basis)
        & st[REPORTER].isin([state.reporter, "other"])
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
    both = pd.concat([rows, stated], ignore_index=True) if not stated.empty else rows
    return _in_view(both, state).sort_values(KEY).reset_index(drop=True)


def trend_view(tables: Tables, state: ViewState) -> ChartView:
    """Per-country lines for the chosen flow, plus the all-CAR total and alternative figures."""
    series = flow_series(primary_figures(tables, state), state.flow)
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


def balance_view(tables: Tables, state: ViewState) -> ChartView:
    """Trade balance per country and year (derived from X and M of the same source)."""
    series = flow_series(primary_figures(tables, state), "balance")
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


def share_flow(state: ViewState) -> str:
    """Shares make sense for exports, imports and turnover; balance falls back to turnover."""
    return "turnover" if state.flow == "balance" else state.flow


def share_view(tables: Tables, state: ViewState) -> ChartView:
    """Each selected CAR's share of Pakistan's trade with the selected CARs, complete years only."""
    flow = share_flow(state)
    series = flow_series(primary_figures(tables, state), flow)
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


def incomplete_years_message(
    tables: Tables, state: ViewState, series: pd.DataFrame, what: str
) -> str:
    """Why a chart that needs every selected country in a year is empty though figures exist."""
    years = sorted(set(series[YEAR]))
    have = series.groupby(PARTNER)[YEAR].nunique()
    names = country_names(tables)
    short = [
        (names.get(code, code), int(have.get(code, 0)))
        for code in state.countries
        if have.get(code, 0) < len(years)
    ]
    gaps = ", ".join(f"{name} {n}" if i else f"{name} has {n}" for i, (name, n) in enumerate(short))
    counts = series.groupby(YEAR)[PARTNER].nunique()
    best = int(counts.index.to_numpy()[counts.to_numpy().argmax()])  # earliest fullest year
    present = set(series.loc[series[YEAR] == best, PARTNER])
    missing = [code for code in state.countries if code not in present]
    return (
        f"No year in {state.years[0]}–{state.years[1]} has a figure for every selected country, "
        f"so {what} cannot be computed without guessing. {len(years)} years have figures "
        f"({gaps}). The fullest year, {period_label(best, state.basis)}, lacks "
        f"{names_list(tables, missing)}: deselect {'it' if len(missing) == 1 else 'them'} "
        "to see the others' shares."
    )


def mirror_flow(state: ViewState) -> str:
    """The mirror comparison shows exports, imports or turnover (balance -> turnover)."""
    return share_flow(state)


def mirror_view(tables: Tables, state: ViewState) -> ChartView:
    """Pakistan-reported vs partner-reported figures per country and year, with their ratio.

    Always on calendar years: only Pakistan publishes fiscal-year figures.
    """
    flow = mirror_flow(state)
    cal = state.with_(basis="calendar")
    pak = flow_series(primary_figures(tables, cal, reporter="pakistan"), flow)
    par = flow_series(primary_figures(tables, cal, reporter="partner"), flow)
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


def ranking_view(tables: Tables, state: ViewState) -> ChartView:
    """Ranking/growth table: end-year value, year-on-year change, CAGR and share per country."""
    series = flow_series(primary_figures(tables, state), state.flow)
    names = country_names(tables)
    labels = source_labels(tables)
    end = state.years[1]
    end_total = series.loc[series[YEAR] == end, VALUE].sum()
    complete_end = series.loc[series[YEAR] == end, PARTNER].nunique() == len(state.countries)
    rows = []
    for code in state.countries:
        own = series[series[PARTNER] == code].set_index(YEAR)[VALUE]
        value = own.get(end)
        prev = own.get(end - 1)
        yoy = (
            (value - prev) / abs(prev) * 100
            if value is not None and prev is not None and prev != 0
            else None
        )
        first_year = int(own.index.min()) if not own.empty else None
        last_year = int(own.index.max()) if not own.empty else None
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
                "years_with_data": int(own.size),
                SOURCES: "; ".join(
                    sorted(
                        {
                            labels.get(sid, sid)
                            for ids in series.loc[series[PARTNER] == code, SOURCES]
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
    "source_detail",
    NOTE,
    "charts",
]

VIEW_CHARTS = ("trend", "balance", "share", "mirror", "ranking")  # the page's trade charts
# every chart whose data can be downloaded (the context charts' rows come from data/context.py)
CHART_NAMES = (*VIEW_CHARTS, "map", "profile", "carshare", "partners", "transit")


def figures_behind_view(tables: Tables, state: ViewState, chart: str | None = None) -> pd.DataFrame:
    """Every figure a chart (or the whole view) draws, one row per figure, derived rows marked."""
    labels = source_labels(tables)
    names = country_names(tables)
    detail = dict(zip(tables.trade[FIGURE_ID], tables.trade["source_detail"], strict=True))
    parts: list[pd.DataFrame] = []

    def add(frame: pd.DataFrame, role: str, name: str) -> None:
        if frame.empty:
            return
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

    def drawn(figures: pd.DataFrame, flow: str, name: str) -> None:
        """The figures a chart of `flow` draws: that flow's, or both flows and what they give."""
        if flow in ("export", "import"):
            add(figures[figures[FLOW] == flow], "primary", name)
        else:
            add(figures, "primary", name)
            add(flow_series(figures, flow), "derived", name)

    charts = (chart,) if chart else VIEW_CHARTS
    base = primary_figures(tables, state)
    for name in charts:
        if name in ("trend", "ranking", "balance", "share"):
            flow = {"balance": "balance", "share": share_flow(state)}.get(name, state.flow)
            drawn(base, flow, name)
            if name == "trend":
                add(alternative_figures(tables, state), "alternative", name)
                add(_total_rows(tables, state, base), "total", name)
        elif name == "mirror":
            cal = state.with_(basis="calendar")
            for rep in ("pakistan", "partner"):
                drawn(primary_figures(tables, cal, reporter=rep), mirror_flow(state), name)
        elif name == "map":
            end = state.years[1]
            shading = state.with_(countries=CAR_CODES, years=(end, end))
            drawn(primary_figures(tables, shading), state.flow, name)
        elif name == "profile" and state.country is not None:
            every_year = state.with_(countries=(state.country,), years=YEAR_BOUNDS)
            for basis in ("calendar", "fiscal"):
                for rep in ("pakistan", "partner"):
                    figs = primary_figures(tables, every_year, reporter=rep, basis=basis)
                    drawn(figs, "turnover", name)
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
    given = (
        rows["source_detail"] if "source_detail" in rows.columns else pd.Series(index=rows.index)
    )
    rows["source_detail"] = [
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
            "source_detail": f"sum of {members} in each year with a figure for every one of them",
            NOTE: "drawn as the trend chart's total; years missing a country's figure are left out",
        }
    )


def coverage_summary(tables: Tables) -> list[str]:
    """Plain-language list of which series exist, for the filter panel."""
    trade = tables.trade[tables.trade[PRIMARY]]
    labels = {
        ("calendar", "pakistan"): "Pakistan-reported, calendar",
        ("calendar", "partner"): "Partner-reported, calendar",
        ("fiscal", "pakistan"): "Pakistan-reported, fiscal year",
    }
    out = []
    for (basis, reporter), label in labels.items():
        rows = trade[(trade[BASIS] == basis) & (trade[REPORTER] == reporter)]
        if rows.empty:
            continue
        years = sorted(int(y) for y in rows[YEAR].unique())
        span = f"{period_label(years[0], basis)}–{period_label(years[-1], basis)}"
        gaps = len(range(years[0], years[-1] + 1)) - len(years)
        out.append(
            f"{label}: {span}, {len(rows)} figures"
            + (f" ({gaps} years without any)" if gaps else "")
        )
    out.append("Partner-reported fiscal-year figures do not exist.")
    out.append("No Pakistan-reported calendar figures after 2020 in this data (IMF DOTS ends).")
    return out

"""Each chart's text alternative: one or two sentences written from the figures it shows (the
spec's `summary`), the chart's visible lead line and its accessible description."""

from __future__ import annotations

import math

import pandas as pd

from charts import tables as tab
from components import strings as s
from data import context, queries
from data.loading import Tables
from data.lookups import country_names
from data.state import ViewState, flow_phrase, period_label, turnover_flow


def money(value: float, unit: str) -> str:
    """'US$59.8 M' style amount in the view's unit ('US$ million' → 'M', 'thousand' → 'k')."""
    short = {s.UNIT_MILLION: s.SHORT_MILLION, s.UNIT_THOUSAND: s.SHORT_THOUSAND}.get(unit, unit)
    sign = "−" if value < 0 else ""
    return f"{sign}US${abs(value):,.1f} {short}"


def _pct(value: float) -> str:
    return f"{value:.0f} %" if abs(value) >= 10 else f"{value:.1f} %"


def _no_end_year(ranking: pd.DataFrame, state: ViewState) -> str:
    """Why an end-year view is empty: no figures at all, or none for the range's last year
    (a series that stops sooner, such as Pakistan's calendar-year records)."""
    if ranking["years_with_data"].sum() > 0:
        return s.SUMMARY_NO_END_YEAR.format(year=period_label(state.years[1], state.basis))
    return s.NO_FIGURES_SUMMARY


def _ranking_lead(tables: Tables, state: ViewState) -> str:
    ranking = queries.ranking_view(tables, state).data
    data = ranking.dropna(subset=["value"])
    if data.empty:
        return _no_end_year(ranking, state)
    top = data.sort_values("value", ascending=False).iloc[0]
    year = str(top["end_year"])
    text = s.SUMMARY_LARGEST_BY_FLOW.get(state.flow, s.SUMMARY_LARGEST).format(
        year=year,
        name=top["country"],
        what=flow_phrase(state.flow),
        value=money(float(top["value"]), state.unit_label),
    )
    if len(data) > 1 and not pd.isna(top["share_pct"]):
        text += s.SUMMARY_OF_SELECTED.format(share=_pct(float(top["share_pct"])))
    text += "."
    if len(data) > 1:
        low = data.sort_values("value").iloc[0]
        text += s.SUMMARY_SMALLEST.format(
            name=low["country"], value=money(float(low["value"]), state.unit_label)
        )
    return text


def trend_summary(tables: Tables, state: ViewState) -> str:
    """Largest and smallest series at the end year; the first country's change over the range."""
    if state.flow == "balance":
        return balance_summary(tables, state)
    text = _ranking_lead(tables, state)
    table = tab.trend_table(tables, state)
    totals = [c for c in table.columns if c.startswith(tab.TOTAL_LABEL)]
    if len(state.countries) > 1 and totals:
        series = table[[s.TABLE_YEAR, totals[0]]].dropna()
        if len(series) >= 2:
            first, last = series.iloc[0], series.iloc[-1]
            text += s.SUMMARY_TOGETHER.format(
                first=money(float(first[totals[0]]), state.unit_label),
                first_year=int(first[s.TABLE_YEAR]),
                last=money(float(last[totals[0]]), state.unit_label),
                last_year=int(last[s.TABLE_YEAR]),
            )
    return text


def balance_summary(tables: Tables, state: ViewState) -> str:
    """How many surpluses and deficits at the latest year with figures, and the largest of each."""
    table = tab.balance_table(tables, state)
    if table.empty or len(table.columns) < 2:
        return s.NO_FIGURES_SUMMARY
    last = table.dropna(how="all", subset=table.columns[1:]).iloc[-1]
    # Country names from the column names the table writes (never by parsing its text).
    unit = s.TABLE_BALANCE_UNIT.format(unit=state.unit_label)
    named = {s.TABLE_IN_UNIT.format(name=n, unit=unit): n for n in country_names(tables).values()}
    values = {named.get(c, c): float(last[c]) for c in table.columns[1:] if not pd.isna(last[c])}
    surplus = {k: v for k, v in values.items() if v > 0}
    deficit = {k: v for k, v in values.items() if v < 0}
    year = int(last[s.TABLE_YEAR])
    parts = [
        s.SUMMARY_BALANCE.format(
            year=year, surplus=len(surplus), deficit=len(deficit), total=len(values)
        )
    ]
    if surplus:
        k = max(surplus, key=lambda n: surplus[n])
        parts.append(
            s.SUMMARY_LARGEST_SURPLUS.format(name=k, value=money(surplus[k], state.unit_label))
        )
    if deficit:
        k = min(deficit, key=lambda n: deficit[n])
        parts.append(
            s.SUMMARY_LARGEST_DEFICIT.format(name=k, value=money(deficit[k], state.unit_label))
        )
    return " ".join(parts)


def share_summary(tables: Tables, state: ViewState) -> str:
    """The largest share at the end year."""
    return _ranking_lead(tables, state.with_(flow=turnover_flow(state)))


def ranking_summary(tables: Tables, state: ViewState) -> str:
    """The first and last of the ranking."""
    return _ranking_lead(tables, state)


def mirror_summary(tables: Tables, state: ViewState) -> str:
    """How far partner-reported figures run from Pakistan's: the median ratio and its range."""
    data = queries.mirror_view(tables, state).data
    ratio = data["ratio"].replace([math.inf, -math.inf], float("nan")).dropna()
    if ratio.empty:
        return s.NO_FIGURES_SUMMARY
    names = country_names(tables)
    at = int(ratio.to_numpy().argmax())
    iso3 = str(data.loc[ratio.index, "partner_iso3"].iloc[at])
    year = int(data.loc[ratio.index, "year"].iloc[at])
    return s.SUMMARY_MIRROR.format(
        n=len(ratio),
        median=f"{ratio.median():.2f}",
        name=names.get(iso3, iso3),
        year=year,
        widest=f"{float(ratio.iloc[at]):.2f}",
    )


def map_summary(tables: Tables, state: ViewState) -> str:
    """The map's shading: the largest and smallest CAR for the end year."""
    table = tab.map_table(tables, state)
    col = table.columns[1]
    data = table.dropna(subset=[col])
    if data.empty:
        return _no_end_year(queries.ranking_view(tables, state).data, state)
    top = data.sort_values(col, ascending=False).iloc[0]
    low = data.sort_values(col).iloc[0]
    return s.SUMMARY_MAP.format(
        what=flow_phrase(state.flow),
        period=period_label(state.years[1], state.basis),
        top=top[s.TABLE_COUNTRY],
        top_value=money(float(top[col]), s.UNIT_MILLION),
        low=low[s.TABLE_COUNTRY],
        low_value=money(float(low[col]), s.UNIT_MILLION),
    )


def carshare_summary(tables: Tables, state: ViewState) -> str:
    """The highest share any selected CAR reached, and when."""
    data = context.car_share_view(tables, state).data.dropna(subset=["share_pct"])
    data = data[data["series"].isin(state.countries)]
    if data.empty:
        return s.NO_FIGURES_SUMMARY
    top = data.iloc[int(data["share_pct"].to_numpy().argmax())]
    last_year = int(data["year"].max())
    last = data[data["year"] == last_year]
    total = float(last["share_pct"].sum()) if len(last) > 1 else None
    text = s.SUMMARY_CARSHARE.format(
        name=top["name"],
        share=f"{float(top['share_pct']):.2f}",
        flow=context.FLOW_WORDS[turnover_flow(state)],
        year=int(top["year"]),
    )
    if total is not None:
        text += s.SUMMARY_CARSHARE_TOTAL.format(year=last_year, share=f"{total:.2f}")
    return text


def partners_summary(tables: Tables, state: ViewState) -> str:
    """The CAR's first partner and Pakistan's place among its partners."""
    data = context.partners_view(tables, state).data
    if data.empty:
        return s.NO_FIGURES_SUMMARY
    iso3 = context.focus_country(state)
    name = country_names(tables)[iso3]
    first = data.iloc[0]
    text = s.SUMMARY_PARTNERS.format(
        year=int(first["year"]),
        name=name,
        partner=first["partner_name"],
        share=f"{float(first['share_pct']):.1f}",
    )
    pak = data[data["partner_iso3"] == "PAK"]
    if not pak.empty:
        row = pak.iloc[0]
        text += s.SUMMARY_PAKISTAN_RANK.format(
            rank=int(row["rank"]), share=f"{float(row['share_pct']):.2f}"
        )
    else:
        text += s.SUMMARY_PAKISTAN_ABSENT.format(n=len(data))
    return text


def transit_summary(tables: Tables, state: ViewState) -> str:
    """Pakistan–Afghanistan trade beside the gap in the CARs' records, at the latest year."""
    table = tab.transit_table(tables, state)
    if table.empty:
        return s.NO_FIGURES_SUMMARY
    last = table.iloc[-1]
    afg, gap = table.columns[1], table.columns[4]
    return s.SUMMARY_TRANSIT.format(
        year=int(last[s.TABLE_YEAR]),
        afghanistan=money(float(last[afg]), state.unit_label),
        gap=money(float(last[gap]), state.unit_label),
    )

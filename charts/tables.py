"""A table behind every chart: each chart's figures as a display frame (first column the row
header, units in the column names, NaN for a gap) — the spec's `table_rows`."""

from __future__ import annotations

import pandas as pd

from components import strings
from data import context, queries
from data.loading import Tables
from data.lookups import country_names
from data.map import shading_view
from data.state import FLOW_LABEL, ViewState
from data.view_memo import per_view

REPORTER_WORD = {
    "pakistan": strings.TABLE_PAKISTAN_REPORTED,
    "partner": strings.TABLE_PARTNER_REPORTED,
}
TOTAL_LABEL = strings.TABLE_TOTAL
BASIS_WORD = {"calendar": strings.TABLE_CALENDAR, "fiscal": strings.TABLE_FISCAL}


def _series_label(
    names: dict[str, str], partner: object, reporter: object, basis: object, mixed: tuple[int, int]
) -> str:
    """A column name for one country's series; reporter and basis only when the view mixes
    (`mixed`: how many reporters and bases the view has)."""
    label = names.get(str(partner), str(partner))
    extra = []
    if mixed[0] > 1:
        extra.append(REPORTER_WORD.get(str(reporter), str(reporter)))
    if mixed[1] > 1:
        extra.append(BASIS_WORD.get(str(basis), str(basis)))
    return strings.TABLE_SERIES.format(label=label, extra=", ".join(extra)) if extra else label


def _by_year(
    tables: Tables, data: pd.DataFrame, value: pd.Series, unit: str, countries: tuple[str, ...]
) -> pd.DataFrame:
    """Years down, one column per country series (in the view's country order), unit in names."""
    if data.empty:
        return pd.DataFrame({strings.TABLE_YEAR: pd.Series(dtype="int64")})
    names = country_names(tables)
    reporters = data["reporter"].nunique() if "reporter" in data else 1
    bases = data["basis"].nunique() if "basis" in data else 1
    frame = pd.DataFrame(
        {
            strings.TABLE_YEAR: data["year"].to_numpy(),
            "series": [
                _series_label(names, p, r, b, (reporters, bases))
                for p, r, b in zip(
                    data["partner_iso3"],
                    data["reporter"] if "reporter" in data else [None] * len(data),
                    data["basis"] if "basis" in data else [None] * len(data),
                    strict=True,
                )
            ],
            "order": [
                countries.index(c) if c in countries else len(countries)
                for c in data["partner_iso3"]
            ],
            "value": value.to_numpy(),
        }
    )
    order = frame.sort_values(["order", "series"])["series"].drop_duplicates().tolist()
    wide = frame.pivot_table(
        index=strings.TABLE_YEAR, columns="series", values="value", aggfunc="first"
    )
    wide = wide.reindex(columns=order)
    wide.columns = [strings.TABLE_IN_UNIT.format(name=c, unit=unit) for c in wide.columns]
    return wide.reset_index().rename_axis(columns=None)


@per_view
def trend_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The trend chart's series: years × countries, in the view's unit."""
    view = queries.trend_view(tables, state)
    data = view.data
    unit = state.unit_label
    table = _by_year(tables, data, data["value_usd"] / state.divisor, unit, state.countries)
    total = view.extra.get("total")
    if total is not None and not total.empty and strings.TABLE_YEAR in table:
        # The chart's dashed total line: only years with a figure for every selected country.
        by_year = dict(zip(total["year"], total["value_usd"] / state.divisor, strict=True))
        table[strings.TABLE_IN_UNIT.format(name=TOTAL_LABEL, unit=unit)] = table[
            strings.TABLE_YEAR
        ].map(by_year)
    return table


@per_view
def balance_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The balance chart's bars: years × countries; a surplus positive, a deficit negative."""
    data = queries.balance_view(tables, state).data
    unit = strings.TABLE_BALANCE_UNIT.format(unit=state.unit_label)
    return _by_year(tables, data, data["value_usd"] / state.divisor, unit, state.countries)


def share_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The share chart: years × countries, % of the selected CARs' total."""
    data = queries.share_view(tables, state).data
    return _by_year(tables, data, data["share_pct"], "%", state.countries)


def mirror_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The mirror chart: per country and year, both reporters' figures and their ratio."""
    data = queries.mirror_view(tables, state).data
    names = country_names(tables)
    unit = state.unit_label
    return pd.DataFrame(
        {
            strings.TABLE_COUNTRY: [names.get(str(c), str(c)) for c in data["partner_iso3"]],
            strings.TABLE_YEAR: data["year"].to_numpy(),
            strings.TABLE_PAKISTAN_COL.format(unit=unit): (
                data["value_usd_pak"] / state.divisor
            ).to_numpy(),
            strings.TABLE_PARTNER_COL.format(unit=unit): (
                data["value_usd_partner"] / state.divisor
            ).to_numpy(),
            strings.TABLE_RATIO: data["ratio"].to_numpy(),
        }
    )


def ranking_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The ranking: one row per country for the end year, with growth and share."""
    data = queries.ranking_view(tables, state).data
    flow = FLOW_LABEL[state.flow]
    return pd.DataFrame(
        {
            strings.TABLE_COUNTRY: data["country"].to_numpy(),
            strings.TABLE_RANK: data["rank"].to_numpy(),
            strings.TABLE_YEAR: data["end_year"].to_numpy(),
            strings.TABLE_IN_UNIT.format(name=flow, unit=state.unit_label): data[
                "value"
            ].to_numpy(),
            strings.TABLE_YOY: data["yoy_pct"].to_numpy(),
            strings.TABLE_CAGR: data["cagr_pct"].to_numpy(),
            strings.TABLE_CAGR_PERIOD: data["cagr_period"].to_numpy(),
            strings.TABLE_SHARE: data["share_pct"].to_numpy(),
            strings.TABLE_YEARS: data["years_with_data"].to_numpy(),
            strings.TABLE_SOURCE: data["sources"].to_numpy(),
        }
    )


def map_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The map's shading: every CAR's figure for the end year, its rank and source."""
    data = shading_view(tables, state).shading
    flow = FLOW_LABEL[state.flow]
    return pd.DataFrame(
        {
            strings.TABLE_COUNTRY: data["name"].to_numpy(),
            strings.TABLE_IN_UNIT.format(name=flow, unit=strings.UNIT_MILLION): data["value_usd"]
            .where(data["has_value"])
            .to_numpy(),
            strings.TABLE_PERIOD: data["period"].to_numpy(),
            strings.TABLE_RANK: data["rank"].to_numpy(),
            strings.TABLE_SOURCE: data["source"].to_numpy(),
        }
    )


def carshare_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The CARs' share of Pakistan's world trade: years × series, %."""
    data = context.car_share_view(tables, state).data
    if data.empty:
        return pd.DataFrame({strings.TABLE_YEAR: pd.Series(dtype="int64")})
    order = data["name"].drop_duplicates().tolist()
    wide = data.pivot_table(index="year", columns="name", values="share_pct", aggfunc="first")
    wide = wide.reindex(columns=order)
    wide.columns = [strings.TABLE_WORLD_SHARE.format(name=c) for c in wide.columns]
    return wide.reset_index().rename(columns={"year": strings.TABLE_YEAR}).rename_axis(columns=None)


def partners_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """A CAR's partners ranked by its trade with them."""
    data = context.partners_view(tables, state).data
    return pd.DataFrame(
        {
            strings.TABLE_PARTNER: data["partner_name"].to_numpy(),
            strings.TABLE_RANK: data["rank"].to_numpy(),
            strings.TABLE_YEAR: data["year"].to_numpy(),
            strings.TABLE_PARTNER_TRADE: (data["value_usd"] / 1e6).to_numpy(),
            strings.TABLE_PARTNER_SHARE: data["share_pct"].to_numpy(),
        }
    )


@per_view
def transit_table(tables: Tables, state: ViewState) -> pd.DataFrame:
    """The transit chart: Pakistan–Afghanistan trade beside the CAR records gap, per year."""
    data = context.transit_view(tables, state).data
    unit = state.unit_label
    return pd.DataFrame(
        {
            strings.TABLE_YEAR: data["year"].to_numpy(),
            strings.TABLE_AFGHANISTAN.format(unit=unit): (
                data["afg_usd"] / state.divisor
            ).to_numpy(),
            strings.TABLE_CARS_PAKISTAN.format(unit=unit): (
                data["car_pak_usd"] / state.divisor
            ).to_numpy(),
            strings.TABLE_CARS_PARTNER.format(unit=unit): (
                data["car_partner_usd"] / state.divisor
            ).to_numpy(),
            strings.TABLE_GAP.format(unit=unit): (data["gap_usd"] / state.divisor).to_numpy(),
            strings.TABLE_BOTH_RECORDS: data["n"].to_numpy(),
        }
    )

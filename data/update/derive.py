"""IMTS observations -> the app's tables: calendar and fiscal years, year-to-date rows, sources.

Calendar years come from annual figures, or from twelve monthly figures where the annual one is
missing; Pakistan's fiscal years (July–June, named by the year they end in) only from twelve
monthly figures. A year with some months but not all twelve is never a full-year figure: if its
months run without a gap from the year's start it becomes a year-to-date row in
stated_totals.csv (`partial` true, its months named in `period`), which every chart, total and
ranking leaves out; otherwise it is only reported.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pandas as pd

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
    SOURCE_DETAIL,
    SOURCE_ID,
    VALUE,
    YEAR,
)
from data.update.imts import AGENCY, DATAFLOW, EXPORTS, PAKISTAN

IMTS_SOURCES: Final = {"pakistan": "imf_imts_pakistan", "partner": "imf_imts_partner"}
DOTS_PREFIX: Final = "imf_dots"
SNAPSHOT_IN_RAW: Final = Path("imf_imts") / "imts_observations.csv"
SERIES_KEY: Final = [PARTNER, REPORTER, FLOW]
TRADE_KEY: Final = [PARTNER, YEAR, BASIS, FLOW, REPORTER]
YTD_PREFIX: Final = "Y"  # stated_id of a year-to-date row: Y0001, Y0002, ...
MONTH = [calendar.month_abbr[m] for m in range(13)]
TRADE_COLUMNS: Final = [
    FIGURE_ID,
    PARTNER,
    YEAR,
    BASIS,
    FLOW,
    REPORTER,
    VALUE,
    ESTIMATE,
    SOURCE_ID,
    SOURCE_DETAIL,
    NOTE,
    PRIMARY,
]
STATED_COLUMNS: Final = [
    "stated_id",
    PARTNER,
    YEAR,
    BASIS,
    "period",
    "partial",
    "measure",
    REPORTER,
    VALUE,
    SOURCE_ID,
    SOURCE_DETAIL,
    NOTE,
]
# Same priority rule as the build (data/build/build.py SOURCE_PRIORITY): IMF figures first.
SOURCE_PRIORITY: Final = (
    ("imf_", 0),
    ("sbp", 1),
    ("moc", 2),
    ("jahanzaib", 3),
    ("official", 4),
    ("cerr", 4),
    ("foreign_office", 5),
)


@dataclass
class Derived:
    """What the observations yield: full-year rows, year-to-date rows, and what was skipped."""

    trade: pd.DataFrame
    ytd: pd.DataFrame
    skipped: list[str] = field(default_factory=list)


def pakistan_view(obs: pd.DataFrame) -> pd.DataFrame:
    """Observations from Pakistan's point of view: partner, whose records, Pakistan's flow.

    A partner's imports from Pakistan are Pakistan's exports as the partner records them (the
    mirror), and its exports to Pakistan are Pakistan's imports.
    """
    own = obs["country"] == PAKISTAN
    exports = obs["indicator"] == EXPORTS
    out = obs.assign(
        **{
            PARTNER: obs["counterpart"].where(own, obs["country"]),
            REPORTER: own.map({True: "pakistan", False: "partner"}),
            FLOW: (exports == own).map({True: "export", False: "import"}),
        }
    )
    return out[out[PARTNER].isin(CAR_CODES)]


def _series_label(row: pd.Series) -> str:
    return f"{row['country']}.{row['indicator']}.{row['counterpart']}.{row['frequency']}"


def _detail(rows: pd.DataFrame) -> str:
    """Dataset, series key, query, frequency and retrieval date of the figures in `rows`."""
    first = rows.iloc[0]
    return (
        f"IMF IMTS ({AGENCY}:{DATAFLOW}) series {_series_label(first)}; query {first['query']}; "
        f"frequency {'annual' if first['frequency'] == 'A' else 'monthly'}; "
        f"retrieved {first['retrieved']}"
    )


def _who(reporter: str, partner: str, flow: str) -> str:
    if reporter == "pakistan":
        return f"reported by Pakistan; {'FOB' if flow == 'export' else 'CIF'}"
    verb = "imports from" if flow == "export" else "exports to"
    basis = "CIF" if flow == "export" else "FOB"
    return f"MIRROR: {partner} {verb} Pakistan ({basis}) as recorded for {partner} in IMTS"


def _months_text(months: list[int]) -> str:
    return MONTH[months[0]] if len(months) == 1 else f"{MONTH[months[0]]}-{MONTH[months[-1]]}"


def fiscal_label(year: int) -> str:
    """FY2024-25 for the fiscal year ending in June 2025."""
    return f"FY{year - 1}-{year % 100:02d}"


def _fiscal_months(monthly: pd.DataFrame) -> pd.DataFrame:
    """Monthly rows with their fiscal year (ending year) and position in it (Jul = 1)."""
    month = monthly["month"].astype(int)
    return monthly.assign(
        fy=monthly[YEAR] + (month >= 7).astype(int), pos=(month - 7) % 12 + 1, month=month
    )


def derive(obs: pd.DataFrame, first_calendar_year: int) -> Derived:
    """Full-year and year-to-date rows for every series; calendar rows from `first_calendar_year`.

    Calendar years before `first_calendar_year` are the DOTS snapshot's; they are cross-checked,
    not written. Fiscal years are written for every complete July–June run of months.
    """
    view = pakistan_view(obs)
    trade: list[dict[str, object]] = []
    ytd: list[dict[str, object]] = []
    skipped: list[str] = []
    for (partner, reporter, flow), series in view.groupby(SERIES_KEY, sort=True):
        who = _who(str(reporter), str(partner), str(flow))
        source = IMTS_SOURCES[str(reporter)]
        base = {PARTNER: partner, REPORTER: reporter, FLOW: flow, SOURCE_ID: source}
        annual = series[series["frequency"] == "A"]
        monthly = series[series["frequency"] == "M"]
        # Calendar years: the annual figure, else twelve months.
        years = sorted(set(annual[YEAR]) | set(monthly[YEAR]))
        last_month_year = int(monthly[YEAR].max()) if not monthly.empty else None
        for year in years:
            if year < first_calendar_year:
                continue
            a = annual[annual[YEAR] == year]
            m = monthly[monthly[YEAR] == year].sort_values("month")
            months = [int(x) for x in m["month"]]
            if not a.empty:
                value, detail, how = float(a[VALUE].iloc[0]), _detail(a), "annual figure"
            elif months == list(range(1, 13)):
                value, detail = round(float(m[VALUE].sum()), 2), _detail(m)
                how = "sum of the 12 monthly figures (no annual figure yet)"
            else:
                label = f"{partner} {reporter} {flow} {year}"
                if months == list(range(1, len(months) + 1)) and year == last_month_year:
                    period = f"{_months_text(months)} {year}"
                    ytd.append(
                        {
                            **base,
                            YEAR: year,
                            BASIS: "calendar",
                            "period": period,
                            "months": len(months),
                            VALUE: round(float(m[VALUE].sum()), 2),
                            SOURCE_DETAIL: _detail(m),
                            NOTE: f"year-to-date, {period} only (partial year); {who}",
                        }
                    )
                else:
                    skipped.append(f"{label}: months {months} are neither a year nor year-to-date")
                continue
            trade.append(
                {
                    **base,
                    YEAR: year,
                    BASIS: "calendar",
                    VALUE: value,
                    SOURCE_DETAIL: detail,
                    NOTE: f"{who}; calendar year, {how}",
                }
            )
        # Fiscal years: twelve months July-June, summed.
        if monthly.empty:
            continue
        fiscal = _fiscal_months(monthly)
        last_fy = int(fiscal["fy"].max())
        for fy_key, m in fiscal.groupby("fy", sort=True):
            fy = int(str(fy_key))
            positions = sorted(int(p) for p in m["pos"])
            label = fiscal_label(fy)
            value = round(float(m[VALUE].sum()), 2)
            if positions == list(range(1, 13)):
                trade.append(
                    {
                        **base,
                        YEAR: fy,
                        BASIS: "fiscal",
                        VALUE: value,
                        SOURCE_DETAIL: _detail(m),
                        NOTE: f"{who}; fiscal year {label} (Jul {fy - 1}-Jun {fy}), "
                        "sum of 12 monthly figures",
                    }
                )
            elif positions == list(range(1, len(positions) + 1)) and fy == last_fy:
                ordered = m.sort_values("pos")
                period = f"{_months_text([int(x) for x in ordered['month']])} {label}"
                ytd.append(
                    {
                        **base,
                        YEAR: fy,
                        BASIS: "fiscal",
                        "period": period,
                        "months": len(positions),
                        VALUE: value,
                        SOURCE_DETAIL: _detail(m),
                        NOTE: f"fiscal year-to-date, {period} only (partial year); {who}",
                    }
                )
            elif fy != int(fiscal["fy"].min()):  # the first FY is cut by the query's start
                skipped.append(
                    f"{partner} {reporter} {flow} {label}: {len(positions)} of 12 months"
                )
    return Derived(pd.DataFrame(trade), pd.DataFrame(ytd), skipped)


def source_rank(source_id: str) -> int:
    """Priority of a source (lower is preferred) among figures for the same series key."""
    return next((rank for needle, rank in SOURCE_PRIORITY if needle in source_id), 9)


def _set_primary(trade: pd.DataFrame, keys: pd.DataFrame) -> pd.Series:
    """Primary flags with the keys in `keys` re-ranked: best source first, never `other`."""
    primary = trade[PRIMARY].astype(bool).copy()
    touched = trade.reset_index().merge(keys.drop_duplicates(), on=TRADE_KEY)["index"]
    if touched.empty:
        return primary
    sub = trade.loc[touched].assign(_rank=lambda f: f[SOURCE_ID].map(source_rank))
    sub = sub.sort_values([*TRADE_KEY, "_rank", FIGURE_ID])
    best = ~sub.duplicated(TRADE_KEY, keep="first") & (sub[REPORTER] != "other")
    primary.loc[sub.index] = best
    return primary


def merge_trade(trade: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """trade.csv with its IMTS rows replaced by `derived`; primary flags re-ranked per key."""
    is_imts = trade[SOURCE_ID].isin(IMTS_SOURCES.values())
    old_keys = trade.loc[is_imts, TRADE_KEY]
    kept = trade[~is_imts]
    numbers = kept[FIGURE_ID].str[1:].astype(int)
    start = int(numbers.max()) + 1 if not numbers.empty else 1
    new = derived.sort_values([PARTNER, BASIS, REPORTER, FLOW, YEAR]).reset_index(drop=True)
    new[FIGURE_ID] = [f"T{start + i:04d}" for i in range(len(new))]
    new[ESTIMATE] = False
    new[PRIMARY] = False
    out = pd.concat([kept, new[TRADE_COLUMNS]], ignore_index=True)
    keys = pd.concat([old_keys, new[TRADE_KEY]], ignore_index=True)
    out[PRIMARY] = _set_primary(out, keys)
    return out[TRADE_COLUMNS]


def merge_stated(stated: pd.DataFrame, ytd: pd.DataFrame) -> pd.DataFrame:
    """stated_totals.csv with its IMTS year-to-date rows replaced by `ytd`."""
    kept = stated[~stated[SOURCE_ID].isin(IMTS_SOURCES.values())]
    if ytd.empty:
        return kept.reset_index(drop=True)
    new = ytd.sort_values([PARTNER, BASIS, REPORTER, FLOW, YEAR]).reset_index(drop=True)
    new = new.assign(
        stated_id=[f"{YTD_PREFIX}{i:04d}" for i in range(1, len(new) + 1)],
        partial=True,
        measure=new[FLOW],
    )
    return pd.concat([kept, new[STATED_COLUMNS]], ignore_index=True)


def merge_sources(sources: pd.DataFrame, retrieved: str, first_year: int) -> pd.DataFrame:
    """sources.csv with the two IMTS entries (IMF attribution, retrieval date) added or updated."""
    what = {"pakistan": "Pakistan-reported", "partner": "partner-reported (mirror)"}
    rows = [
        {
            SOURCE_ID: sid,
            "publisher": "International Monetary Fund",
            "title": f"International Merchandise Trade Statistics (IMTS), {what[side]}, "
            f"annual and monthly, US$, from {first_year}",
            "short_label": f"IMF IMTS, {what[side]}",
            "url": "https://data.imf.org/en/datasets/IMF.STA:IMTS",
            "licence_note": "Source: International Monetary Fund, International Merchandise "
            "Trade Statistics (IMTS); IMF terms of use (attribution required)",
            "retrieved": retrieved,
        }
        for side, sid in IMTS_SOURCES.items()
    ]
    kept = sources[~sources[SOURCE_ID].isin(IMTS_SOURCES.values())]
    both = pd.concat([kept, pd.DataFrame(rows)], ignore_index=True)
    return both.sort_values(SOURCE_ID).reset_index(drop=True)


def dots_end(trade: pd.DataFrame) -> int:
    """The last calendar year of the DOTS snapshot in trade.csv."""
    dots = trade[trade[SOURCE_ID].str.startswith(DOTS_PREFIX)]
    return int(dots[YEAR].max())


@dataclass
class Merged:
    """The three tables a refresh rewrites, plus what the derivation skipped."""

    trade: pd.DataFrame
    stated_totals: pd.DataFrame
    sources: pd.DataFrame
    skipped: list[str]


def read_snapshot(path: Path) -> pd.DataFrame:
    """The observations a refresh saved (data/raw/imf_imts/imts_observations.csv)."""
    frame = pd.read_csv(path, dtype={"month": "Int64"}, keep_default_na=False, na_values=[""])
    return frame


def apply(
    trade: pd.DataFrame, stated: pd.DataFrame, sources: pd.DataFrame, obs: pd.DataFrame
) -> Merged:
    """Replace the IMTS rows of the three tables with those derived from `obs`."""
    if obs.empty:
        raise ValueError("no IMTS observations to apply")
    derived = derive(obs, dots_end(trade) + 1)
    retrieved = str(obs["retrieved"].max())
    return Merged(
        merge_trade(trade, derived.trade),
        merge_stated(stated, derived.ytd),
        merge_sources(sources, retrieved, int(obs[YEAR].min())),
        derived.skipped,
    )

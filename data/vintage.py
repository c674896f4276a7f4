"""How current the trade figures are: the data's vintage and its year-to-date (partial) figures.

Everything here is read from the tables (source retrieval dates, the years the rows cover), so
the vintage the app shows changes when `make update-data` refreshes the data.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from data.loading import Tables
from data.schema import BASIS, PARTNER, REPORTER, SOURCE_ID, VALUE, YEAR

DOTS_PREFIX: Final = "imf_dots"
IMTS_PREFIX: Final = "imf_imts"


def data_vintage(tables: Tables) -> str:
    """E.g. 'IMF IMTS, retrieved 2026-12-02 (full years to 2024, year-to-date to Sep 2025);
    DOTS snapshot to 2020'."""
    trade, sources = tables.trade, tables.sources
    dots = trade[trade[SOURCE_ID].str.startswith(DOTS_PREFIX)]
    dots_text = f"DOTS snapshot to {int(dots[YEAR].max())}" if not dots.empty else ""
    imts = trade[trade[SOURCE_ID].str.startswith(IMTS_PREFIX) & (trade[BASIS] == "calendar")]
    cited = sources[sources[SOURCE_ID].str.startswith(IMTS_PREFIX)]
    if imts.empty or cited.empty:
        return f"IMF {dots_text}; later years from the national sources named" if dots_text else ""
    parts = [f"full years to {int(imts[YEAR].max())}"]
    ytd = year_to_date(tables)
    calendar = ytd[ytd[BASIS] == "calendar"]
    if not calendar.empty:
        latest = calendar.sort_values([YEAR, "months"]).iloc[-1]
        parts.append(f"year-to-date {latest['period']}")
    text = f"IMF IMTS, retrieved {max(cited['retrieved'])} ({', '.join(parts)})"
    return f"{text}; {dots_text}" if dots_text else text


def year_to_date(tables: Tables) -> pd.DataFrame:
    """The IMTS year-to-date rows (partial years: never in a chart, total or ranking)."""
    st = tables.stated_totals
    rows = st[st["partial"] & st[SOURCE_ID].str.startswith(IMTS_PREFIX)]
    # Months in the period, for ordering: "Jan-Sep 2025" has 9, "Jul FY2025-26" has 1.
    months = rows["period"].map(_month_count)
    return (
        rows.assign(months=months)
        .sort_values([BASIS, YEAR, PARTNER, REPORTER, "measure"])
        .reset_index(drop=True)[
            [PARTNER, YEAR, BASIS, "period", "months", "measure", REPORTER, VALUE, SOURCE_ID]
        ]
    )


MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_count(period: str) -> int:
    span = period.split(" ")[0].split("-")
    first, last = MONTHS.index(span[0]), MONTHS.index(span[-1])
    return (last - first) % 12 + 1

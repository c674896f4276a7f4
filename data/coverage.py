"""Which years each basis/reporter series has figures for, from the trade table (pure)."""

from __future__ import annotations

from data.loading import Tables
from data.schema import BASIS, PRIMARY, REPORTER, YEAR
from data.state import BASIS_CHOICES, REPORTER_CHOICES, Coverage, Span


def trade_coverage(tables: Tables) -> Coverage:
    """The first and last year of every (basis, reporter) series with primary figures."""
    trade = tables.trade[tables.trade[PRIMARY]]
    spans: dict[tuple[str, str], Span] = {}
    for (basis, reporter), years in trade.groupby([BASIS, REPORTER])[YEAR]:
        if basis in BASIS_CHOICES and reporter in REPORTER_CHOICES and len(years):
            spans[(str(basis), str(reporter))] = (int(years.min()), int(years.max()))
    return Coverage(spans)

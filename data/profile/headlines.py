"""Headline figures of a country: latest year per basis and reporter, growth, share, rank."""

from __future__ import annotations

import pandas as pd

from data.loading import Tables
from data.lookups import country_names, source_labels
from data.profile.model import (
    DERIVED_SHORT,
    MIN_CARS_FOR_SHARE,
    SERIES,
    SERIES_LABEL,
    SERIES_SHORT,
    Growth,
    Headline,
)
from data.queries import SOURCES, cagr, every_series
from data.schema import (
    BASIS,
    CAR_CODES,
    ESTIMATE,
    PARTNER,
    REPORTER,
    VALUE,
    YEAR,
)
from data.state import period_label
from data.text import musd


def series_frame(tables: Tables, basis: str, reporter: str, flow: str) -> pd.DataFrame:
    """All six CARs' primary series of one flow (balance/turnover derived), every year.

    Computed once per Tables and shared with the charts' view series: callers must not modify
    the frame.
    """
    return every_series(tables, reporter, basis, flow)


def _value(series: pd.DataFrame, iso3: str, year: int) -> float | None:
    rows = series[(series[PARTNER] == iso3) & (series[YEAR] == year)]
    return float(rows[VALUE].iloc[0]) if not rows.empty else None


def _sources(series: pd.DataFrame, iso3: str, year: int) -> tuple[str, ...]:
    rows = series[(series[PARTNER] == iso3) & (series[YEAR] == year)]
    return tuple(sorted({s for joined in rows[SOURCES] for s in str(joined).split(";") if s}))


def _is_derived(tables: Tables, iso3: str, reporter: str) -> bool:
    """Partner-reported DOTS figures of a country that does not report to the IMF."""
    c = tables.countries
    return reporter == "partner" and not bool(
        c.loc[c["iso3"] == iso3, "reports_to_imf_dots"].iloc[0]
    )


def _growth(
    tables: Tables, turnover: pd.DataFrame, iso3: str, year: int, span: int, basis: str
) -> Growth:
    """The span-year CAGR ending in `year`, withheld across a change of source."""
    start = year - span
    first = _value(turnover, iso3, start)
    last = _value(turnover, iso3, year)
    start_sources = _sources(turnover, iso3, start)
    end_sources = _sources(turnover, iso3, year)
    period = period_label(start, basis)
    if first is None or last is None:
        return Growth(span, None, period, first, start_sources, end_sources, f"no {period} figure")
    growth = Growth(span, cagr(first, last, span), period, first, start_sources, end_sources, "")
    if growth.mixed:
        labels = source_labels(tables)

        def named(ids: tuple[str, ...]) -> str:
            return " + ".join(labels.get(s, s) for s in ids)

        note = (
            f"not shown: different sources at the two ends ({named(start_sources)}, "
            f"{period}: {musd(first)}; {named(end_sources)}, {period_label(year, basis)}: "
            f"{musd(last)})"
        )
        return Growth(span, None, period, first, start_sources, end_sources, note)
    if growth.value is None:
        return Growth(span, None, period, first, start_sources, end_sources, "not defined")
    return growth


def headline(tables: Tables, iso3: str, basis: str, reporter: str) -> Headline | None:
    """Latest year with a figure in this series: X, M, balance, turnover, share, rank, CAGR."""
    flows = {f: series_frame(tables, basis, reporter, f) for f in ("export", "import", "turnover")}
    own_years = set(flows["export"].loc[flows["export"][PARTNER] == iso3, YEAR]) | set(
        flows["import"].loc[flows["import"][PARTNER] == iso3, YEAR]
    )
    if not own_years:
        return None
    both = set(flows["turnover"].loc[flows["turnover"][PARTNER] == iso3, YEAR])
    year = int(max(both) if both else max(own_years))
    x = _value(flows["export"], iso3, year)
    m = _value(flows["import"], iso3, year)
    turnover = flows["turnover"]
    t = _value(turnover, iso3, year)
    year_rows = turnover[turnover[YEAR] == year]
    with_figure = sorted(set(year_rows[PARTNER]))
    share = None
    rank = None
    missing = [c for c in CAR_CODES if c not in with_figure]
    names = country_names(tables)
    if t is not None and len(with_figure) >= MIN_CARS_FOR_SHARE and year_rows[VALUE].sum() > 0:
        share = t / float(year_rows[VALUE].sum()) * 100
        rank = int((year_rows[VALUE] > t).sum()) + 1
        share_note = (
            f"of the {len(with_figure)} CARs with a {period_label(year, basis)} figure "
            f"(none for {', '.join(names[c] for c in missing)})"
            if missing
            else "of Pakistan's trade with all six CARs"
        )
    else:
        share_note = (
            f"not computed: only {len(with_figure)} of the six CARs have a "
            f"{period_label(year, basis)} figure in this series"
        )
    growth = tuple(_growth(tables, turnover, iso3, year, span, basis) for span in (5, 10))
    notes = [f"{g.span}-year CAGR {g.note}" for g in growth if g.value is None and g.note]
    own = pd.concat([f[(f[PARTNER] == iso3) & (f[YEAR] == year)] for f in flows.values()])
    sources = tuple(sorted({s for joined in own[SOURCES] for s in str(joined).split(";")}))
    derived = _is_derived(tables, iso3, reporter)
    return Headline(
        basis=basis,
        reporter=reporter,
        label=SERIES_LABEL[(basis, reporter)]
        + (" — estimated by the IMF from Pakistan's data" if derived else ""),
        short=DERIVED_SHORT if derived else SERIES_SHORT[(basis, reporter)],
        year=year,
        period=period_label(year, basis),
        export=x,
        import_=m,
        balance=(x - m) if x is not None and m is not None else None,
        turnover=t,
        estimate=bool(own[ESTIMATE].any()),
        share_pct=share,
        share_note=share_note,
        rank=rank,
        rank_of=len(with_figure),
        cagr5=growth[0].value,
        cagr10=growth[1].value,
        cagr_note="; ".join(notes),
        sources=sources,
        growth=growth,
        derived=derived,
    )


def spark_frame(tables: Tables, iso3: str) -> pd.DataFrame:
    """Turnover per year for each series of the country (the sparkline's data)."""
    parts = []
    for basis, reporter in SERIES:
        t = series_frame(tables, basis, reporter, "turnover")
        parts.append(t[t[PARTNER] == iso3][[PARTNER, YEAR, BASIS, REPORTER, VALUE, SOURCES]])
    return pd.concat(parts, ignore_index=True)


def _gaps(years: list[int]) -> list[int]:
    if not years:
        return []
    have = set(years)
    return [y for y in range(min(years), max(years) + 1) if y not in have]


def _years_text(years: list[int], basis: str) -> str:
    """'1996, 1999–2001' style compact list of years."""
    runs: list[tuple[int, int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return ", ".join(
        period_label(a, basis) if a == b else f"{period_label(a, basis)}–{period_label(b, basis)}"
        for a, b in runs
    )

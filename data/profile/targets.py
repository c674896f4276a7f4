"""Trade targets and how far the latest figures are from them."""

from __future__ import annotations

import pandas as pd

from data.loading import Tables
from data.lookups import country_names
from data.profile.headlines import _is_derived, _sources, _value, series_frame
from data.profile.model import (
    DERIVED_SHORT,
    SERIES,
    BaselineFigure,
    TargetFigure,
    TargetProgress,
    series_phrase,
)
from data.schema import (
    BASIS,
    PARTNER,
    REPORTER,
    SOURCE_ID,
    VALUE,
    YEAR,
)
from data.state import period_label
from data.text import musd


def _period_starts_in_or_after(year: int, basis: str, baseline_year: int) -> bool:
    """A calendar year from the baseline year on; a fiscal year starting (July) in it or later."""
    start = year - 1 if basis == "fiscal" else year
    return start >= baseline_year


def _latest_figures(
    tables: Tables, iso3: str, baseline_year: int | None, goal: float
) -> list[TargetFigure]:
    """Each series' latest turnover as a share of the goal; `counts` from the baseline year on."""
    out = []
    for basis, reporter in SERIES:
        t = series_frame(tables, basis, reporter, "turnover")
        own = t[t[PARTNER] == iso3]
        if own.empty:
            continue
        year = int(own[YEAR].max())
        value = float(own.loc[own[YEAR] == year, VALUE].iloc[0])
        label = (
            f"{DERIVED_SHORT}, {period_label(year, basis)}"
            if _is_derived(tables, iso3, reporter)
            else series_phrase(basis, reporter, year)
        )
        out.append(
            TargetFigure(
                label=label,
                basis=basis,
                reporter=reporter,
                period=period_label(year, basis),
                value=value,
                pct=value / goal * 100,
                counts=baseline_year is None
                or _period_starts_in_or_after(year, basis, baseline_year),
                sources=_sources(t, iso3, year),
            )
        )
    return out


def _baseline_figures(tables: Tables, iso3: str, year: int) -> list[BaselineFigure]:
    """Every calendar-year turnover figure the data holds for the baseline year."""
    names = country_names(tables)
    side = {"pakistan": "Pakistan side", "partner": f"{names[iso3]} side", "other": "compilation"}
    out: list[BaselineFigure] = []
    for reporter in ("pakistan", "partner"):
        t = series_frame(tables, "calendar", reporter, "turnover")
        value = _value(t, iso3, year)
        if value is not None:
            out.append(
                BaselineFigure(
                    f"{side[reporter]}, {year} (exports + imports)",
                    value,
                    _sources(t, iso3, year),
                )
            )
    st = tables.stated_totals
    stated = st[
        (st[PARTNER] == iso3)
        & (st[YEAR] == year)
        & (st[BASIS] == "calendar")
        & (st["measure"] == "turnover")
        & ~st["partial"]
    ]
    for _, row in stated.iterrows():
        label = f"{side.get(str(row[REPORTER]), str(row[REPORTER]))}, {year} (stated turnover)"
        if any(abs(b.value - float(row[VALUE])) < 1 and b.label == label for b in out):
            continue
        # The curator's locator explains a figure better than a bare URL would.
        detail = str(row["source_detail"]) if isinstance(row["source_detail"], str) else ""
        note = str(row["note"]) if isinstance(row["note"], str) else ""
        if detail and not detail.startswith("http"):
            note = detail
        out.append(BaselineFigure(label, float(row[VALUE]), (str(row[SOURCE_ID]),), note))
    return out


def targets_for(tables: Tables, iso3: str) -> list[TargetProgress]:
    """Progress towards each stated target: each series' latest figure from the baseline on."""
    targets = tables.targets[tables.targets[PARTNER] == iso3]
    out = []
    for _, row in targets.iterrows():
        goal = float(row["target_usd"])
        has_baseline = not pd.isna(row["baseline_usd"])
        byear = int(row["baseline_year"]) if has_baseline else None
        progress = tuple(_latest_figures(tables, iso3, byear, goal))
        baseline = None
        figures: tuple[BaselineFigure, ...] = ()
        if has_baseline and byear is not None:
            unknown = row["baseline_basis"] == "unknown" and row["baseline_reporter"] == "unknown"
            baseline = f"Baseline: {musd(float(row['baseline_usd']))} in {byear}" + (
                " (the source states neither whose statistics nor which year basis)"
                if unknown
                else f" ({row['baseline_basis']} year, {row['baseline_reporter']}-reported)"
            )
            figures = tuple(_baseline_figures(tables, iso3, byear))
        early = [p for p in progress if not p.counts]
        caveat = (
            "The target does not say whose statistics or which year basis it is measured on, so "
            "each series' latest turnover is shown on its own basis; they differ by source and "
            "year."
            if row["baseline_basis"] == "unknown"
            else f"Measured on {row['baseline_basis']} years, {row['baseline_reporter']}-reported."
        )
        if early and byear is not None:
            caveat += (
                f" Figures for periods before {byear} predate the target and do not count as "
                "progress."
            )
        out.append(
            TargetProgress(
                target_id=str(row["target_id"]),
                description=str(row["description"]),
                target_usd=goal,
                target_year=None if pd.isna(row["target_year"]) else int(row["target_year"]),
                baseline=baseline,
                baseline_figures=figures,
                progress=progress,
                caveat=caveat,
                source_ids=tuple(s for s in str(row[SOURCE_ID]).split(";") if s),
                baseline_year=byear,
            )
        )
    return out

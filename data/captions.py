"""Chart captions and empty-state messages: sources, basis, reporter, vintage, coverage."""

from __future__ import annotations

import pandas as pd

from data.loading import Tables
from data.lookups import country_names, names_list, source_labels
from data.schema import (
    BASIS,
    PARTNER,
    PRIMARY,
    REPORTER,
    SOURCE_ID,
    YEAR,
)
from data.state import (
    REPORTER_LABEL,
    ViewState,
    flow_phrase,
    period_label,
    upper_first,
)

DOTS_VINTAGE = "IMF DOTS annual data to 2020 (workbook snapshot of 2022-02-02)"


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

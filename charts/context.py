"""What several charts share: the palette, the events overlay and the export subtitle."""

from __future__ import annotations

import pandas as pd

from components import strings
from data import lookups
from data.loading import Tables
from data.state import REPORTER_LABEL, ViewState, period_label, upper_first
from data.view_memo import per_view
from figures.theme import for_both_themes
from figures.trade import Palette


@per_view
def palette_for(tables: Tables) -> Palette:
    """Names, colours and source labels from the tables (built once: every chart asks)."""
    return Palette(
        names=lookups.country_names(tables),
        # Each country's colour at ≥ 3:1 against the light and the dark plot background.
        colours={k: for_both_themes(v) for k, v in lookups.country_colours(tables).items()},
        sources=lookups.source_labels(tables),
    )


def _events_of_countries(tables: Tables, state: ViewState) -> tuple[pd.DataFrame, pd.Series]:
    """Events of the selected countries (and regional ones) and the year each falls in."""
    ev = tables.events
    ev = ev[ev["partner_iso3"].isin([*state.countries, "CAR"])]
    year = ev["date"].str[:4].astype(int)
    if state.basis == "fiscal":
        # July onwards belongs to the fiscal year that ends the next June (a year-only date is
        # placed mid-year, as on the chart, i.e. in the FY ending that June).
        month = pd.to_numeric(ev["date"].str[5:7], errors="coerce").fillna(6)
        year = year + (month >= 7).astype(int)
    return ev, year


def events_for(tables: Tables, state: ViewState) -> pd.DataFrame | None:
    """Events of the selected countries inside the year range (the trend overlay), if asked for."""
    if not state.events:
        return None
    ev, years = _events_of_countries(tables, state)
    return ev[years.between(*state.years)]


def events_notice(tables: Tables, state: ViewState) -> str | None:
    """With the overlay on, say which of the selected countries' events the range leaves out."""
    if not state.events:
        return None
    ev, years = _events_of_countries(tables, state)
    outside = years[~years.between(*state.years)]
    if outside.empty:
        return None if not ev.empty else "The sources date no events for the selected countries."
    first, last = int(outside.min()), int(outside.max())

    def label(year: int) -> str:
        return period_label(year, state.basis)

    span = label(first) if first == last else f"{label(first)}–{label(last)}"
    shown = len(ev) - len(outside)
    what = f"{len(outside)} of the {len(ev)} events"
    if shown == 0:
        what = "The only event" if len(ev) == 1 else f"All {len(ev)} events"
    verb = "falls" if len(outside) == 1 else "fall"
    return (
        f"{what} of the selected countries {verb} in {span}, outside the years shown "
        f"({label(state.years[0])}–{label(state.years[1])}), so the trend chart "
        + (f"shows {shown}. " if shown else "shows none. ")
        + f"Widen the years to {min(first, state.years[0])}–{max(last, state.years[1])} "
        + ("to see it." if len(outside) == 1 else "to see them all.")
    )


def view_subtitle(
    tables: Tables,
    state: ViewState,
    *,
    basis: str | None = None,
    reporters: str | None = None,
    unit: str | None = None,
    span: str | None = None,
    countries: tuple[str, ...] | None = None,
    log_axis: bool = False,
) -> str:
    """'Kazakhstan and Uzbekistan · 2005–2020 · Pakistan-reported · … · US$ million'.

    The keywords override what a chart shows differently from the view (the mirror is
    calendar-year and both reporters; shares are in %; the map shows one year of all six).
    """
    basis = basis or state.basis
    span = span or f"{period_label(state.years[0], basis)}–{period_label(state.years[1], basis)}"
    parts = [
        upper_first(lookups.names_list(tables, countries or state.countries)),
        span,
        upper_first(reporters or REPORTER_LABEL[state.reporter]),
        strings.SUBTITLE_FISCAL if basis == "fiscal" else strings.SUBTITLE_CALENDAR,
        unit or state.unit_label,
    ]
    if log_axis:
        parts.append(strings.SUBTITLE_LOG)
    return " · ".join(parts)

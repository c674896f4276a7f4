"""Which years each basis/reporter series has figures for, from the trade table (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from data.loading import Tables
from data.schema import BASIS, PRIMARY, REPORTER, YEAR
from data.state import (
    BASIS_CHOICES,
    DEFAULT_START,
    REPORTER_CHOICES,
    REPORTER_LABEL,
    ViewState,
    period_label,
    upper_first,
)

Span = tuple[int, int]
# Why a basis/reporter pair has no figures at all (the notice names the reason).
NO_FIGURES_REASON: Final = {
    ("fiscal", "partner"): "partners publish calendar-year figures only",
}
# The filter options as the reader sees them (components/filters.py), for "choose …" advice.
BASIS_OPTION: Final = {"calendar": "Calendar year", "fiscal": "Pakistan fiscal year"}
REPORTER_OPTION: Final = {"pakistan": "Pakistan-reported", "partner": "Partner-reported"}


def series_label(basis: str, reporter: str) -> str:
    """'Pakistan-reported calendar' / 'partner-reported fiscal-year': a series, mid-sentence."""
    return f"{REPORTER_LABEL[reporter]} {'fiscal-year' if basis == 'fiscal' else 'calendar'}"


@dataclass(frozen=True)
class Coverage:
    """Which years each (basis, reporter) series has figures for: the page's year defaults."""

    spans: Mapping[tuple[str, str], Span]

    @property
    def bounds(self) -> Span:
        """The first and last year with any figure (the year slider's ends)."""
        return (
            min(first for first, _ in self.spans.values()),
            max(last for _, last in self.spans.values()),
        )

    def available(self, basis: str, reporter: str) -> bool:
        """Whether the series has any figure."""
        return (basis, reporter) in self.spans

    def default_years(self, basis: str, reporter: str) -> Span:
        """The newest range: from 2000 (or the first year) to the series' last year."""
        first, last = self.spans.get((basis, reporter), self.bounds)
        return (max(DEFAULT_START, first), last)

    def unavailable_reason(self, basis: str, reporter: str) -> str:
        """Why a series has no figures (for a notice or a disabled option's tip)."""
        reason = NO_FIGURES_REASON.get((basis, reporter), "the data hold none")
        return f"{upper_first(series_label(basis, reporter))} figures do not exist: {reason}."

    def remedy(self, basis: str, reporter: str, *, lost: str) -> str:
        """' For partner-reported figures, choose Calendar year.': how to get back the reporter
        (or basis, `lost`) the reader asked for and did not get."""
        if lost == "reporter":
            bases = [b for b in BASIS_CHOICES if b != basis and self.available(b, reporter)]
            return (
                f" For {REPORTER_LABEL[reporter]} figures, choose {BASIS_OPTION[bases[0]]}."
                if bases
                else ""
            )
        reporters = [r for r in REPORTER_CHOICES if r != reporter and self.available(basis, r)]
        return f" For {basis} years, choose {REPORTER_OPTION[reporters[0]]}." if reporters else ""

    def fit(self, state: ViewState, *, years_given: bool) -> tuple[ViewState, list[str]]:
        """A state the data can draw: an available series; the newest years unless given."""
        notices: list[str] = []
        if not self.available(state.basis, state.reporter):
            other = next(r for r in REPORTER_CHOICES if self.available(state.basis, r))
            notices.append(
                self.unavailable_reason(state.basis, state.reporter)
                + f" Showing {series_label(state.basis, other)} figures instead."
                + self.remedy(state.basis, state.reporter, lost="reporter")
            )
            state = state.with_(reporter=other)
        # Given years are already inside `bounds` (data/state.py: parse_query cuts them).
        if not years_given:
            state = state.with_(years=self.default_years(state.basis, state.reporter))
        return state, notices

    def switch(self, old: ViewState, new: ViewState) -> tuple[ViewState, list[str]]:
        """A basis or reporter change in the filters: keep the pair available, the end newest.

        A pair without figures cannot be chosen: the other filter follows, with a notice. A
        range that ended at the old series' last year moves to the new series' last year.
        """
        notices: list[str] = []
        if not self.available(new.basis, new.reporter):
            changed_basis = new.basis != old.basis
            if changed_basis:
                fix = next(r for r in REPORTER_CHOICES if self.available(new.basis, r))
                fixed = new.with_(reporter=fix)
                what = f"The reporter is now {REPORTER_OPTION[fix]}."
                lost = "reporter"
            else:
                fix = next(b for b in BASIS_CHOICES if self.available(b, new.reporter))
                fixed = new.with_(basis=fix)
                what = f"The year basis is now {BASIS_OPTION[fix]}."
                lost = "basis"
            notices.append(
                f"{self.unavailable_reason(new.basis, new.reporter)} {what}"
                + self.remedy(new.basis, new.reporter, lost=lost)
            )
            new = fixed
        if (new.basis, new.reporter) != (old.basis, old.reporter):
            old_default = self.default_years(old.basis, old.reporter)
            if new.years[1] == old_default[1]:
                last = self.default_years(new.basis, new.reporter)[1]
                new = new.with_(years=(min(new.years[0], last), last))
        return new, notices

    def newer_notice(self, state: ViewState) -> str | None:
        """Where figures newer than the view's end year exist, or None."""
        end = state.years[1]
        later = [
            (pair, last)
            for pair, (_, last) in self.spans.items()
            if last > end and pair != (state.basis, state.reporter)
        ]
        if not later:
            return None
        own = self.spans.get((state.basis, state.reporter))
        head = (
            f"{upper_first(series_label(state.basis, state.reporter))} figures end in "
            f"{period_label(own[1], state.basis)}"
            if own and own[1] <= end
            else f"This view ends in {period_label(end, state.basis)}"
        )
        others = "; ".join(
            f"{series_label(b, r)} figures run to {period_label(last, b)}"
            for (b, r), last in sorted(later)
        )
        return f"{head}; {others}. Choose them under Year basis or Reported by."


def trade_coverage(tables: Tables) -> Coverage:
    """The first and last year of every (basis, reporter) series with primary figures."""
    trade = tables.trade[tables.trade[PRIMARY]]
    spans: dict[tuple[str, str], Span] = {}
    for (basis, reporter), years in trade.groupby([BASIS, REPORTER])[YEAR]:
        if basis in BASIS_CHOICES and reporter in REPORTER_CHOICES and len(years):
            spans[(str(basis), str(reporter))] = (int(years.min()), int(years.max()))
    return Coverage(spans)

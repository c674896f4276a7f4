"""'As of' dates of corridor and agreement statuses, and whether one is over two years old."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from components import strings

STALE_AFTER_YEARS = 2
STALE_WORDS = strings.STATUS_STALE.format(years=STALE_AFTER_YEARS)


def period_end(as_of: str) -> date:
    """The last day an ISO date of any precision can mean: '2023' -> 31 Dec 2023."""
    parts = [int(p) for p in str(as_of).split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb -> 1 Mar
        return day.replace(year=day.year + years, month=3, day=1)


def as_of_text(as_of: str) -> str:
    """'27 Dec 2024', 'Feb 2023' or '2023' from an ISO date of its own precision."""
    parts = [int(p) for p in str(as_of).split("-")]
    text = str(parts[0])
    if len(parts) >= 2:
        text = f"{calendar.month_abbr[parts[1]]} {text}"
    if len(parts) == 3:
        text = f"{parts[2]} {text}"
    return text


@dataclass(frozen=True)
class StatusDate:
    """A status's 'as of' date as shown, and whether it is stale at the reference date."""

    as_of: str
    text: str
    stale: bool
    today: date

    @property
    def phrase(self) -> str:
        """'as of 27 Dec 2024', or 'as of 2023, over 2 years old at 2026-12-02'."""
        old = strings.STATUS_STALE_AT.format(stale=STALE_WORDS, today=self.today.isoformat())
        return strings.STATUS_AS_OF.format(date=self.text) + (old if self.stale else "")

    @property
    def short(self) -> str:
        """The legend's form: 'as of 2024', or 'as of 2023, over 2 years old'."""
        old = f", {STALE_WORDS}" if self.stale else ""
        return strings.STATUS_AS_OF.format(date=str(self.as_of)[:4]) + old


def status_date(as_of: object, today: date) -> StatusDate:
    """The status date of `as_of` (YYYY, YYYY-MM or YYYY-MM-DD) seen from `today`.

    Stale only when certainly so: even the last day the date can mean ('2023' -> 31 Dec 2023)
    lies more than two years before `today`.
    """
    text = str(as_of)
    stale = _years_later(period_end(text), STALE_AFTER_YEARS) < today
    return StatusDate(as_of=text, text=as_of_text(text), stale=stale, today=today)


def with_status_dates(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """`frame` (corridors or agreements) plus `status_when` (its phrase) and `status_stale`."""
    dates = [status_date(v, today) for v in frame["status_as_of"]]
    return frame.assign(
        status_when=[d.phrase for d in dates],
        status_stale=pd.Series([d.stale for d in dates], index=frame.index, dtype=bool),
    )


def reference_clock(text: str) -> Callable[[], date] | None:
    """A clock fixed at an ISO date (e.g. PAKCAR_REFERENCE_DATE), or None for today's date."""
    if not text.strip():
        return None
    try:
        fixed = date.fromisoformat(text.strip())
    except ValueError as err:
        raise ValueError(f"reference date {text!r} is not an ISO date (YYYY-MM-DD)") from err
    return lambda: fixed

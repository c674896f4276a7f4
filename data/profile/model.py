"""The profile's view-model dataclasses and the labels and thresholds they are read with."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components import strings
from data.context import Place
from data.state import period_label

# The series a profile reports, in display order: (basis, reporter).
SERIES: tuple[tuple[str, str], ...] = (
    ("calendar", "pakistan"),
    ("calendar", "partner"),
    ("fiscal", "pakistan"),
)


SERIES_LABEL = {
    ("calendar", "pakistan"): strings.SERIES_PAKISTAN_CALENDAR,
    ("calendar", "partner"): strings.SERIES_PARTNER_CALENDAR,
    ("fiscal", "pakistan"): strings.SERIES_PAKISTAN_FISCAL,
}


# Column heads: the period under them ("2020", "FY2024-25") says which year basis it is.
SERIES_SHORT = {
    ("calendar", "pakistan"): strings.SERIES_SHORT_PAKISTAN,
    ("calendar", "partner"): strings.SERIES_SHORT_PARTNER,
    ("fiscal", "pakistan"): strings.SERIES_SHORT_PAKISTAN,
}


# Turkmenistan's "partner-reported" DOTS series is the IMF's estimate from Pakistan's own data.
DERIVED_SHORT = strings.SERIES_DERIVED_SHORT


BASIS_TEXT = {"calendar": strings.BASIS_CALENDAR_TEXT, "fiscal": strings.BASIS_FISCAL_TEXT}


# An agreement's status as read: FACTS.md's `implemented` means being applied, not finished.
AGREEMENT_STATUS_LABEL = {
    "implemented": strings.AGREEMENT_IMPLEMENTED,
    "in_force": strings.AGREEMENT_IN_FORCE_STATUS,
    "signed": strings.AGREEMENT_SIGNED_STATUS,
    "announced": strings.AGREEMENT_ANNOUNCED,
    "under_negotiation": strings.AGREEMENT_UNDER_NEGOTIATION,
    "proposed": strings.AGREEMENT_PROPOSED,
    "stalled": strings.AGREEMENT_STALLED,
}


def agreement_status_label(status: str) -> str:
    """'being implemented', 'under negotiation', ... for an agreements.csv status."""
    return AGREEMENT_STATUS_LABEL.get(status, status.replace("_", " "))


def series_phrase(basis: str, reporter: str, year: int) -> str:
    """'Pakistan-reported, 2020' or 'Pakistan-reported, FY2024-25': reporter, period, once."""
    return f"{SERIES_SHORT[(basis, reporter)]}, {period_label(year, basis)}"


MIN_CARS_FOR_SHARE = 5  # a share or rank among fewer CARs would mislead


MIRROR_GAP_FACTOR = 1.5  # a partner/Pakistan ratio beyond 1.5× (or below 1/1.5) is a caveat


CONTEXT_NAMES = {
    "PAK": "Pakistan",
    "AFG": "Afghanistan",
    "CHN": "China",
    "IND": "India",
    "IRN": "Iran",
}


MEMBERSHIP_MARK = {
    "member": strings.MEMBERSHIP_MEMBER,
    "observer": strings.MEMBERSHIP_OBSERVER,
    "dialogue_partner": strings.MEMBERSHIP_DIALOGUE,
    "participant": strings.MEMBERSHIP_PARTICIPANT,
    "applicant": strings.MEMBERSHIP_APPLICANT,
    "non_member": "—",
}


CAGR_RULE = strings.CAGR_RULE


@dataclass(frozen=True)
class Growth:
    """A compound annual growth rate of turnover over `span` years ending in the headline year.

    `value` is None when an end year has no figure or when the two ends come from different
    sources (withheld: `note` says why and gives both ends with their sources).
    """

    span: int
    value: float | None
    start_period: str
    start_value: float | None
    start_sources: tuple[str, ...]
    end_sources: tuple[str, ...]
    note: str

    @property
    def mixed(self) -> bool:
        """The two ends come from different sources."""
        return bool(self.start_sources) and set(self.start_sources) != set(self.end_sources)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source behind the rate (both ends)."""
        return tuple(sorted(set(self.start_sources) | set(self.end_sources)))


@dataclass(frozen=True)
class Headline:
    """The latest year's figures of one series (basis × reporter) for one country."""

    basis: str
    reporter: str
    label: str
    short: str
    year: int
    period: str
    export: float | None
    import_: float | None
    balance: float | None
    turnover: float | None
    estimate: bool
    share_pct: float | None
    share_note: str
    rank: int | None
    rank_of: int
    cagr5: float | None
    cagr10: float | None
    cagr_note: str
    sources: tuple[str, ...]
    growth: tuple[Growth, ...] = ()
    derived: bool = False  # the series is the IMF's estimate, not the partner's own report


CAVEAT_TITLE = {
    "mirror_gap": strings.CAVEAT_MIRROR_GAP,
    "derived_mirror": strings.CAVEAT_DERIVED_MIRROR,
    "fiscal": strings.CAVEAT_FISCAL,
    "reading": strings.CAVEAT_READING,
    "missing_years": strings.CAVEAT_MISSING_YEARS,
    "estimates": strings.CAVEAT_ESTIMATES,
    "disagreement": strings.CAVEAT_DISAGREEMENT,
}


@dataclass(frozen=True)
class Caveat:
    """A data caveat shown on the panel, with the sources it rests on."""

    kind: str  # mirror_gap | derived_mirror | fiscal | reading | missing_years | estimates | ...
    text: str
    sources: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The caveat's heading, as the panel and the brief print it."""
        return CAVEAT_TITLE.get(self.kind, self.kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class TargetFigure:
    """One series' latest turnover measured against a target."""

    label: str  # 'Pakistan-reported, FY2024-25'
    basis: str
    reporter: str
    period: str
    value: float
    pct: float
    counts: bool  # from the baseline year on: progress; earlier figures predate the target
    sources: tuple[str, ...]


@dataclass(frozen=True)
class BaselineFigure:
    """Another figure for the target's baseline year, shown beside the stated baseline."""

    label: str
    value: float
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class TargetProgress:
    """A stated target, measured against each series' latest turnover figure."""

    target_id: str
    description: str
    target_usd: float
    target_year: int | None
    baseline: str | None
    baseline_figures: tuple[BaselineFigure, ...]
    progress: tuple[TargetFigure, ...]
    caveat: str
    source_ids: tuple[str, ...]
    baseline_year: int | None = None

    @property
    def source_id(self) -> str:
        """The target's sources as one ';'-joined id string (for citation helpers)."""
        return ";".join(self.source_ids)


@dataclass(frozen=True)
class Profile:
    """Everything one country's panel shows."""

    iso3: str
    name: str
    capital: str
    headlines: tuple[Headline, ...]
    spark: pd.DataFrame  # partner, year, basis, reporter, value (turnover, US$)
    caveats: tuple[Caveat, ...]
    agreements: pd.DataFrame
    mechanisms: pd.DataFrame
    memberships: pd.DataFrame  # body, name, country status, Pakistan status, sources
    corridors: pd.DataFrame
    products: pd.DataFrame
    events: pd.DataFrame
    targets: tuple[TargetProgress, ...]
    notes: pd.DataFrame  # seed-text statements (topic, statement, value, unit, year, source)
    references: pd.DataFrame  # source_id, short_label, title, url, publisher
    used_sources: tuple[str, ...] = field(default=())
    regional_notes: pd.DataFrame = field(default_factory=pd.DataFrame)  # blank-country facts
    derived_mirror: bool = False
    place: Place | None = None  # Pakistan's rank among the CAR's compared partners (data/context)

"""The view state (what the URL query holds) and its parsing: pure, no Dash."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final
from urllib.parse import parse_qs, urlencode

from data.schema import CAR_CODES

FLOW_CHOICES: Final = ("export", "import", "balance", "turnover")
BASIS_CHOICES: Final = ("calendar", "fiscal")
REPORTER_CHOICES: Final = ("pakistan", "partner")
UNIT_CHOICES: Final = ("usd", "thousand", "million")
SCALE_CHOICES: Final = ("linear", "log")
UNIT_DIVISOR: Final = {"usd": 1.0, "thousand": 1e3, "million": 1e6}
UNIT_LABEL: Final = {"usd": "US$", "thousand": "US$ thousand", "million": "US$ million"}
FLOW_LABEL: Final = {
    "export": "Pakistan's exports",
    "import": "Pakistan's imports",
    "balance": "Trade balance (exports − imports)",
    "turnover": "Trade turnover (exports + imports)",
}


def upper_first(text: str) -> str:
    """'all six CARs' -> 'All six CARs' (str.capitalize would lower-case the acronym)."""
    return text[:1].upper() + text[1:]


def flow_phrase(flow: str) -> str:
    """The flow's label mid-sentence: 'trade balance (…)'; 'Pakistan's exports' keeps its P."""
    label = FLOW_LABEL[flow]
    return label if label.startswith("Pakistan") else label[0].lower() + label[1:]


REPORTER_LABEL: Final = {"pakistan": "Pakistan-reported", "partner": "partner-reported"}
YEAR_BOUNDS: Final = (1992, 2025)

# Quick country groups offered beside the multi-select.
GROUPS: Final = {
    "all": ("All six CARs", CAR_CODES),
    "car5": ("SBP's five (ex-Soviet Central Asia)", ("KAZ", "KGZ", "TJK", "TKM", "UZB")),
    "qtta": ("QTTA members", ("KAZ", "KGZ")),
}


@dataclass(frozen=True)
class ViewState:
    """Everything that defines a view; serialised to and from the URL query string."""

    countries: tuple[str, ...] = CAR_CODES
    years: tuple[int, int] = (2000, 2020)
    flow: str = "turnover"
    basis: str = "calendar"
    reporter: str = "pakistan"
    unit: str = "million"
    scale: str = "linear"
    country: str | None = None
    events: bool = False
    compare: str | None = None

    @property
    def divisor(self) -> float:
        """What to divide US$ values by for the chosen unit."""
        return UNIT_DIVISOR[self.unit]

    @property
    def unit_label(self) -> str:
        """Axis-title unit, e.g. 'US$ million'."""
        return UNIT_LABEL[self.unit]

    def with_(self, **changes: object) -> ViewState:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_STATE: Final = ViewState()


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1].strip() if values else None


def parse_query(query: str | None) -> tuple[ViewState, list[str]]:
    """Parse a URL query string into a view state; invalid values are dropped with a notice.

    Notices say what is wrong and what is valid, not what happens next: the page ignores the
    value (its alert says so), a download endpoint refuses the request.
    """
    notices: list[str] = []
    if query is not None and not isinstance(query, str):
        notices.append(f"the URL query is not text: {query!r}.")
        query = None
    params = parse_qs((query or "").lstrip("?"), keep_blank_values=True)
    state = DEFAULT_STATE
    changes: dict[str, object] = {}

    raw = _one(params, "countries")
    if raw is not None:
        codes = [c.strip().upper() for c in raw.split(",") if c.strip()]
        valid = tuple(c for c in CAR_CODES if c in codes)
        bad = [c for c in codes if c not in CAR_CODES]
        if bad:
            notices.append(
                f"countries: unknown code(s) {', '.join(bad)} (use {', '.join(CAR_CODES)})."
            )
        if valid:
            changes["countries"] = valid
        elif not bad:
            notices.append("countries: no country code given.")

    raw = _one(params, "years")
    if raw is not None:
        years = _parse_years(raw)
        if years is None:
            notices.append(
                f"years={raw!r}: use a range like 2005-2020 within "
                f"{YEAR_BOUNDS[0]}–{YEAR_BOUNDS[1]}."
            )
        else:
            changes["years"] = years

    for key, choices in (
        ("flow", FLOW_CHOICES),
        ("basis", BASIS_CHOICES),
        ("reporter", REPORTER_CHOICES),
        ("unit", UNIT_CHOICES),
        ("scale", SCALE_CHOICES),
    ):
        raw = _one(params, key)
        if raw is None:
            continue
        value = raw.lower()
        if value in choices:
            changes[key] = value
        else:
            notices.append(f"{key}={raw!r}: use one of {', '.join(choices)}.")

    for key in ("country", "compare"):
        raw = _one(params, key)
        if raw:
            code = raw.upper()
            if code in CAR_CODES:
                changes[key] = code
            else:
                notices.append(f"{key}={raw!r}: not one of {', '.join(CAR_CODES)}.")

    raw = _one(params, "events")
    if raw is not None:
        if raw.lower() in ("1", "true", "on", "yes"):
            changes["events"] = True
        elif raw.lower() not in ("0", "false", "off", "no", ""):
            notices.append(f"events={raw!r}: use 1 or 0.")

    known = {"countries", "years", "flow", "basis", "reporter", "unit", "scale", "country"}
    known |= {"events", "compare", "chart", "scale_factor", "width", "height", "format"}
    unknown = sorted(set(params) - known)
    if unknown:
        notices.append(f"unknown parameter(s): {', '.join(unknown)}.")
    return state.with_(**changes), notices


def _parse_years(raw: str) -> tuple[int, int] | None:
    parts = raw.replace("–", "-").split("-")
    try:
        numbers = [int(p) for p in parts if p.strip()]
    except ValueError:
        return None
    if len(numbers) == 1:
        numbers = numbers * 2
    if len(numbers) != 2:
        return None
    start, end = sorted(numbers)
    if start < YEAR_BOUNDS[0] or end > YEAR_BOUNDS[1]:
        return None
    return start, end


def to_query(state: ViewState) -> str:
    """Serialise a view state to a URL query string (only non-default values, stable order)."""
    default = DEFAULT_STATE
    params: dict[str, str] = {}
    if state.countries != default.countries:
        params["countries"] = ",".join(state.countries)
    if state.years != default.years:
        params["years"] = f"{state.years[0]}-{state.years[1]}"
    for key in ("flow", "basis", "reporter", "unit", "scale"):
        if getattr(state, key) != getattr(default, key):
            params[key] = getattr(state, key)
    if state.country:
        params["country"] = state.country
    if state.compare:
        params["compare"] = state.compare
    if state.events:
        params["events"] = "1"
    return urlencode(params, safe=",")


def fy_label(year: int) -> str:
    """Pakistan fiscal-year label for the FY ending in `year`: 2023 -> 'FY2022-23'."""
    return f"FY{year - 1}-{year % 100:02d}"


def period_label(year: int, basis: str) -> str:
    """Year label for a basis: '2019' or 'FY2018-19'."""
    return fy_label(year) if basis == "fiscal" else str(year)


def file_stem(state: ViewState, chart: str | None) -> str:
    """'pak-car_trend_KAZ-UZB_2005-2020_export' style name built from the filters."""
    if chart == "profile" and state.country:
        return f"pak-car_profile_{state.country}"  # a profile ignores the chart filters
    countries = "all" if len(state.countries) == 6 else "-".join(state.countries)
    parts = [
        "pak-car",
        chart or "view",
        countries,
        f"{state.years[0]}-{state.years[1]}",
        state.flow,
    ]
    if state.basis == "fiscal":
        parts.append("FY")
    if state.reporter == "partner":
        parts.append("partner")
    return "_".join(parts)

"""The view state (what the URL query holds) and its parsing: pure, no Dash."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Final, Protocol
from urllib.parse import parse_qs, urlencode

from components import strings
from data.schema import CAR_CODES

FLOW_CHOICES: Final = ("export", "import", "balance", "turnover")
BASIS_CHOICES: Final = ("calendar", "fiscal")
REPORTER_CHOICES: Final = ("pakistan", "partner")
UNIT_CHOICES: Final = ("usd", "thousand", "million")
SCALE_CHOICES: Final = ("linear", "log")
UNIT_DIVISOR: Final = {"usd": 1.0, "thousand": 1e3, "million": 1e6}
UNIT_LABEL: Final = {
    "usd": strings.UNIT_USD,
    "thousand": strings.UNIT_THOUSAND,
    "million": strings.UNIT_MILLION,
}
FLOW_LABEL: Final = {
    "export": strings.FLOW_EXPORT,
    "import": strings.FLOW_IMPORT,
    "balance": strings.FLOW_BALANCE,
    "turnover": strings.FLOW_TURNOVER,
}


def upper_first(text: str) -> str:
    """'all six CARs' -> 'All six CARs' (str.capitalize would lower-case the acronym)."""
    return text[:1].upper() + text[1:]


def flow_phrase(flow: str) -> str:
    """The flow's label mid-sentence: 'trade balance (…)'; 'Pakistan's exports' keeps its P."""
    label = FLOW_LABEL[flow]
    return label if label.startswith("Pakistan") else label[0].lower() + label[1:]


REPORTER_LABEL: Final = {"pakistan": strings.REPORTER_PAKISTAN, "partner": strings.REPORTER_PARTNER}
# The widest year range a URL may ask for (a sanity bound, not the data's span: the slider's
# ends and the default range come from the tables, see `Coverage`).
YEAR_BOUNDS: Final = (1990, 2035)
DEFAULT_START: Final = 2000  # the default range starts here (or at the first year with figures)

# The page's views (tabs), in tab order; `view=` in the URL names one.
VIEW_CHOICES: Final = ("overview", "map", "countries", "sources")
VIEW_LABEL: Final = {
    "overview": strings.VIEW_OVERVIEW,
    "map": strings.VIEW_MAP,
    "countries": strings.VIEW_COUNTRIES,
    "sources": strings.VIEW_SOURCES,
}

# Quick country groups offered beside the multi-select.
GROUPS: Final = {
    "all": (strings.GROUP_ALL, CAR_CODES),
    "car5": (strings.GROUP_CAR5, ("KAZ", "KGZ", "TJK", "TKM", "UZB")),
    "qtta": (strings.GROUP_QTTA, ("KAZ", "KGZ")),
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
    view: str = "overview"

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


class YearCoverage(Protocol):
    """What the URL parser needs of the data's coverage (data/coverage.py: Coverage)."""

    def fit(self, state: ViewState, *, years_given: bool) -> tuple[ViewState, list[str]]:
        """A state the data can draw."""
        ...

    def default_years(self, basis: str, reporter: str) -> tuple[int, int]:
        """The newest range of a series."""
        ...

    @property
    def bounds(self) -> tuple[int, int]:
        """The first and last year with any figure (the year slider's ends)."""
        ...


DEFAULT_STATE: Final = ViewState()


# What the download URLs add to a view query (parsed by export/params.py): a page URL that
# carries them (a download link pasted into the address bar) is not an error.
EXPORT_KEYS: Final = ("chart", "scale_factor", "width", "height", "format")
VIEW_KEYS: Final = tuple(f.name for f in fields(ViewState))
CHOICES: Final = {
    "flow": FLOW_CHOICES,
    "basis": BASIS_CHOICES,
    "reporter": REPORTER_CHOICES,
    "unit": UNIT_CHOICES,
    "scale": SCALE_CHOICES,
}
VIEW_RULE_CHOICES: Final = {"view": VIEW_CHOICES}
TRUE_WORDS: Final = ("1", "true", "on", "yes")
FALSE_WORDS: Final = ("0", "false", "off", "no", "")


# One rule per field, shared by the URL parser and the filter/store validator: each takes the
# value and how to name it in a notice ("flow='x'" for a URL value, "flow 'x'" for a widget
# value) and returns (value or None, notice or None).
Rule = tuple[object | None, str | None]


def countries_rule(codes: list[str], label: str) -> Rule:
    """Known CAR codes in canonical order; unknown ones named, none at all refused."""
    valid = tuple(c for c in CAR_CODES if c in codes)
    bad = [c for c in codes if c not in CAR_CODES]
    if bad:
        return valid or None, (
            strings.NOTICE_UNKNOWN_CODES.format(
                label=label, codes=", ".join(bad), valid=", ".join(CAR_CODES)
            )
        )
    if not valid:
        return None, strings.NOTICE_NO_CODE.format(label=label)
    return valid, None


def years_rule(start: int, end: int, label: str) -> Rule:
    """A year range inside YEAR_BOUNDS, in order."""
    low, high = sorted((start, end))
    if low < YEAR_BOUNDS[0] or high > YEAR_BOUNDS[1]:
        return None, strings.NOTICE_YEARS_OUTSIDE.format(
            label=label, low=YEAR_BOUNDS[0], high=YEAR_BOUNDS[1]
        )
    return (low, high), None


def choice_rule(key: str, value: object, label: str) -> Rule:
    """One of the key's choices (flow, basis, reporter, unit, scale)."""
    choices = {**CHOICES, **VIEW_RULE_CHOICES}[key]
    if value in choices:
        return value, None
    return None, strings.NOTICE_USE_ONE_OF.format(label=label, choices=", ".join(choices))


def code_rule(value: object, label: str) -> Rule:
    """One CAR code (the open profile, the compared country); empty means none."""
    if value in CAR_CODES:
        return value, None
    if value in (None, ""):
        return None, None
    return None, strings.NOTICE_NOT_ONE_OF.format(label=label, codes=", ".join(CAR_CODES))


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1].strip() if values else None


def implied_view(country: str | None) -> str:
    """The view a URL without `view=` opens: a named country opens Countries (old permalinks)."""
    return "countries" if country else "overview"


def parse_query(
    query: str | None,
    *,
    allow: tuple[str, ...] = EXPORT_KEYS,
    coverage: YearCoverage | None = None,
    bounds: tuple[int, int] | None = None,
) -> tuple[ViewState, list[str]]:
    """Parse a URL query string into a view state; invalid values are dropped with a notice.

    Notices say what is wrong and what is valid, not what happens next: the page ignores the
    value (its alert says so), a download endpoint refuses the request. `allow` names the
    non-view parameters that are no error (a download's own, parsed by export/params.py).
    With `coverage` (the page), a query without `years=` gets the newest range for its basis
    and reporter, and a basis/reporter pair without figures is refused with the reason.
    Years are checked against `bounds` (the data's first and last year; with `coverage`, its
    bounds; else the sanity bounds YEAR_BOUNDS): a range partly outside is cut to them with
    a notice, one wholly outside is dropped with a notice.
    """
    low, high = coverage.bounds if coverage is not None else bounds or YEAR_BOUNDS
    notices: list[str] = []
    if query is not None and not isinstance(query, str):
        notices.append(strings.NOTICE_QUERY_NOT_TEXT.format(query=repr(query)))
        query = None
    params = parse_qs((query or "").lstrip("?"), keep_blank_values=True)
    changes: dict[str, object] = {}

    def take(key: str, rule: Rule) -> None:
        value, notice = rule
        if value is not None:
            changes[key] = value
        if notice:
            notices.append(notice)

    raw = _one(params, "countries")
    if raw is not None:
        codes = [c.strip().upper() for c in raw.split(",") if c.strip()]
        take("countries", countries_rule(codes, "countries"))

    raw = _one(params, "years")
    if raw is not None:
        years = _parse_years(raw)
        if years is None:
            notices.append(strings.NOTICE_YEARS_RANGE.format(raw=repr(raw), low=low, high=high))
        elif years[1] < low or years[0] > high:
            notices.append(strings.NOTICE_YEARS_NONE.format(raw=repr(raw), low=low, high=high))
        else:
            changes["years"] = (max(years[0], low), min(years[1], high))
            if changes["years"] != years:
                notices.append(strings.NOTICE_YEARS_CUT.format(raw=repr(raw), low=low, high=high))

    for key in CHOICES:
        raw = _one(params, key)
        if raw is not None:
            take(key, choice_rule(key, raw.lower(), f"{key}={raw!r}"))

    for key in ("country", "compare"):
        raw = _one(params, key)
        if raw:
            take(key, code_rule(raw.upper(), f"{key}={raw!r}"))

    raw = _one(params, "events")
    if raw is not None:
        if raw.lower() in TRUE_WORDS:
            changes["events"] = True
        elif raw.lower() not in FALSE_WORDS:
            notices.append(strings.NOTICE_EVENTS.format(raw=repr(raw)))

    raw = _one(params, "view")
    if raw:
        take("view", choice_rule("view", raw.lower(), f"view={raw!r}"))
    if "view" not in changes:
        changes["view"] = implied_view(changes.get("country"))  # type: ignore[arg-type]

    unknown = sorted(set(params) - set(VIEW_KEYS) - set(allow))
    if unknown:
        notices.append(strings.NOTICE_UNKNOWN_PARAMS.format(names=", ".join(unknown)))
    state = DEFAULT_STATE.with_(**changes)
    if coverage is not None:
        state, more = coverage.fit(state, years_given="years" in changes)
        notices += more
    return state, notices


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
    low, high = sorted(numbers)
    return low, high


def from_values(
    countries: Any,
    years: Any,
    flow: Any,
    basis: Any,
    reporter: Any,
    unit: Any,
    scale: Any,
    events: Any,
    country: Any,
    compare: Any,
    view: Any = "overview",
) -> tuple[ViewState, list[str]]:
    """Validate raw widget (or store) values into a view state; bad values become notices."""
    notices: list[str] = []
    changes: dict[str, Any] = {}
    if isinstance(countries, list) and all(isinstance(c, str) for c in countries):
        valid = tuple(c for c in CAR_CODES if c in countries)
        if valid:
            changes["countries"] = valid
        else:
            notices.append(strings.NOTICE_NO_COUNTRIES)
    else:
        notices.append(strings.NOTICE_COUNTRIES_NOT_LIST.format(value=repr(countries)))
    if (
        isinstance(years, list | tuple)
        and len(years) == 2
        and all(isinstance(y, int | float) and not isinstance(y, bool) for y in years)
    ):
        value, notice = years_rule(int(years[0]), int(years[1]), f"years {years!r}")
        if notice:
            notices.append(notice)
        else:
            changes["years"] = value
    else:
        notices.append(strings.NOTICE_YEARS_NOT_RANGE.format(value=repr(years)))
    for key, raw in zip(CHOICES, (flow, basis, reporter, unit, scale), strict=True):
        value, notice = choice_rule(key, raw, f"{key} {raw!r}")
        if notice:
            notices.append(notice)
        else:
            changes[key] = value
    changes["events"] = bool(events) if isinstance(events, bool) else False
    for key, raw in (("country", country), ("compare", compare)):
        value, notice = code_rule(raw, f"{key} {raw!r}")
        if value is not None:
            changes[key] = value
        elif notice:
            notices.append(notice)
    value, notice = choice_rule("view", view, f"view {view!r}")
    if notice:
        notices.append(notice)
    else:
        changes["view"] = value
    return DEFAULT_STATE.with_(**changes), notices


def to_store(state: ViewState) -> dict[str, Any]:
    """The canonical JSON form the page's dcc.Store holds."""
    return asdict(state)


def from_store(data: Any) -> ViewState:
    """The view state a store holds (anything invalid falls back to the default)."""
    if not data or not isinstance(data, dict):
        return DEFAULT_STATE
    state, _ = from_values(*(data.get(key) for key in STORE_ORDER))
    return state


# from_values' argument order (the sync callback's filter inputs).
STORE_ORDER: Final = (
    "countries",
    "years",
    "flow",
    "basis",
    "reporter",
    "unit",
    "scale",
    "events",
    "country",
    "compare",
    "view",
)


LOG_BALANCE_NOTICE: Final = strings.NOTICE_LOG_BALANCE


def log_axis(state: ViewState) -> bool:
    """Whether the trend axis is logarithmic: a balance can be negative, so it never is."""
    return state.scale == "log" and state.flow != "balance"


def turnover_flow(state: ViewState) -> str:
    """The flow of the share and mirror charts: a balance has no share, so it shows turnover."""
    return "turnover" if state.flow == "balance" else state.flow


def rule_notices(state: ViewState) -> list[str]:
    """How the filters apply to the charts (flow and basis rules), shown above them."""
    notices = []
    if state.scale == "log" and state.flow == "balance":
        notices.append(LOG_BALANCE_NOTICE)
    if state.flow == "balance":
        notices.append(strings.NOTICE_BALANCE_TURNOVER)
    if state.basis == "fiscal":
        notices.append(strings.NOTICE_MIRROR_CALENDAR)
    return notices


def to_query(state: ViewState, coverage: YearCoverage | None = None) -> str:
    """Serialise a view state to a URL query string (only non-default values, stable order).

    The years are left out only where every reader of the query fills in the same ones: with
    `coverage` (the page's own URL, parsed with it) when they are the newest range for the
    basis and reporter; without (download links, parsed without) only for the default view.
    """
    default = DEFAULT_STATE
    params: dict[str, str] = {}
    if state.countries != default.countries:
        params["countries"] = ",".join(state.countries)
    if coverage is not None:
        implied_years = coverage.default_years(state.basis, state.reporter)
    elif (state.basis, state.reporter) == (default.basis, default.reporter):
        implied_years = default.years
    else:
        implied_years = None
    if state.years != implied_years:
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
    if state.view != implied_view(state.country):
        params["view"] = state.view
    return urlencode(params, safe=",")


def fy_label(year: int) -> str:
    """Pakistan fiscal-year label for the FY ending in `year`: 2023 -> 'FY2022-23'."""
    return strings.FY_LABEL.format(start=year - 1, end=f"{year % 100:02d}")


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

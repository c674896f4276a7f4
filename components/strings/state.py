"""The view state's labels and the notices about filters and URL values (data/state.py)."""

from __future__ import annotations

from typing import Final

UNIT_USD: Final = "US$"
UNIT_THOUSAND: Final = "US$ thousand"
UNIT_MILLION: Final = "US$ million"
FLOW_EXPORT: Final = "Pakistan's exports"
FLOW_IMPORT: Final = "Pakistan's imports"
FLOW_BALANCE: Final = "Trade balance (exports − imports)"
FLOW_TURNOVER: Final = "Trade turnover (exports + imports)"
REPORTER_PAKISTAN: Final = "Pakistan-reported"
REPORTER_PARTNER: Final = "partner-reported"
VIEW_OVERVIEW: Final = "Overview"
VIEW_MAP: Final = "Map"
VIEW_COUNTRIES: Final = "Countries"
VIEW_SOURCES: Final = "Sources & method"
GROUP_ALL: Final = "All six CARs"
GROUP_CAR5: Final = "SBP's five (ex-Soviet Central Asia)"
GROUP_QTTA: Final = "QTTA members"
NOTICE_BALANCE_TURNOVER: Final = (
    "Shares and the mirror comparison use turnover: a balance has no share."
)
NOTICE_MIRROR_CALENDAR: Final = (
    "The mirror comparison uses calendar years: partners publish no fiscal-year figures."
)
NOTICE_NO_COUNTRIES: Final = "countries: choose at least one (all six CARs are shown)."

NOTICE_UNKNOWN_CODES: Final = "{label}: unknown code(s) {codes} (use {valid})."
NOTICE_NO_CODE: Final = "{label}: no country code given."
NOTICE_YEARS_OUTSIDE: Final = "{label}: outside {low}–{high}."
NOTICE_USE_ONE_OF: Final = "{label}: use one of {choices}."
NOTICE_NOT_ONE_OF: Final = "{label}: not one of {codes}."
NOTICE_QUERY_NOT_TEXT: Final = "the URL query is not text: {query}."
NOTICE_YEARS_RANGE: Final = "years={raw}: use a range like 2005-2020 within {low}–{high}."
NOTICE_YEARS_NONE: Final = "years={raw}: no figures (they run {low}–{high})."
NOTICE_YEARS_CUT: Final = "years={raw}: the figures run {low}–{high}; use a range within them."
NOTICE_EVENTS: Final = "events={raw}: use 1 or 0."
NOTICE_UNKNOWN_PARAMS: Final = "unknown parameter(s): {names}."
NOTICE_COUNTRIES_NOT_LIST: Final = "countries: not a list of country codes: {value}."
NOTICE_YEARS_NOT_RANGE: Final = "years: not a year range: {value}."
NOTICE_LOG_BALANCE: Final = "A balance can be negative: the trend axis stays linear."
FY_LABEL: Final = "FY{start}-{end}"
# The flow without its explanation (the map's colour bar)
FLOW_SHORT: Final = {
    "export": "Pakistan's exports",
    "import": "Pakistan's imports",
    "balance": "Trade balance",
    "turnover": "Trade turnover",
}
DATE_BY: Final = "by {date}"

"""The page's strings: view switch, Sources & method, footer, placeholders."""

from __future__ import annotations

from typing import Final

NO_IMAGES_NOTE: Final = (
    "Images and PDFs need Chrome or Chromium on the server (see the README); the charts' own "
    "camera buttons still save PNGs."
)
SOURCES_COL_SOURCE: Final = "Source"
SOURCES_COL_WHERE: Final = "Where"
SOURCES_COL_LICENCE: Final = "Licence / terms"
SOURCES_COL_RETRIEVED: Final = "Retrieved"
METHOD_RULE_REPORTERS: Final = (
    "Pakistan-reported figures are Pakistan's own statistics (calendar years from IMF DOTS, "
    "fiscal years from the State Bank of Pakistan and ministries as quoted); "
    "partner-reported figures are each CAR's statistics of its trade with Pakistan. The two "
    "often differ: the mirror chart compares them."
)
METHOD_RULE_FISCAL: Final = (
    "Fiscal years are Pakistan's (July–June), labelled by the year they end in: FY2024-25 "
    "ends in June 2025. Partners publish calendar-year figures only."
)
METHOD_RULE_DERIVED: Final = (
    "Balance and turnover are computed from the exports and imports of the same partner, "
    "year, basis and reporter (marked derived in the downloads)."
)
METHOD_RULE_GAPS: Final = (
    "Missing years are gaps, not zeros; nothing is interpolated. Every chart's caption names "
    "its sources and vintage."
)
METHOD_RULE_DEFAULT_YEARS: Final = (
    "The default years run from 2000 to the last year with figures for the chosen basis and "
    "reporter; a note above the charts says where newer figures exist."
)
METHOD: Final = "Method"
WHAT_EXISTS: Final = "What exists"
VIEW_SWITCH: Final = "View"
FILTERS_BUTTON: Final = "Filters"
FOOTER_DATA: Final = (
    "Data: IMF Direction of Trade Statistics; State Bank of Pakistan and "
    "ministries as quoted; partner statistics; ANKASAM (2023); "
    "Jahanzaib (2024). "
    "Nothing is interpolated. "
)
FOOTER_SOURCES: Final = "Sources"

# The Countries view and the map card
PROFILE_SELECT_LABEL: Final = "Country profile"
PROFILE_SELECT_PLACEHOLDER: Final = "Choose a CAR…"
PROFILE_COMPARE_LABEL: Final = "Compare with"
PROFILE_COMPARE_PLACEHOLDER: Final = "(optional)"
MEMBERSHIP_MATRIX: Final = "Memberships across Pakistan and the six CARs"
PAKISTAN: Final = "Pakistan"

# The Sources view: vintage and year-to-date figures
REPORTED_BY_PAKISTAN: Final = "Pakistan"
REPORTED_BY_PARTNER: Final = "partner (mirror)"
DATA_VINTAGE: Final = "Data vintage: "
YTD_HEADING: Final = "Year-to-date figures (partial years)"
YTD_COL_COUNTRY: Final = "Country"
YTD_COL_PERIOD: Final = "Period"
YTD_COL_RECORDS: Final = "Records of"
YTD_COL_EXPORTS: Final = "Pakistan's exports, US$ million"
YTD_COL_IMPORTS: Final = "Pakistan's imports, US$ million"
YTD_NOTE: Final = (
    "Months of the current year from IMF IMTS monthly data. They are not full years: "
    "no chart, total, growth rate or ranking includes them."
)

# The app's name
APP_TITLE: Final = "Pakistan–Central Asia Trade Dashboard"
YTD_PERIOD: Final = "{period} (year-to-date)"

"""The tables behind the charts: column headers (charts/tables.py), units in brackets."""

from __future__ import annotations

from typing import Final

TABLE_YEAR: Final = "Year"
TABLE_COUNTRY: Final = "Country"
TABLE_RANK: Final = "Rank"
TABLE_SOURCE: Final = "Source"
TABLE_PERIOD: Final = "Period"
TABLE_PARTNER: Final = "Partner"
TABLE_RATIO: Final = "Partner ÷ Pakistan (ratio)"
TABLE_YOY: Final = "Year on year (%)"
TABLE_CAGR: Final = "CAGR (%)"
TABLE_CAGR_PERIOD: Final = "CAGR period"
TABLE_SHARE: Final = "Share of the selected CARs (%)"
TABLE_YEARS: Final = "Years with data"
TABLE_PARTNER_TRADE: Final = "Trade (US$ million)"
TABLE_PARTNER_SHARE: Final = "Share of the CAR's world total (%)"
TABLE_BOTH_RECORDS: Final = "CARs with both records"
TABLE_PAKISTAN_REPORTED: Final = "Pakistan-reported"
TABLE_PARTNER_REPORTED: Final = "partner-reported"
TABLE_TOTAL: Final = "Total of the selected CARs"
TABLE_CALENDAR: Final = "calendar year"
TABLE_FISCAL: Final = "fiscal year"
TABLE_SERIES: Final = "{label} ({extra})"
TABLE_IN_UNIT: Final = "{name} ({unit})"
TABLE_BALANCE_UNIT: Final = "{unit}, − deficit"
TABLE_PAKISTAN_COL: Final = "Pakistan-reported ({unit})"
TABLE_PARTNER_COL: Final = "Partner-reported ({unit})"
TABLE_WORLD_SHARE: Final = "{name} (% of Pakistan's world total)"
TABLE_AFGHANISTAN: Final = "Pakistan–Afghanistan, Pakistan-reported ({unit})"
TABLE_CARS_PAKISTAN: Final = "CARs, Pakistan-reported ({unit})"
TABLE_CARS_PARTNER: Final = "CARs, partner-reported ({unit})"
TABLE_GAP: Final = "Gap, partner − Pakistan ({unit})"
# Short units in the summaries: US$59.8 M
SHORT_MILLION: Final = "M"
SHORT_THOUSAND: Final = "k"
# The charts' summaries (charts/summaries.py), the lead line of each chart
SUMMARY_NO_END_YEAR: Final = "The selection has no figures for {year}, the range's last year."
SUMMARY_LARGEST: Final = "In {year} {name} had the largest {what} with Pakistan, {value}"
# Exports and imports read as a market and a source ("the largest Pakistan's exports" is no
# English); turnover and balance keep SUMMARY_LARGEST.
SUMMARY_LARGEST_BY_FLOW: Final = {
    "export": "In {year} {name} was the largest market for Pakistan's exports, {value}",
    "import": "In {year} {name} was the largest source of Pakistan's imports, {value}",
}
SUMMARY_OF_SELECTED: Final = ", {share} of the selected CARs"
SUMMARY_SMALLEST: Final = " The smallest was {name}, {value}."
SUMMARY_TOGETHER: Final = (
    " Together they went from {first} in {first_year} to {last} in {last_year}."
)
SUMMARY_BALANCE: Final = (
    "In {year} Pakistan had a surplus (+) with {surplus} and a deficit (−) with "
    "{deficit} of the {total} CARs with figures."
)
SUMMARY_LARGEST_SURPLUS: Final = "Largest surplus: {name}, +{value}."
SUMMARY_LARGEST_DEFICIT: Final = "Largest deficit: {name}, {value}."
SUMMARY_MIRROR: Final = (
    "Across {n} country-years with both records, partner-reported figures were "
    "a median {median} times Pakistan's. The widest gap: {name} in {year}, {widest} times."
)
SUMMARY_MAP: Final = (
    "The CARs shaded by {what} with Pakistan in {period}: darkest {top}, {top_value}; "
    "lightest {low}, {low_value}."
)
SUMMARY_CARSHARE: Final = (
    "The highest share: {name}, {share} % of Pakistan's world {flow} in {year}."
)
SUMMARY_CARSHARE_TOTAL: Final = " In {year} the CARs shown together: {share} %."
SUMMARY_PARTNERS: Final = (
    "In {year} {name}'s largest partner was {partner}, {share} % of its trade."
)
SUMMARY_PAKISTAN_RANK: Final = " Pakistan ranked {rank}, {share} %."
SUMMARY_PAKISTAN_ABSENT: Final = " Pakistan is not among the {n} partners shown."
SUMMARY_TRANSIT: Final = (
    "In {year} Pakistan recorded {afghanistan} of trade with Afghanistan; the CARs' records of "
    "their trade with Pakistan exceeded Pakistan's by {gap}."
)

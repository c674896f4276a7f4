"""The shared chrome's strings: navbar, chart cards, chart/table switch, theme, sources."""

from __future__ import annotations

from typing import Final

LANG: Final = "en"

# Navbar
SKIP_TO_CHARTS: Final = "Skip to the charts"
COPY_LINK: Final = "Copy link"
COPY_LINK_TITLE: Final = "Copy the link to this view"
COPIED: Final = "Link copied"
DATA_CSV: Final = "Data (CSV)"
DATA_XLSX: Final = "Data (XLSX)"
THEME_DARK: Final = "Dark theme"
THEME_TITLE: Final = "Switch between the light and the dark theme"
NAV_SUBTITLE: Final = (
    "Exports, imports and balances with Azerbaijan, Kazakhstan, Kyrgyzstan, Tajikistan, "
    "Turkmenistan and Uzbekistan — every figure sourced"
)

# Chart cards
DOWNLOAD: Final = "Download"
IMAGE: Final = "Image"
DATA: Final = "Data"
VIEW_CHART: Final = "Chart"
VIEW_TABLE: Final = "Table"
VIEW_SWITCH_LABEL: Final = "Show as"
NO_FIGURE: Final = "no figure"
NO_FIGURES_SUMMARY: Final = "The chart has no figures for this selection."
TABLE_CAPTION: Final = "{title}: the figures the chart draws"
SORT_BY: Final = "Sort by {column}"
RANKING_SUBTITLE: Final = "End year of the range; a column's header button sorts the table"

# Sources and footer
SOURCES: Final = "Sources"
LOADING: Final = "Loading…"

# Downloads (export/params.py): a series without figures, asked for by a hand-typed URL
DOWNLOAD_NO_SERIES: Final = "{reason} Use {pairs}."

# The page's warning over settings it could not use (callbacks/state.py); each item says why
NOTICE_HEADING: Final = (
    "Some settings in this link could not be used, so the page shows the nearest view it can:"
)

"""The country brief's strings: headings, table headers, labels (export/brief*.py)."""

from __future__ import annotations

from typing import Final

BRIEF_TITLE: Final = "Pakistan–{name} trade brief"
BRIEF_GENERATED: Final = "{app} · generated {today} · charts for {start}–{end}, {unit}"
BRIEF_PERMALINK: Final = "Permalink: {link}"
BRIEF_HEADLINES: Final = "Headline figures"
BRIEF_PLACE: Final = "Pakistan's place"
BRIEF_AGREEMENTS: Final = "Agreements: Pakistan and {name}"
BRIEF_SOURCES: Final = "Sources cited"
BRIEF_FOOTER: Final = "{title} · {today}"
BRIEF_PAGE: Final = "Page {page}"
BRIEF_NO_FIGURES: Final = "No export and import figures are recorded for this country."
BRIEF_COL_SERIES: Final = "Series"
BRIEF_COL_LATEST: Final = "Latest year"
BRIEF_COL_SHARE: Final = "Share of CARs' turnover"
BRIEF_NO_TARGET: Final = "No stated trade target for this country in the sources."
BRIEF_COL_LATEST_FIGURE: Final = "Latest figure of each series"
BRIEF_COL_OF_GOAL: Final = "Of the goal"
BRIEF_NO_AGREEMENTS: Final = "No agreements are recorded for this country."
BRIEF_AGREEMENT_HEAD: Final = (
    "Agreement",
    "Kind",
    "Signed",
    "In force",
    "Status",
    "Parties",
    "Source",
)
BRIEF_NO_MECHANISMS: Final = "No institutional mechanisms recorded."
BRIEF_MECHANISM_HEAD: Final = ("Mechanism", "What it is", "Source")
BRIEF_NO_MEMBERSHIPS: Final = "No memberships recorded."
BRIEF_NO_CORRIDORS: Final = "No corridor on the dashboard's map involves this country."
BRIEF_CORRIDOR_HEAD: Final = ("Corridor or project", "Kind", "Status", "What it is", "Source")
BRIEF_NO_EVENTS: Final = "No dated events recorded for this country."
BRIEF_EVENT_HEAD: Final = ("Date", "Event", "Source")
BRIEF_NO_SOURCES: Final = "No sources are cited in this brief."
BRIEF_COL_CAGR10: Final = "10-yr CAGR"
BRIEF_MIXED_SOURCES: Final = "not shown: mixed sources"
BRIEF_COL_CAGR5: Final = "5-yr CAGR"

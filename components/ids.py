"""Every component ID of the layout, in one place (kebab-case, prefixed by area)."""

from __future__ import annotations

from typing import Final

URL: Final = "app-url"
NOTICES: Final = "app-notices"
STATE_STORE: Final = "app-state"
COPY_LINK: Final = "app-copy-link"
PERMALINK: Final = "app-permalink"
DOWNLOAD_CSV: Final = "app-download-csv"
DOWNLOAD_XLSX: Final = "app-download-xlsx"

COUNTRIES: Final = "filters-countries"
GROUP_BUTTONS: Final = "filters-group"  # pattern: {"type": GROUP_BUTTONS, "group": key}
YEARS: Final = "filters-years"
FLOW: Final = "filters-flow"
BASIS: Final = "filters-basis"
REPORTER: Final = "filters-reporter"
UNIT: Final = "filters-unit"
SCALE: Final = "filters-scale"
EVENTS: Final = "filters-events"
COVERAGE: Final = "filters-coverage"

TREND_GRAPH: Final = "trend-graph"
TREND_CAPTION: Final = "trend-caption"
BALANCE_GRAPH: Final = "balance-graph"
BALANCE_CAPTION: Final = "balance-caption"
SHARE_GRAPH: Final = "share-graph"
SHARE_CAPTION: Final = "share-caption"
MIRROR_GRAPH: Final = "mirror-graph"
MIRROR_CAPTION: Final = "mirror-caption"
CARSHARE_GRAPH: Final = "carshare-graph"
CARSHARE_CAPTION: Final = "carshare-caption"
PARTNERS_GRAPH: Final = "partners-graph"
PARTNERS_CAPTION: Final = "partners-caption"
TRANSIT_GRAPH: Final = "transit-graph"
TRANSIT_CAPTION: Final = "transit-caption"
RANKING_GRID: Final = "ranking-grid"
RANKING_CAPTION: Final = "ranking-caption"
CHART_NOTICES: Final = "charts-notices"

MAP_GRAPH: Final = "map-graph"
MAP_CAPTION: Final = "map-caption"
MAP_DRAWN: Final = "map-drawn"  # True once the browser holds a whole map figure

PROFILE_SELECT: Final = "profile-country"
PROFILE_COMPARE: Final = "profile-compare"
PROFILE_BODY: Final = "profile-body"

SOURCES_TABLE: Final = "sources-table"
SOURCES_VINTAGE: Final = "sources-vintage"
SOURCES_YEAR_TO_DATE: Final = "sources-year-to-date"

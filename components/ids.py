"""Every component ID of the layout, in one place (kebab-case, prefixed by area)."""

from __future__ import annotations

from typing import Any, Final

from dash import ALL


def graph(chart: str) -> str:
    """A chart's dcc.Graph (or grid) ID: 'trend-graph'."""
    return f"{chart}-graph"


def grid(chart: str) -> str:
    """A table chart's AG Grid ID: 'ranking-grid'."""
    return f"{chart}-grid"


def caption(chart: str) -> str:
    """A chart's caption ID: 'trend-caption'."""
    return f"{chart}-caption"


def card(chart: str) -> str:
    """A chart card's ID: 'trend-card' (also the page anchor)."""
    return f"{chart}-card"


def group_button(group: str | Any) -> dict[str, Any]:
    """A quick country-group button (`ALL` matches every group)."""
    return {"type": GROUP_BUTTONS, "group": group}


URL: Final = "app-url"
NOTICES: Final = "app-notices"
STATE_STORE: Final = "app-state"
COPY_LINK: Final = "app-copy-link"
THEME_SWITCH: Final = "app-theme-switch"  # assets/theme.js reads it
LIVE: Final = "app-live"  # polite live region (assets/a11y.js: "Link copied")
CHARTS: Final = "charts"  # the skip link's target
PERMALINK: Final = "app-permalink"

COUNTRIES: Final = "filters-countries"
GROUP_BUTTONS: Final = "filters-group"  # pattern type: group_button(key)
YEARS: Final = "filters-years"
FLOW: Final = "filters-flow"
BASIS: Final = "filters-basis"
REPORTER: Final = "filters-reporter"
UNIT: Final = "filters-unit"
SCALE: Final = "filters-scale"
EVENTS: Final = "filters-events"
COVERAGE: Final = "filters-coverage"

TREND_GRAPH: Final = graph("trend")
TREND_CAPTION: Final = caption("trend")
BALANCE_GRAPH: Final = graph("balance")
BALANCE_CAPTION: Final = caption("balance")
SHARE_GRAPH: Final = graph("share")
SHARE_CAPTION: Final = caption("share")
MIRROR_GRAPH: Final = graph("mirror")
MIRROR_CAPTION: Final = caption("mirror")
CARSHARE_GRAPH: Final = graph("carshare")
CARSHARE_CAPTION: Final = caption("carshare")
PARTNERS_GRAPH: Final = graph("partners")
PARTNERS_CAPTION: Final = caption("partners")
TRANSIT_GRAPH: Final = graph("transit")
TRANSIT_CAPTION: Final = caption("transit")
RANKING_TABLE: Final = "ranking-table"
RANKING_CAPTION: Final = caption("ranking")
CHART_NOTICES: Final = "charts-notices"

MAP_GRAPH: Final = graph("map")
MAP_CAPTION: Final = caption("map")
MAP_DRAWN: Final = "map-drawn"  # True once the browser holds a whole map figure

PROFILE_SELECT: Final = "profile-country"
PROFILE_COMPARE: Final = "profile-compare"
PROFILE_BODY: Final = "profile-body"

SOURCES_TABLE: Final = "sources-table"
SOURCES_FILLED: Final = "sources-filled"  # whether the Sources & method view is in the page
SOURCES_VINTAGE: Final = "sources-vintage"
SOURCES_YEAR_TO_DATE: Final = "sources-year-to-date"

GROUP_BUTTONS_ALL: Final = group_button(ALL)

# Views (tabs): the open view is in the URL (`view=`); each view's charts follow its own store,
# which the sync callback fills only while the view is open (a hidden view costs nothing).
VIEW_TABS: Final = "app-view-tabs"
VIEWS: Final = "app-views"  # wrapper whose class names the open view (CSS shows its section)
FILTERS_TOGGLE: Final = "filters-toggle"  # the phone's "Filters" button
FILTERS_CLOSE: Final = "filters-close"
FILTER_COL: Final = "filters-col"
SCROLL_SINK: Final = "app-scroll-sink"  # output of the clientside scroll-to-view callback


# What the Overview's cards show (a digest per card): its callback sends only what changed.
OVERVIEW_DRAWN: Final = "view-overview-drawn"
# Drawing only what is seen (assets/lazy.js): which graph cards are near the viewport, and the
# digest each graph draws now; a card's figure waits in its figure store until it is seen.
CARDS_IN_VIEW: Final = "overview-cards-in-view"
GRAPHS_SHOWN: Final = "overview-graphs-shown"


def view_store(view: str) -> str:
    """The store a view's charts follow: 'view-overview-state'."""
    return f"view-{view}-state"


def view_section(view: str) -> str:
    """The section of one view: 'view-overview'."""
    return f"view-{view}"


def summary_id(chart: str) -> str:
    """The chart's summary lead line ID (its figure's description)."""
    return f"{chart}-summary"


def table_id(chart: str) -> str:
    """The container of the chart's HTML table."""
    return f"{chart}-table"


def title_id(chart: str) -> str:
    """The card title's ID (the figure's accessible name)."""
    return f"{chart}-title"


def figure_store(chart: str) -> str:
    """The store holding a graph card's latest figure and its digest ({"digest", "figure"})."""
    return f"{chart}-figure"

"""The corridor map's strings: legend, key, colour bar, statuses (figures/corridor_map.py,
data/map/, data/status_dates.py)."""

from __future__ import annotations

from typing import Final

TYPE_GAS_PIPELINE: Final = "Gas pipeline"
TYPE_POWER_LINE: Final = "Power line"
TYPE_RAILWAY: Final = "Railway"
TYPE_ROAD: Final = "Road route"
STATUS_OPERATIONAL: Final = "operational"
STATUS_UNDER_CONSTRUCTION: Final = "under construction"
STATUS_PLANNED: Final = "planned"
STATUS_PROPOSED: Final = "proposed"
STATUS_STALLED: Final = "stalled"
GEOMETRY_SCHEMATIC: Final = "schematic"
GEOMETRY_MIXED: Final = "partly schematic"
GEOMETRY_UNROUTED: Final = "no route given"
STATUS_STALE: Final = "over {years} years old"
STATUS_STALE_AT: Final = ", {stale} at {today}"
STATUS_AS_OF: Final = "as of {date}"
MAP_COLOUR_TITLE: Final = "{flow}, {year}, {unit}"
MAP_LINE_KEY: Final = (
    "Line colour = type; line style = status:<br>solid operational · long dashes under "
    "construction<br>short dashes planned or proposed · dots stalled"
)
MAP_PLACES: Final = "Places: ★ capital  ■ port  ◆ border crossing  ▲ pass  ● town or site"
MAP_SIGNED_LOG: Final = "{title} (signed log scale)"
MAP_LOG: Final = "{title} (log scale)"
MAP_TOWARDS_PAKISTAN: Final = "towards Pakistan<br>(no route given)"
MAP_SHADING_NAME: Final = "CARs: trade with Pakistan"
MAP_NO_FIGURE_NAME: Final = "No figure"
MAP_CONTEXT_NAME: Final = "Context"
MAP_LINE_NAME: Final = "{name} — {status}"

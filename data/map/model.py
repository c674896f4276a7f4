"""The corridor map's view models and the labels and constants they are drawn with."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import strings

TYPE_LABEL = {
    "gas_pipeline": strings.TYPE_GAS_PIPELINE,
    "power_line": strings.TYPE_POWER_LINE,
    "railway": strings.TYPE_RAILWAY,
    "road": strings.TYPE_ROAD,
}


STATUS_LABEL = {
    "operational": strings.STATUS_OPERATIONAL,
    "under_construction": strings.STATUS_UNDER_CONSTRUCTION,
    "planned": strings.STATUS_PLANNED,
    "proposed": strings.STATUS_PROPOSED,
    "stalled": strings.STATUS_STALLED,
}


# What the legend appends to a corridor's name for each kind of geometry.
GEOMETRY_TAG = {
    "surveyed": "",
    "schematic": strings.GEOMETRY_SCHEMATIC,
    "mixed": strings.GEOMETRY_MIXED,
    "unrouted": strings.GEOMETRY_UNROUTED,
}


CONTEXT_COUNTRIES = {
    "PAK": "Pakistan",
    "AFG": "Afghanistan",
    "CHN": "China",
    "IRN": "Iran",
    "IND": "India",
}


# Hover points along each line: plotly hovers a scattergeo line only at its points.
HOVER_STEP_DEG = 0.2


# Lines that share a stretch are drawn side by side, this far from the shared centre line.
SHARED_OFFSET_DEG = 0.12


# A corridor without a route is drawn as a short arrow from its start towards its end only.
ARROW_DEG = 1.6


CARD_WIDTH = 72  # characters per hover-card line (plotly does not wrap hover text)


@dataclass(frozen=True)
class CorridorCard:
    """A corridor's hover card as text (the figure layer marks it up): title, the lines under
    it (wrapped to CARD_WIDTH), the route note, and the sources."""

    title: str
    body: tuple[str, ...]
    geometry: str
    sources: tuple[str, ...]

    @property
    def text(self) -> str:
        """The whole card as plain text, one line per line."""
        return "\n".join((self.title, *self.body, self.geometry, *self.sources))


@dataclass(frozen=True)
class CorridorLine:
    """One corridor as a drawable line (None separates parts) with its hover card.

    `segments` names, for each point, the stretch it lies on ("Kabul – Torkham"), empty on
    surveyed geometry and at part breaks; the card is the same for every point.
    """

    corridor_id: str
    name: str
    short_name: str
    type: str
    status: str
    geometry: str
    lons: list[float | None]
    lats: list[float | None]
    segments: list[str]
    card_parts: CorridorCard
    # The legend's 'as of 2024' (', over 2 years old' when stale at the reference date).
    status_when: str = ""

    @property
    def card(self) -> str:
        """The hover card as plain text."""
        return self.card_parts.text

    @property
    def schematic(self) -> bool:
        """Whether the line is not drawn from source route data."""
        return self.geometry != "surveyed"


@dataclass(frozen=True)
class ShadingView:
    """The CAR shading and the texts that change with the filters (all a Patch needs)."""

    # partner_iso3, name, value, value_text, rank, rank_text, has_value, period, source
    shading: pd.DataFrame
    caption: str
    colour_title: str
    year_label: str
    flow_label: str
    unit: str
    # A balance has a sign: shade it on a scale centred on zero even when every value is positive.
    diverging: bool = False
    # Set when no CAR has a figure: the map says so instead of showing a meaningless scale.
    empty_message: str | None = None


@dataclass(frozen=True)
class MapView:
    """Everything the map draws: the shading plus the corridor lines and places."""

    shade: ShadingView
    corridors: list[CorridorLine]
    places: pd.DataFrame

    @property
    def caption(self) -> str:
        """The map's caption (also the exported image's footer)."""
        return self.shade.caption

"""The corridor map's whole view model."""

from __future__ import annotations

from data.loading import Tables
from data.map.corridors import corridor_lines
from data.map.model import MapView
from data.map.shading import shading_view
from data.state import ViewState


def map_view(tables: Tables, state: ViewState) -> MapView:
    """The corridor map's view model."""
    return MapView(
        shade=shading_view(tables, state),
        corridors=corridor_lines(tables),
        places=tables.places,
    )

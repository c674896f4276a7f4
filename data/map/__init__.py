"""Pure queries for the corridor map: country shading, corridor lines and places.

Modules: model (view models, labels), shading, corridors, view (`map_view`).
"""

from data.map.corridors import corridor_card, corridor_lines
from data.map.model import (
    CONTEXT_COUNTRIES,
    GEOMETRY_TAG,
    HOVER_STEP_DEG,
    SHARED_OFFSET_DEG,
    STATUS_LABEL,
    TYPE_LABEL,
    CorridorCard,
    CorridorLine,
    MapView,
    ShadingView,
)
from data.map.shading import map_shading, shading_view
from data.map.view import map_view

__all__ = [
    "CONTEXT_COUNTRIES",
    "GEOMETRY_TAG",
    "HOVER_STEP_DEG",
    "SHARED_OFFSET_DEG",
    "STATUS_LABEL",
    "TYPE_LABEL",
    "CorridorCard",
    "CorridorLine",
    "MapView",
    "ShadingView",
    "corridor_card",
    "corridor_lines",
    "map_shading",
    "map_view",
    "shading_view",
]

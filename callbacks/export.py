"""Export helpers in the browser: modebar image filenames follow the filters.

dcc.Graph re-plots only when its figure changes, so a config-only update is not applied until
the next figure: each graph's config Patch is returned by the callback that returns its figure.
"""

from __future__ import annotations

from dash import Dash, Input, Output, Patch

from callbacks.state import state_from_store
from components import ids
from data.loading import Tables
from data.state import ViewState, file_stem


def image_config(state: ViewState, chart: str) -> Patch:
    """A config Patch: the modebar camera saves under a name built from the filters."""
    patch = Patch()
    patch["toImageButtonOptions"]["filename"] = file_stem(state, chart)
    return patch


def register(app: Dash, tables: Tables) -> None:
    """The map's filename (its figure callback lives with the map)."""

    @app.callback(Output(ids.MAP_GRAPH, "config"), Input(ids.STATE_STORE, "data"))
    def update_map_image_filename(data: dict | None) -> Patch:
        return image_config(state_from_store(data), "map")

"""Export helpers in the browser: modebar image filenames follow the filters."""

from __future__ import annotations

from dash import Dash, Input, Output, Patch

from callbacks.charts import CHART_IDS
from callbacks.state import state_from_store
from components import ids
from data.loading import Tables
from data.state import ViewState, file_stem


def graph_ids() -> dict[str, str]:
    """Chart name -> dcc.Graph id of every chart that has a modebar image button."""
    return {**{name: graph for name, (graph, _) in CHART_IDS.items()}, "map": ids.MAP_GRAPH}


def image_filenames(state: ViewState) -> dict[str, str]:
    """Chart name -> modebar download filename for the view (no extension)."""
    return {name: file_stem(state, name) for name in graph_ids()}


def register(app: Dash, tables: Tables) -> None:
    """Each graph's toImageButtonOptions.filename follows the state store (a Patch: cheap)."""
    graphs = graph_ids()

    @app.callback(
        [Output(graph, "config") for graph in graphs.values()],
        Input(ids.STATE_STORE, "data"),
    )
    def update_image_filenames(data: dict | None) -> list[Patch]:
        names = image_filenames(state_from_store(data))
        patches = []
        for name in graphs:
            patch = Patch()
            patch["toImageButtonOptions"]["filename"] = names[name]
            patches.append(patch)
        return patches

"""The Sources & method view, sent the first time it is opened (the page carries it only when it
opens there): a static view nobody opened costs the page nothing."""

from __future__ import annotations

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from components import ids
from components.layout import sources_content
from data.loading import Tables


def register(app: Dash, tables: Tables) -> None:
    """Fill the Sources & method section once, when its view opens."""
    content = sources_content(tables)  # static: built once per process

    @app.callback(
        Output(ids.view_section("sources"), "children"),
        Output(ids.SOURCES_FILLED, "data"),
        # Filled by the sync callback only while Sources & method is open (it has no filters).
        Input(ids.view_store("sources"), "data"),
        State(ids.SOURCES_FILLED, "data"),
        prevent_initial_call=True,
    )
    def fill_sources(opened: object, filled: object) -> tuple[list, bool]:
        if opened is None or filled is True:
            raise PreventUpdate
        return content, True

"""Register every area's callbacks on an app instance."""

from __future__ import annotations

from dash import Dash

from callbacks import charts, corridors, profile, state
from data.loading import Tables


def register_all(app: Dash, tables: Tables) -> None:
    """Attach all callbacks (never the global `dash.callback`, which leaks between apps)."""
    state.register(app, tables)
    charts.register(app, tables)
    corridors.register(app, tables)
    profile.register(app, tables)

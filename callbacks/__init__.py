"""Register every area's callbacks on an app instance."""

from __future__ import annotations

from dash import Dash

from callbacks import charts, corridors, profile, sources, state
from components.page import Prefill
from data.loading import Tables


def register_all(app: Dash, tables: Tables) -> dict[str, Prefill]:
    """Attach all callbacks (never the global `dash.callback`, which leaks between apps).

    Returns, per view, what fills that view's cards in the page layout (components/page.py).
    """
    state.register(app, tables)
    overview = charts.register(app, tables)
    corridors.register(app, tables)
    profile.register(app, tables)
    sources.register(app, tables)
    return {"overview": overview.prefill}

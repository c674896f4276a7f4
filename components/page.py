"""The page as a layout function: each load opens the view (and filters) its URL names."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from dash import dcc, html
from flask import has_request_context, request

from components import ids
from components.layout import build_layout
from components.sections import map_section, profile_section
from data.coverage import Coverage, trade_coverage
from data.loading import Tables
from data.state import DEFAULT_STATE, ViewState, parse_query, to_store

# Fills a view's cards in the page for a state (callbacks/charts.py: Overview.prefill).
Prefill = Callable[[html.Div, ViewState], None]


def page_state(coverage: Coverage, referrer: str | None) -> ViewState:
    """The view state of the page that asks for its layout (its URL is the request's referrer).

    Dash fetches the layout from /_dash-layout, so the page's own query arrives as the
    Referer; without one (a privacy setting) the page opens at the default view and the URL
    callback then applies the query, as before. Notices are the URL callback's to show.
    """
    state, _ = parse_query(urlsplit(referrer).query if referrer else "", coverage=coverage)
    return state


def page_layout(
    tables: Tables, prefill: dict[str, Prefill] | None = None
) -> Callable[[], html.Div]:
    """A layout function for `app.layout`, built once per page load.

    With `prefill` (per view), the open view's cards come filled for the URL's state and the
    stores say so: the first charts draw with no callback round trip (no load chain).
    """
    coverage = trade_coverage(tables)
    fillers = prefill or {}

    def layout() -> html.Div:
        state = DEFAULT_STATE
        if has_request_context():
            state = page_state(coverage, request.referrer)
        page = build_layout(
            tables,
            sections={"map": [map_section()], "countries": [profile_section(tables)]},
            state=state,
            coverage=coverage,
        )
        page.children += [
            dcc.Store(id=ids.OVERVIEW_DRAWN),
            dcc.Store(id=ids.CARDS_IN_VIEW),
            dcc.Store(id=ids.GRAPHS_SHOWN),
        ]
        fill = fillers.get(state.view)
        if fill is not None:
            fill(page, state)
            # The sync callback compares the open view's store with the state it computes: the
            # same state means the view shows it already, so nothing is asked of the server.
            page[ids.STATE_STORE].data = to_store(state)
            page[ids.view_store(state.view)].data = to_store(state)
        return page

    return layout

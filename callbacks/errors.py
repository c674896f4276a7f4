"""The app-wide callback error handler: a visible notice and a log line, never a 500."""

from __future__ import annotations

import logging

import dash_bootstrap_components as dbc
from dash import ctx, set_props

from components import ids

log = logging.getLogger(__name__)

MESSAGE = (
    "Part of the page could not be updated for these settings, so it keeps its previous "
    "content. Change a filter or reload the page; if it happens again, please report the link."
)


def callback_error_notice(err: Exception) -> None:
    """Dash `on_error`: log the failure and show a notice; the failed outputs keep their content.

    Returning None makes Dash answer 200 with no update instead of a 500 with a traceback.
    """
    trigger = ", ".join(ctx.triggered_prop_ids) or "initial call"
    log.error("Callback failed (triggered by %s)", trigger, exc_info=err)
    set_props(
        ids.NOTICES,
        {
            "children": dbc.Alert(
                MESSAGE,
                color="danger",
                dismissable=True,
                className="small",
                id="app-error-alert",
            )
        },
    )

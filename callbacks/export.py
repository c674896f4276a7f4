"""Export helpers in the browser: modebar image filenames follow the filters.

dcc.Graph re-plots only when its figure changes, so a config-only update is not applied until
the next figure: each graph's config Patch is returned by the callback that returns its figure
(callbacks/charts.py, callbacks/corridors.py).
"""

from __future__ import annotations

from dash import Patch

from data.state import ViewState, file_stem


def image_config(state: ViewState, chart: str) -> Patch:
    """A config Patch: the modebar camera saves under a name built from the filters."""
    patch = Patch()
    patch["toImageButtonOptions"]["filename"] = file_stem(state, chart)
    return patch

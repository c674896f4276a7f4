"""Paths, defaults and constants: nothing that runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from components import strings

ROOT: Final = Path(__file__).resolve().parent
DATA_DIR: Final = Path(os.environ.get("PAKCAR_DATA_DIR", ROOT / "data"))
ASSETS_DIR: Final = ROOT / "assets"
APP_TITLE: Final = strings.APP_TITLE
HOST: Final = os.environ.get("HOST", "127.0.0.1")
PORT: Final = int(os.environ.get("PORT", "8050"))
TOPOJSON_URL: Final = "/assets/topojson/"
# Behind a reverse proxy, how many proxies' X-Forwarded-* headers to trust (permalinks in exports
# then name the public host and scheme). 0 = none: the headers are ignored.
TRUSTED_PROXIES: Final = int(os.environ.get("PAKCAR_TRUSTED_PROXIES", "0"))
# The date statuses' ages are judged at (ISO date; blank = each day's date): pins screenshots.
REFERENCE_DATE: Final = os.environ.get("PAKCAR_REFERENCE_DATE", "")

# Modebar: keep what analysts use (zoom, pan, reset, image); drop the rest.
GRAPH_CONFIG: Final[dict[str, Any]] = {
    "displaylogo": False,
    "displayModeBar": "hover",  # shown over the legend only while the pointer is on the chart
    "responsive": True,
    "topojsonURL": TOPOJSON_URL,
    # Chart Studio's "share" button would post the figure to plotly's cloud: never.
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": [
        "sendDataToCloud",
        "select2d",
        "lasso2d",
        "autoScale2d",
        "toggleSpikelines",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
    ],
}

"""Shared fixtures data and helpers of the corridor-map tests (data, figure, callbacks)."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from data.loading import Tables
from data.map import map_view
from data.state import DEFAULT_STATE, ViewState
from figures.corridor_map import (
    map_figure,
)
from settings import ASSETS_DIR

ISO3 = re.compile(r"^[A-Z]{3}$")
# What the legend promises for each status (written out here, not imported, so a change shows).
# Short custom dash arrays: plotly's named dashes at width 3 hide short stretches in their gaps.
DASH_BY_STATUS = {
    "operational": "solid",
    "under_construction": "10px,3px",
    "planned": "5px,3px",
    "proposed": "5px,3px",
    "stalled": "2px,3px",
}
# Every node issue #4 lists, by place_id: each must carry a label on the map.
ISSUE_NODES = (
    "gwadar-port",
    "karachi-port",
    "peshawar",
    "torkham",
    "chaman",
    "khunjerab-pass",
    "kashgar",
    "termez",
    "mazar-i-sharif",
    "kabul",
    "herat",
    "astana",
    "bishkek",
    "dushanbe",
    "ashgabat",
    "tashkent",
    "baku",
)
# data/trade.csv rows T0136 and T0164: Kazakhstan 2020, calendar year, Pakistan-reported (US$).
KAZ_2020_EXPORT = 59_236_314.0
KAZ_2020_IMPORT = 515_929.0
MAX_FIGURE_BYTES = 400 * 1024


# ---------------------------------------------------------------- helpers


def _figure(tables: Tables, state: ViewState = DEFAULT_STATE) -> go.Figure:
    return map_figure(map_view(tables, state), selected=state.country)


def _corridor_traces(fig: go.Figure) -> dict[str, Any]:
    """corridor_id -> its Scattergeo trace (traces carry the id in meta)."""
    out: dict[str, Any] = {}
    for trace in fig.data:
        if trace.type == "scattergeo" and trace.meta:
            (cid,) = trace.meta
            assert cid not in out, f"two traces for corridor {cid}"
            out[cid] = trace
    return out


def _frame(fig: go.Figure) -> tuple[tuple[float, float], tuple[float, float]]:
    geo = fig.layout.geo
    lon, lat = geo.lonaxis.range, geo.lataxis.range
    return (float(lon[0]), float(lon[1])), (float(lat[0]), float(lat[1]))


@cache
def _country_rings() -> dict[str, list[list[tuple[float, float]]]]:
    """ISO-3 -> outer and inner rings (lon, lat) decoded from the vendored asia_50m topojson."""
    topo = json.loads((ASSETS_DIR / "topojson" / "asia_50m.json").read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised, delta-encoded
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    rings: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        if not geometry.get("id"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings[geometry["id"]] = [ring(r) for polygon in polygons for r in polygon]
    return rings


def _inside(lon: float, lat: float, iso3: str, slack: float = 0.0) -> bool:
    """Point in the country's polygons (even-odd rule), or within `slack` degrees of them."""
    offsets = [(0.0, 0.0)]
    if slack:
        offsets += [(dx, dy) for dx in (-slack, 0, slack) for dy in (-slack, 0, slack)]
    for dx, dy in offsets:
        x, y = lon + dx, lat + dy
        crossings = 0
        for ring in _country_rings()[iso3]:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    crossings += 1
        if crossings % 2:
            return True
    return False


def _jsonable(value: Any) -> Any:
    """What Dash sends to the browser for a figure or Patch."""
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def _apply(figure: dict, patch: dict) -> dict:
    """Apply a serialised dash Patch the way the renderer does (only Assign is expected here)."""
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    out = copy.deepcopy(figure)
    for op in patch["operations"]:
        assert op["operation"] == "Assign", op
        *path, last = op["location"]
        target = out
        for key in path:
            target = target.setdefault(key, {}) if isinstance(target, dict) else target[key]
        target[last] = op["params"]["value"]
    return out

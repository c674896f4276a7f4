"""Pure figure builder for the corridor map (plotly geo, topojson served from assets/)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components import strings
from data.map import (
    CONTEXT_COUNTRIES,
    GEOMETRY_TAG,
    STATUS_LABEL,
    CorridorLine,
    MapView,
    ShadingView,
)
from data.schema import PARTNER, VALUE
from figures.hover import corridor_card_html
from figures.map_scales import log_scale, symlog, symlog_scale
from figures.theme import TEMPLATE_NAME

# Okabe–Ito-based: distinct for the common colour-vision deficiencies and against the blue shading.
TYPE_COLOUR = {
    "gas_pipeline": "#D55E00",
    "power_line": "#009E73",
    "railway": "#1B1B1B",
    "road": "#C51B7D",
}
# Short dash arrays: plotly's named 'dash'/'longdash' at width 3 leave 9–15 px gaps, enough to
# hide a short stretch such as Termez–Mazar-i-Sharif entirely.
STATUS_DASH = {
    "operational": "solid",
    "under_construction": "10px,3px",
    "planned": "5px,3px",
    "proposed": "5px,3px",
    "stalled": "2px,3px",
}
LINE_WIDTH = {"surveyed": 3.0, "schematic": 3.0, "mixed": 3.0, "unrouted": 2.0}
PLACE_SYMBOL = {
    "seaport": "square",
    "capital": "star",
    "border_crossing": "diamond",
    "pass": "triangle-up",
    "city": "circle",
    "junction": "circle",
}
# The key to the line styles: on the page the legend's title (right above the line samples, so
# it never meets the colour bar at any width); in an image beside the colour bar (the image's
# legend sits in a band under the title, sized by entries only).
LINE_KEY = strings.MAP_LINE_KEY
KEY_ANNOTATION = 1  # index of the line-style key in an image's layout.annotations
PLACES_NAME = strings.MAP_PLACES
# Blues from ColorBrewer, starting well above the context countries' grey (#F3F4F6) so the
# smallest trading partner is still visibly shaded.
SEQUENTIAL = [[0, "#C6DBEF"], [0.35, "#6BAED6"], [0.7, "#2171B5"], [1, "#08306B"]]
DIVERGING = [[0, "#D6604D"], [0.5, "#F7F7F7"], [1, "#2166AC"]]
CHOROPLETH_TRACE = 0  # index of the CAR shading trace (patched on filter changes)
EMPTY_ANNOTATION = 0  # index of the "no figures" annotation (patched too)
MAP_HEIGHT = 920  # an image's own height (the page's comes from assets/app.css, by width)
# The modebar stands upright at the right edge (across the top it covered the line-style key);
# the key and the colour bar keep this many pixels clear of it.
MODEBAR: dict[str, Any] = {"orientation": "v"}
MODEBAR_CLEARANCE = 34
MAP_TOP = 0.92  # an image: the map's share of the plot height; the colour bar sits above it
# The page: the colour bar has a band of its own above the map (the top margin), as long as a
# share of the width so that it ends clear of the modebar on a 300 px phone card and beside it
# on a desktop; the legend's entries take two lines in columns of a fixed width, so a phone
# shows one column and a desktop three or four, none cut at the card's edge.
PAGE_TOP_PX = 86
PAGE_COLOURBAR_LEN = 0.8
LEGEND_ENTRY_PX = 250
LEGEND_LINE_CHARS = 40
FRAME_LON = (44.0, 88.0)
FRAME_LAT = (22.5, 52.5)


def _mercator_middle(south: float, north: float) -> float:
    """The latitude halfway up a Mercator map from `south` to `north`."""

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    return math.degrees(2 * math.atan(math.exp((y(south) + y(north)) / 2))) - 90


def _colour_title(title: str, template: str, image: bool) -> str:
    """'Trade turnover, 2020<br>US$ million (log scale)': two short lines fit a phone's card."""
    head, _, unit = title.rpartition(", ")
    return template.format(title=f"{head}<br>{unit}" if head and not image else title)


def _colourbar_place(image: bool) -> dict[str, Any]:
    """Where the colour bar sits: in the page's top band, or in an image's band atop the map."""
    if not image:
        return {
            "x": 0.0,
            "xanchor": "left",
            "xpad": 12,  # room for the first tick label
            # At the top of the figure, in the top margin (PAGE_TOP_PX) kept for it: plotly's
            # own push for a colour bar there was too small (container) or 30 px too big (paper).
            "yref": "container",
            "y": 1.0,
            "yanchor": "top",
            "ypad": 4,
            "len": PAGE_COLOURBAR_LEN,
            "lenmode": "fraction",
        }
    return {
        "x": 0.02,  # room for the first tick label
        "xanchor": "left",
        # Inside the plot area, in a band above the map: a colour bar in the margin pushes it,
        # and that shifted the exported image's title off the top.
        "y": 1.0,
        "yanchor": "top",
        "len": 320,
        "lenmode": "pixels",
    }


def shading_props(
    view: ShadingView, *, selected: str | None = None, image: bool = False
) -> dict[str, Any]:
    """The CAR choropleth's data-dependent properties (also used for Patch updates)."""
    shading = view.shading
    values = [None if v is None or math.isnan(v) else float(v) for v in shading[VALUE]]
    present = [v for v in values if v is not None]
    balance = view.diverging or (bool(present) and min(present) < 0)
    customdata = [
        [name, view.flow_label, period, text, rank, source]
        for name, period, text, rank, source in zip(
            shading["name"],
            shading["period"],
            shading["value_text"],
            shading["rank_text"],
            shading["source"],
            strict=True,
        )
    ]
    colorbar: dict[str, Any] = {
        # On the page the title's two lines go under the ticks: above the bar, plotly draws a
        # second line over the bar.
        "title": {
            "text": view.colour_title,
            "side": "top" if image else "bottom",
            "font": {"size": 12},
        },
        "orientation": "h",
        **_colourbar_place(image),
        "thickness": 12,
        "tickfont": {"size": 11},
    }
    if not present:
        z = [float("nan")] * len(values)
        zmin, zmax = -1.0, 1.0
        colorbar.update({"tickmode": "auto", "tickvals": None, "ticktext": None})
    elif balance:
        # Centred on zero, symmetric; a signed log keeps small surpluses and deficits visibly
        # coloured beside Kazakhstan's large one (a linear scale leaves them near-white).
        scale = symlog_scale(present, view.unit)
        z = [symlog(v, view.unit) if v is not None else float("nan") for v in values]
        zmin, zmax = -scale["zmax"], scale["zmax"]
        colorbar.update(
            {"tickmode": "array", "tickvals": scale["tickvals"], "ticktext": scale["ticktext"]}
        )
        colorbar["title"]["text"] = _colour_title(view.colour_title, strings.MAP_SIGNED_LOG, image)
    else:
        # Trade values span two orders of magnitude: on a linear scale four of the six CARs
        # look alike. Shade log10 of the value; the colour bar's ticks show real values.
        scale = log_scale(present, view.unit)
        z = [math.log10(v) if v is not None else float("nan") for v in values]
        zmin, zmax = scale["zmin"], scale["zmax"]
        colorbar.update(
            {"tickmode": "array", "tickvals": scale["tickvals"], "ticktext": scale["ticktext"]}
        )
        colorbar["title"]["text"] = _colour_title(view.colour_title, strings.MAP_LOG, image)
    return {
        "locations": shading[PARTNER].tolist(),
        # Countries without a figure get NaN: drawn grey by the layer below.
        "z": z,
        "customdata": customdata,
        "colorscale": DIVERGING if balance else SEQUENTIAL,
        "zmin": zmin,
        "zmax": zmax,
        "showscale": bool(present),
        "colorbar": colorbar,
        "marker": {
            "line": {
                "color": ["#111111" if c == selected else "#FFFFFF" for c in shading[PARTNER]],
                "width": [3 if c == selected else 0.8 for c in shading[PARTNER]],
            }
        },
    }


def empty_annotation(view: ShadingView) -> dict[str, Any]:
    """The map's explicit empty state: visible only when no CAR has a figure."""
    return {
        "text": _annotation_text(view.empty_message),
        "visible": view.empty_message is not None,
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.97,
        "xanchor": "center",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 13, "color": "#111827"},
        "bgcolor": "rgba(255,255,255,0.92)",
        "bordercolor": "#9CA3AF",
        "borderwidth": 1,
        "borderpad": 6,
    }


def _annotation_text(message: str | None) -> str:
    """'<b>No figures for 2024</b><br>why …' from the empty-state message."""
    if not message:
        return ""
    head, _, rest = message.partition(": ")
    return f"<b>{head}</b><br>" + rest.replace(". ", ".<br>")


def _key_annotation() -> dict[str, Any]:
    """The line-style key, top right in the band above the map."""
    return {
        "text": LINE_KEY,
        "xref": "paper",
        "yref": "paper",
        "x": 1.0,
        "y": 1.0,
        "xanchor": "right",
        "yanchor": "top",
        # Clear of the modebar, which stands upright along the map's right edge (MODEBAR).
        "xshift": -MODEBAR_CLEARANCE,
        "align": "left",
        "showarrow": False,
        "font": {"size": 11, "color": "#374151"},
    }


def no_figure_props(props: dict[str, Any]) -> dict[str, Any]:
    """The grey layer under CARs without a figure (its hover names the period too)."""
    z = [1 if v != v else None for v in props["z"]]
    return {"z": z, "customdata": props["customdata"], "visible": any(v == 1 for v in z)}


def map_figure(view: MapView, *, selected: str | None = None, image: bool = False) -> go.Figure:
    """CAR shading, context countries, one trace per corridor and the key places.

    `image`: laid out for an image of a known width (>= 1000 px) rather than a page card of any
    width (whose height the page's CSS sets from its width).
    """
    props = shading_props(view.shade, selected=selected, image=image)
    # Plain dicts, validated once by go.Figure: building each trace as a graph object and then
    # the layout costs three times as long.
    traces: list[dict[str, Any]] = [
        {
            "type": "choropleth",
            "name": strings.MAP_SHADING_NAME,
            "locationmode": "ISO-3",
            "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}, %{customdata[2]}: "
            "%{customdata[3]}<br>Rank %{customdata[4]} CARs · Source: %{customdata[5]}"
            "<br><i>Click to open its profile</i><extra></extra>",
            "showlegend": False,
            **props,
        },
        {
            "type": "choropleth",
            "name": strings.MAP_NO_FIGURE_NAME,
            "locationmode": "ISO-3",
            "locations": props["locations"],
            "colorscale": [[0, "#D1D5DB"], [1, "#D1D5DB"]],
            "showscale": False,
            "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}, %{customdata[2]}: "
            "no figure<extra></extra>",
            "marker": {"line": {"color": "#FFFFFF", "width": 0.8}},
            "showlegend": False,
            **no_figure_props(props),
        },
        {
            "type": "choropleth",
            "name": strings.MAP_CONTEXT_NAME,
            "locationmode": "ISO-3",
            "locations": list(CONTEXT_COUNTRIES),
            "z": [0] * len(CONTEXT_COUNTRIES),
            "text": list(CONTEXT_COUNTRIES.values()),
            "colorscale": [[0, "#F3F4F6"], [1, "#F3F4F6"]],
            "showscale": False,
            "marker": {"line": {"color": "#6B7280", "width": 1.2}},
            "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
        },
    ]
    # Legend order: by type (each name says its type; colour shows it), data order within.
    for line in sorted(view.corridors, key=lambda c: list(TYPE_COLOUR).index(c.type)):
        traces.append(_corridor_trace(line, two_lines=not image))
    traces.append(_places_trace(view.places, two_lines=not image))
    # The legend sits where the template puts every chart's legend, under the map (no own `y`:
    # an image export gives it its band under the title), and the colour bar above the map, so
    # neither covers the Afghanistan–Pakistan area. Samples show each dash pattern.
    legend: dict[str, Any] = {
        "orientation": "h",
        "bgcolor": "rgba(255,255,255,0)",
        "font": {"size": 11},
        "itemwidth": 44,
    }
    if image:
        # Entries flow and wrap with the image's width; the key sits beside the colour bar.
        layout: dict[str, Any] = {
            "height": MAP_HEIGHT,
            "margin": {"l": 0, "r": 0, "t": 8, "b": 0},
            "annotations": [empty_annotation(view.shade), _key_annotation()],
            "legend": legend,
        }
        domain_top = MAP_TOP
    else:
        # No height: the card's CSS gives it from the width, so the map fills the width at any
        # size with no band of empty space above or below it.
        layout = {
            "margin": {"l": 0, "r": 0, "t": PAGE_TOP_PX, "b": 0},
            "annotations": [empty_annotation(view.shade)],
            "legend": legend
            | {
                "title": {"text": LINE_KEY, "side": "top", "font": {"size": 11}},
                "entrywidth": LEGEND_ENTRY_PX,
                "entrywidthmode": "pixels",
            },
        }
        domain_top = 1.0
    layout |= {
        "template": TEMPLATE_NAME,
        "hoverlabel": {"align": "left", "font": {"size": 12}},
        "modebar": MODEBAR,
        "geo": {
            "scope": "asia",
            "domain": {"x": [0.0, 1.0], "y": [0.0, domain_top]},
            "resolution": 50,
            "projection": {"type": "mercator"},
            "lonaxis": {"range": list(FRAME_LON)},
            "lataxis": {"range": list(FRAME_LAT)},
            # plotly centres the range's mid-latitude, which in Mercator sits below the frame's
            # middle: the map slid ~20 px down, cutting off the top (Astana's label) and
            # showing 1.2° more sea. Centre the Mercator middle instead.
            "center": {"lon": sum(FRAME_LON) / 2, "lat": _mercator_middle(*FRAME_LAT)},
            "showcountries": True,
            # 3.3:1 on the land (#9CA3AF was 2.4:1): borders are part of the picture (WCAG 1.4.11).
            "countrycolor": "#858C97",
            "showland": True,
            "landcolor": "#FAFAFA",
            "showocean": True,
            "oceancolor": "#E8F1F8",
            "showlakes": True,
            "lakecolor": "#E8F1F8",
            "showcoastlines": True,
            "coastlinecolor": "#858C97",
            # The asia outlines stop at Russia's border: land colour behind, not a white hole.
            "bgcolor": "#FAFAFA",
        },
    }
    return go.Figure(data=traces, layout=layout)


def _corridor_trace(line: CorridorLine, *, two_lines: bool = False) -> dict[str, Any]:
    """One corridor: its line, its card once in the template, each point's stretch."""
    status = STATUS_LABEL[line.status]
    tag = GEOMETRY_TAG[line.geometry]
    # The card sits in the template once; each point adds only the stretch it lies on.
    segment = "<br><i>%{hovertext}</i>" if any(line.segments) else ""
    state = status + (f", {line.status_when}" if line.status_when else "")
    if not two_lines:
        name = strings.MAP_LINE_NAME.format(name=line.short_name, status=state)
        name += f" · {tag}" if tag else ""
    else:
        # A phone's one legend column holds ~40 characters a line.
        long = len(state) + len(tag) > LEGEND_LINE_CHARS
        name = f"{line.short_name}<br>{state}"
        name += f"{'<br>' if long else ' · '}{tag}" if tag else ""
    trace: dict[str, Any] = {
        "type": "scattergeo",
        "name": name,
        "lon": line.lons,
        "lat": line.lats,
        "mode": "lines",
        "line": {
            "color": TYPE_COLOUR[line.type],
            "width": LINE_WIDTH[line.geometry],
            "dash": STATUS_DASH[line.status],
        },
        "hovertext": line.segments if any(line.segments) else None,
        "hovertemplate": f"{corridor_card_html(line.card_parts)}{segment}<extra></extra>",
        "meta": [line.corridor_id],
    }
    if line.geometry == "unrouted":
        # No route: a short arrow from the start towards the end, saying so on the map.
        tip = len(line.lons) - 1
        trace |= {
            "mode": "lines+markers+text",
            "marker": {
                "symbol": "arrow",
                "angleref": "up",  # Mercator is conformal: a bearing is a screen angle
                "angle": _bearing(line),
                "size": [0] * tip + [12],
                "color": TYPE_COLOUR[line.type],
            },
            "text": [""] * tip + [strings.MAP_TOWARDS_PAKISTAN],
            "textposition": "bottom center",
            "textfont": {"size": 10, "color": "#374151", "style": "italic", "shadow": "auto"},
        }
    return trace


def _places_trace(places: pd.DataFrame, *, two_lines: bool = False) -> dict[str, Any]:
    """Every place: a marker by kind, a label where the data asks for one, a hover note."""
    labelled = places["labelled"].tolist()
    return {
        "type": "scattergeo",
        "name": PLACES_NAME.replace("  ▲", "<br>▲") if two_lines else PLACES_NAME,
        "lon": places["lon"].tolist(),
        "lat": places["lat"].tolist(),
        "mode": "markers+text",
        "text": [n if shown else "" for n, shown in zip(places["name"], labelled, strict=True)],
        "textposition": [
            p if isinstance(p, str) and p else "top center" for p in places["label_position"]
        ],
        # A white halo keeps names legible over lines and shading.
        "textfont": {"size": 11, "color": "#111827", "shadow": "auto"},
        "marker": {
            # Towns 7 px, not 6: plotly's hover distance to a marker of radius r is at least
            # 1 - 3/r, so a line's point (r = 3: 0) on a place wins; at 6 px they would tie
            # and the place would take the hover at every schematic vertex.
            "size": [9 if k not in ("city", "junction") else 7 for k in places["kind"]],
            "symbol": [PLACE_SYMBOL.get(k, "circle") for k in places["kind"]],
            "color": ["#0B3C5D" if k == "seaport" else "#374151" for k in places["kind"]],
            "line": {"color": "white", "width": 0.8},
        },
        # ISO-3 first: a click on a place in a CAR selects that CAR (callbacks.state reads
        # customdata[0]); a place elsewhere is ignored.
        "customdata": [
            list(row)
            for row in zip(
                places["iso3"],
                places["name"],
                places["kind"].str.replace("_", " "),
                places["note"].fillna(""),
                strict=True,
            )
        ],
        "hovertemplate": "<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]}"
        "<br><i>approximate position</i><extra></extra>",
        "showlegend": True,
    }


def _bearing(line: CorridorLine) -> float:
    """Compass bearing (degrees) of a line's last step: where its arrowhead points."""
    lon1, lon2 = (float(x or 0.0) for x in line.lons[-2:])
    lat1, lat2 = (float(y or 0.0) for y in line.lats[-2:])
    east = (lon2 - lon1) * math.cos(math.radians(lat2))
    return math.degrees(math.atan2(east, lat2 - lat1)) % 360

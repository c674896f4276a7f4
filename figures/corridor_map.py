"""Pure figure builder for the corridor map (plotly geo, topojson served from assets/)."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from data.geo import CONTEXT_COUNTRIES, STATUS_LABEL, TYPE_LABEL, MapView
from data.schema import PARTNER, VALUE
from figures.theme import TEMPLATE_NAME

TYPE_COLOUR = {
    "gas_pipeline": "#B35806",
    "power_line": "#542788",
    "railway": "#1B1B1B",
    "road": "#C51B7D",
}
STATUS_DASH = {
    "operational": "solid",
    "under_construction": "dash",
    "planned": "longdash",
    "proposed": "longdash",
    "stalled": "dot",
}
PLACE_SYMBOL = {
    "seaport": "square",
    "capital": "star",
    "border_crossing": "diamond",
    "pass": "triangle-up",
    "city": "circle",
    "junction": "circle",
}
LABELLED_KINDS = ("seaport", "capital", "border_crossing", "pass")
SEQUENTIAL = [[0, "#EFF3FF"], [0.5, "#6BAED6"], [1, "#08519C"]]
DIVERGING = [[0, "#D6604D"], [0.5, "#F7F7F7"], [1, "#2166AC"]]
CHOROPLETH_TRACE = 0  # index of the CAR shading trace (patched on filter changes)


def shading_props(view: MapView, *, selected: str | None = None) -> dict:
    """The CAR choropleth's data-dependent properties (also used for Patch updates)."""
    shading = view.shading
    values = [None if v is None or math.isnan(v) else v for v in shading[VALUE]]
    present = [v for v in values if v is not None]
    balance = view.diverging or (bool(present) and min(present) < 0)
    bound = max((abs(v) for v in present), default=1.0) or 1.0
    customdata = [
        [
            name,
            period,
            "no figure" if v is None else f"{v:,.2f}",
            "—" if r != r else f"{int(r)} of {len(present)}",
            source,
        ]
        for name, period, v, r, source in zip(
            shading["name"],
            shading["period"],
            values,
            shading["rank"],
            shading["source"],
            strict=True,
        )
    ]
    return {
        "locations": shading[PARTNER].tolist(),
        # Countries without a figure get a value outside the colour range: drawn grey below.
        "z": [v if v is not None else float("nan") for v in values],
        "customdata": customdata,
        "colorscale": DIVERGING if balance else SEQUENTIAL,
        "zmin": -bound if balance else 0,
        "zmax": bound,
        "colorbar": {
            "title": {"text": view.colour_title, "side": "top"},
            "orientation": "h",
            "x": 0.86,
            "xanchor": "center",
            "y": 0.02,
            "yanchor": "bottom",
            "len": 0.26,
            "thickness": 14,
        },
        "marker": {
            "line": {
                "color": ["#111111" if c == selected else "#FFFFFF" for c in shading[PARTNER]],
                "width": [3 if c == selected else 0.8 for c in shading[PARTNER]],
            }
        },
    }


def map_figure(view: MapView, *, selected: str | None = None, height: int = 640) -> go.Figure:
    """CAR shading, context countries, one trace per corridor and the key places."""
    props = shading_props(view, selected=selected)
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            name="CARs: trade with Pakistan",
            locationmode="ISO-3",
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}: %{customdata[2]}<br>"
            "Rank: %{customdata[3]}<br>Source: %{customdata[4]}<extra></extra>",
            showlegend=False,
            **props,
        )
    )
    no_data = [c for c, z in zip(props["locations"], props["z"], strict=True) if z != z]
    fig.add_trace(
        go.Choropleth(
            name="No figure",
            locationmode="ISO-3",
            locations=props["locations"],
            z=[1 if z != z else None for z in props["z"]],
            colorscale=[[0, "#D1D5DB"], [1, "#D1D5DB"]],
            showscale=False,
            customdata=props["customdata"],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}: no figure<extra></extra>",
            marker={"line": {"color": "#FFFFFF", "width": 0.8}},
            showlegend=False,
            visible=bool(no_data),
        )
    )
    fig.add_trace(
        go.Choropleth(
            name="Context",
            locationmode="ISO-3",
            locations=list(CONTEXT_COUNTRIES),
            z=[0] * len(CONTEXT_COUNTRIES),
            text=list(CONTEXT_COUNTRIES.values()),
            colorscale=[[0, "#F3F4F6"], [1, "#F3F4F6"]],
            showscale=False,
            marker={"line": {"color": "#6B7280", "width": 1.2}},
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    for line in view.corridors:
        status = STATUS_LABEL[line.status]
        label = f"{line.short_name} — {status}" + (" · schematic" if line.schematic else "")
        fig.add_trace(
            go.Scattergeo(
                name=label,
                lon=line.lons,
                lat=line.lats,
                mode="lines",
                line={
                    "color": TYPE_COLOUR[line.type],
                    "width": 3,
                    "dash": STATUS_DASH[line.status],
                },
                text=[f"{line.card}<br><i>{p}</i>" if p else line.card for p in line.labels],
                hovertemplate="%{text}<extra></extra>",
                legendgroup=line.type,
                legendgrouptitle={"text": TYPE_LABEL[line.type]},
                meta=[line.corridor_id],
            )
        )
    places = view.places
    fig.add_trace(
        go.Scattergeo(
            name="Ports, capitals, crossings",
            lon=places["lon"],
            lat=places["lat"],
            mode="markers+text",
            text=[
                n if k in LABELLED_KINDS else ""
                for n, k in zip(places["name"], places["kind"], strict=True)
            ],
            textposition=[
                p if isinstance(p, str) and p else "top center" for p in places["label_position"]
            ],
            textfont={"size": 10, "color": "#111827"},
            marker={
                "size": [9 if k in LABELLED_KINDS else 5 for k in places["kind"]],
                "symbol": [PLACE_SYMBOL.get(k, "circle") for k in places["kind"]],
                "color": ["#0B3C5D" if k == "seaport" else "#374151" for k in places["kind"]],
                "line": {"color": "white", "width": 0.8},
            },
            customdata=list(
                zip(
                    places["name"],
                    places["kind"].str.replace("_", " "),
                    places["note"].fillna(""),
                    strict=True,
                )
            ),
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}"
            "<br><i>approximate position</i><extra></extra>",
            showlegend=True,
        )
    )
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        # Map on the left, legend and colour bar in a column on the right: nothing covers the map.
        legend={
            "orientation": "v",
            "x": 0.73,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0)",
            "font": {"size": 11},
            "groupclick": "toggleitem",
            # Samples long enough to show each status's dash (a 30 px one shows a single dash).
            "itemwidth": 60,
        },
        geo={
            "scope": "asia",
            "domain": {"x": [0.0, 0.72], "y": [0.0, 1.0]},
            "resolution": 50,
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [44, 88]},
            "lataxis": {"range": [22, 56]},
            "showcountries": True,
            "countrycolor": "#9CA3AF",
            "showland": True,
            "landcolor": "#FAFAFA",
            "showocean": True,
            "oceancolor": "#E8F1F8",
            "showlakes": True,
            "lakecolor": "#E8F1F8",
            "showcoastlines": True,
            "coastlinecolor": "#9CA3AF",
            "bgcolor": "rgba(0,0,0,0)",
        },
    )
    return fig

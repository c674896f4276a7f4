"""Context figures: the CARs' share of Pakistan's trade, Pakistan among a CAR's partners, and the
Afghanistan transit question. Pure builders (view model in, go.Figure out)."""

from __future__ import annotations

from typing import Final

import pandas as pd
import plotly.graph_objects as go

from components import strings
from data.context import (
    AFGHANISTAN,
    ALL_CARS,
    CONTEXT_YEARS,
    FLOW_WITH,
    FLOW_WORDS,
    PAKISTAN,
    SELECTED_TOTAL,
    car_flow,
    share_text,
)
from data.queries import ChartView
from data.schema import ESTIMATE, PARTNER, VALUE, YEAR
from data.state import ViewState, turnover_flow
from figures import build
from figures.build import subplot_layout, trace
from figures.narrow import stack_on_phones
from figures.theme import (
    DEFICIT_COLOUR,
    MUTED,
    SURPLUS_COLOUR,
    TOTAL_COLOUR,
    empty_figure,
    value_format,
    year_axis_props,
)
from figures.trade import Palette

PAKISTAN_COLOUR: Final = "#01411C"  # the flag's green: dark enough to stand out from every CAR
OTHER_PARTNER: Final = "#C4C9D1"
AFGHANISTAN_COLOUR: Final = "#7F6A4F"


def _context_years(state: ViewState) -> ViewState:
    """The view on calendar years, clipped to the years the context figures cover."""
    start = max(state.years[0], CONTEXT_YEARS[0])
    end = min(state.years[1], CONTEXT_YEARS[1])
    return state.with_(basis="calendar", years=(start, end))


def _few_year_ticks(state: ViewState) -> dict:
    """At most five year labels on a narrow side panel (more would turn sideways and collide)."""
    start, end = _context_years(state).years
    years = list(range(start, end + 1))
    step = max(1, -(-len(years) // 5))
    ticks = years[::-1][::step][::-1]
    return {"tickvals": ticks, "ticktext": [str(t) for t in ticks]}


def carshare_figure(view: ChartView, state: ViewState, palette: Palette) -> go.Figure:
    """Left: each selected CAR's (and the totals') share of Pakistan's world trade; right:
    Afghanistan's, on its own axis (it is one to two orders of magnitude larger)."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    flow = FLOW_WORDS[turnover_flow(state)]
    fmt = value_format(state)
    styles = {
        SELECTED_TOTAL: (TOTAL_COLOUR, "solid", 3),
        ALL_CARS: (TOTAL_COLOUR, "dash", 2),
        AFGHANISTAN: (AFGHANISTAN_COLOUR, "solid", 2),
    }
    traces = []
    for code in (*state.countries, SELECTED_TOTAL, ALL_CARS, AFGHANISTAN):
        own = view.data[view.data["series"] == code].sort_values(YEAR)
        if own.empty:
            continue
        colour, dash, width = styles.get(code, (palette.colours.get(code, MUTED), "solid", 2))
        name = str(own["name"].iloc[0]) if code in styles else palette.names[code]
        right = code == AFGHANISTAN
        traces.append(
            trace(
                "scatter",
                x=own[YEAR],
                y=own["share_pct"],
                name=name,
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": width},
                marker={"size": 5},
                customdata=build.rows(own[VALUE] / state.divisor, own["world_usd"] / state.divisor),
                hovertemplate=f"<b>{name}</b><br>%{{x}}: <b>%{{y:.3f}}%</b> of Pakistan's world "
                f"{flow}<br>%{{customdata[0]:{fmt}}} of %{{customdata[1]:{fmt}}} "
                f"{state.unit_label}<br>Pakistan-reported, calendar year<br>"
                "Source: IMF DOTS, Pakistan-reported<extra></extra>",
                xaxis="x2" if right else "x",
                yaxis="y2" if right else "y",
            )
        )
    # make_subplots' grid made once and the layout edited as a dict (build time: see
    # figures/build.py); the JSON is what the validated figure had.
    layout = subplot_layout(rows=1, cols=2, column_widths=[0.64, 0.36], horizontal_spacing=0.1)
    build.base_layout(layout, y_title=None, height=440)
    title = strings.AXIS_CARSHARE.format(flow=flow)
    build.update_axes(layout, "y", {"title": {"text": title}}, anchor="x")
    build.update_axes(layout, "y", {"title": {"text": strings.AXIS_AFGHANISTAN_SHARE}}, anchor="x2")
    build.update_axes(layout, "y", {"rangemode": "tozero", "ticksuffix": "%"})
    build.update_axes(layout, "x", year_axis_props(_context_years(state), narrow=True))
    build.update_axes(layout, "x", _few_year_ticks(state), anchor="y2")
    return stack_on_phones(build.figure_of(traces, layout), height=820)


def partners_figure(view: ChartView, state: ViewState, iso_name: str) -> go.Figure:
    """Left: the CAR's compared partners in one year, ranked, Pakistan highlighted; right:
    Pakistan's share of the CAR's world trade per year, its rank as the marker label."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    data = view.data.sort_values("rank", ascending=False)
    flow = FLOW_WORDS[car_flow(state)]
    year = int(data[YEAR].iloc[0]) if YEAR in data and not data.empty else None
    fmt = value_format(state)
    is_pak = data[PARTNER] == PAKISTAN
    traces = [
        trace(
            "bar",
            x=data["share_pct"],
            y=[
                f"<b>{n}</b> " if p else f"{n} "
                for n, p in zip(data["partner_name"], is_pak, strict=True)
            ],
            orientation="h",
            marker={"color": [PAKISTAN_COLOUR if p else OTHER_PARTNER for p in is_pak]},
            text=[
                share_text(float(s)) + (" e" if e else "")
                for s, e in zip(data["share_pct"], data[ESTIMATE], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=build.rows(
                data["rank"],
                data[VALUE] / state.divisor,
                data["world_usd"] / state.divisor,
                ["<br>IMF estimate" if e else "" for e in data[ESTIMATE]],
            ),
            hovertemplate=f"<b>%{{y}}</b> (rank %{{customdata[0]}} of {len(data)})"
            "%{customdata[3]}<br>"
            f"%{{x:.3f}}% of {iso_name}'s {flow} with the World<br>%{{customdata[1]:{fmt}}} of "
            f"%{{customdata[2]:{fmt}}} {state.unit_label}<br>{iso_name}-reported (partner-"
            "reported), calendar year<br>Source: IMF DOTS, partner-reported<extra></extra>",
            showlegend=False,
            name=strings.LEGEND_PARTNERS,
            xaxis="x",
            yaxis="y",
        )
    ]
    series = view.extra.get("rank", pd.DataFrame())
    if not series.empty:
        traces.append(
            trace(
                "scatter",
                x=series[YEAR],
                y=series["share_pct"],
                mode="lines+markers+text",
                # The rank where it changes (and in the last year): every label would crowd.
                text=[
                    f"#{r}" if i in (0, len(series) - 1) or r != prev else ""
                    for i, (r, prev) in enumerate(
                        zip(series["rank"], series["rank"].shift(), strict=True)
                    )
                ],
                textposition="top center",
                textfont={"size": 10, "color": PAKISTAN_COLOUR},
                line={"color": PAKISTAN_COLOUR, "width": 2},
                marker={
                    "size": 7,
                    "color": ["white" if e else PAKISTAN_COLOUR for e in series[ESTIMATE]],
                    "line": {"color": PAKISTAN_COLOUR, "width": 1.5},
                },
                customdata=build.rows(
                    series["rank"],
                    series["of"],
                    series[VALUE] / state.divisor,
                    ["<br>IMF estimate" if e else "" for e in series[ESTIMATE]],
                ),
                hovertemplate=f"<b>Pakistan in {iso_name}'s {flow}</b><br>%{{x}}: "
                "<b>%{y:.3f}%</b>, rank %{customdata[0]} of the %{customdata[1]} partners "
                f"compared<br>%{{customdata[2]:{fmt}}} {state.unit_label}%{{customdata[3]}}<br>"
                f"{iso_name}-reported"
                "<br>Source: IMF DOTS, partner-reported<extra></extra>",
                showlegend=False,
                name=strings.LEGEND_PAKISTAN,
                xaxis="x2",
                yaxis="y2",
            )
        )
    layout = subplot_layout(
        rows=1,
        cols=2,
        column_widths=[0.55, 0.45],
        horizontal_spacing=0.16,
        titles=[
            strings.PARTNERS_BY_PARTNER.format(name=iso_name, flow=flow)
            + (f", {year}" if year else ""),
            strings.PARTNERS_OVER_TIME,
        ],
    )
    build.base_layout(layout, y_title=None, height=460)
    top = float(data["share_pct"].max()) if not data.empty else 1.0
    share_title = strings.AXIS_PARTNER_SHARE.format(name=iso_name, flow=flow)
    build.update_axes(
        layout, "x", {"title": {"text": share_title}, "range": [0, top * 1.22]}, anchor="y"
    )
    build.update_axes(layout, "y", {"automargin": True}, anchor="x")
    pak_title = strings.AXIS_PAKISTAN_SHARE.format(name=iso_name, flow=flow)
    build.update_axes(
        layout,
        "y",
        {"title": {"text": pak_title}, "rangemode": "tozero", "ticksuffix": "%"},
        anchor="x2",
    )
    build.update_axes(layout, "x", year_axis_props(_context_years(state), narrow=True), anchor="y2")
    build.update_axes(layout, "x", _few_year_ticks(state), anchor="y2")
    build.merge(layout, {"margin": {"t": 60}})
    return stack_on_phones(build.figure_of(traces, layout), height=820)


def transit_figure(view: ChartView, state: ViewState) -> go.Figure:
    """Bars per year: Pakistan's recorded trade with Afghanistan, and the selected CARs' records
    minus Pakistan's records of the same trade (blue above zero, red below)."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    data = view.data
    flow = FLOW_WORDS[turnover_flow(state)]
    fmt = value_format(state)
    unit = state.unit_label
    gap = data["gap_usd"]
    traces = [
        trace(
            "bar",
            x=data[YEAR],
            y=data["afg_usd"] / state.divisor,
            name=strings.LEGEND_AFGHANISTAN.format(flow=FLOW_WITH[turnover_flow(state)]),
            marker={"color": AFGHANISTAN_COLOUR},
            hovertemplate=f"<b>Afghanistan</b><br>%{{x}}: <b>%{{y:{fmt}}}</b> {unit}<br>"
            "Pakistan-reported<br>Source: IMF DOTS, Pakistan-reported<extra></extra>",
        ),
        trace(
            "bar",
            x=data[YEAR],
            y=gap / state.divisor,
            name=strings.LEGEND_GAP,
            marker={"color": [SURPLUS_COLOUR if g >= 0 else DEFICIT_COLOUR for g in gap.fillna(0)]},
            customdata=build.rows(
                data["car_partner_usd"] / state.divisor,
                data["car_pak_usd"] / state.divisor,
                data["n"].fillna(0).astype(int),
            ),
            hovertemplate=f"<b>Gap, selected CARs</b><br>%{{x}}: <b>%{{y:{fmt}}}</b> {unit}<br>"
            f"CARs' records %{{customdata[0]:{fmt}}} − Pakistan's %{{customdata[1]:{fmt}}}<br>"
            "%{customdata[2]} CAR(s) with both figures<br>"
            "Source: IMF DOTS, Pakistan- and partner-reported<extra></extra>",
        ),
    ]
    layout: dict = {}
    build.base_layout(
        layout, y_title=strings.TABLE_IN_UNIT.format(name=flow.capitalize(), unit=unit), height=420
    )
    build.merge(layout, {"barmode": "group", "bargap": 0.2})
    build.update_axes(layout, "x", year_axis_props(_context_years(state), narrow=True))
    return build.figure_of(traces, layout)

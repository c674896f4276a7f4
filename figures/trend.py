"""The trend chart: a line per country, the selected CARs' total, other sources' figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components import strings
from data.queries import SOURCES, ChartView
from data.schema import ESTIMATE, NOTE, PARTNER, REPORTER, SOURCE_ID, VALUE, YEAR
from data.state import (
    FLOW_LABEL,
    REPORTER_LABEL,
    ViewState,
    log_axis,
    period_label,
)
from figures import build
from figures.build import trace
from figures.theme import (
    MUTED,
    TOTAL_COLOUR,
    empty_figure,
    log_ticks,
    value_format,
    wrap,
    year_axis_props,
)
from figures.trade import Palette, _customdata, _hover, _on_grid, _short, _years


def trend_figure(
    view: ChartView,
    state: ViewState,
    palette: Palette,
    *,
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """Lines per country (gaps for years without a figure), the total, other sources' markers."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    years = _years(state)
    traces: list[dict] = []
    scale = state.divisor
    for code in state.countries:
        own = view.data[view.data[PARTNER] == code]
        if own.empty:
            continue
        grid = _on_grid(own, years)
        estimate = grid[ESTIMATE].fillna(False).astype(bool)
        traces.append(
            trace(
                "scatter",
                x=grid[YEAR],
                y=grid[VALUE] / scale,
                name=palette.names[code],
                legendgroup=code,
                # A lone line keeps its legend entry: the country stays named on the chart.
                showlegend=True,
                mode="lines+markers",
                connectgaps=False,
                line={"color": palette.colours[code], "width": 2.2},
                marker={
                    "size": [9 if e else 6 for e in estimate],
                    "symbol": ["circle-open" if e else "circle" for e in estimate],
                },
                customdata=_customdata(
                    grid.assign(**{PARTNER: code}).fillna({SOURCES: ""}), state, palette
                ),
                hovertemplate=_hover(state),
            )
        )
    total = view.extra.get("total")
    if total is not None and not total.empty:
        grid = total.set_index(YEAR).reindex(years).reset_index()
        traces.append(
            trace(
                "scatter",
                x=grid[YEAR],
                y=grid[VALUE] / scale,
                name=strings.LEGEND_TOTAL,
                mode="lines",
                connectgaps=False,
                line={"color": TOTAL_COLOUR, "width": 2, "dash": "dash"},
                customdata=[[period_label(y, state.basis)] for y in grid[YEAR]],
                hovertemplate="<b>Total of the selected CARs</b><br>%{customdata[0]}: <b>%{y:"
                + value_format(state)
                + "}</b> "
                + state.unit_label
                + "<br>(years with a figure for every selected country)<extra></extra>",
            )
        )
    alt = view.extra.get("alternatives")
    if alt is not None and not alt.empty:
        traces.append(
            trace(
                "scatter",
                x=alt[YEAR],
                y=alt[VALUE] / scale,
                # The caption says they are not in the lines; short: a long entry sets every
                # entry's width in a wrapped legend (one a row on a phone)
                name=strings.LEGEND_OTHER_SOURCES,
                mode="markers",
                marker={
                    "symbol": "diamond-open",
                    "size": 10,
                    "line": {"width": 2},
                    "color": [palette.colours[c] for c in alt[PARTNER]],
                },
                customdata=[
                    [
                        palette.names[c],
                        period_label(int(y), state.basis),
                        palette.source_text(s),
                        REPORTER_LABEL.get(r, "third-party compilation"),
                        _short(n),
                    ]
                    for c, y, s, r, n in zip(
                        alt[PARTNER],
                        alt[YEAR],
                        alt[SOURCE_ID],
                        alt[REPORTER],
                        alt[NOTE],
                        strict=True,
                    )
                ],
                hovertemplate="<b>%{customdata[0]}</b> — other source<br>%{customdata[1]}: <b>%{y:"
                + value_format(state)
                + "}</b> "
                + state.unit_label
                + "<br>%{customdata[3]} · Source: %{customdata[2]}<br><i>%{customdata[4]}</i>"
                "<extra></extra>",
            )
        )
    # Built as a plain layout (see figures/build.py): validated updates were most of the time.
    layout: dict = {}
    # Wrapped: on a phone a one-line title is longer than the plot is tall and gets cut.
    y_title = f"{wrap(FLOW_LABEL[state.flow], 22)}<br>({state.unit_label})"
    build.base_layout(layout, y_title=y_title)
    # Entries flow in rows: laid out by group (one per country), a phone's legend took a row
    # per country and squeezed the plot to a strip. The groups still toggle together.
    build.merge(layout, {"legend": {"traceorder": "normal"}})
    build.update_axes(layout, "x", year_axis_props(state))
    if log_axis(state):
        build.update_axes(layout, "y", log_ticks(v for t in traces for v in t["y"]))
    else:
        # A linear axis shows zero: one starting at the series' minimum exaggerates change.
        build.update_axes(layout, "y", {"rangemode": "tozero"})
    if events is not None and not events.empty:
        _add_events(traces, layout, events, state)
    return build.figure_of(traces, layout)


def event_x(date: str, basis: str) -> float:
    """Where a dated event sits on a year axis whose point x = Y stands for the year Y.

    Calendar year Y spans [Y - 0.5, Y + 0.5] (Jan–Dec); fiscal year Y, which ends in June Y,
    spans the same interval for July Y-1 – June Y. So mid-month m of year c sits at
    c - 0.5 + (m - 0.5) / 12 on a calendar axis and half a year later, c + (m - 0.5) / 12, on a
    fiscal one; a date known only to the year sits mid-year.
    """
    year = float(date[:4])
    month = int(date[5:7]) - 0.5 if len(date) >= 7 else 6.0
    x = year - 0.5 + month / 12
    return x + 0.5 if basis == "fiscal" else x


def event_numbers(n: int) -> list[str]:
    """The labels of n event markers, in date order: '1', '2', ..."""
    return [str(i) for i in range(1, n + 1)]


def event_heights(xs: list[float], years: tuple[int, int]) -> list[float]:
    """Marker heights (axis fraction) that step down for events close in time: their number
    labels would print over each other on one line. Events a 30th of the range apart (or
    more) start again at the top."""
    near = max(1.0, (years[1] - years[0] + 1) / 30)
    heights = [1.0] * len(xs)
    level = 0
    previous: float | None = None
    for i in sorted(range(len(xs)), key=lambda i: xs[i]):
        level = level + 1 if previous is not None and xs[i] - previous < near else 0
        heights[i] = round(1.0 - 0.09 * (level % 4), 2)
        previous = xs[i]
    return heights


def event_key(events: pd.DataFrame) -> str:
    """The list the event markers' numbers refer to: '1 Title (date); 2 ...'."""
    return "; ".join(
        f"{number} {title} ({date})"
        for number, title, date in zip(
            event_numbers(len(events)), events["title"], events["date"], strict=True
        )
    )


def _add_events(traces: list[dict], layout: dict, events: pd.DataFrame, state: ViewState) -> None:
    """Events as thin vertical markers on the time axis, hover showing the event."""
    xs = [event_x(d, state.basis) for d in events["date"]]
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": x,
            "x1": x,
            "y0": 0,
            "y1": 1,
            "layer": "below",
            "line": {"color": MUTED, "width": 1, "dash": "dot"},
        }
        for x in xs
    ]
    traces.append(
        trace(
            "scatter",
            x=xs,
            y=event_heights(xs, state.years),
            yaxis="y2",
            mode="markers+text",
            name=strings.LEGEND_EVENTS,
            # Numbers keyed to the caption's list: a triangle alone says nothing without a hover.
            text=event_numbers(len(xs)),
            textposition="bottom center",
            textfont={"size": 11, "color": MUTED},
            marker={"symbol": "triangle-down", "size": 11, "color": MUTED},
            customdata=[
                [
                    f"by {date}" if precision == "before" else date,
                    title,
                    wrap(str(description), 70),
                    wrap(str(note), 70) if isinstance(note, str) and note else "",
                ]
                for date, precision, title, description, note in zip(
                    events["date"],
                    events["date_precision"],
                    events["title"],
                    events["description"],
                    events["date_note"],
                    strict=True,
                )
            ],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<br>%{customdata[2]}"
            "<br><i>%{customdata[3]}</i><extra></extra>",
        )
    )
    build.merge(
        layout,
        {"yaxis2": {"overlaying": "y", "range": [0, 1.05], "visible": False, "fixedrange": True}},
    )

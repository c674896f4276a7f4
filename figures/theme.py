"""One plotly template and the small helpers every figure builder shares."""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go
import plotly.io as pio

from data.state import ViewState, period_label

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TOTAL_COLOUR = "#222222"
SURPLUS_COLOUR = "#2166AC"  # RdBu ends: readable for the common colour-vision deficiencies
DEFICIT_COLOUR = "#D6604D"
GRID_COLOUR = "#E5E7EB"
MUTED = "#6B7280"
TEMPLATE_NAME = "pakcar"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": "#1F2937"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"],
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        xaxis={"showgrid": False, "linecolor": "#9CA3AF", "ticks": "outside", "zeroline": False},
        yaxis={"gridcolor": GRID_COLOUR, "zerolinecolor": "#9CA3AF", "separatethousands": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
        margin={"l": 70, "r": 20, "t": 40, "b": 50},
        separators=".,",
    )
)

VALUE_FORMAT = {"usd": ",.0f", "thousand": ",.1f", "million": ",.2f"}


def value_format(state: ViewState) -> str:
    """d3 number format for hover values in the chosen unit."""
    return VALUE_FORMAT[state.unit]


def base_layout(fig: go.Figure, *, y_title: str | None, height: int = 420) -> go.Figure:
    """Apply the template and common layout to a figure (y_title None: leave axis titles)."""
    fig.update_layout(template=TEMPLATE_NAME, height=height, hovermode="closest")
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def year_axis(fig: go.Figure, state: ViewState, years: Iterable[int] | None = None, **kw) -> None:
    """Year ticks for the view; fiscal years get 'FY2022-23' labels."""
    start, end = state.years
    values = list(years) if years is not None else list(range(start, end + 1))
    step = max(1, round(len(values) / 12))
    ticks = values[::step]
    fig.update_xaxes(
        range=[start - 0.6, end + 0.6],
        tickmode="array",
        tickvals=ticks,
        ticktext=[period_label(y, state.basis) for y in ticks],
        title_text="Pakistan fiscal year (Jul–Jun)" if state.basis == "fiscal" else "Year",
        **kw,
    )


def empty_figure(message: str, *, height: int = 360) -> go.Figure:
    """An explicit empty state: no axes, just the reason."""
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=height,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 14, "color": MUTED},
                "width": 640,
            }
        ],
    )
    return fig


def wrap(text: str, width: int = 150) -> str:
    """Wrap plain text into <br>-separated lines for plotly annotations."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def decorate_for_export(
    fig: go.Figure, *, title: str, subtitle: str, footer: str, width: int = 1400
) -> go.Figure:
    """Title naming the filters and a footer with source, vintage and permalink: for images."""
    out = go.Figure(fig)
    lines = wrap(footer, width=max(80, width // 8)).count("<br>") + 1
    bottom = 80 + 16 * lines
    out.update_layout(
        title={
            "text": f"<b>{title}</b><br>"
            f"<span style='font-size:13px;color:{MUTED}'>{subtitle}</span>",
            "x": 0.01,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
        },
        margin={"t": 110, "b": bottom + 20, "l": 80, "r": 30},
        legend={"y": 1.0, "yanchor": "bottom"},
        width=width,
    )
    out.add_annotation(
        text=wrap(footer, width=max(80, width // 8)),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-60,
        align="left",
        font={"size": 11, "color": MUTED},
    )
    return out

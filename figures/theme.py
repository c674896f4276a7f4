"""One plotly template and the small helpers every figure builder shares."""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from components import strings
from data.state import ViewState, period_label

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Lines, markers and bars keep ≥ 3:1 against both the light (white) and the dark plot background
# (WCAG 1.4.11), so one palette serves both themes: tests/test_a11y.py computes every ratio.
LIGHT_BG = "#FFFFFF"
DARK_BG = "#1D2125"  # assets/a11y.css paints the plots' background this in the dark theme
DARK_TEXT = "#DEE2E6"  # and their text this
DARK_GRID = "#3D444D"
TOTAL_COLOUR = "#6B7280"  # a mid grey, dashed: visible on white and on the dark background
SURPLUS_COLOUR = "#2B74C4"  # RdBu ends (lightened for the dark theme): colour-vision safe
DEFICIT_COLOUR = "#D6604D"
# The corridor map in the dark theme: assets/a11y.css paints each light colour of
# figures/corridor_map.py (matched by the rgb() plotly writes) with its dark twin, so the figure and
# its exported images stay light. Kind "line" (lines, markers, outlines, shaded areas) needs 3:1
# against the dark land, "text" 4.5:1; tests/test_a11y.py checks both and the stylesheet.
DARK_LAND = "#2B3036"
MAP_DARK: dict[str, tuple[str, str, str]] = {
    "context countries": ("#F3F4F6", DARK_LAND, "area"),
    "no figure": ("#D1D5DB", "#7A828A", "line"),
    "context borders": ("#6B7280", "#8F979E", "line"),
    "selected CAR": ("#111111", "#F8F9FA", "line"),
    "railway": ("#1B1B1B", "#E9ECEF", "line"),
    "road": ("#C51B7D", "#E75FA6", "line"),
    "seaport": ("#0B3C5D", "#8AB4FF", "line"),
    "place marker, note": ("#374151", "#C4CAD0", "text"),
    "place label": ("#111827", "#F1F3F5", "text"),
}
# The reporter and basis of a line also by dash and marker, never by colour alone (WCAG 1.4.1).
SERIES_STYLE = {
    ("calendar", "pakistan"): {"dash": "solid", "symbol": "circle"},
    ("calendar", "partner"): {"dash": "dot", "symbol": "diamond-open"},
    ("fiscal", "pakistan"): {"dash": "solid", "symbol": "square"},
    ("fiscal", "partner"): {"dash": "dot", "symbol": "square-open"},
}


def luminance(colour: str) -> float:
    """WCAG relative luminance of a '#RRGGBB' colour."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def for_both_themes(colour: str, ratio: float = 3.0) -> str:
    """The colour with its lightness moved (hue and saturation kept) until it has `ratio`
    contrast against both the light and the dark plot background; unchanged if it has."""

    def ok(c: str) -> bool:
        return contrast(c, LIGHT_BG) >= ratio and contrast(c, DARK_BG) >= ratio

    if ok(colour):
        return colour
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    too_light = contrast(colour, LIGHT_BG) < ratio
    for step in range(1, 101):
        new_l = light - step / 100 if too_light else light + step / 100
        rgb = colorsys.hls_to_rgb(h, min(max(new_l, 0.0), 1.0), s)
        candidate = "#" + "".join(f"{round(v * 255):02X}" for v in rgb)
        if ok(candidate):
            return candidate
    return colour


GRID_COLOUR = "#E5E7EB"
MUTED = "#6B7280"
TEMPLATE_NAME = "pakcar"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": "#1F2937"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[
            for_both_themes(c)
            for c in ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
        ],
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        xaxis={"showgrid": False, "linecolor": "#9CA3AF", "ticks": "outside", "zeroline": False},
        yaxis={"gridcolor": GRID_COLOUR, "zerolinecolor": "#9CA3AF", "separatethousands": True},
        # Below the plot, at the foot of the figure: the modebar (top right) never covers it, and
        # on a phone it wraps into rows under the chart instead of squeezing the plot from above.
        # Axes push the margins out so no tick label or axis title is cut off at any width.
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            # The figure's whole width, not the plot's: on a phone the y-axis title's margin left
            # the legend ~190 px, one entry a row, and the rows squeezed the plot.
            "xref": "container",
            "x": 0,
            "title": None,
        },
        margin={"l": 70, "r": 20, "t": 40, "b": 50},
        # The modebar appears over the legend's right end while the pointer is on a chart: an
        # opaque backing keeps its icons legible there.
        modebar={"bgcolor": "rgba(255,255,255,0.92)", "color": "#6B7280", "activecolor": "#111827"},
        separators=".,",
    )
)

VALUE_FORMAT = {"usd": ",.0f", "thousand": ",.1f", "million": ",.2f"}


def value_format(state: ViewState) -> str:
    """d3 number format for hover values in the chosen unit."""
    return VALUE_FORMAT[state.unit]


def year_ticks(values: list[int], basis: str, *, narrow: bool = False) -> list[int]:
    """Every n-th year counted back from the last, so the latest year is always labelled: up to
    12 ticks, or 4 'FY2022-23' labels on a half-width chart (more would be turned sideways and
    run into the axis title)."""
    most = 4 if narrow and basis == "fiscal" else 12
    step = max(1, -(-len(values) // most))
    return values[::-1][::step][::-1]


def year_axis_props(
    state: ViewState, years: Iterable[int] | None = None, *, narrow: bool = False
) -> dict:
    """Year ticks for the view's x axis; fiscal years get 'FY2022-23' labels (fewer on narrow
    charts)."""
    start, end = state.years
    values = list(years) if years is not None else list(range(start, end + 1))
    ticks = year_ticks(values, state.basis, narrow=narrow)
    return {
        "range": [start - 0.6, end + 0.6],
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [period_label(y, state.basis) for y in ticks],
        "title": {
            "text": strings.AXIS_FISCAL_YEAR if state.basis == "fiscal" else strings.AXIS_YEAR
        },
    }


def log_ticks(values: Iterable[float | None]) -> dict:
    """Axis settings for a log axis: 1-2-5 ticks over the data (decades only when that is too
    many), labelled in plain numbers: plotly's own labels ('5 2 10 5 2 1') read as nonsense."""
    positive = [float(v) for v in values if v is not None and v == v and float(v) > 0]
    if not positive:
        return {"type": "log"}
    low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
    decades = [10.0**e for e in range(low, high + 1)]
    ticks = [d * m for d in decades for m in (1, 2, 5)]
    ticks = [t for t in ticks if min(positive) / 2 <= t <= max(positive) * 2]
    if len(ticks) > 10:
        ticks = [d for d in decades if min(positive) / 3 <= d <= max(positive) * 3]
    return {
        "type": "log",
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [f"{t:,.{max(0, -math.floor(math.log10(t)))}f}" for t in ticks],
    }


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
                "text": wrap(message, 50),  # plotly does not wrap: a long line is cut off
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 14, "color": MUTED},
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


EXPORT_TITLE_PX = 94  # title + subtitle block above the legend
LEGEND_ROW_PX = 22
TEMPLATE_MARGIN_TB = 90  # the template's top + bottom margins (40 + 50)
MIN_PLOT_PX = 440  # a wide image needs a taller plot than a dashboard card


def legend_rows(fig: go.Figure, usable_px: float) -> int:
    """Rough number of rows a horizontal legend takes (13 px font): to size the top margin.

    Plotly stacks a legend group's entries vertically and aligns the groups in columns.
    """
    shown = [
        t
        for t in fig.data
        # A table (or any trace type without a legend) takes no legend row.
        if "showlegend" in t
        and t.showlegend is not False
        and (t.showlegend or len(fig.data) > 1)
        and t.name
    ]
    groups: dict[str, list[float]] = {}
    for i, trace in enumerate(shown):
        key = trace.legendgroup or f"#{i}"
        groups.setdefault(key, []).append(6.6 * len(str(trace.name)) + 46)
    blocks = [(max(w), len(w)) for w in groups.values()]
    if not blocks:
        return 0
    for cols in range(len(blocks), 0, -1):
        widths = [max(b[0] for b in blocks[c::cols]) for c in range(cols)]
        if sum(widths) <= usable_px or cols == 1:
            break
    return sum(max(b[1] for b in blocks[r : r + cols]) for r in range(0, len(blocks), cols))


@dataclass(frozen=True)
class ExportBands:
    """The wrapped texts of an exported image and the bands they need above and below the plot."""

    title: str
    subtitle: str
    footer: str
    top: int
    bottom: int
    title_px: int  # the title + subtitle block, above the legend
    left: int = 80
    right: int = 30

    def plot_height(self, height: int) -> int:
        """The plot area's height in an image `height` px tall."""
        return height - self.top - self.bottom


TITLE_CHAR_PX = 11.5  # average advance of the 20 px bold title font
SUBTITLE_CHAR_PX = 7.6  # 14 px subtitle
FOOTER_CHAR_PX = 6.4  # 11 px footer


def export_bands(
    fig: go.Figure, *, title: str, subtitle: str, footer: str, width: int
) -> ExportBands:
    """Wrap title, subtitle and footer to the image width; size the bands around the plot."""
    left, right = 80, 30
    text_px = width - 32
    title_text = wrap(title, width=max(30, int(text_px / TITLE_CHAR_PX)))
    subtitle_text = wrap(subtitle, width=max(40, int(text_px / SUBTITLE_CHAR_PX)))
    footer_text = wrap(footer, width=max(60, int((width - left - right) / FOOTER_CHAR_PX)))
    extra_title = title_text.count("<br>") * 26 + subtitle_text.count("<br>") * 19
    title_px = EXPORT_TITLE_PX + extra_title
    bottom = 78 + 15 * (footer_text.count("<br>") + 1)
    own_legend = fig.layout.legend.y is not None  # a figure that places its own legend keeps it
    rows = 0 if own_legend else legend_rows(fig, width - left - right)
    top = title_px + rows * LEGEND_ROW_PX + (26 if rows else 10)
    return ExportBands(
        "<br>".join(f"<b>{line}</b>" for line in title_text.split("<br>")),
        subtitle_text,
        footer_text,
        top,
        bottom,
        title_px,
        left,
        right,
    )


def is_table(fig: go.Figure) -> bool:
    """Whether the figure is a table (it is as tall as its rows, not a plot to stretch)."""
    return bool(fig.data) and all(t.type == "table" for t in fig.data)


def natural_plot_height(fig: go.Figure) -> int:
    """The plot height an image keeps by default: the on-screen one (tables: their rows)."""
    return max((fig.layout.height or 450) - TEMPLATE_MARGIN_TB, 0 if is_table(fig) else MIN_PLOT_PX)


def decorate_for_export(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    footer: str,
    width: int = 1400,
    height: int | None = None,
    bands: ExportBands | None = None,
) -> go.Figure:
    """Title naming the filters and a footer with source, vintage and permalink: for images.

    The title sits in its own band at the top (wrapped to the width), the legend (if the figure
    keeps the template's) right under it, then the plot; the footer sits under the x-axis title.
    Without `height`, the plot keeps the height it has on screen and the figure grows by the
    bands.
    """
    out = go.Figure(fig)
    if bands is None:  # `bands`: what export_bands gave the caller for the same texts and width
        bands = export_bands(out, title=title, subtitle=subtitle, footer=footer, width=width)
    own_legend = out.layout.legend.y is not None
    if height is None:
        height = natural_plot_height(out) + bands.top + bands.bottom
    out.update_layout(
        title={
            "text": bands.title,
            "subtitle": {"text": bands.subtitle, "font": {"size": 14, "color": MUTED}},
            "font": {"size": 20},
            "xref": "container",
            "yref": "container",
            "x": 0,
            "xanchor": "left",
            # Plotly anchors a multi-line title by its first line: move it down by the others.
            "y": 1 - (16 + 26 * bands.title.count("<br>")) / height,
            "yanchor": "top",
            "pad": {"l": 16},
        },
        margin={"t": bands.top, "b": bands.bottom, "l": bands.left, "r": bands.right},
        width=width,
        height=height,
    )
    if not own_legend:
        out.update_layout(
            legend={
                "orientation": "h",
                "yref": "container",
                "y": 1 - (bands.title_px - 4) / height,
                "yanchor": "top",
                "x": 0,
                "xanchor": "left",
            }
        )
    out.add_annotation(
        text=bands.footer,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-62,
        align="left",
        font={"size": 11, "color": MUTED},
    )
    return out

"""Pure figure builders for the trade charts: trend, balance, shares and the mirror comparison."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components import strings
from data.queries import DERIVED, SOURCES, ChartView
from data.schema import ESTIMATE, PARTNER, REPORTER, VALUE, YEAR
from data.state import (
    FLOW_LABEL,
    REPORTER_LABEL,
    ViewState,
    period_label,
    turnover_flow,
)
from figures import build
from figures.build import subplot_layout, trace
from figures.theme import (
    DEFICIT_COLOUR,
    MUTED,
    SERIES_STYLE,
    SURPLUS_COLOUR,
    TOTAL_COLOUR,
    empty_figure,
    log_ticks,
    value_format,
    wrap,
    year_axis_props,
    year_ticks,
)


@dataclass(frozen=True)
class Palette:
    """Display names, fixed colours and source labels, looked up once from the tables."""

    names: dict[str, str]
    colours: dict[str, str]
    sources: dict[str, str]

    def source_text(self, ids: str) -> str:
        """'IMF DOTS, Pakistan-reported' for one id or 'a + b' for several."""
        return " + ".join(dict.fromkeys(self.sources.get(s, s) for s in str(ids).split(";")))


def _years(state: ViewState) -> list[int]:
    return list(range(state.years[0], state.years[1] + 1))


def _on_grid(frame: pd.DataFrame, years: list[int], column: str = VALUE) -> pd.DataFrame:
    """Reindex a one-country series onto every year of the view so missing years are gaps."""
    return frame.set_index(YEAR).reindex(years).rename_axis(YEAR).reset_index()


def _hover(state: ViewState, value_label: str = "%{y") -> str:
    fmt = value_format(state)
    return (
        "<b>%{fullData.name}</b><br>%{customdata[0]}: "
        f"<b>{value_label}:{fmt}}}</b> {state.unit_label}<br>"
        "%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>"
    )


def _customdata(frame: pd.DataFrame, state: ViewState, palette: Palette) -> list[list[str]]:
    rows = []
    for year, source, estimate, derived, reporter in zip(
        frame[YEAR],
        frame[SOURCES].fillna(""),
        frame[ESTIMATE].fillna(False),
        frame[DERIVED].fillna(False),
        frame[REPORTER].fillna(state.reporter),
        strict=True,
    ):
        flags = [REPORTER_LABEL.get(str(reporter), str(reporter)), state.basis + " basis"]
        if derived:
            flags.append("derived from exports and imports")
        if estimate:
            flags.append("includes an IMF estimate")
        rows.append(
            [period_label(int(year), state.basis), ", ".join(flags), palette.source_text(source)]
        )
    return rows


def _short(note: object, limit: int = 110) -> str:
    """A note trimmed for a hover line."""
    text = str(note) if isinstance(note, str) else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _stacked_axes(n: int, gap: float = 0.045) -> list[tuple[float, float]]:
    """Vertical domains for n stacked panels, top first."""
    height = (1 - gap * (n - 1)) / n
    return [
        (
            max(0.0, round(1 - (i + 1) * height - i * gap, 6)),
            min(1.0, round(1 - i * (height + gap), 6)),
        )
        for i in range(n)
    ]


def balance_figure(view: ChartView, state: ViewState, palette: Palette) -> go.Figure:
    """Small multiples, one per country: bars above zero = Pakistan's surplus, below = deficit.

    Built from one layout dict rather than make_subplots (3-4x cheaper per callback).
    """
    if view.empty_message:
        return empty_figure(view.empty_message)
    codes = [c for c in state.countries if (view.data[PARTNER] == c).any()]
    years = _years(state)
    traces: list[dict] = []
    layout: dict = {"annotations": []}
    domains = _stacked_axes(len(codes))
    ticks = year_ticks(years, state.basis, narrow=True)
    axis_title = strings.AXIS_FISCAL_YEAR if state.basis == "fiscal" else strings.AXIS_YEAR
    for row, (code, domain) in enumerate(zip(codes, domains, strict=True), start=1):
        grid = _on_grid(view.data[view.data[PARTNER] == code], years)
        values = grid[VALUE] / state.divisor
        suffix = "" if row == 1 else str(row)
        traces.append(
            {
                "type": "bar",
                "x": grid[YEAR].tolist(),
                "y": values.tolist(),
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
                "name": palette.names[code],
                "marker": {
                    "color": [
                        SURPLUS_COLOUR if v >= 0 else DEFICIT_COLOUR for v in values.fillna(0)
                    ]
                },
                "customdata": _customdata(grid.fillna({SOURCES: ""}), state, palette),
                "hovertemplate": _hover(state),
                "showlegend": False,
            }
        )
        layout[f"yaxis{suffix}"] = {
            "domain": list(domain),
            "anchor": f"x{suffix}",
            "zeroline": True,
            "zerolinecolor": MUTED,
            "title": {"text": state.unit_label if row == (len(codes) + 1) // 2 else ""},
        }
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            **({"matches": "x"} if row > 1 else {}),
            "showticklabels": row == len(codes),
            "ticks": "outside" if row == len(codes) else "",
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [period_label(y, state.basis) for y in ticks],
            "range": [state.years[0] - 0.6, state.years[1] + 0.6],
            "title": {"text": axis_title if row == len(codes) else ""},
        }
        layout["annotations"].append(
            {
                "text": palette.names[code],
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": domain[1],
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    # A two-entry legend explains the colours once.
    for label, colour in (
        (strings.LEGEND_SURPLUS, SURPLUS_COLOUR),
        (strings.LEGEND_DEFICIT, DEFICIT_COLOUR),
    ):
        traces.append(
            {
                "type": "bar",
                "x": [None],
                "y": [None],
                "name": label,
                "marker": {"color": colour},
                "showlegend": True,
                "hoverinfo": "skip",
            }
        )
    build.base_layout(layout, y_title=None, height=max(300, 90 + 120 * len(codes)))
    layout["bargap"] = 0.25
    return build.figure_of(traces, layout)


def single_share_note(name: str) -> str:
    """What the shares chart says instead of a 100 % bar when one country is drawn."""
    return strings.SHARE_ONE_COUNTRY.format(name=name)


def share_figure(view: ChartView, state: ViewState, palette: Palette) -> go.Figure:
    """Stacked bars: each selected CAR's share of their combined trade with Pakistan, per year."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    shown = [c for c in state.countries if (view.data[PARTNER] == c).any()]
    if len(shown) == 1:
        return empty_figure(single_share_note(palette.names[shown[0]]))
    traces = []
    for code in state.countries:
        own = view.data[view.data[PARTNER] == code]
        if own.empty:
            continue
        traces.append(
            trace(
                "bar",
                x=own[YEAR],
                y=own["share_pct"],
                name=palette.names[code],
                marker={"color": palette.colours[code]},
                # [period, flags (reporter, basis, derived), source] + the value in the unit
                customdata=[
                    [*row, v]
                    for row, (v,) in zip(
                        _customdata(own, state, palette),
                        build.rows(own[VALUE] / state.divisor),
                        strict=True,
                    )
                ],
                hovertemplate="<b>%{fullData.name}</b><br>%{customdata[0]}: <b>%{y:.1f}%</b> "
                "of the selected CARs<br>%{customdata[3]:"
                + value_format(state)
                + "} "
                + state.unit_label
                + "<br>%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>",
            )
        )
    layout: dict = {}
    build.base_layout(layout, y_title=wrap(strings.AXIS_SHARE, 24))
    build.merge(layout, {"barmode": "stack", "bargap": 0.15})
    build.update_axes(layout, "y", {"range": [0, 100], "ticksuffix": "%"})
    build.update_axes(layout, "x", year_axis_props(state, narrow=True))
    return build.figure_of(traces, layout)


def mirror_figure(view: ChartView, state: ViewState, palette: Palette) -> go.Figure:
    """Top: both reporters' figures per country; bottom: the partner ÷ Pakistan ratio (log)."""
    if view.empty_message:
        return empty_figure(view.empty_message)
    cal = state.with_(basis="calendar")
    years = _years(cal)
    fmt = value_format(state)
    derived_note = (
        ", derived from exports and imports" if turnover_flow(state) == "turnover" else ""
    )
    hows = {
        side: f"{REPORTER_LABEL[reporter]}, calendar basis{derived_note}"
        for side, reporter in (("pak", "pakistan"), ("partner", "partner"))
    }
    traces: list[dict] = []
    for code in state.countries:
        own = view.data[view.data[PARTNER] == code]
        if own.empty:
            continue
        grid = own.set_index(YEAR).reindex(years).reset_index()
        derived = bool(own["partner_derived"].any())
        name = palette.names[code]
        partner_name = strings.MIRROR_PARTNER_LINE.format(name=name) + (
            strings.MIRROR_DERIVED if derived else ""
        )
        for side, label, reporter in (
            ("pak", strings.MIRROR_PAKISTAN_LINE.format(name=name), "pakistan"),
            ("partner", partner_name, "partner"),
        ):
            style = SERIES_STYLE[("calendar", reporter)]  # reporter by dash and marker too
            how = hows[side]
            traces.append(
                trace(
                    "scatter",
                    x=grid[YEAR],
                    y=grid[f"{VALUE}_{side}"] / state.divisor,
                    name=label,
                    legendgroup=code,
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": palette.colours[code], "dash": style["dash"], "width": 2},
                    marker={"size": 6, "symbol": style["symbol"]},
                    customdata=[
                        [palette.source_text(s) if isinstance(s, str) else ""]
                        for s in grid[f"{SOURCES}_{side}"]
                    ],
                    hovertemplate=f"<b>{label}</b><br>%{{x}}: <b>%{{y:{fmt}}}</b> "
                    f"{state.unit_label}<br>{how}<br>"
                    "Source: %{customdata[0]}<extra></extra>",
                    xaxis="x",
                    yaxis="y",
                )
            )
        traces.append(
            trace(
                "scatter",
                x=grid[YEAR],
                y=grid["ratio"],
                name=strings.MIRROR_RATIO_LINE.format(name=name),
                legendgroup=code,
                showlegend=False,
                mode="lines+markers",
                connectgaps=False,
                line={
                    "color": palette.colours[code],
                    "width": 1.5,
                    "dash": "dot" if derived else "solid",
                },
                marker={"size": 5},
                customdata=[
                    [float(a), float(b)]
                    for a, b in zip(
                        (grid[f"{VALUE}_pak"] / state.divisor).round(3),
                        (grid[f"{VALUE}_partner"] / state.divisor).round(3),
                        strict=True,
                    )
                ],
                hovertemplate=f"<b>{name}</b> %{{x}}<br>partner ÷ Pakistan = "
                "<b>%{y:.2f}</b><br>"
                f"Pakistan-reported %{{customdata[0]:{fmt}}} · partner-reported "
                f"%{{customdata[1]:{fmt}}} {state.unit_label}"
                + ("<br><i>partner series derived from Pakistan's data</i>" if derived else "")
                + "<extra></extra>",
                xaxis="x2",
                yaxis="y2",
            )
        )
    # The grid make_subplots drew (two rows, shared x), made once, and the layout edited as a
    # dict: make_subplots and plotly's validated layout updates were most of the build time.
    layout = subplot_layout(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.6, 0.4],
        vertical_spacing=0.08,
        titles=[strings.MIRROR_TOP_TITLE, strings.MIRROR_RATIO_TITLE],
    )
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "x2 domain",
            "yref": "y2",
            "x0": 0,
            "x1": 1,
            "y0": 1,
            "y1": 1,
            "line": {"color": TOTAL_COLOUR, "width": 1, "dash": "dash"},
        }
    ]
    build.base_layout(layout, y_title="", height=620)
    flow_title = f"{wrap(FLOW_LABEL[turnover_flow(state)], 22)}<br>({state.unit_label})"
    build.update_axes(layout, "y", {"title": {"text": flow_title}}, anchor="x")
    ratios = [v for t in traces if t["yaxis"] == "y2" for v in t["y"]]
    build.update_axes(
        layout, "y", {"title": {"text": strings.AXIS_RATIO}, **log_ticks(ratios)}, anchor="x2"
    )
    if state.scale == "log":
        top = [v for t in traces if t["yaxis"] == "y" for v in t["y"]]
        build.update_axes(layout, "y", log_ticks(top), anchor="x")
    build.update_axes(layout, "x", year_axis_props(cal), anchor="y2")
    build.update_axes(layout, "x", {"range": [cal.years[0] - 0.6, cal.years[1] + 0.6]})
    for annotation in layout["annotations"]:
        build.merge(annotation, {"font": {"size": 12}, "xanchor": "left", "x": 0})
    fig = build.figure_of(traces, layout)
    return fig

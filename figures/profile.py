"""The profile's summary chart: a country's turnover with Pakistan in every series it has."""

from __future__ import annotations

import plotly.graph_objects as go

from components import strings
from data.profile import SERIES, SERIES_LABEL, Profile
from data.queries import SOURCES
from data.schema import BASIS, REPORTER, VALUE, YEAR
from data.state import period_label
from figures import build
from figures.build import trace
from figures.theme import MUTED, SERIES_STYLE, empty_figure

# Pakistan's fiscal year ends in June: its midpoint sits half a year before the calendar year's.
FISCAL_OFFSET = -0.5


def profile_figure(
    profile: Profile, colour: str, sources: dict[str, str], *, height: int = 300
) -> go.Figure:
    """Turnover (exports + imports, US$ million) per series; missing years stay gaps."""
    spark = profile.spark
    if spark.empty:
        return empty_figure(strings.PROFILE_NO_FIGURES.format(name=profile.name), height=height)
    traces: list[dict] = []
    for basis, reporter in SERIES:
        rows = spark[(spark[BASIS] == basis) & (spark[REPORTER] == reporter)].sort_values(YEAR)
        if rows.empty:
            continue
        years = list(range(int(rows[YEAR].min()), int(rows[YEAR].max()) + 1))
        by_year = rows.set_index(YEAR)
        offset = FISCAL_OFFSET if basis == "fiscal" else 0.0
        millions = (by_year[VALUE] / 1e6).to_dict()
        values = [millions.get(y) for y in years]
        custom = [
            [
                period_label(y, basis),
                " + ".join(
                    dict.fromkeys(
                        sources.get(s, s) for s in str(by_year.loc[y, SOURCES]).split(";")
                    )
                )
                if y in by_year.index
                else "",
            ]
            for y in years
        ]
        style = SERIES_STYLE[(basis, reporter)]
        traces.append(
            trace(
                "scatter",
                x=[y + offset for y in years],
                y=values,
                customdata=custom,
                name=SERIES_LABEL[(basis, reporter)],
                mode="lines+markers",
                connectgaps=False,
                line={
                    "color": MUTED if basis == "fiscal" else colour,
                    "dash": style["dash"],
                    "width": 2,
                },
                marker={"symbol": style["symbol"], "size": 5},
                hovertemplate=(
                    "<b>%{fullData.name}</b><br>%{customdata[0]}: <b>US$%{y:,.2f} M</b> "
                    "turnover<br>Source: %{customdata[1]}<extra></extra>"
                ),
            )
        )
    # A plain layout, as the other charts (figures/build.py).
    layout: dict = {}
    build.base_layout(layout, y_title=strings.AXIS_PROFILE, height=height)
    build.merge(
        layout,
        {
            # Room at the right for the last year's tick label (it was cut in a 420 px panel).
            "margin": {"l": 60, "r": 28, "t": 64, "b": 30},
            "legend": {"font": {"size": 10}},  # the template's: above the plot, moved for images
            "showlegend": True,
        },
    )
    xs = [x for t in traces for x in t["x"]]
    # A little room past the first and last year, so the end ticks' labels are never clipped.
    # Tick spacing left to plotly (5 or 10 years by the width): fixed 5-year ticks crowded a
    # 420 px panel.
    build.update_axes(layout, "x", {"tickformat": "d", "range": [min(xs) - 0.8, max(xs) + 0.8]})
    build.update_axes(layout, "y", {"rangemode": "tozero"})
    return build.figure_of(traces, layout)


def panel_figure(fig: go.Figure, *, y_max: float | None = None) -> go.Figure:
    """A copy of a profile chart laid out for the panel: the legend under the plot.

    On screen the modebar sits over the top-right corner, where it covered the legend; under
    the plot the legend wraps in a narrow (420 px) panel. `y_max` (US$ million) fixes the y-axis
    to 0..y_max, as in a side-by-side comparison. Images keep the legend on top (export layout).
    """
    out = go.Figure(fig)
    out.update_layout(
        # The top margin keeps the modebar off the plot (it hid a 2025 point at the top).
        margin={"l": 60, "r": 28, "t": 36, "b": 30},
        legend={
            "orientation": "h",
            "yref": "paper",
            "yanchor": "top",
            "y": -0.1,
            "x": 0,
            "xanchor": "left",
        },
        height=(fig.layout.height or 300) + 20,
    )
    if y_max is not None:
        out.update_yaxes(range=[0, y_max * 1.05], autorange=False)
    return out


def shared_y_max(profiles: list[Profile]) -> float | None:
    """The largest turnover (US$ million) of several profiles: one y-axis for a comparison."""
    values = [float(p.spark[VALUE].max()) / 1e6 for p in profiles if not p.spark.empty]
    return max(values) if values else None

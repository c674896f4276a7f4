"""The profile's summary chart: a country's turnover with Pakistan in every series it has."""

from __future__ import annotations

import plotly.graph_objects as go

from data.profile import SERIES, SERIES_LABEL, Profile
from data.queries import SOURCES
from data.schema import BASIS, REPORTER, VALUE, YEAR
from data.state import period_label
from figures.theme import MUTED, base_layout, empty_figure

# Pakistan's fiscal year ends in June: its midpoint sits half a year before the calendar year's.
FISCAL_OFFSET = -0.5
SERIES_STYLE = {
    ("calendar", "pakistan"): {"dash": "solid", "symbol": "circle"},
    ("calendar", "partner"): {"dash": "dot", "symbol": "diamond-open"},
    ("fiscal", "pakistan"): {"dash": "solid", "symbol": "square"},
}


def profile_figure(
    profile: Profile, colour: str, sources: dict[str, str], *, height: int = 300
) -> go.Figure:
    """Turnover (exports + imports, US$ million) per series; missing years stay gaps."""
    spark = profile.spark
    if spark.empty:
        return empty_figure(f"No trade figures for {profile.name} in this data.", height=height)
    fig = go.Figure()
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
        fig.add_trace(
            go.Scatter(
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
    base_layout(fig, y_title="Turnover, US$ million", height=height)
    fig.update_layout(
        margin={"l": 60, "r": 10, "t": 64, "b": 30},
        legend={"font": {"size": 10}},  # the template's: above the plot, moved for images
        showlegend=True,
    )
    fig.update_xaxes(title_text=None, dtick=5)
    return fig

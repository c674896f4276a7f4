"""A plain tutorial-style Dash app, the yardstick of the browser benchmark (bench/browser.py).

Written the way Dash's tutorials write it: three `plotly.express` charts on gapminder (which
plotly ships), a year slider, a country dropdown and a measure radio (the analogue of the
dashboard's flow), one callback per chart, Dash's defaults (no compression, the full plotly.js).
"""

from __future__ import annotations

import argparse

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

MEASURES = {"lifeExp": "Life expectancy", "gdpPercap": "GDP per capita", "pop": "Population"}
DEFAULT_COUNTRIES = ["Pakistan", "Kazakhstan", "Afghanistan", "India", "China", "Iran"]


def create_reference_app() -> Dash:
    """The reference app on plotly's gapminder data."""
    df: pd.DataFrame = px.data.gapminder()
    years = sorted(df["year"].unique())
    app = Dash(__name__, title="Reference: gapminder")
    app.layout = html.Div(
        [
            html.H1("Gapminder explorer"),
            dcc.Slider(
                id="year",
                min=years[0],
                max=years[-1],
                step=5,  # gapminder's years: 1952, 1957, ... 2007
                value=years[0],
                marks={int(y): str(y) for y in years},
            ),
            dcc.Dropdown(
                id="countries",
                options=sorted(df["country"].unique()),
                value=DEFAULT_COUNTRIES,
                multi=True,
            ),
            dcc.RadioItems(
                id="measure",
                options=[{"label": v, "value": k} for k, v in MEASURES.items()],
                value="lifeExp",
                inline=True,
            ),
            dcc.Graph(id="scatter"),
            dcc.Graph(id="line"),
            dcc.Graph(id="bar"),
        ]
    )

    @app.callback(Output("scatter", "figure"), Input("year", "value"), Input("measure", "value"))
    def scatter(year: int, measure: str) -> object:
        data = df[df["year"] == year]
        return px.scatter(
            data,
            x="gdpPercap",
            y=measure,
            size="pop",
            color="continent",
            hover_name="country",
            log_x=True,
            size_max=55,
            title=f"{MEASURES[measure]} against GDP per capita, {year}",
        )

    @app.callback(
        Output("line", "figure"),
        Input("countries", "value"),
        Input("measure", "value"),
        Input("year", "value"),
    )
    def line(countries: list[str], measure: str, year: int) -> object:
        data = df[df["country"].isin(countries or []) & (df["year"] <= year)]
        return px.line(data, x="year", y=measure, color="country", markers=True)

    @app.callback(Output("bar", "figure"), Input("year", "value"), Input("measure", "value"))
    def bar(year: int, measure: str) -> object:
        data = df[df["year"] == year].groupby("continent", as_index=False)[measure].mean()
        return px.bar(data, x="continent", y=measure, title=f"Mean by continent, {year}")

    return app


def main(argv: list[str] | None = None) -> int:
    """Serve the reference app (Flask's threaded server, as `app.run` does)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8069)
    args = parser.parse_args(argv)
    create_reference_app().run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

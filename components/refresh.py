"""The data's vintage line and its year-to-date table, shown in the Sources section."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import ids, strings
from data.loading import Tables
from data.vintage import data_vintage, year_to_date

REPORTED_BY = {"pakistan": strings.REPORTED_BY_PAKISTAN, "partner": strings.REPORTED_BY_PARTNER}


def refresh_notes(tables: Tables) -> list:
    """Vintage paragraph, plus the year-to-date figures when the IMTS refresh has some."""
    out: list = [
        html.P([strings.DATA_VINTAGE, html.Strong(data_vintage(tables))], id=ids.SOURCES_VINTAGE)
    ]
    ytd = year_to_date(tables)
    if ytd.empty:
        return out
    names = dict(zip(tables.countries["iso3"], tables.countries["short_name"], strict=True))
    wide = ytd.pivot_table(
        index=["basis", "year", "partner_iso3", "period", "reporter"],
        columns="measure",
        values="value_usd",
        aggfunc="first",
    ).reset_index()

    def musd(value: object) -> str:
        number = float(str(value))
        return "—" if number != number else f"{number / 1e6:,.2f}"  # NaN: not reported

    rows = [
        html.Tr(
            [
                html.Td(names.get(str(code), str(code))),
                html.Td(strings.YTD_PERIOD.format(period=period)),
                html.Td(REPORTED_BY.get(str(who), str(who))),
                html.Td(musd(exports), className="text-end"),
                html.Td(musd(imports), className="text-end"),
            ]
        )
        for code, period, who, exports, imports in zip(
            wide["partner_iso3"],
            wide["period"],
            wide["reporter"],
            wide.get("export", pd.Series(float("nan"), index=wide.index)),
            wide.get("import", pd.Series(float("nan"), index=wide.index)),
            strict=True,
        )
    ]
    head = html.Thead(
        html.Tr(
            [
                html.Th(h, className="text-end" if i >= 3 else None)  # the figures' columns
                for i, h in enumerate(
                    (
                        strings.YTD_COL_COUNTRY,
                        strings.YTD_COL_PERIOD,
                        strings.YTD_COL_RECORDS,
                        strings.YTD_COL_EXPORTS,
                        strings.YTD_COL_IMPORTS,
                    )
                )
            ]
        )
    )
    return [
        *out,
        html.H3(strings.YTD_HEADING, className="h6"),
        html.P(
            strings.YTD_NOTE,
            className="small text-muted mb-1",
        ),
        dbc.Table(
            [head, html.Tbody(rows)],
            size="sm",
            striped=True,
            className="small mb-3",
            id=ids.SOURCES_YEAR_TO_DATE,
        ),
    ]

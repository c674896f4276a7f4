"""GET /download/data.<csv|xlsx>?<view state>: the figures behind the view, one row per figure."""

from __future__ import annotations

import io

import pandas as pd
from flask import Flask, Response, request

from charts.registry import CHARTS, figures_behind_view
from data.context import context_download_rows
from data.coverage import trade_coverage
from data.downloads import wide_heading, wide_view
from data.loading import Tables
from data.schema import SOURCE_ID
from data.state import ViewState, file_stem, to_query
from export.params import parse_download_query

DATA_FORMATS = {
    "csv": "text/csv",  # Flask adds '; charset=utf-8' to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def plain(message: str, status: int) -> Response:
    """A plain-text error answer (never a traceback)."""
    return Response(message + "\n", status=status, mimetype="text/plain")


def permalink_for(state: ViewState) -> str:
    """The dashboard URL of a view on this host."""
    query = to_query(state)
    return request.host_url.rstrip("/") + "/" + (f"?{query}" if query else "")


def xlsx_bytes(rows: pd.DataFrame, tables: Tables, state: ViewState, permalink: str) -> bytes:
    """Workbook: the figures (long), the view by country × year, the sources, the view."""
    buffer = io.BytesIO()
    used = {s for ids in rows[SOURCE_ID] for s in str(ids).split(";")}
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        rows.to_excel(writer, sheet_name="figures", index=False)
        # The view as a reader tabulates it: country × year in the view's unit, the heading
        # above the table naming flow, unit, reporter and basis (the long sheet is in US$).
        wide_view(tables, state).to_excel(writer, sheet_name="by year", index=False, startrow=2)
        writer.sheets["by year"]["A1"] = wide_heading(state)
        writer.sheets["by year"]["A2"] = "Blank: no figure for that year. Sources: 'sources' sheet."
        tables.sources[tables.sources[SOURCE_ID].isin(used)].to_excel(
            writer, sheet_name="sources", index=False
        )
        pd.DataFrame(
            {
                "item": ["view", "permalink", "note"],
                "value": [
                    to_query(state) or "(default view)",
                    permalink,
                    "Values in US$ (current). Rows with derived=True are computed from the export "
                    "and import figures of the same partner, year, basis and reporter.",
                ],
            }
        ).to_excel(writer, sheet_name="about", index=False)
    return buffer.getvalue()


def view_rows(tables: Tables, state: ViewState, chart: str | None) -> pd.DataFrame:
    """The download rows of one chart or the whole view (context rows add `reporter_iso3`)."""
    if chart is not None:
        return figures_behind_view(tables, state, chart)
    rows = figures_behind_view(tables, state)
    # Whose records each trade figure is: Pakistan's, the partner's, or a third party's ("").
    who = rows["reporter"].map({"pakistan": "PAK"}).fillna(rows["partner_iso3"])
    rows = rows.assign(reporter_iso3=who.where(rows["reporter"] != "other", ""))
    return pd.concat([rows, context_download_rows(tables, state, None)], ignore_index=True)


def register_routes(server: Flask, tables: Tables) -> None:
    """Attach the data download endpoint to the Flask server."""
    coverage = trade_coverage(tables)  # years default as on the page

    @server.get("/download/")
    @server.get("/download/<path:anything>")
    def download_unknown(anything: str = "") -> Response:
        """Anything under /download/ no route serves is a plain 404, not the dashboard page."""
        return plain(
            f"Nothing to download at /download/{anything}: use /download/data.<csv|xlsx>, "
            "/download/<chart>.<png|svg|pdf> or /download/brief.pdf?country=<ISO-3>.",
            404,
        )

    @server.get("/download/data.<fmt>")
    def download_data(fmt: str) -> Response:
        if fmt not in DATA_FORMATS:
            return plain(f"Unknown data format '{fmt}': use csv or xlsx.", 404)
        chart = request.args.get("chart")
        query = request.query_string.decode("utf-8", "replace")
        state, error = parse_download_query(query, coverage)
        if error or state is None:
            return plain(error or "Invalid parameters.", 400)
        if chart is not None and chart not in CHARTS:
            return plain(f"Unknown chart '{chart}': use one of {', '.join(CHARTS)}.", 400)
        if chart == "profile" and state.country is None:
            return plain("The profile's data needs a country: add country=<ISO-3 code>.", 400)
        rows = view_rows(tables, state, chart)
        stem = file_stem(state, chart)
        permalink = permalink_for(state)
        if fmt == "csv":
            body = rows.to_csv(index=False, lineterminator="\n").encode("utf-8")
        else:
            body = xlsx_bytes(rows, tables, state, permalink)
        response = Response(body, mimetype=DATA_FORMATS[fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
        return response

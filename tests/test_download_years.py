"""Downloads, images and the brief default their years as the page does (data/coverage.py)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from flask.testing import FlaskClient

from app import create_app
from data.coverage import trade_coverage
from data.loading import Tables
from data.state import parse_query
from export.params import parse_download_query, parse_image_query


@pytest.fixture(scope="module")
def client(tables: Tables) -> FlaskClient:
    return create_app(tables).server.test_client()


QUERIES = ["reporter=partner", "basis=fiscal", "", "flow=export&reporter=partner&countries=KAZ"]


@pytest.mark.parametrize("query", QUERIES)
def test_a_permalink_without_years_downloads_what_the_page_shows(
    tables: Tables, query: str
) -> None:
    coverage = trade_coverage(tables)
    page, notices = parse_query(query, coverage=coverage)
    assert notices == []
    download, error = parse_download_query(query, coverage)
    assert error is None and download is not None
    assert download.years == page.years
    assert parse_image_query(query, coverage).state.years == page.years
    # The newest figures of the series, not the calendar Pakistan-reported 2000–2020.
    assert page.years == coverage.default_years(page.basis, page.reporter)


def test_partner_reported_csv_runs_to_the_partners_last_year(
    client: FlaskClient, tables: Tables
) -> None:
    last = trade_coverage(tables).default_years("calendar", "partner")[1]
    assert last > 2020  # the case the page fixed: partners report beyond 2020
    response = client.get("/download/data.csv?reporter=partner")
    assert response.status_code == 200, response.data[:300]
    rows = pd.read_csv(io.BytesIO(response.data))
    assert rows["year"].max() == last and rows["year"].min() >= 2000
    # Years given stay as given.
    given = pd.read_csv(io.BytesIO(client.get("/download/data.csv?years=2005-2010").data))
    assert (given["year"].min(), given["year"].max()) == (2005, 2010)


@pytest.mark.parametrize(
    "path",
    [
        "/download/data.csv?basis=fiscal&reporter=partner",
        "/download/trend.png?basis=fiscal&reporter=partner",
        "/download/brief.pdf?country=KAZ&basis=fiscal&reporter=partner",
    ],
)
def test_a_series_without_figures_is_refused_with_the_reason(
    client: FlaskClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400
    text = response.data.decode()
    assert "partners publish calendar-year figures only" in text
    assert "basis=fiscal&reporter=pakistan" in text  # what to ask for instead

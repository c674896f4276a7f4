"""dash_duo journeys in headless Chromium: few and focused, each ending with an empty console."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from app import create_app
from data.loading import Tables

pytestmark = pytest.mark.browser


def _trace_names(dash_duo, graph_id: str) -> list[str]:
    return dash_duo.driver.execute_script(
        f"const g = document.querySelector('#{graph_id} .js-plotly-plot');"
        "return g && g.data ? g.data.map(t => t.name) : [];"
    )


def test_trend001_select_countries_updates_chart_and_url(dash_duo, tables: Tables) -> None:
    dash_duo.start_server(create_app(tables))
    dash_duo.wait_for_element("#trend-graph .js-plotly-plot", timeout=20)
    dash_duo.wait_for_text_to_equal("#trend-graph .legendtext", "Azerbaijan", timeout=20)
    # The SBP-five quick group drops Azerbaijan.
    buttons = dash_duo.driver.find_elements(By.TAG_NAME, "button")
    next(b for b in buttons if "SBP" in b.text).click()
    dash_duo.wait_for_contains_text("#trend-caption", "IMF DOTS", timeout=10)
    until(lambda: "Azerbaijan" not in _trace_names(dash_duo, "trend-graph"), timeout=10)
    names = _trace_names(dash_duo, "trend-graph")
    assert "Kazakhstan" in names and "Selected CARs total" in names
    assert "countries=KAZ,KGZ,TJK,TKM,UZB" in dash_duo.driver.current_url
    # The card's Download menu gives a file of the view: SVG, named from the filters, titled.
    link = '#trend-card a[href^="/download/trend.svg"]'
    until(
        lambda: "countries=KAZ" in (dash_duo.find_element(link).get_attribute("href") or ""),
        timeout=10,
    )
    dash_duo.find_element("#trend-card .download-menu .dropdown-toggle").click()
    dash_duo.wait_for_element(link, timeout=5).click()
    folder = Path(dash_duo.download_path)
    until(lambda: list(folder.glob("*.svg")), timeout=60)
    (saved,) = folder.glob("*.svg")
    assert saved.name.startswith("pak-car_trend_KAZ-KGZ-TJK-TKM-UZB_"), saved.name
    until(lambda: saved.read_text(encoding="utf-8").rstrip().endswith("</svg>"), timeout=10)
    svg = saved.read_text(encoding="utf-8")
    assert "Kazakhstan" in svg and "IMF" in svg and "Azerbaijan" not in svg
    assert dash_duo.get_logs() == []


def test_url001_permalink_restores_filters_and_flags_bad_values(dash_duo, tables: Tables) -> None:
    dash_duo.start_server(create_app(tables))
    dash_duo.driver.get(
        dash_duo.server_url + "/?countries=KAZ,UZB&years=2005-2020&flow=export&basis=calendar"
        "&unit=thousand&bogus=1"
    )
    dash_duo.wait_for_element("#trend-graph .js-plotly-plot", timeout=20)
    until(
        lambda: _trace_names(dash_duo, "trend-graph")[:2] == ["Kazakhstan", "Uzbekistan"],
        timeout=20,
    )
    checked = dash_duo.driver.find_element(By.CSS_SELECTOR, "#filters-flow input:checked")
    assert checked.get_attribute("value") == "export"
    dash_duo.wait_for_contains_text("#app-notices", "bogus", timeout=10)
    assert "US$ thousand" in dash_duo.find_element("#trend-graph").text
    # A card's graph has no modebar (its images are in the Download menu); the map's camera
    # saves under a name built from the restored filters.
    stem = "pak-car_map_KAZ-UZB_2005-2020_export"
    assert dash_duo.driver.execute_script(
        "return document.querySelector('#trend-graph .modebar') === null"
    )
    # The map is in its own view: opened, it is drawn for the same filters.
    tabs = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#app-view-tabs label")
    next(t for t in tabs if t.text == "Map").click()
    until(lambda: _image_filename(dash_duo, "map-graph") == stem, timeout=10)
    assert dash_duo.get_logs() == []


def _image_filename(dash_duo, graph_id: str) -> str | None:
    """The file name plotly's own 'Download plot as a png' button will use."""
    return dash_duo.driver.execute_script(
        f"const g = document.querySelector('#{graph_id} .js-plotly-plot');"
        "return g && g._context ? g._context.toImageButtonOptions.filename : null;"
    )

"""dash_duo journeys in headless Chromium: few and focused, each ending with an empty console."""

from __future__ import annotations

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


# Fetches a link's href from the page (same origin, the browser's own request) and reports what
# came back: status, content type, first bytes and size.
_FETCH_LINK = """
const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
const link = document.querySelector(selector);
fetch(link.href).then(async (r) => {
  const bytes = new Uint8Array(await r.arrayBuffer());
  done({status: r.status, type: r.headers.get('content-type'),
        disposition: r.headers.get('content-disposition'),
        head: Array.from(bytes.slice(0, 8)), size: bytes.length, href: link.href});
}).catch((e) => done({error: String(e)}));
"""
_PNG_MAGIC = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]


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
    # The card's PNG download follows the view: its link carries the state and returns a PNG.
    link = '#trend-card a[href^="/download/trend.png"]'
    until(
        lambda: "countries=KAZ" in (dash_duo.find_element(link).get_attribute("href") or ""),
        timeout=10,
    )
    dash_duo.driver.set_script_timeout(60)
    got = dash_duo.driver.execute_async_script(_FETCH_LINK, link)
    assert got.get("status") == 200, got
    assert got["type"] == "image/png" and got["head"] == _PNG_MAGIC, got
    assert got["size"] > 10_000 and "KAZ" in got["disposition"], got
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
    assert dash_duo.get_logs() == []

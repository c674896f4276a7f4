"""dash_duo journey: a permalink opens the context charts and the profile's 'Pakistan's place'."""

from __future__ import annotations

import pytest
from browser_helpers import show_chart
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from app import create_app
from data.loading import Tables

pytestmark = pytest.mark.browser


def _trace(dash_duo, graph_id: str, i: int, key: str) -> list:
    return dash_duo.driver.execute_script(
        f"const g = document.querySelector('#{graph_id} .js-plotly-plot');"
        f"return g && g.data && g.data[{i}] ? Array.from(g.data[{i}].{key}) : [];"
    )


def test_context001_permalink_draws_pakistans_place(dash_duo, tables: Tables) -> None:
    dash_duo.start_server(create_app(tables))
    # An old permalink with a country opens the Countries view; its charts are on the Overview.
    dash_duo.driver.get(dash_duo.server_url + "/?countries=KAZ,UZB&country=UZB&flow=export")
    dash_duo.wait_for_contains_text(
        "#profile-place-UZB", "Pakistan's rank among Uzbekistan's partners", timeout=20
    )
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#app-view-tabs label").click()
    # The Overview opens at its top (a clientside scroll) with the top chart drawn; the partners
    # chart is drawn once scrolled near the viewport (assets/lazy.js).
    until(
        lambda: dash_duo.driver.execute_script(
            "const g = document.querySelector('#trend-graph .js-plotly-plot');"
            "return Boolean(g && g.data && g.data.length);"
        ),
        timeout=30,
    )
    show_chart(dash_duo, "partners")
    dash_duo.wait_for_element("#partners-graph .js-plotly-plot", timeout=30)
    # Uzbekistan's partners, Pakistan among them; the caption says whose flow it is.
    until(lambda: "<b>Pakistan</b> " in _trace(dash_duo, "partners-graph", 0, "y"), timeout=20)
    dash_duo.wait_for_contains_text("#partners-caption", "Uzbekistan's imports", timeout=10)
    dash_duo.wait_for_contains_text("#carshare-caption", "Pakistan's world exports", timeout=10)
    dash_duo.wait_for_contains_text("#transit-caption", "cannot prove", timeout=10)
    assert "view=overview" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []

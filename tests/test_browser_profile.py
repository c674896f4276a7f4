"""dash_duo journey: a compare view's profile panels, their shared axis and their Download menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash.testing.wait import until

from app import create_app
from data.loading import Tables

pytestmark = pytest.mark.browser


def _y_range(dash_duo, iso3: str) -> list[float] | None:
    return dash_duo.driver.execute_script(
        # Compare view: the charts sit side by side in the aligned "Turnover by source" section.
        f"const g = document.querySelector('.profile-chart[id*=\"{iso3}\"] .js-plotly-plot');"
        "return g && g._fullLayout ? g._fullLayout.yaxis.range : null;"
    )


def test_profile001_compare_shares_an_axis_and_downloads_the_brief(
    dash_duo, tables: Tables
) -> None:
    dash_duo.start_server(create_app(tables))
    dash_duo.driver.get(dash_duo.server_url + "/?country=KAZ&compare=UZB")
    dash_duo.wait_for_contains_text("#profile-UZB h3", "Pakistan – Uzbekistan", timeout=20)
    dash_duo.wait_for_contains_text("#profile-body", "share one y-axis", timeout=10)
    # The sections open on demand: open the charts' section (both countries' charts at once).
    opener = dash_duo.find_element(".profile-compare .accordion-button")
    assert opener.text == "Turnover by source (chart)"
    dash_duo.driver.execute_script("arguments[0].click();", opener)
    until(lambda: _y_range(dash_duo, "KAZ") and _y_range(dash_duo, "UZB"), timeout=20)
    assert _y_range(dash_duo, "KAZ") == _y_range(dash_duo, "UZB")
    # Each panel's Download menu is for its own country: the brief first, then chart and data.
    # A script click: selenium's hit test reports the toggle as covered this far down the page;
    # the script click still opens the real menu and follows its real link.
    click = "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();"
    toggle = dash_duo.find_element("#profile-KAZ .download-menu .dropdown-toggle")
    dash_duo.driver.execute_script(click, toggle)
    link = '#profile-KAZ a[href="/download/brief.pdf?country=KAZ"]'
    dash_duo.wait_for_element(link, timeout=5)
    assert dash_duo.find_element(
        '#profile-KAZ a[href="/download/data.xlsx?chart=profile&country=KAZ"]'
    )
    until(lambda: dash_duo.find_element(link).is_displayed(), timeout=5)
    dash_duo.driver.execute_script(click, dash_duo.find_element(link))
    folder = Path(dash_duo.download_path)
    until(lambda: list(folder.glob("*.pdf")), timeout=90)
    (saved,) = folder.glob("*.pdf")
    assert saved.name.startswith("pak-car_brief_KAZ"), saved.name
    until(lambda: saved.read_bytes().rstrip().endswith(b"%%EOF"), timeout=30)
    assert dash_duo.get_logs() == []

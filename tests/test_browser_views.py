"""dash_duo journeys through the views (tabs): permalinks, the map click, the sticky filters."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from browser_helpers import click_map_country, wait_for_callbacks
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from app import create_app
from components import ids
from data.loading import Tables

pytestmark = pytest.mark.browser

# Where an element is relative to the viewport: [top, bottom, viewport height].
_RECT = """
const e = document.querySelector(arguments[0]);
if (!e) { return null; }
const r = e.getBoundingClientRect();
return [r.top, r.bottom, window.innerHeight];
"""


def _in_viewport(dash_duo: Any, selector: str) -> bool:
    rect = dash_duo.driver.execute_script(_RECT, selector)
    return bool(rect) and rect[0] >= 0 and rect[1] <= rect[2] and rect[1] > rect[0]


def _open(dash_duo: Any, query: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + "/" + query)


def _active_tab(dash_duo: Any) -> str:
    return dash_duo.find_element(f"#{ids.VIEW_TABS} label.active").text


def _tab(dash_duo: Any, label: str) -> Any:
    tabs = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{ids.VIEW_TABS} label")
    return next(t for t in tabs if t.text == label)


def test_views001_a_country_permalink_opens_its_profile_in_view(dash_duo, tables: Tables) -> None:
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(tables))
    for query, shown in (("?country=KAZ", ["KAZ"]), ("?country=UZB&compare=TJK", ["UZB", "TJK"])):
        _open(dash_duo, query)
        for iso3 in shown:
            dash_duo.wait_for_element(f"#profile-{iso3} h3", timeout=20)
            # The heading is in the first viewport: nothing to scroll past.
            assert _in_viewport(dash_duo, f"#profile-{iso3} h3"), query
        assert _active_tab(dash_duo) == "Countries"
        # The hidden Overview drew nothing: its charts still hold the placeholder.
        assert (
            dash_duo.driver.execute_script(
                "const g = document.querySelector('#trend-graph .js-plotly-plot');"
                "return g && g.data ? g.data.length : 0;"
            )
            == 0
        )
        wait_for_callbacks(dash_duo)
    # On a phone too, under the navbar and the view switch (a compared country's panel follows
    # the first one's summary there: its heading is a scroll away).
    dash_duo.driver.set_window_size(390, 844)
    for query, iso3 in (("?country=KAZ", "KAZ"), ("?country=UZB&compare=TJK", "UZB")):
        _open(dash_duo, query)
        dash_duo.wait_for_element(f"#profile-{iso3} h3", timeout=20)
        assert _in_viewport(dash_duo, f"#profile-{iso3} h3"), query
        wait_for_callbacks(dash_duo)
    assert dash_duo.get_logs() == []


def test_views002_a_map_click_opens_the_profile_in_view(dash_duo, tables: Tables) -> None:
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(tables))
    _open(dash_duo, "?view=map")
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot", timeout=20)
    click_map_country(dash_duo, "UZB")
    dash_duo.wait_for_contains_text("#profile-UZB h3", "Pakistan – Uzbekistan", timeout=20)
    until(lambda: _in_viewport(dash_duo, "#profile-UZB h3"), timeout=5)
    assert _active_tab(dash_duo) == "Countries"
    assert "country=UZB" in dash_duo.driver.current_url
    assert "view=" not in dash_duo.driver.current_url  # a country opens Countries by itself
    wait_for_callbacks(dash_duo)
    assert dash_duo.get_logs() == []


def test_views003_the_year_slider_stays_in_reach(dash_duo, tables: Tables) -> None:
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(tables))
    dash_duo.wait_for_element("#trend-graph .js-plotly-plot", timeout=20)
    wait_for_callbacks(dash_duo)
    for view in ("Overview", "Map"):
        _tab(dash_duo, view).click()
        until(lambda view=view: _active_tab(dash_duo) == view, timeout=5)
        wait_for_callbacks(dash_duo)
        dash_duo.driver.execute_script("window.scrollTo({top: 2600, behavior: 'instant'})")
        # The filter card sticks: after scrolling (as far as the view goes) the slider is there.
        until(lambda: _in_viewport(dash_duo, f"#{ids.YEARS}"), timeout=5)
        rect = dash_duo.driver.execute_script(_RECT, ".filter-card")
        assert rect[0] < rect[2] and rect[1] > 0, (view, rect)
        if view == "Overview":
            assert dash_duo.driver.execute_script("return window.scrollY") >= 2600
        dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    # The filters that do not apply to the map are not offered there.
    assert not dash_duo.find_element(f"#{ids.EVENTS}").is_displayed()
    assert dash_duo.find_element(f"#{ids.FLOW}").is_displayed()
    _tab(dash_duo, "Sources & method").click()
    dash_duo.wait_for_element(f"#{ids.SOURCES_TABLE}", timeout=5)
    until(lambda: not dash_duo.find_element(f"#{ids.YEARS}").is_displayed(), timeout=5)
    assert "view=sources" in dash_duo.driver.current_url
    wait_for_callbacks(dash_duo)
    assert dash_duo.get_logs() == []


def _checked(dash_duo: Any, widget: str) -> str | None:
    found = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{widget} input:checked")
    return found[0].get_attribute("value") if found else None


def _filters(dash_duo: Any) -> dict[str, Any]:
    """What the filter widgets show."""
    driver = dash_duo.driver
    handles = driver.find_elements(By.CSS_SELECTOR, f"#{ids.YEARS} [role='slider']")
    return {
        "years": [int(h.get_attribute("aria-valuenow")) for h in handles],
        "flow": _checked(dash_duo, ids.FLOW),
        "basis": _checked(dash_duo, ids.BASIS),
        "reporter": _checked(dash_duo, ids.REPORTER),
        "scale": _checked(dash_duo, ids.SCALE),
        "unit": driver.find_element(By.ID, ids.UNIT).get_attribute("value"),
        "events": driver.find_element(By.CSS_SELECTOR, f"#{ids.EVENTS}").is_selected(),
    }


# Every permalink form the page wrote before the views (no `view=`): what it must restore.
OLD_PERMALINKS: list[tuple[str, dict[str, Any], str]] = [
    ("?countries=KAZ,UZB", {"years": [2000, 2020]}, "Overview"),
    ("?years=2005-2015", {"years": [2005, 2015]}, "Overview"),
    ("?flow=export", {"flow": "export"}, "Overview"),
    ("?basis=fiscal&years=2016-2024", {"basis": "fiscal", "years": [2016, 2024]}, "Overview"),
    ("?reporter=partner&years=2001-2019", {"reporter": "partner"}, "Overview"),
    ("?unit=thousand", {"unit": "thousand"}, "Overview"),
    ("?scale=log", {"scale": "log"}, "Overview"),
    ("?events=1", {"events": True}, "Overview"),
    ("?country=TKM", {"flow": "turnover"}, "Countries"),
    ("?country=KAZ&compare=KGZ&flow=import", {"flow": "import"}, "Countries"),
]


def test_views004_every_old_permalink_restores_its_filters(dash_duo, tables: Tables) -> None:
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(tables))
    for query, expected, view in OLD_PERMALINKS:
        _open(dash_duo, query)
        dash_duo.wait_for_element(f"#{ids.VIEW_TABS} label.active", timeout=20)
        wait_for_callbacks(dash_duo)
        assert _active_tab(dash_duo) == view, query
        shown = _filters(dash_duo)
        assert {k: shown[k] for k in expected} == expected, query
        # The address keeps every parameter (the page's own URL is canonical, nothing lost).
        for pair in query.lstrip("?").split("&"):
            assert pair in dash_duo.driver.current_url, (query, dash_duo.driver.current_url)
        if "countries=" in query:
            until(
                lambda: (
                    dash_duo.driver.execute_script(
                        "const g = document.querySelector('#trend-graph .js-plotly-plot');"
                        "return g && g.data ? g.data.map(t => t.name) : [];"
                    )[:2]
                    == ["Kazakhstan", "Uzbekistan"]
                ),
                timeout=20,
            )
        if "compare=" in query:
            dash_duo.wait_for_element("#profile-KGZ h3", timeout=20)
            dash_duo.wait_for_element("#profile-KAZ h3", timeout=20)
    # A combination without figures is refused with its reason, never an empty chart.
    _open(dash_duo, "?basis=fiscal&reporter=partner")
    dash_duo.wait_for_contains_text(f"#{ids.NOTICES}", "partners publish calendar-year", timeout=20)
    wait_for_callbacks(dash_duo)
    assert _filters(dash_duo)["reporter"] == "pakistan"
    assert dash_duo.get_logs() == []


# The corridor map's parts as drawn, in viewport pixels [left, top, right, bottom].
_MAP_PARTS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const need = ['.legendtext', '.legendtitletext', '.colorbar', '.modebar', '.geo .bg'];
if (!gd || !gd.data || need.some((s) => !gd.querySelector(s))) { return null; }
const box = (e) => {
  const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const union = (es) => { const bs = Array.from(es).map(box);
  return [Math.min(...bs.map(b => b[0])), Math.min(...bs.map(b => b[1])),
          Math.max(...bs.map(b => b[2])), Math.max(...bs.map(b => b[3]))]; };
return {graph: box(gd), colorbar: box(gd.querySelector('.colorbar')),
        key: box(gd.querySelector('.legendtitletext')),
        entries: union(gd.querySelectorAll('.legendtext, .legendtitletext')),
        texts: Array.from(gd.querySelectorAll('.legendtext')).map(box),
        modebar: box(gd.querySelector('.modebar')), map: box(gd.querySelector('.geo .bg'))};
"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


# The view switch's options, [left, top, right, bottom] each.
_TAB_BOXES = """
return Array.from(document.querySelectorAll('#app-view-tabs label')).map((e) => {
  const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
"""


def _assert_segmented(dash_duo: Any, width: int) -> None:
    """The view switch is one bar: its options touch, in one row, inside the window."""
    boxes = dash_duo.driver.execute_script(_TAB_BOXES)
    assert len(boxes) == 4
    assert len({round(b[1]) for b in boxes}) == 1, boxes  # one row
    for left, right in itertools.pairwise(boxes):
        assert abs(right[0] - left[2]) <= 1.5, (width, boxes)  # shared borders, no gaps
    assert boxes[0][0] >= 0 and boxes[-1][2] <= width, (width, boxes)


def test_views005_the_map_reads_on_a_phone_and_a_desktop(dash_duo, tables: Tables) -> None:
    dash_duo.driver.set_window_size(390, 900)
    dash_duo.start_server(create_app(tables))
    _open(dash_duo, "?view=map")
    for width in (390, 1400):
        dash_duo.driver.set_window_size(width, 1000)
        # Drawn, and resized to the card (responsive) once the window changed.
        until(
            lambda width=width: (
                (p := dash_duo.driver.execute_script(_MAP_PARTS))
                and abs(p["graph"][2] - p["map"][2]) < width / 3
            ),
            timeout=20,
        )
        until(
            lambda: (
                dash_duo.driver.execute_script(_MAP_PARTS)
                == dash_duo.driver.execute_script(_MAP_PARTS)
            ),
            timeout=5,
        )
        _assert_segmented(dash_duo, width)
        parts = dash_duo.driver.execute_script(_MAP_PARTS)
        graph, bar, key, legend, modebar, drawn = (
            parts[k] for k in ("graph", "colorbar", "key", "entries", "modebar", "map")
        )
        # Colour bar, key + legend and modebar never meet; nothing leaves the card's width.
        for a, b in ((bar, legend), (bar, modebar), (legend, modebar), (key, bar)):
            assert not _overlap(a, b), (width, a, b)
        assert all(t[2] <= graph[2] + 1 for t in parts["texts"]), (width, parts["texts"])
        assert bar[2] <= graph[2] and key[2] <= graph[2], width
        # No band of empty space: colour bar, map and legend follow each other closely.
        assert 0 <= drawn[1] - bar[3] <= 24, (width, bar, drawn)
        assert -1 <= legend[1] - drawn[3] <= 24, (width, drawn, legend)
        assert graph[3] - legend[3] <= 24, (width, graph, legend)
        if width < 768:
            # A phone's map takes the card's whole width.
            assert drawn[2] - drawn[0] >= 0.9 * (graph[2] - graph[0]), (graph, drawn)
            # Scrolled down the map, the years are one tap away: the Filters button stays in
            # view and opens the drawer with the slider.
            dash_duo.driver.execute_script("window.scrollTo({top: 1200, behavior: 'instant'})")
            assert _in_viewport(dash_duo, f"#{ids.FILTERS_TOGGLE}")
            dash_duo.find_element(f"#{ids.FILTERS_TOGGLE}").click()
            until(lambda: _in_viewport(dash_duo, f"#{ids.YEARS}"), timeout=5)
            dash_duo.find_element(f"#{ids.FILTERS_TOGGLE}").click()  # closes it again
            dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    wait_for_callbacks(dash_duo)
    assert dash_duo.get_logs() == []

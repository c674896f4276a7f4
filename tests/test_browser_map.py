"""dash_duo journey for the corridor map: it draws offline; a click on a CAR selects it and opens
its profile."""

from __future__ import annotations

import pytest
from browser_helpers import click_map_country, wait_for_callbacks
from dash.testing.wait import until

from app import create_app
from components import ids
from data.loading import Tables
from data.schema import CAR_CODES

pytestmark = pytest.mark.browser

_GD = f"const gd = document.querySelector('#{ids.MAP_GRAPH} .js-plotly-plot');"


def _drawn(dash_duo) -> dict:
    """What plotly drew: CAR shapes with a value, corridor ids, scattergeo groups, topojson URLs."""
    return dash_duo.driver.execute_script(
        _GD
        + """
        if (!gd || !gd.data) { return {cars: [], corridors: [], scatter: 0, topojson: []}; }
        const cars = Array.from(gd.querySelectorAll('path.choroplethlocation'))
          .map((p) => p.__data__)
          .filter((d) => d && arguments[0].includes(d.loc) && Number.isFinite(d.z))
          .map((d) => d.loc);
        return {
          cars: cars,
          corridors: gd.data.filter((t) => t.type === 'scattergeo' && t.meta).map((t) => t.meta[0]),
          scatter: gd.querySelectorAll('g.trace.scattergeo').length,
          topojson: performance.getEntriesByType('resource').map((e) => e.name)
            .filter((n) => n.includes('topojson')),
        };
        """,
        list(CAR_CODES),
    )


def _outline_width(dash_duo, iso3: str) -> float | None:
    return dash_duo.driver.execute_script(
        _GD + "const t = gd && gd.data && gd.data[0];"
        "if (!t) { return null; }"
        "return t.marker.line.width[t.locations.indexOf(arguments[0])];",
        iso3,
    )


def test_map001_draws_offline_and_a_click_on_kazakhstan_selects_it(
    dash_duo, tables: Tables
) -> None:
    dash_duo.start_server(create_app(tables))
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot", timeout=20)
    until(lambda: len(_drawn(dash_duo)["cars"]) == len(CAR_CODES), timeout=20)
    drawn = _drawn(dash_duo)
    assert sorted(drawn["cars"]) == sorted(CAR_CODES)
    corridors = list(tables.corridors["corridor_id"])
    assert sorted(drawn["corridors"]) == sorted(corridors)
    assert drawn["scatter"] == len(corridors) + 1  # + the ports/capitals/crossings markers
    assert drawn["topojson"], "the map's outlines were not fetched"
    assert all(u.startswith(f"{dash_duo.server_url}/assets/topojson/") for u in drawn["topojson"])
    assert _outline_width(dash_duo, "KAZ") == 0.8

    click_map_country(dash_duo, "KAZ")

    until(lambda: "country=KAZ" in dash_duo.driver.current_url, timeout=10)
    # The store's change comes back to the map as a Patch: Kazakhstan gets the thick outline.
    until(lambda: _outline_width(dash_duo, "KAZ") == 3, timeout=10)
    assert _outline_width(dash_duo, "UZB") == 0.8
    # ... and Kazakhstan's profile opens with its cited key figures.
    dash_duo.wait_for_contains_text("#profile-KAZ h3", "Pakistan – Kazakhstan", timeout=15)
    profile = dash_duo.find_element("#profile-KAZ").text.lower()  # headings are upper-cased by CSS
    assert "data caveats" in profile and "references" in profile, profile[:400]
    wait_for_callbacks(dash_duo)
    assert "country=KAZ" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []

"""dash_duo journeys for the corridor map: it draws offline; a click on a CAR selects it and opens
its profile; hovering anywhere along a corridor shows that corridor's card."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import pytest
from browser_helpers import click_map_country, wait_for_callbacks
from dash.testing import errors
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

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
        if (!gd || !gd.data) { return {cars: [], corridors: [], scatter: 0, resources: []}; }
        const cars = Array.from(gd.querySelectorAll('path.choroplethlocation'))
          .map((p) => p.__data__)
          .filter((d) => d && arguments[0].includes(d.loc) && Number.isFinite(d.z))
          .map((d) => d.loc);
        return {
          cars: cars,
          corridors: gd.data.filter((t) => t.type === 'scattergeo' && t.meta).map((t) => t.meta[0]),
          scatter: gd.querySelectorAll('g.trace.scattergeo').length,
          resources: performance.getEntriesByType('resource').map((e) => e.name),
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
    dash_duo.driver.get(dash_duo.server_url + "/?view=map")
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot", timeout=20)
    until(lambda: len(_drawn(dash_duo)["cars"]) == len(CAR_CODES), timeout=20)
    drawn = _drawn(dash_duo)
    assert sorted(drawn["cars"]) == sorted(CAR_CODES)
    corridors = list(tables.corridors["corridor_id"])
    assert sorted(drawn["corridors"]) == sorted(corridors)
    assert drawn["scatter"] == len(corridors) + 1  # + the ports/capitals/crossings markers
    topojson = [u for u in drawn["resources"] if "topojson" in u]
    assert topojson, "the map's outlines were not fetched"
    assert all(u.startswith(f"{dash_duo.server_url}/assets/topojson/") for u in topojson)
    # Nothing at all (scripts, styles, fonts, outlines) comes from another host.
    here = urlsplit(dash_duo.server_url).netloc
    assert {urlsplit(u).netloc for u in drawn["resources"]} == {here}
    assert _outline_width(dash_duo, "KAZ") == 0.8

    click_map_country(dash_duo, "KAZ")

    until(lambda: "country=KAZ" in dash_duo.driver.current_url, timeout=10)
    # Kazakhstan's profile opens in the Countries view with its cited key figures.
    dash_duo.wait_for_contains_text("#profile-KAZ h3", "Pakistan – Kazakhstan", timeout=15)
    profile = dash_duo.find_element("#profile-KAZ").text.lower()  # headings are upper-cased by CSS
    assert "data caveats" in profile and "references" in profile, profile[:400]
    # Back on the Map, the store's change came as a Patch: Kazakhstan has the thick outline.
    next(
        t
        for t in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#app-view-tabs label")
        if t.text == "Map"
    ).click()
    until(lambda: _outline_width(dash_duo, "KAZ") == 3, timeout=10)
    assert _outline_width(dash_duo, "UZB") == 0.8
    wait_for_callbacks(dash_duo)
    assert "country=KAZ" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


# Between two consecutive drawn points near the middle of each named stretch, in page pixels:
# the worst place to hover, farthest from any point plotly can snap to.
_STRETCH_MIDDLES = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
const geo = gd._fullLayout.geo._subplot;
const ctm = gd.querySelector('.geolayer').getScreenCTM();
const screen = (lon, lat) => {
  const [x, y] = geo.projection([lon, lat]);
  const p = new DOMPoint(x, y).matrixTransform(ctm);
  return [p.x, p.y + window.scrollY];  // page coordinates: the test scrolls to each
};
const lines = gd.data.filter((t) => t.type === 'scattergeo' && t.meta);
const drawn = lines.map((t) => t.lon.map((lon, i) => (lon === null ? null : screen(lon, t.lat[i])))
  .filter((p) => p));
// How close another corridor's line comes to a pixel: where two lines run side by side or
// cross, either card is a fair answer.
const nearOther = (k, x, y) => Math.min(...drawn.filter((_, j) => j !== k).flat()
  .map(([px, py]) => Math.hypot(px - x, py - y)));
const out = [];
lines.forEach((t, k) => {
  const names = t.hovertext || t.lon.map(() => 'route');
  // Runs of consecutive points on one named stretch (a part break ends a run too).
  const runs = [];
  for (let i = 1; i < t.lon.length; i++) {
    if (t.lon[i] === null || t.lon[i - 1] === null || names[i] !== names[i - 1]) { continue; }
    const last = runs[runs.length - 1];
    if (last && last.name === names[i] && last.idx[last.idx.length - 1] === i - 1) {
      last.idx.push(i);
    } else {
      runs.push({name: names[i], idx: [i]});
    }
  }
  runs.forEach(({name, idx}) => {
    // The middle; on long runs the quarter points too.
    const picks = idx.length >= 12 ? [0.25, 0.5, 0.75] : [0.5];
    picks.forEach((f) => {
      const i = idx[Math.floor(idx.length * f)];
      const [x1, y1] = screen(t.lon[i - 1], t.lat[i - 1]);
      const [x2, y2] = screen(t.lon[i], t.lat[i]);
      const [x, y] = [(x1 + x2) / 2, (y1 + y2) / 2];
      out.push([t.meta[0], name, x, y, nearOther(k, x, y)]);
    });
  });
});
return out;
"""
_HOVERED_CORRIDOR = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
const label = gd.querySelector('.hoverlayer .hovertext');
return [(gd._hoverdata || []).map((p) => (gd.data[p.curveNumber].meta || [null])[0]),
        label ? label.textContent : ''];
"""


def test_map002_hovering_anywhere_on_a_corridor_shows_its_card(dash_duo, tables: Tables) -> None:
    dash_duo.start_server(create_app(tables))
    dash_duo.driver.get(dash_duo.server_url + "/?view=map")
    dash_duo.wait_for_element(f"#{ids.MAP_GRAPH} .js-plotly-plot", timeout=20)
    until(lambda: len(_drawn(dash_duo)["cars"]) == len(CAR_CODES), timeout=20)
    wait_for_callbacks(dash_duo)
    driver = dash_duo.driver
    names = dict(zip(tables.corridors["corridor_id"], tables.corridors["name"], strict=True))
    misses = []
    checked: set[str] = set()
    for cid, stretch, x, page_y, other in driver.execute_script(_STRETCH_MIDDLES, ids.MAP_GRAPH):
        # 'instant': Bootstrap makes scrolling smooth, and the mouse must land after it.
        driver.execute_script(
            "window.scrollTo({top: arguments[0] - 400, behavior: 'instant'})", page_y
        )
        y = page_y - driver.execute_script("return window.scrollY")
        ActionChains(driver).move_to_location(int(x) + 6, int(y) + 6).perform()
        ActionChains(driver).move_to_location(int(x), int(y)).perform()
        with contextlib.suppress(errors.TestingTimeoutError):  # a miss is recorded below
            until(lambda: driver.execute_script(_HOVERED_CORRIDOR, ids.MAP_GRAPH)[0], timeout=2)
        hovered, label = driver.execute_script(_HOVERED_CORRIDOR, ids.MAP_GRAPH)
        if hovered[:1] == [cid] and names[cid] in label:
            checked.add(cid)
        elif other > 6 or not hovered or hovered[0] not in names:
            misses.append((cid, stretch, hovered, label[:60]))
    assert misses == []
    assert checked == set(names)  # every corridor answered with its own card somewhere
    assert dash_duo.get_logs() == []

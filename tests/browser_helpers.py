"""Helpers shared by dash_duo journeys (imported by the browser test modules)."""

from __future__ import annotations

from typing import Any

from dash.testing.errors import TestingTimeoutError
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains

from components import ids

# A point well inside the country's drawn shape, in viewport pixels, or null when the shape is not
# drawn yet. Interior points come from a grid over the path's box (SVG isPointInFill); the one
# nearest the box centre wins, so a click lands away from borders, lines and markers.
_FIND_POINT = """
const [graphId, iso3] = arguments;
const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
if (!gd) { return null; }
const path = Array.from(gd.querySelectorAll('path.choroplethlocation')).find(
  (p) => p.__data__ && p.__data__.loc === iso3 && Number.isFinite(p.__data__.z)
);
if (!path) { return null; }
path.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
const box = path.getBBox();
const ctm = path.getScreenCTM();
const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
let best = null;
const steps = 24;
for (let i = 1; i < steps; i++) {
  for (let j = 1; j < steps; j++) {
    const local = new DOMPoint(box.x + box.width * i / steps, box.y + box.height * j / steps);
    if (!path.isPointInFill(local)) { continue; }
    const screen = local.matrixTransform(ctm);
    const top = document.elementFromPoint(screen.x, screen.y);
    if (!top || !gd.contains(top) || top.closest('.legend')) { continue; }
    const distance = Math.hypot(local.x - cx, local.y - cy);
    if (!best || distance < best.distance) {
      best = {x: screen.x, y: screen.y, distance: distance};
    }
  }
}
return best && [Math.round(best.x), Math.round(best.y)];
"""


_HOVERED = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
return gd && gd._hoverdata ? gd._hoverdata.map((p) => p.location || null) : [];
"""
# Records every plotly_click on the graph (installed once per graph div).
_CLICKS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
if (!gd.__clickLog) {
  gd.__clickLog = [];
  gd.on('plotly_click', (e) => gd.__clickLog.push(e.points.map((p) => p.location || null)));
}
return gd.__clickLog;
"""


def show_chart(dash_duo: Any, chart: str) -> None:
    """Scroll a chart card to the middle of the viewport: a chart is drawn only once it is near
    the viewport (assets/lazy.js)."""
    dash_duo.driver.execute_script(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'center',"
        " behavior: 'instant'})",
        ids.card(chart),
    )


def wait_for_callbacks(dash_duo: Any, timeout: float = 20) -> None:
    """Wait until the renderer has no callback pending, twice in a row (chains leave gaps).

    End a journey with it: stopping the server under a running callback fails the teardown.
    """
    idle = 0

    def settled() -> bool:
        nonlocal idle
        idle = idle + 1 if dash_duo.redux_state_rqs == [] else 0
        return idle >= 2

    until(settled, timeout=timeout, poll=0.15, msg="callbacks still pending")


def click_map_country(dash_duo: Any, iso3: str, *, graph_id: str = ids.MAP_GRAPH) -> None:
    """Click a CAR's shape on the corridor map with the mouse (plotly's own hover + click).

    Plotly clicks what it hovers, and the page can still shift while charts above the map
    render: so hover first and check plotly reports the country under the mouse. A click on a
    geo map can also be swallowed as a zero-length pan when the map redraws under a still mouse:
    so check that plotly_click fired for the country, else hover and click again. (Selecting a
    country is idempotent, so a repeated click changes nothing the journey checks.)
    """
    driver = dash_duo.driver
    wait_for_callbacks(dash_duo)  # a redraw under the mouse would turn the click into a pan

    def hovering() -> bool:
        point = driver.execute_script(_FIND_POINT, graph_id, iso3)
        if point is None:
            return False
        x, y = point
        ActionChains(driver).move_to_location(x - 1, y).move_to_location(x, y).perform()
        try:
            until(lambda: driver.execute_script(_HOVERED, graph_id)[:1] == [iso3], timeout=1)
        except TestingTimeoutError:
            return False  # the map moved under the mouse: find the shape again
        return True

    def clicked() -> bool:
        until(hovering, timeout=10, msg=f"could not hover {iso3} on #{graph_id}")
        before = len(driver.execute_script(_CLICKS, graph_id))
        ActionChains(driver).click().perform()
        try:
            until(lambda: len(driver.execute_script(_CLICKS, graph_id)) > before, timeout=2)
        except TestingTimeoutError:
            return False
        return bool(driver.execute_script(_CLICKS, graph_id)[-1][:1] == [iso3])

    until(clicked, timeout=30, msg=f"plotly_click for {iso3} never fired on #{graph_id}")

"""dash_duo journey: every view works under the strict CSP (no inline or eval'd script allowed)."""

from __future__ import annotations

import pytest
from browser_helpers import wait_for_callbacks
from dash.testing.wait import until

import hardening
from app import create_app
from components import ids
from data.loading import Tables
from data.schema import CAR_CODES

pytestmark = pytest.mark.browser

# Installed before any page script runs (DevTools evaluates it outside the page's CSP): records
# every violation the browser reports, in case one never reaches the console, and the size of
# every callback request body (what MAX_CONTENT_LENGTH must leave room for).
_RECORD = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
window.__callbackBodies = [];
const pageFetch = window.fetch;
window.fetch = function (url, init) {
  if (String(url).includes('_dash-update-component') && init && typeof init.body === 'string') {
    window.__callbackBodies.push(new TextEncoder().encode(init.body).length);
  }
  return pageFetch.apply(this, arguments);
};
"""
_DRAWN_CARS = f"""
const gd = document.querySelector('#{ids.MAP_GRAPH} .js-plotly-plot');
if (!gd) {{ return 0; }}
return Array.from(gd.querySelectorAll('path.choroplethlocation'))
  .filter((p) => p.__data__ && arguments[0].includes(p.__data__.loc)).length;
"""


def _plots(dash_duo) -> int:
    return len(dash_duo.find_elements(".js-plotly-plot .main-svg"))


def test_csp001_every_view_works_under_the_strict_csp(dash_duo, tables: Tables) -> None:
    app = create_app(tables)
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _RECORD})
    dash_duo.start_server(app)
    policy = app.server.test_client().get("/").headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "'sha256-" in script_src

    # The overview: every chart drawn (and nothing of the hidden views).
    dash_duo.wait_for_element(f"#{ids.TREND_GRAPH} .js-plotly-plot", timeout=20)
    wait_for_callbacks(dash_duo)
    overview = _plots(dash_duo)
    assert overview >= 5
    assert dash_duo.driver.execute_script(_DRAWN_CARS, list(CAR_CODES)) == 0
    # The map view: the map (its topojson fetched from this host) drawn.
    dash_duo.driver.get(dash_duo.server_url + "/?view=map")
    until(lambda: dash_duo.driver.execute_script(_DRAWN_CARS, list(CAR_CODES)) > 0, timeout=20)
    wait_for_callbacks(dash_duo)

    # A profile, then two profiles compared: more charts drawn on top of the overview's.
    sizes = dash_duo.driver.execute_script("return window.__callbackBodies")
    for query, shown in (("?country=KAZ", ["KAZ"]), ("?country=UZB&compare=TJK", ["UZB", "TJK"])):
        dash_duo.driver.get(dash_duo.server_url + "/" + query)
        for iso3 in shown:
            dash_duo.wait_for_element(f"#profile-{iso3}", timeout=20)
        least = len(shown)
        until(lambda least=least: _plots(dash_duo) >= least, timeout=20)
        wait_for_callbacks(dash_duo)
        sizes += dash_duo.driver.execute_script("return window.__callbackBodies")

    # The body limit leaves the page's largest callback request (5.7 kB in 2026-12) 8× room.
    assert sizes and max(sizes) * 8 <= hardening.DEFAULT_MAX_BODY, max(sizes)

    assert dash_duo.driver.execute_script("return window.__cspViolations") == []
    assert dash_duo.get_logs() == []

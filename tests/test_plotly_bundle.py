"""The page draws with the custom plotly.js bundle (assets/vendor/plotly), never the full one."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest
from dash.testing.wait import until
from plotly.offline import get_plotlyjs_version

from app import create_app
from charts.registry import CHARTS, build_chart
from data.loading import Tables
from data.state import DEFAULT_STATE
from settings import ASSETS_DIR, ROOT

BUNDLE = ASSETS_DIR / "vendor" / "plotly" / "plotly-custom.min.js"
TRACES = json.loads((ROOT / "scripts" / "plotly_bundle" / "traces.json").read_text())
# The ranking chart's figure (a go.Table) is only rendered by Kaleido, which has its own
# plotly.js; the page shows the ranking as a grid.
EXPORT_ONLY = {"ranking"}
FULL_BUNDLE = "plotly/package_data/plotly.min.js"


def _trace_types(figure: Any) -> set[str]:
    return {trace.type or "scatter" for trace in figure.data}


def test_bundle_holds_every_trace_type_the_page_draws(tables: Tables) -> None:
    state = replace(DEFAULT_STATE, country="KAZ")
    used: set[str] = set()
    for chart in CHARTS:
        if chart not in EXPORT_ONLY:
            used |= _trace_types(build_chart(tables, state, chart).figure)
    assert {"scatter", "bar", "choropleth", "scattergeo"} <= used  # the check sees every kind
    assert used <= set(TRACES), f"add {sorted(used - set(TRACES))} to traces.json and rebuild"


def test_bundle_is_the_plotly_js_version_of_the_plotly_package() -> None:
    head = BUNDLE.read_text(encoding="utf-8")[:400]
    match = re.search(r"plotly\.js \(pak-car custom: ([^)]*) - minified\) v(\S+)", head)
    assert match, "banner missing: rebuild with scripts/build_plotly_bundle.sh"
    assert match.group(1).split(", ") == TRACES
    assert match.group(2) == get_plotlyjs_version()
    assert (BUNDLE.parent / "LICENSE.txt").read_text().startswith("MIT License")


def test_page_loads_the_custom_bundle_before_the_renderer(tables: Tables) -> None:
    html = create_app(tables).server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    bundle = next(i for i, s in enumerate(scripts) if "/assets/vendor/plotly/plotly-custom" in s)
    renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
    assert bundle < renderer  # window.Plotly exists before any dcc.Graph mounts
    assert not any(FULL_BUNDLE in s for s in scripts)


def test_page_leaves_out_the_polyfill_and_dash_table_and_brings_regenerator(
    tables: Tables,
) -> None:
    """app.Dashboard drops Dash's legacy-browser polyfill and the unused dash_table bundle; the
    regenerator runtime Dash's lazy loaders use comes from assets/vendor (browser journeys then
    draw every lazy component: dcc.Graph, Slider, Dropdown)."""
    html = create_app(tables).server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    assert any("/assets/vendor/regenerator/regenerator-runtime.js" in s for s in scripts)
    assert any("dash_renderer" in s for s in scripts) and len(scripts) >= 10
    runtime = ASSETS_DIR / "vendor" / "regenerator"
    assert "regeneratorRuntime = runtime" in (runtime / "regenerator-runtime.js").read_text()
    assert (runtime / "LICENSE.txt").read_text().startswith("MIT License")


@pytest.mark.browser
def test_bundle001_page_draws_with_the_custom_bundle_only(dash_duo, tables: Tables) -> None:
    dash_duo.start_server(create_app(tables))
    resources = "return performance.getEntriesByType('resource').map(e => e.name)"
    # The Overview's charts (bar and scatter traces), then the Map view (choropleth, scattergeo):
    # each page load fetches the custom bundle and never the full one.
    until(
        lambda: (
            dash_duo.driver.execute_script(
                "return document.querySelectorAll('.js-plotly-plot .main-svg').length"
            )
            >= 2 * 4
        ),
        timeout=30,
    )
    for url in (None, f"{dash_duo.server_url}/?view=map"):
        if url is not None:
            dash_duo.driver.get(url)
            dash_duo.wait_for_element(
                "#map-graph .js-plotly-plot .choroplethlayer path", timeout=30
            )
        registered = dash_duo.driver.execute_script(
            "return Object.keys(window.Plotly.PlotSchema.get().traces).sort()"
        )
        assert registered == sorted(TRACES)
        loaded = dash_duo.driver.execute_script(resources)
        assert any("/assets/vendor/plotly/plotly-custom.min.js" in r for r in loaded)
        assert not any(FULL_BUNDLE in r for r in loaded)
    assert dash_duo.get_logs() == []

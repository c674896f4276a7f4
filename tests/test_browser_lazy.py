"""Speed structure in the browser (#14): charts are drawn only near the viewport and always with
the latest figure their store holds; out-of-sight charts showing an older view are dimmed; the
table component draws accessible markup and sorts; the download links follow the URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_helpers import show_chart, wait_for_callbacks
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from app import create_app
from components import ids
from components.layout import download_href
from data.loading import Tables

pytestmark = pytest.mark.browser

# The graph's drawn data as JSON (null before Plotly drew it), its trace count, its pane's class.
_DRAWN = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
const pane = document.querySelector('.lazy-chart[data-chart="' + arguments[1] + '"]');
return [gd && gd.data ? JSON.stringify(gd.data) : null, gd && gd.data ? gd.data.length : 0,
        pane ? pane.className : null];
"""


def _drawn(dash_duo: Any, chart: str) -> tuple[str | None, int, str | None]:
    data, traces, css = dash_duo.driver.execute_script(_DRAWN, ids.graph(chart), chart)
    return data, traces, css


def _flow(dash_duo: Any, label: str) -> None:
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    radios = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{ids.FLOW} label")
    next(r for r in radios if r.text == label).click()


def test_lazy001_charts_draw_near_the_viewport_with_the_latest_figure(
    dash_duo: Any, tables: Tables
) -> None:
    dash_duo.start_server(create_app(tables))
    until(lambda: _drawn(dash_duo, "trend")[1] > 0, timeout=20)
    # Far below the fold: not drawn (its "Loading…" placeholder has no trace).
    assert _drawn(dash_duo, "transit")[1] == 0
    show_chart(dash_duo, "mirror")
    until(lambda: _drawn(dash_duo, "mirror")[1] > 0, timeout=10)
    mirror_before = _drawn(dash_duo, "mirror")[0]
    trend_before = _drawn(dash_duo, "trend")[0]

    # A change with the mirror out of sight: the trend is redrawn, the mirror is not (it is
    # dimmed: it shows the old flow) until the reader scrolls back to it.
    _flow(dash_duo, "Exports")
    until(lambda: _drawn(dash_duo, "trend")[0] != trend_before, timeout=10)
    until(lambda: "is-stale" in (_drawn(dash_duo, "mirror")[2] or ""), timeout=10)
    assert _drawn(dash_duo, "mirror")[0] == mirror_before
    show_chart(dash_duo, "mirror")
    until(lambda: _drawn(dash_duo, "mirror")[0] != mirror_before, timeout=10)
    assert "is-stale" not in (_drawn(dash_duo, "mirror")[2] or "")
    # A card never drawn and scrolled to after several changes draws the last one directly.
    _flow(dash_duo, "Imports")
    show_chart(dash_duo, "transit")
    until(lambda: _drawn(dash_duo, "transit")[1] > 0, timeout=10)
    wait_for_callbacks(dash_duo)
    assert dash_duo.get_logs() == []


def test_lazy002_ranking_table_markup_sorting_and_download_links(
    dash_duo: Any, tables: Tables
) -> None:
    dash_duo.start_server(create_app(tables))
    grid = f"#{ids.grid('ranking')}"
    dash_duo.wait_for_element(f"{grid} tbody th", timeout=20)
    markup = dash_duo.driver.execute_script(
        """const t = document.querySelector(arguments[0]);
        return {cols: [...t.querySelectorAll('thead th')].map(th => th.getAttribute('scope')),
                rows: [...t.querySelectorAll('tbody tr')].map(
                    tr => tr.firstElementChild.tagName + ':' + tr.firstElementChild.scope),
                sorted: [...t.querySelectorAll('th[aria-sort]')].map(
                    th => th.getAttribute('aria-sort')),
                nums: t.querySelectorAll('td.num').length,
                caption: t.querySelector('caption.visually-hidden').textContent};""",
        grid,
    )
    assert set(markup["cols"]) == {"col"} and len(markup["cols"]) >= 5
    assert set(markup["rows"]) == {"TH:row"} and len(markup["rows"]) == 6
    assert markup["sorted"] == ["ascending"] and markup["nums"] > 0
    assert "Ranking" in markup["caption"]

    def countries() -> list[str]:
        cells = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"{grid} tbody th")
        return [c.text for c in cells]

    def sort_state(column: int) -> str | None:
        th = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"{grid} thead th")[column]
        return th.get_attribute("aria-sort")

    first = countries()
    sort_button = f"#{ids.grid('ranking')}-sort-0"
    _click_in_view(dash_duo, sort_button)  # by country name
    until(lambda: countries() == sorted(first), timeout=10)
    assert sort_state(0) == "ascending"
    _click_in_view(dash_duo, sort_button)  # again: reversed
    until(lambda: countries() == sorted(first, reverse=True), timeout=10)
    assert sort_state(0) == "descending" and sort_state(1) is None
    # aria-busy only while the sorted rows are on their way.
    until(lambda: dash_duo.find_element(grid).get_attribute("aria-busy") is None, timeout=10)

    # The download links (every menu's, in the page before it opens, and the header's) follow
    # the URL's query: DOM attributes kept by download_links.js, no callback output.
    _flow(dash_duo, "Exports")
    until(lambda: "flow=export" in dash_duo.driver.current_url, timeout=10)
    query = urlsplit(dash_duo.driver.current_url).query

    def hrefs() -> list[list[str]]:
        return dash_duo.driver.execute_script(
            "return [...document.querySelectorAll('a[data-download-fmt]')].map(a => "
            "[a.dataset.downloadChart, a.dataset.downloadFmt, a.getAttribute('href')])"
        )

    def expected(chart: str, fmt: str) -> str:
        if chart:
            return download_href(chart, fmt, query)
        return f"/download/data.{fmt}?{query}"  # the header's whole-view data

    until(lambda: all(h == expected(c, f) for c, f, h in hrefs()), timeout=10)
    assert len(hrefs()) >= 30 and {f for c, f, _ in hrefs() if not c} == {"csv", "xlsx"}
    wait_for_callbacks(dash_duo)
    assert dash_duo.get_logs() == []


# Scrolls the element to the middle of the viewport; true once it is the element there (the
# charts above it are drawn as they come into view and change height: the page shifts).
_SCROLLED_INTO_VIEW = """
const el = document.querySelector(arguments[0]);
el.scrollIntoView({block: 'center', behavior: 'instant'});
const r = el.getBoundingClientRect();
const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
const still = window.__lastTop === r.top;  // where it was at the previous poll too
window.__lastTop = r.top;
return Boolean(still && top && el.contains(top));
"""


def _click_in_view(dash_duo: Any, selector: str) -> None:
    """Click an element once the page has stopped moving it."""
    until(
        lambda: dash_duo.driver.execute_script(_SCROLLED_INTO_VIEW, selector),
        timeout=10,
        poll=0.3,
    )
    dash_duo.find_element(selector).click()

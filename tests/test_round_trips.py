"""Round trips per change (structure, not timings): a year or flow change on the Overview sends
at most ROUND_TRIP_BUDGET callback requests, a card whose content did not change is not sent
(so its chart is not redrawn), and the page comes with its Overview drawn (no load chain).
bench/renderer.py plays each change through the callback graph as Dash's renderer does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash import Dash
from flask.testing import FlaskClient

from app import create_app
from bench.renderer import Renderer, component_key
from charts.registry import page_charts
from components import chart_card as card
from components import ids
from data.loading import Tables
from data.state import DEFAULT_STATE, VIEW_CHOICES, to_store

# A change on the Overview: the sync callback, then the Overview's one callback (every card, the
# ranking, the notices). The download links are DOM attributes (assets/download_links.js).
ROUND_TRIP_BUDGET = 2
GRAPHS = [spec.graph_id for spec in page_charts("graph")]
# Each graph card's figure store ({"chart", "digest", "figure"}): the server's answer goes there,
# and assets/lazy.js hands it to the graph once the card is in view (tests/test_browser_lazy.py).
FIGURES = [ids.figure_store(spec.name) for spec in page_charts("graph")]


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


@pytest.fixture(scope="module")
def client(app: Dash) -> FlaskClient:
    return app.server.test_client()


def test_the_page_comes_with_its_overview_drawn_and_asks_the_server_nothing_more(
    client: FlaskClient,
) -> None:
    page = Renderer(client, "http://localhost/?years=2005-2020&flow=export")
    for store in FIGURES:
        assert page.value(store, "data")["figure"]["data"], store
    # The top card is drawn with the page; the others wait for the reader to scroll to them.
    top = page.value(FIGURES[0], "data")
    assert page.value(GRAPHS[0], "figure") == top["figure"]
    assert page.value(ids.GRAPHS_SHOWN, "data") == {top["chart"]: top["digest"]}
    assert not any(page.value(graph, "figure")["data"] for graph in GRAPHS[1:])
    state = DEFAULT_STATE.with_(years=(2005, 2020), flow="export")
    assert page.value(ids.STATE_STORE, "data") == json.loads(json.dumps(to_store(state)))
    # The page's first callback (the URL's) finds the Overview showing its state already.
    requests = page.change(ids.URL, "search", "?years=2005-2020&flow=export")
    assert not any(r.startswith(f"..{FIGURES[0]}.data") for r in requests), requests
    assert len(requests) == 1  # the sync alone: the stores hold its state already


def test_no_callback_writes_a_link(app: Dash) -> None:
    """A link's href is an attribute assets/download_links.js keeps on the URL, never a callback
    output: each output is a store update, a pass of Dash's renderer over the page (the download
    links were 57 of the 65 a change made)."""
    outputs = [o for key in app.callback_map for o in key.strip(".").split("...")]
    assert outputs and not [o for o in outputs if o.endswith(".href")]


@pytest.mark.parametrize(
    ("cid", "value"), [(ids.YEARS, [2003, 2020]), (ids.FLOW, "export"), (ids.COUNTRIES, ["KAZ"])]
)
def test_a_change_on_the_overview_sends_at_most_the_budget(
    client: FlaskClient, cid: str, value: Any
) -> None:
    page = Renderer(client)
    requests = page.change(cid, "value", value)
    assert len(requests) <= ROUND_TRIP_BUDGET, requests
    assert any(r.startswith(f"..{FIGURES[0]}.data") for r in requests)
    # The hidden views are not asked (their stores did not change).
    for view in VIEW_CHOICES:
        if view != "overview":
            assert ids.view_store(view) not in page.props or not page.value(
                ids.view_store(view), "data"
            )


def test_no_chart_is_redrawn_when_its_figure_did_not_change(client: FlaskClient) -> None:
    page = Renderer(client)
    before = {f: page.value(f, "data")["digest"] for f in FIGURES}
    page.change(ids.FLOW, "value", "export")
    after = {f: page.value(f, "data")["digest"] for f in FIGURES}
    changed = {f for f in FIGURES if before[f] != after[f]}
    assert ids.figure_store("trend") in changed
    # The balance is exports minus imports whatever flow is shown: its figure did not change,
    # so the answer left it out (no_update): its store keeps its digest and the page's
    # drawInView (which draws a store whose digest differs from the graph's) does not redraw it.
    assert ids.figure_store("balance") not in changed

    def sent() -> set[str]:
        return {f for a in page.answers for f in FIGURES if "data" in a.get(f, {})}

    page.change(ids.FLOW, "value", "import")
    assert ids.figure_store("balance") not in sent() and ids.figure_store("trend") in sent()
    # A profile country changes the partners chart (its partners) and nothing else.
    page.change(ids.PROFILE_SELECT, "value", "KAZ")
    assert sent() == {ids.figure_store("partners")}
    # A comparison changes no Overview figure: none is sent.
    page.change(ids.PROFILE_COMPARE, "value", "UZB")
    assert page.requests and sent() == set()


def test_a_chart_s_table_is_sent_only_while_its_pane_is_open(client: FlaskClient) -> None:
    page = Renderer(client)
    trend_table = ids.table_id("trend")
    assert not page.value(trend_table, "children")  # closed panes come empty
    page.change(ids.YEARS, "value", [2004, 2020])
    assert not any(trend_table in a for a in page.answers)
    # The reader opens the trend's table (the clientside switch shows the pane meanwhile).
    page.change(component_key(card.switch_button("trend", "table")), "n_clicks", 1)
    assert page.requests and page.value(trend_table, "children")
    assert not any(ids.table_id("balance") in a for a in page.answers)
    page.props[component_key(card.pane("trend", "table"))]["hidden"] = False
    page.change(ids.YEARS, "value", [2005, 2020])
    assert any(trend_table in a for a in page.answers)  # open: it follows the filters
    page.props[component_key(card.pane("trend", "table"))]["hidden"] = True
    page.change(ids.YEARS, "value", [2006, 2020])
    # Closed and out of date: emptied (a cheap answer), filled again when opened.
    assert [a[trend_table]["children"] for a in page.answers if trend_table in a] == [None]


def test_a_caption_or_summary_that_did_not_change_is_not_sent(client: FlaskClient) -> None:
    """Each text of a card goes only when it changed (each one the renderer applies costs it a
    pass over the page): a year change leaves the balance's caption, which names no year."""
    page = Renderer(client)
    page.change(ids.YEARS, "value", [2001, 2020])
    answer = next(a for a in page.answers if ids.figure_store("trend") in a)
    assert ids.caption("balance") not in answer
    assert ids.summary_id("trend") in answer  # its summary names the first year
    before = page.value(ids.caption("trend"), "children")
    page.change(ids.FLOW, "value", "export")  # the trend's caption names the flow
    assert page.value(ids.caption("trend"), "children") != before

"""Round trips per change (structure, not timings): a year or flow change on the Overview sends
at most ROUND_TRIP_BUDGET callback requests, a card whose content did not change is not sent
(so its chart is not redrawn), and the page comes with its Overview drawn (no load chain).

A small stand-in for Dash's renderer follows the callback graph over HTTP: a server callback is
requested when one of its inputs was in a previous answer, as the renderer does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash import Dash
from flask.testing import FlaskClient

from app import create_app
from charts.registry import page_charts
from components import chart_card as card
from components import ids
from data.loading import Tables
from data.state import DEFAULT_STATE, VIEW_CHOICES, to_store

UPDATE = "/_dash-update-component"
# A change on the Overview: the sync callback, the Overview's one callback (every card, the
# ranking, the notices) and the download links (in parallel with the Overview's).
ROUND_TRIP_BUDGET = 3
GRAPHS = [spec.graph_id for spec in page_charts("graph")]


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


@pytest.fixture(scope="module")
def client(app: Dash) -> FlaskClient:
    return app.server.test_client()


def _key(cid: Any) -> str:
    return json.dumps(cid, sort_keys=True, separators=(",", ":")) if isinstance(cid, dict) else cid


def _walk(node: Any, out: dict[str, dict]) -> dict[str, dict]:
    """Every component's props by ID in a layout (the page's own values)."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if "id" in props:
            out[_key(props["id"])] = props
        for value in props.values():
            _walk(value, out)
    elif isinstance(node, list):
        for item in node:
            _walk(item, out)
    return out


def _fits(cid: Any, pattern: dict) -> bool:
    """Whether a component ID fits a pattern ID (ALL matches any value)."""
    return (
        isinstance(cid, dict)
        and cid.keys() == pattern.keys()
        and all(isinstance(w, list) or cid[k] == w for k, w in pattern.items())
    )


def _hit(changed: str, item: dict) -> bool:
    """Whether a changed 'id.prop' is the callback input `item` (or one of its pattern's)."""
    cid, prop = changed.rsplit(".", 1)
    if prop != item["property"]:
        return False
    if item["id"].startswith("{"):
        return cid.startswith("{") and _fits(json.loads(cid), json.loads(item["id"]))
    return cid == item["id"]


class Renderer:
    """The page's props and Dash's callback graph; `change` plays one input change through."""

    def __init__(self, client: FlaskClient, referer: str = "http://localhost/") -> None:
        self.client = client
        layout = client.get("/_dash-layout", headers={"Referer": referer}).get_json()
        self.props = _walk(layout, {})
        self.deps = [
            d for d in client.get("/_dash-dependencies").get_json() if not d["clientside_function"]
        ]
        self.requests: list[str] = []
        self.answers: list[dict[str, dict]] = []  # of the last change

    def value(self, cid: str, prop: str) -> Any:
        """A prop's current value."""
        return self.props.get(cid, {}).get(prop)

    def matches(self, pattern: str, prop: str) -> list[dict[str, Any]]:
        """The components an ALL pattern ID matches, as the renderer sends them."""
        wild = json.loads(pattern)
        return [
            {"id": json.loads(key), "property": prop, "value": props.get(prop)}
            for key, props in self.props.items()
            if key.startswith("{") and _fits(json.loads(key), wild)
        ]

    def _dep(self, item: dict) -> Any:
        if item["id"].startswith("{"):
            return self.matches(item["id"], item["property"])
        return {
            "id": item["id"],
            "property": item["property"],
            "value": self.value(item["id"], item["property"]),
        }

    def _outputs(self, spec: str) -> list[Any]:
        parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
        out: list[Any] = []
        for part in parts:
            cid, prop = part.rsplit(".", 1)
            if cid.startswith("{"):
                out.append([{"id": m["id"], "property": prop} for m in self.matches(cid, prop)])
            else:
                out.append({"id": cid, "property": prop})
        return out

    def call(self, dep: dict, changed: list[str]) -> dict[str, dict]:
        """Post one callback as the renderer would; apply and return its answer."""
        outputs = self._outputs(dep["output"])
        body = {
            "output": dep["output"],
            "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": [self._dep(i) for i in dep["inputs"]],
            "state": [self._dep(s) for s in dep["state"]],
            "changedPropIds": changed,
        }
        self.requests.append(dep["output"])
        response = self.client.post(UPDATE, json=body)
        assert response.status_code in (200, 204), response.get_data(as_text=True)
        if response.status_code == 204:
            return {}
        answer: dict[str, dict] = response.get_json()["response"]
        self.answers.append(answer)
        for cid, props in answer.items():
            self.props.setdefault(cid, {}).update(props)
            for prop, value in props.items():  # new components in new children
                _walk(value, self.props) if prop == "children" else None
        return answer

    def change(self, cid: str, prop: str, value: Any) -> list[str]:
        """Set a prop as the reader would and follow every callback it sets off (a callback's
        own outputs do not set it off again, as in Dash); the outputs of the callbacks asked."""
        self.requests, self.answers = [], []
        self.props.setdefault(cid, {})[prop] = value
        pending: list[tuple[str, str | None]] = [(f"{cid}.{prop}", None)]
        while pending:
            changed, pending = pending, []
            for dep in self.deps:
                hits = [
                    c
                    for c, source in changed
                    if source != dep["output"] and any(_hit(c, i) for i in dep["inputs"])
                ]
                if hits:
                    answer = self.call(dep, hits)
                    pending += [
                        (f"{c}.{p}", dep["output"]) for c, props in answer.items() for p in props
                    ]
        return self.requests


def test_the_page_comes_with_its_overview_drawn_and_asks_the_server_nothing_more(
    client: FlaskClient,
) -> None:
    page = Renderer(client, "http://localhost/?years=2005-2020&flow=export")
    for graph in GRAPHS:
        assert page.value(graph, "figure")["data"], graph
    state = DEFAULT_STATE.with_(years=(2005, 2020), flow="export")
    assert page.value(ids.STATE_STORE, "data") == json.loads(json.dumps(to_store(state)))
    # The page's first callback (the URL's) finds the Overview showing its state already.
    requests = page.change(ids.URL, "search", "?years=2005-2020&flow=export")
    assert not any(r.startswith(f"..{GRAPHS[0]}.figure") for r in requests), requests
    assert len(requests) == 1  # the sync alone: the stores hold its state already


@pytest.mark.parametrize(
    ("cid", "value"), [(ids.YEARS, [2003, 2020]), (ids.FLOW, "export"), (ids.COUNTRIES, ["KAZ"])]
)
def test_a_change_on_the_overview_sends_at_most_the_budget(
    client: FlaskClient, cid: str, value: Any
) -> None:
    page = Renderer(client)
    requests = page.change(cid, "value", value)
    assert len(requests) <= ROUND_TRIP_BUDGET, requests
    assert any(r.startswith(f"..{GRAPHS[0]}.figure") for r in requests)
    # The hidden views are not asked (their stores did not change).
    for view in VIEW_CHOICES:
        if view != "overview":
            assert ids.view_store(view) not in page.props or not page.value(
                ids.view_store(view), "data"
            )


def test_no_chart_is_redrawn_when_its_figure_did_not_change(client: FlaskClient) -> None:
    page = Renderer(client)
    before = {g: page.value(g, "figure") for g in GRAPHS}
    page.change(ids.FLOW, "value", "export")
    after = {g: page.value(g, "figure") for g in GRAPHS}
    changed = {g for g in GRAPHS if before[g] != after[g]}
    assert ids.graph("trend") in changed
    # The balance is exports minus imports whatever flow is shown: its figure did not change,
    # so the answer left it out (no_update) and the page did not redraw it.
    assert ids.graph("balance") not in changed

    def sent() -> set[str]:
        return {g for a in page.answers for g in GRAPHS if "figure" in a.get(g, {})}

    page.change(ids.FLOW, "value", "import")
    assert ids.graph("balance") not in sent() and ids.graph("trend") in sent()
    # Choosing a profile country changes no Overview figure: none is sent.
    page.change(ids.PROFILE_SELECT, "value", "KAZ")
    assert page.requests and sent() == set()


def test_a_chart_s_table_is_sent_only_while_its_pane_is_open(client: FlaskClient) -> None:
    page = Renderer(client)
    trend_table = card.table_id("trend")
    assert not page.value(trend_table, "children")  # closed panes come empty
    page.change(ids.YEARS, "value", [2004, 2020])
    assert not any(trend_table in a for a in page.answers)
    # The reader opens the trend's table (the clientside switch shows the pane meanwhile).
    page.change(_key(card.switch_button("trend", "table")), "n_clicks", 1)
    assert page.requests and page.value(trend_table, "children")
    assert not any(card.table_id("balance") in a for a in page.answers)
    page.props[_key(card.pane("trend", "table"))]["hidden"] = False
    page.change(ids.YEARS, "value", [2005, 2020])
    assert any(trend_table in a for a in page.answers)  # open: it follows the filters
    page.props[_key(card.pane("trend", "table"))]["hidden"] = True
    page.change(ids.YEARS, "value", [2006, 2020])
    # Closed and out of date: emptied (a cheap answer), filled again when opened.
    assert [a[trend_table]["children"] for a in page.answers if trend_table in a] == [None]

"""Corridor map, callback tier: full figure then Patch, clicks, URL round trip, reply sizes."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import sys
from typing import Any

import plotly.graph_objects as go
import pytest
from dash import Dash, Patch
from map_helpers import MAX_FIGURE_BYTES, _apply, _figure, _jsonable

from app import create_app
from callbacks.corridors import map_update
from callbacks.state import country_from_click
from components import ids
from data.loading import Tables
from data.map import map_view, shading_view
from data.state import DEFAULT_STATE, ViewState, parse_query, to_query
from figures.corridor_map import (
    CHOROPLETH_TRACE,
)
from settings import GRAPH_CONFIG

# ---------------------------------------------------------------- callbacks


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


def test_the_map_graph_in_the_layout_points_at_the_vendored_topojson(app: Dash) -> None:
    layout = app.server.test_client().get("/_dash-layout").get_json()

    def find(node: Any) -> dict | None:
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == ids.MAP_GRAPH:
                return props
            return next((f for v in props.values() if (f := find(v))), None)
        if isinstance(node, list):
            return next((f for v in node if (f := find(v))), None)
        return None

    graph = find(layout)
    assert graph is not None
    assert graph["config"]["topojsonURL"] == GRAPH_CONFIG["topojsonURL"]
    topojson = app.server.test_client().get(graph["config"]["topojsonURL"] + "asia_50m.json")
    assert topojson.status_code == 200 and b'"countries"' in topojson.data
    topojson.close()


def _store(state: ViewState) -> dict[str, Any]:
    return dataclasses.asdict(state)


def _deps(app: Dash) -> list[dict]:
    return app.server.test_client().get("/_dash-dependencies").get_json()


def _post(app: Dash, output: str, inputs: dict[str, Any], state: dict[str, Any], changed: str):
    """Post one callback the way the renderer does; values keyed 'id.property'."""
    dep = next(d for d in _deps(app) if d["output"] == output)

    def items(specs: list[dict], values: dict[str, Any]) -> list[Any]:
        out: list[Any] = []
        for spec in specs:
            if spec["id"].startswith("{"):  # pattern-matching ALL: no matching components
                out.append([])
            else:
                key = f"{spec['id']}.{spec['property']}"
                # A value not given is one the page has not filled (a view store: None).
                value = values.get(key)
                out.append({"id": spec["id"], "property": spec["property"], "value": value})
        return out

    parts = output.strip(".").split("...")
    outputs = [
        {"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]}
        for p in parts
        if not p.startswith("{")
    ]
    body = {
        "output": output,
        "outputs": outputs if len(parts) > 1 else outputs[0],
        "inputs": items(dep["inputs"], inputs),
        "state": items(dep["state"], state),
        "changedPropIds": [changed],
    }
    return app.server.test_client().post("/_dash-update-component", json=body)


MAP_STORE = ids.view_store("map")  # the map follows the Map view's store
MAP_OUTPUT = (
    f"..{ids.MAP_GRAPH}.figure...{ids.MAP_CAPTION}.children...{ids.MAP_DRAWN}.data"
    f"...{ids.MAP_GRAPH}.config.."
)


def _post_map(app: Dash, state: ViewState, current: Any):
    """The map callback as the browser posts it: `current` is None before the first figure."""
    return _post(
        app,
        MAP_OUTPUT,
        {f"{MAP_STORE}.data": _store(state)},
        {f"{ids.MAP_DRAWN}.data": current is not None},
        f"{MAP_STORE}.data",
    )


def test_map_callback_sends_a_figure_first_then_patches_only_the_shading(
    tables: Tables,
) -> None:
    figure, caption = map_update(tables, _store(DEFAULT_STATE), None)
    assert isinstance(figure, go.Figure)
    assert "Shading: trade turnover (exports + imports) in 2020," in caption
    full = _jsonable(figure)
    changed = DEFAULT_STATE.with_(flow="balance", years=(2000, 2018), country="UZB")
    patch, caption = map_update(tables, _store(changed), full)
    assert isinstance(patch, Patch)
    assert "trade balance (exports − imports) in 2018" in caption
    ops = _jsonable(patch.to_plotly_json())
    locations = {tuple(op["location"][:2]) for op in ops["operations"]}
    assert locations == {
        ("data", CHOROPLETH_TRACE),
        ("data", CHOROPLETH_TRACE + 1),
        ("layout", "annotations"),  # the empty-state note
    }
    # Applied to the old figure, the Patch gives exactly what a whole new figure would.
    patched = _apply(full, ops)
    expected = _jsonable(_figure(tables, changed))
    assert patched == expected


def test_the_patch_path_builds_no_corridor_lines(
    tables: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lines do not depend on the filters: a recolour must not pay for them.
    def refuse(*_: Any) -> None:
        raise AssertionError("corridor lines built for a Patch")

    monkeypatch.setattr("data.map.view.corridor_lines", refuse)
    monkeypatch.setattr("callbacks.corridors.map_view", refuse)
    patch, caption = map_update(tables, _store(DEFAULT_STATE.with_(flow="export")), True)
    assert (
        isinstance(patch, Patch)
        and caption == shading_view(tables, DEFAULT_STATE.with_(flow="export")).caption
    )


def test_the_caption_dates_every_source_and_gives_no_ui_instructions(tables: Tables) -> None:
    caption = map_view(tables, DEFAULT_STATE).caption
    for fragment in (
        "ANKASAM 2023",
        "Jahanzaib 2024",
        "as of 2023–2024",
        "Global Energy Monitor",
        "commit 15c3f54",
        "workbook snapshot of 2022-02-02",
        "All lines except TAPI are schematic",
        "±0.05°",
    ):
        assert fragment in caption, fragment
    # The caption is the exported image's footer: nothing about clicking or hovering.
    assert not re.search(r"\b(click|hover|tap)\b", caption, re.IGNORECASE)
    # Figures from other sources carry their retrieval date instead of the DOTS vintage.
    fiscal = map_view(tables, DEFAULT_STATE.with_(basis="fiscal", years=(2005, 2016))).caption
    assert "2022-02-02" not in fiscal and "retrieved 20" in fiscal


def test_map_callback_over_http_full_figure_then_patch(app: Dash) -> None:
    first = _post_map(app, DEFAULT_STATE, None)
    assert first.status_code == 200
    full = first.get_json()["response"][ids.MAP_GRAPH]["figure"]
    assert len(full["data"]) >= 3 + 7 and "geo" in full["layout"]
    second = _post_map(app, DEFAULT_STATE.with_(flow="export"), full)
    assert second.status_code == 200
    body = second.get_json()["response"]
    patch = body[ids.MAP_GRAPH]["figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert "data" not in patch and "layout" not in patch
    assert all(
        op["location"][0] == "data" or op["location"][:2] == ["layout", "annotations"]
        for op in patch["operations"]
    )
    assert "Shading: Pakistan's exports in 2020," in body[ids.MAP_CAPTION]["children"]


def test_no_figure_values_travel_as_null_not_nan(app: Dash) -> None:
    response = _post_map(app, DEFAULT_STATE.with_(years=(1993, 1995)), None)
    text = response.get_data(as_text=True)
    assert "NaN" not in text  # NaN is not JSON: the browser would refuse the whole reply
    z = response.get_json()["response"][ids.MAP_GRAPH]["figure"]["data"][0]["z"]
    assert z[0] is None and z[1] > 0


SYNC_OUTPUT_START = f"..{ids.URL}.search"


def _sync(app: Dash, changed: str, **overrides: Any):
    """Post the URL/filter/store sync callback with default filter values."""
    dep = next(d for d in _deps(app) if d["output"].startswith(SYNC_OUTPUT_START))
    values: dict[str, Any] = {
        f"{ids.URL}.search": "",
        f"{ids.COUNTRIES}.value": list(DEFAULT_STATE.countries),
        f"{ids.YEARS}.value": list(DEFAULT_STATE.years),
        f"{ids.FLOW}.value": DEFAULT_STATE.flow,
        f"{ids.BASIS}.value": DEFAULT_STATE.basis,
        f"{ids.REPORTER}.value": DEFAULT_STATE.reporter,
        f"{ids.UNIT}.value": DEFAULT_STATE.unit,
        f"{ids.SCALE}.value": DEFAULT_STATE.scale,
        f"{ids.EVENTS}.value": DEFAULT_STATE.events,
        f"{ids.PROFILE_SELECT}.value": None,
        f"{ids.PROFILE_COMPARE}.value": None,
        f"{ids.MAP_GRAPH}.clickData": None,
        f"{ids.VIEW_TABS}.value": "map",
        f"{ids.URL}.href": "http://localhost/",
        f"{ids.STATE_STORE}.data": None,
    }
    values.update(overrides)
    known = {f"{s['id']}.{s['property']}" for s in [*dep["inputs"], *dep["state"]]}
    values = {k: v for k, v in values.items() if k in known}
    response = _post(app, dep["output"], values, values, changed)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body = response.get_json()["response"]
    # What the page shows after the answer: the sync leaves out the values the page holds
    # already (an output not in the answer keeps the value the page sent).
    for output in dep["output"].strip(".").split("..."):
        cid, prop = output.rsplit(".", 1)
        body.setdefault(cid, {}).setdefault(prop, values.get(output))
    return body


def test_a_place_carries_its_country_so_a_click_on_a_capital_selects_it(
    app: Dash, tables: Tables
) -> None:
    fig = _figure(tables)
    (places,) = [t for t in fig.data if t.name.startswith("Places:")]
    index = list(tables.places["place_id"]).index("astana")
    customdata = list(places.customdata[index])
    assert customdata[:2] == ["KAZ", "Astana"]
    click = {"points": [{"curveNumber": len(fig.data) - 1, "customdata": customdata}]}
    body = _sync(app, f"{ids.MAP_GRAPH}.clickData", **{f"{ids.MAP_GRAPH}.clickData": click})
    assert body[ids.STATE_STORE]["data"]["country"] == "KAZ"


def test_clicking_a_car_on_the_map_selects_it(app: Dash) -> None:
    click = {"points": [{"location": "KAZ", "curveNumber": 0, "pointNumber": 1, "z": 59.75}]}
    body = _sync(app, f"{ids.MAP_GRAPH}.clickData", **{f"{ids.MAP_GRAPH}.clickData": click})
    assert body[ids.STATE_STORE]["data"]["country"] == "KAZ"
    assert "country=KAZ" in body[ids.URL]["search"]
    assert body[ids.PROFILE_SELECT]["value"] == "KAZ"
    assert body[ids.NOTICES]["children"] is None


@pytest.mark.parametrize(
    "point",
    [
        {"location": "PAK", "curveNumber": 2, "pointNumber": 0, "text": "Pakistan"},  # context
        {"curveNumber": 3, "pointNumber": 4, "lon": 66.45, "lat": 30.92, "text": "<b>TAPI</b>"},
        # A place outside the CARs: its customdata starts with its country, not a CAR.
        {"curveNumber": 10, "pointNumber": 20, "customdata": ["AFG", "Kabul", "capital", ""]},
        {"curveNumber": 0},
    ],
    ids=["context-country", "corridor", "place", "bare"],
)
def test_a_click_on_anything_but_a_car_is_ignored(app: Dash, point: dict) -> None:
    click = {"points": [point]}
    body = _sync(
        app,
        f"{ids.MAP_GRAPH}.clickData",
        **{f"{ids.MAP_GRAPH}.clickData": click, f"{ids.PROFILE_SELECT}.value": "UZB"},
    )
    assert body[ids.STATE_STORE]["data"]["country"] == "UZB"  # the open profile stays
    assert body[ids.NOTICES]["children"] is None


@pytest.mark.parametrize(
    ("click", "expected"),
    [
        ({"points": [{"location": "KAZ", "curveNumber": 0}]}, "KAZ"),
        ({"points": [{"location": "TKM", "curveNumber": 1}]}, "TKM"),  # the grey no-figure layer
        ({"points": [{"location": "PAK", "curveNumber": 2}]}, None),
        ({"points": [{"customdata": ["KAZ", "Astana", "capital", ""]}]}, "KAZ"),  # a place
        ({"points": [{"customdata": ["CHN", "Kashgar", "city", ""]}]}, None),
        ({"points": []}, None),
        ({}, None),
        (None, None),
        ("KAZ", None),
    ],
)
def test_country_from_click(click: Any, expected: str | None) -> None:
    assert country_from_click(click) == expected


def test_country_in_the_url_round_trips_and_a_bad_one_gives_a_notice(app: Dash) -> None:
    state, notices = parse_query("?country=KAZ")
    assert (state.country, notices) == ("KAZ", [])
    assert to_query(state) == "country=KAZ"
    assert parse_query(to_query(state)) == (state, [])
    assert parse_query("country=kaz")[0].country == "KAZ"
    bad, notices = parse_query("country=XXX")
    assert bad.country is None and any("XXX" in n for n in notices)
    # Through the app: the URL opens the profile, or shows the notice.
    body = _sync(app, f"{ids.URL}.search", **{f"{ids.URL}.search": "?country=KAZ"})
    assert body[ids.STATE_STORE]["data"]["country"] == "KAZ"
    assert body[ids.URL]["search"] == "?country=KAZ"
    body = _sync(app, f"{ids.URL}.search", **{f"{ids.URL}.search": "?country=XXX"})
    assert body[ids.STATE_STORE]["data"]["country"] is None
    assert "XXX" in json.dumps(body[ids.NOTICES]["children"])


# ---------------------------------------------------------------- measurements


def test_map_reply_sizes(app: Dash, capsys: pytest.CaptureFixture[str]) -> None:
    full = _post_map(app, DEFAULT_STATE, None)
    figure = full.get_json()["response"][ids.MAP_GRAPH]["figure"]
    patch = _post_map(app, DEFAULT_STATE.with_(flow="balance", country="KAZ"), figure)
    full_bytes, patch_bytes = len(full.data), len(patch.data)
    assert full_bytes <= MAX_FIGURE_BYTES
    assert patch_bytes < 8 * 1024 and patch_bytes * 5 < full_bytes  # the point of patching
    with capsys.disabled():
        sys.stdout.write(
            f"\n[map] full figure reply {full_bytes / 1024:.1f} kB "
            f"(gzip {len(gzip.compress(full.data)) / 1024:.1f} kB); "
            f"Patch reply {patch_bytes / 1024:.1f} kB "
            f"(gzip {len(gzip.compress(patch.data)) / 1024:.1f} kB)\n"
        )

"""Property-based fuzzing: URL state, download endpoints, every callback and broken CSV cells.

`make test` runs a few examples of each (Hypothesis profile "default"); `make fuzz` runs the
same properties long (profile "fuzz", HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import csv
import json
import logging
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from dash import Dash
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from data.loading import DataValidationError, Tables, load_tables
from data.state import (
    BASIS_CHOICES,
    FLOW_CHOICES,
    REPORTER_CHOICES,
    SCALE_CHOICES,
    UNIT_CHOICES,
    YEAR_BOUNDS,
    parse_query,
    to_query,
)
from export import image_routes
from export.image_routes import parse_image_query
from settings import DATA_DIR

KEYS = ["countries", "years", "flow", "basis", "reporter", "unit", "scale", "country"]
KEYS += ["compare", "events", "chart", "width", "height", "scale_factor", "bogus"]
WORDS = [*FLOW_CHOICES, *BASIS_CHOICES, *REPORTER_CHOICES, *UNIT_CHOICES, *SCALE_CHOICES]
WORDS += ["KAZ", "UZB,KAZ", "kaz", "XXX", "2005-2020", "2020", "1800-1900", "1", "0", "", "-"]
WORDS += ["trend", "map", "profile", "1400", "99999", "2.5", "nan", "inf", "–", "KAZ,,UZB"]

values = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
queries = st.lists(st.tuples(st.sampled_from(KEYS), values), max_size=6).map(urlencode)
raw_queries = st.one_of(queries, st.text(max_size=40))
# What a (broken or hostile) browser can post as a callback value.
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(WORDS),
        st.text(max_size=8),
    ),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from([*KEYS, "points", "location", "data"]), children, max_size=4
        )
    ),
    max_leaves=8,
)

FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(raw_queries)
def test_any_query_parses_to_a_valid_state_that_round_trips(query: str) -> None:
    state, notices = parse_query(query)
    assert all(isinstance(n, str) and n for n in notices)
    assert state.flow in FLOW_CHOICES and state.basis in BASIS_CHOICES
    assert state.countries and YEAR_BOUNDS[0] <= state.years[0] <= state.years[1] <= YEAR_BOUNDS[1]
    assert parse_query(to_query(state)) == (state, [])


@FUZZ
@given(raw_queries)
def test_image_queries_fail_only_with_a_plain_value_error(query: str) -> None:
    try:
        ask = parse_image_query(query)
    except ValueError as err:
        assert str(err).startswith("Invalid parameters: ")
    else:
        assert 600 <= ask.width <= 3000 and 1 <= ask.scale <= 4


class StubRenderer:
    """Stands in for Kaleido: the endpoints' parsing and answers, not the drawing, are fuzzed."""

    def render(self, fig: Any, fmt: str, width: int, height: int, scale: float, timeout: float):
        return b"%PDF stub" if fmt == "pdf" else b"stub"


@pytest.fixture(scope="module")
def fuzz_app(tables: Tables) -> Dash:
    """The app with the callback error handler off: an exception must surface as a 500 here."""
    app = create_app(tables)
    app._on_error = None
    return app


@FUZZ
@given(
    path=st.sampled_from(["data.csv", "data.xlsx", "trend.png", "map.svg", "profile.pdf"]),
    query=queries,
)
def test_download_endpoints_answer_a_file_or_a_plain_4xx(
    fuzz_app: Dash, monkeypatch: pytest.MonkeyPatch, path: str, query: str
) -> None:
    monkeypatch.setattr(image_routes, "default_renderer", StubRenderer)
    response = fuzz_app.server.test_client().get(f"/download/{path}?{query}")
    assert response.status_code in (200, 400, 404), response.data[:300]
    if response.status_code != 200:
        assert response.mimetype == "text/plain" and b"Traceback" not in response.data


def _callbacks(app: Dash) -> list[dict]:
    return app.server.test_client().get("/_dash-dependencies").get_json()


@FUZZ
@given(data=st.data())
def test_every_callback_answers_any_input_without_a_500(fuzz_app: Dash, data: st.DataObject):
    deps = _callbacks(fuzz_app)
    dep = data.draw(st.sampled_from(deps), label="callback")
    outputs = [
        {"id": _id(o.rsplit(".", 1)[0]), "property": o.rsplit(".", 1)[1]}
        for o in dep["output"].strip(".").split("...")
    ]
    if any(isinstance(o["id"], dict) for o in outputs):
        return  # pattern-matching outputs: their ids come from the layout, not from a client
    inputs = [_dependency(i, data) for i in dep["inputs"]]
    singles = [i for i, sent in zip(dep["inputs"], inputs, strict=True) if sent != []]
    changed = data.draw(st.sampled_from(singles or dep["inputs"]), label="trigger")
    payload = {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": [f"{changed['id']}.{changed['property']}"],
        "state": [_dependency(s, data) for s in dep["state"]],
    }
    logging.disable(logging.CRITICAL)
    try:
        response = fuzz_app.server.test_client().post("/_dash-update-component", json=payload)
    finally:
        logging.disable(logging.NOTSET)
    if dep.get("clientside_function"):  # runs in the browser: the server refuses it plainly
        assert response.status_code == 400, dep["output"]
        return
    assert response.status_code in (200, 204), (dep["output"], payload["inputs"])


def _dependency(dep: dict, data: st.DataObject) -> Any:
    """An input or state as the page sends it: an ALL pattern as the list of its matches (none
    here), anything else as one object with an arbitrary JSON value."""
    ident = _id(dep["id"])
    if isinstance(ident, dict) and ["ALL"] in ident.values():
        return []
    return {"id": ident, "property": dep["property"], "value": data.draw(json_values)}


def _id(raw: str) -> Any:
    return json.loads(raw) if raw.startswith("{") else raw


@pytest.fixture(scope="module")
def trade_rows() -> list[list[str]]:
    with (DATA_DIR / "trade.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@FUZZ
@given(data=st.data())
def test_a_broken_cell_is_named_by_file_row_and_column(
    tmp_path_factory: pytest.TempPathFactory, trade_rows: list[list[str]], data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("data")
    for table in DATA_DIR.glob("*.csv"):
        shutil.copy(table, folder / table.name)
    header, body = trade_rows[0], trade_rows[1:]
    row = data.draw(st.integers(0, len(body) - 1), label="row")
    column = data.draw(st.sampled_from(header), label="column")
    value = data.draw(st.one_of(st.sampled_from(WORDS), st.text(max_size=10)), label="value")
    rows = [list(r) for r in body]
    rows[row][header.index(column)] = value
    with (folder / "trade.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    try:
        tables = load_tables(folder)
    except DataValidationError as err:
        line = row + 2  # the header is line 1
        assert any(p.file == "trade.csv" and p.row == line for p in err.problems), [
            str(p) for p in err.problems
        ]
    else:
        counts = tables.counts["trade.csv"]
        assert counts == (len(body), len(body))  # nothing dropped silently
    finally:
        shutil.rmtree(Path(folder), ignore_errors=True)

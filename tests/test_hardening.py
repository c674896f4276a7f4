"""Hostile requests get a plain 4xx and no ERROR log; bodies are bounded; exports are rate-limited
and their queue bounded; the CSP allows only this host's scripts and Dash's hashed inline ones."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import threading
import time
from typing import Any

import pytest
from dash import ALL, Dash, Input, Output, dcc, html
from flask.testing import FlaskClient

import hardening
from app import create_app
from data.loading import Tables
from export import image_routes, limits
from export.renderer import RenderTimeout

UPDATE = "/_dash-update-component"
PROFILE = "profile-body.children"


class StubRenderer:
    """Stands in for Kaleido: these tests are about the answers, not the drawing."""

    calls = 0

    def render(self, fig: Any, fmt: str, width: int, height: int, scale: float, timeout: float):
        StubRenderer.calls += 1
        return b"%PDF stub" if fmt == "pdf" else b"stub"


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


@pytest.fixture
def client(app: Dash, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr(image_routes, "default_renderer", StubRenderer)
    return app.server.test_client()


def profile_payload(**changes: Any) -> dict[str, Any]:
    """The body the page sends for the profile panel, with `changes` applied."""
    body: dict[str, Any] = {
        "output": PROFILE,
        "outputs": {"id": "profile-body", "property": "children"},
        "inputs": [{"id": "view-countries-state", "property": "data", "value": {}}],
        "changedPropIds": ["view-countries-state.data"],
        "state": [],
    }
    body.update(changes)
    return body


LINK_PATTERN = {"type": "download-link", "chart": ALL, "fmt": ALL}


@pytest.fixture(scope="module")
def links_app() -> Dash:
    """A hardened page with one pattern-matching callback, ALL outputs and an ALL input: the
    shape the download links had while they were a server callback (the dashboard builds them
    in the browser now, and its server callbacks have no pattern outputs left)."""
    app = Dash(__name__)
    link = {"type": "download-link", "chart": "trend", "fmt": "png"}
    app.layout = html.Div(
        [
            dcc.Store(id="app-state"),
            html.A(id=link),
            html.A(id="app-download-csv"),
            html.A(id="app-download-xlsx"),
        ]
    )

    @app.callback(
        Output(LINK_PATTERN, "href"),
        Output("app-download-csv", "href"),
        Output("app-download-xlsx", "href"),
        Input("app-state", "data"),
        Input(LINK_PATTERN, "id"),
    )
    def links(_state: Any, found: list[dict]) -> tuple:
        return [f"/download/{i['chart']}.{i['fmt']}" for i in found], "/d.csv", "/d.xlsx"

    hardening.harden(app)
    return app


@pytest.fixture(scope="module")
def links_client(links_app: Dash) -> FlaskClient:
    return links_app.server.test_client()


def links_payload(app: Dash) -> dict[str, Any]:
    """The body a page sends for the download links (pattern-matching input and outputs)."""
    output = next(k for k in app.callback_map if "download-link" in k)
    link = {"chart": "trend", "fmt": "png", "type": "download-link"}
    return {
        "output": output,
        "outputs": [
            [{"id": link, "property": "href"}],
            {"id": "app-download-csv", "property": "href"},
            {"id": "app-download-xlsx", "property": "href"},
        ],
        "inputs": [
            {"id": "app-state", "property": "data", "value": None},
            [{"id": link, "property": "id", "value": link}],
        ],
        "changedPropIds": ["app-state.data"],
        "state": [],
    }


def test_the_page_s_own_callback_bodies_pass(
    client: FlaskClient, links_client: FlaskClient, links_app: Dash
) -> None:
    assert client.post(UPDATE, json=profile_payload()).status_code == 200
    assert links_client.post(UPDATE, json=links_payload(links_app)).status_code == 200
    changed = links_payload(links_app)
    changed["changedPropIds"] = ['{"chart":"trend","fmt":"png","type":"download-link"}.id']
    assert links_client.post(UPDATE, json=changed).status_code == 200


BAD_CALLBACKS: list[tuple[str, Any, str]] = [
    (
        "unknown output",
        {"output": "x.children", "outputs": {"id": "x", "property": "children"}, "inputs": []},
        "No callback has the output 'x.children'",
    ),
    ("output not a string", {"output": 42, "inputs": []}, "'output' (a string)"),
    ("no output", {"inputs": []}, "'output' (a string)"),
    ("a JSON list", [profile_payload()], "must be a JSON object"),
    ("a JSON string", "profile-body.children", "must be a JSON object"),
    ("missing inputs", profile_payload(inputs=None), "'inputs' must list 1 item"),
    ("too many inputs", profile_payload(inputs=[{}, {}]), "'inputs' must list 1 item"),
    (
        "input of another component",
        profile_payload(inputs=[{"id": "map-graph", "property": "data", "value": 1}]),
        "names id 'map-graph'",
    ),
    (
        "input with another property",
        profile_payload(
            inputs=[{"id": "view-countries-state", "property": "children", "value": 1}]
        ),
        "names property 'children'",
    ),
    (
        "input not an object",
        profile_payload(inputs=["view-countries-state.data"]),
        "must be an object",
    ),
    (
        "input without id",
        profile_payload(inputs=[{"property": "data", "value": 1}]),
        "must be an object with 'id'",
    ),
    (
        "outputs of another callback",
        profile_payload(outputs={"id": "map-graph", "property": "figure"}),
        "names id 'map-graph'",
    ),
    (
        "outputs carrying a value",
        profile_payload(outputs={"id": "profile-body", "property": "children", "value": 1}),
        "carries no value",
    ),
    ("outputs missing", profile_payload(outputs=None), "must be an object"),
    ("state where none is declared", profile_payload(state=[{}]), "'state' must list 0"),
    ("changedPropIds not a list", profile_payload(changedPropIds="x"), "'changedPropIds'"),
    (
        "changedPropIds naming no input",
        profile_payload(changedPropIds=["<script>alert(1)</script>.value"]),
        "not an input",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "message"), BAD_CALLBACKS, ids=[c[0] for c in BAD_CALLBACKS]
)
def test_a_malformed_callback_request_is_a_plain_400(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, case: str, body: Any, message: str
) -> None:
    caplog.set_level(logging.INFO)
    response = client.post(UPDATE, json=body)
    assert response.status_code == 400, case
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/plain" and message in text
    assert text.startswith("Bad callback request: ") and "Traceback" not in text
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].exc_info is None


def test_pattern_ids_that_do_not_match_are_a_400(
    client: FlaskClient, links_client: FlaskClient, links_app: Dash
) -> None:
    app = links_app
    wrong_keys = links_payload(app)
    wrong_keys["inputs"][1] = [{"id": {"type": "download-link"}, "property": "id", "value": 1}]
    other_type = links_payload(app)
    other_type["outputs"][0] = [
        {"id": {"chart": "x", "fmt": "y", "type": "other"}, "property": "href"}
    ]
    nested = links_payload(app)
    nested["inputs"][1] = [
        {"id": {"chart": {"a": 1}, "fmt": "y", "type": "download-link"}, "property": "id"}
    ]
    fewer_outputs = links_payload(app)
    fewer_outputs["outputs"][0] = []
    fewer_inputs = links_payload(app)
    fewer_inputs["inputs"][1] = []
    id_not_itself = links_payload(app)
    id_not_itself["inputs"][1][0]["value"] = "<b>x</b>"
    # An ALL pattern's matches sent as one object instead of their list (Dash answered 500).
    one_object_in = links_payload(app)
    one_object_in["inputs"][1] = one_object_in["inputs"][1][0]
    one_object_out = links_payload(app)
    one_object_out["outputs"][0] = one_object_out["outputs"][0][0]
    list_for_plain = profile_payload(inputs=[[profile_payload()["inputs"][0]]])
    bodies = (wrong_keys, other_type, nested, fewer_outputs, fewer_inputs, id_not_itself)
    for body in (*bodies, one_object_in, one_object_out):
        response = links_client.post(UPDATE, json=body)
        assert response.status_code == 400, body
        assert "Bad callback request" in response.get_data(as_text=True)
    response = client.post(UPDATE, json=list_for_plain)
    assert response.status_code == 400
    assert "Bad callback request" in response.get_data(as_text=True)


def test_a_body_that_is_not_json_is_a_plain_400(client: FlaskClient) -> None:
    for data, kind in (
        ("{not json", "application/json"),
        (json.dumps(profile_payload()), "text/plain"),
        ("", "application/json"),
        ("\xff\xfe", "application/json"),
    ):
        response = client.post(UPDATE, data=data, content_type=kind)
        assert response.status_code == 400, (data, kind)
        assert "must be JSON" in response.get_data(as_text=True)


def test_a_huge_body_is_refused_413_before_it_is_parsed(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    huge = b'{"output": "' + b"x" * (30 * 1024 * 1024) + b'"}'
    response = client.post(UPDATE, data=huge, content_type="application/json")
    assert response.status_code == 413
    assert response.get_data(as_text=True) == (
        f"Request body too large: the limit is {hardening.DEFAULT_MAX_BODY} bytes.\n"
    )
    assert all(r.levelno < logging.ERROR for r in caplog.records)


def test_the_body_limit_is_configurable(tables: Tables, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(hardening.MAX_BODY_ENV, "300")
    client = create_app(tables).server.test_client()
    assert client.post(UPDATE, json=profile_payload()).status_code == 200  # 200-odd bytes
    padded = profile_payload(
        inputs=[{"id": "view-countries-state", "property": "data", "value": "x" * 300}]
    )
    assert client.post(UPDATE, json=padded).status_code == 413


HOSTILE_GETS = [
    "/_dash-component-suites/nope/x.js",
    "/download/../app.py",
    "/download/%2e%2e/app.py",
    "/download/%2e%2e%2fsettings.py",
    "/download/..%2f..%2fetc%2fpasswd",
    "/download/%2e%2e%2f%2e%2e%2fetc%2fpasswd.png",
    "/download/data.csv/../../app.py",
    "/download/<script>alert(1)</script>.png",
    "/assets/../app.py",
    "/assets/%2e%2e/app.py",
    "/assets/%2e%2e%2fsettings.py",
    "/assets/..%2f..%2fetc%2fpasswd",
    "/assets/vendor/../../app.py",
    "/assets/..%5csettings.py",
    "/assets/%252e%252e/app.py",
    "/assets/nope.js",
    "/_dash-component-suites/dash/../../../etc/passwd",
    "/_dash-component-suites/dash/%2e%2e/%2e%2e/app.py",
    "/download/trend.png?width=100000",
    "/download/trend.png?width=-5",
    "/download/trend.png?width=nan",
    "/download/trend.png?height=99999999999999999999",
    "/download/trend.png?scale_factor=1e308",
    "/download/map.svg?width=600",
    "/download/trend.pdf?height=301",
    "/download/trend.png?countries=<script>alert(1)</script>",
    "/download/brief.pdf?country=<img src=x onerror=alert(1)>",
    "/download/brief.pdf",
    '/download/data.csv?flow="><script>alert(1)</script>',
    "/download/data.xlsx?years=1-99999999999999999999",
    "/download/profile.png?country=../../etc/passwd",
    "/download/trend.exe",
]


@pytest.mark.parametrize("url", HOSTILE_GETS)
def test_hostile_gets_answer_a_plain_4xx(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, url: str
) -> None:
    caplog.set_level(logging.INFO)
    StubRenderer.calls = 0
    response = client.get(url)
    body = response.get_data()
    assert 400 <= response.status_code < 500, (url, response.status_code)
    assert b"Traceback" not in body and b"<html" not in body.lower()
    assert response.mimetype == "text/plain"
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML
    assert StubRenderer.calls == 0
    assert all(r.levelno < logging.ERROR for r in caplog.records)
    assert b"import " not in body and b"root:" not in body  # no file content leaked


def test_html_in_the_page_query_is_not_reflected(client: FlaskClient) -> None:
    response = client.get('/?countries=<script>alert(1)</script>&country="><img src=x>')
    assert response.status_code == 200
    assert b"alert(1)" not in response.data and b"<img src=x>" not in response.data


def test_html_in_a_callback_value_comes_back_as_text(client: FlaskClient, app: Dash) -> None:
    deps = client.get("/_dash-dependencies").get_json()
    sync = next(d for d in deps if d["output"].startswith("..app-url.search"))
    callback = app.callback_map[sync["output"]]
    outputs = callback["output"]
    inputs: list[Any] = []
    for dep in callback["inputs"]:
        if dep["id"].startswith("{"):
            inputs.append([])  # a pattern-matching group with no member on the page
        else:
            value = "?countries=<script>alert(1)</script>" if dep["id"] == "app-url" else None
            inputs.append({"id": dep["id"], "property": dep["property"], "value": value})
    body = {
        "output": sync["output"],
        "outputs": [{"id": o.component_id, "property": o.component_property} for o in outputs],
        "inputs": inputs,
        "changedPropIds": ["app-url.search"],
        "state": [
            {"id": s["id"], "property": s["property"], "value": None} for s in callback["state"]
        ],
    }
    response = client.post(UPDATE, json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert "countries" in json.dumps(answer["app-notices"])  # the notice names the parameter
    assert "alert(1)" not in response.get_data(as_text=True)


def test_a_real_server_fault_still_logs_its_traceback(
    tables: Tables, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(tables)
    app._on_error = None  # no notice: the fault must surface as a 500

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("a bug in a callback")

    app.callback_map[PROFILE]["callback"] = broken
    caplog.set_level(logging.INFO)
    response = app.server.test_client().post(UPDATE, json=profile_payload())
    assert response.status_code == 500
    assert response.mimetype == "text/plain" and b"Traceback" not in response.data
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and any(r.exc_info and "a bug" in str(r.exc_info[1]) for r in errors)


def test_the_csp_allows_exactly_dash_s_inline_scripts(client: FlaskClient) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    script_src = directives["script-src"].split()
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    inline = [
        body
        for attrs, body in re.findall(
            # Scripts inside comments (Dash's <!--[if IE]> warning) never run.
            r"<script([^>]*)>(.*?)</script>",
            re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S),
            flags=re.S,
        )
        if "src=" not in attrs and "application/json" not in attrs
    ]
    assert inline, "Dash's renderer starts from an inline script"
    hashes = {
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    }
    assert hashes <= set(script_src)
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"


@pytest.fixture
def limited(tables: Tables, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    """An app with 2 exports per minute per client, on the stub renderer."""
    monkeypatch.setenv(limits.RATE_ENV, "2 per minute")
    monkeypatch.setattr(image_routes, "default_renderer", StubRenderer)
    return create_app(tables).server.test_client()


def test_exports_over_the_client_rate_answer_429_with_retry_after(
    limited: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    assert limited.get("/download/trend.png").status_code == 200
    assert limited.get("/download/map.svg").status_code == 200
    caplog.set_level(logging.INFO)
    assert limited.get("/download/brief.pdf?country=KAZ").status_code == 429
    response = limited.get("/download/trend.svg")
    assert response.status_code == 429
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).startswith("Too many exports: the limit is 2 per 1")
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert all(r.levelno < logging.ERROR for r in caplog.records)
    # Data downloads and the page are not counted; another client has its own allowance.
    assert limited.get("/download/data.csv").status_code == 200
    assert limited.get("/").status_code == 200
    other = limited.get("/download/trend.png", environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert other.status_code == 200


def test_the_export_rate_defaults_on_and_can_be_switched_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(limits.RATE_ENV, raising=False)
    assert limits.export_rate() == limits.DEFAULT_RATE
    monkeypatch.setenv(limits.RATE_ENV, "off")
    assert limits.export_rate() is None


class BlockingRenderer:
    """Holds every render until released, counting the renders in progress."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.inside = 0
        self.lock = threading.Lock()

    def render(self, fig: Any, fmt: str, width: int, height: int, scale: float, timeout: float):
        with self.lock:
            self.inside += 1
        self.release.wait(10)
        return b"stub"


def test_a_full_render_queue_answers_503_at_once(
    tables: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(limits.QUEUE_ENV, "2")
    blocking = BlockingRenderer()
    monkeypatch.setattr(image_routes, "default_renderer", lambda: blocking)
    server = create_app(tables).server
    answers: list[int] = []

    def export() -> None:
        answers.append(server.test_client().get("/download/trend.png").status_code)

    threads = [threading.Thread(target=export) for _ in range(2)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while blocking.inside < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert blocking.inside == 2
    # Answered while both renders are held (without the bound it would wait for the renderer).
    response = server.test_client().get("/download/brief.pdf?country=KAZ")
    blocking.release.set()
    for thread in threads:
        thread.join(10)
    assert response.status_code == 503 and blocking.inside == 2  # it never rendered
    assert response.headers["Retry-After"] == str(limits.QUEUE_RETRY_AFTER)
    assert "busy" in response.get_data(as_text=True)
    assert answers == [200, 200]
    assert server.test_client().get("/download/trend.png").status_code == 200  # slots freed


def test_a_renderer_timeout_answers_503_with_retry_after(
    tables: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    class TimingOut:
        def render(self, *_args: Any, **_kwargs: Any) -> bytes:
            raise RenderTimeout("rendering took longer than 20 s")

    monkeypatch.setattr(image_routes, "default_renderer", TimingOut)
    response = create_app(tables).server.test_client().get("/download/trend.png")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(limits.QUEUE_RETRY_AFTER)

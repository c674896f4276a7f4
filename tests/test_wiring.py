"""Wiring tier: layout IDs, callback IDs, security headers and bad callback input (Flask client)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from component_helpers import layout_ids
from dash import Dash

from app import SECURITY_HEADERS, create_app
from data.loading import Tables


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


@pytest.fixture(scope="module")
def client(app: Dash):
    return app.server.test_client()


def test_layout_ids_are_unique_and_cover_every_callback(client) -> None:
    layout = client.get("/_dash-layout").get_json()
    ids = layout_ids(layout)
    keys = [json.dumps(i, sort_keys=True) if isinstance(i, dict) else i for i in ids]
    assert len(keys) == len(set(keys)), "duplicate component IDs"
    plain = {i for i in ids if isinstance(i, str)}
    patterns = {i["type"] for i in ids if isinstance(i, dict)}
    deps = client.get("/_dash-dependencies").get_json()
    for dep in deps:
        for item in [*dep["inputs"], *dep["state"]]:
            cid = item["id"]
            if cid.startswith("{"):
                assert json.loads(cid)["type"] in patterns
            else:
                assert cid in plain, cid
        for output in dep["output"].strip(".").split("..."):
            cid = output.rsplit(".", 1)[0]
            if cid.startswith("{"):
                assert json.loads(cid)["type"] in patterns
            else:
                assert cid in plain, cid


def test_security_headers_and_no_external_assets(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    for key in SECURITY_HEADERS:
        assert key in response.headers
    html = response.get_data(as_text=True)
    assert "cdn." not in html and "unpkg" not in html and "googleapis" not in html
    assert "bootstrap" in html


def _sync_payload(app: Dash, values: dict[str, Any]) -> dict:
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    sync = next(d for d in deps if d["output"].startswith("..app-url.search"))
    inputs: list[Any] = []
    for item in sync["inputs"]:
        cid = item["id"]
        key = cid if not cid.startswith("{") else "group"
        value = values.get(key)
        if key == "group":
            inputs.append([])  # an ALL pattern with no matches on the page: an empty list
        else:
            inputs.append({"id": cid, "property": item["property"], "value": value})
    return {
        "output": sync["output"],
        "outputs": [
            {"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
            for o in sync["output"].strip(".").split("...")
        ],
        "inputs": inputs,
        "changedPropIds": [f"{ids_}.value" for ids_ in values if ids_ != "app-url"],
        "state": [{"id": s["id"], "property": s["property"], "value": None} for s in sync["state"]],
    }


SYNC_DEFAULTS: dict[str, Any] = {
    "app-url": "",
    "filters-countries": ["AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB"],
    "filters-years": [2000, 2020],
    "filters-flow": "turnover",
    "filters-basis": "calendar",
    "filters-reporter": "pakistan",
    "filters-unit": "million",
    "filters-scale": "linear",
    "filters-events": False,
    "profile-country": None,
    "profile-compare": None,
    "app-view-tabs": "overview",
}


def test_invalid_callback_values_give_a_notice_not_a_500(app: Dash) -> None:
    bad = {
        "filters-countries": ["KAZ", "NOPE"],
        "filters-years": ["a", "b"],
        "filters-flow": "sideways",
    }
    values = dict(SYNC_DEFAULTS, **bad)
    payload = _sync_payload(app, values)
    payload["changedPropIds"] = ["filters-flow.value"]
    response = app.server.test_client().post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = response.get_json()["response"]
    notice = json.dumps(body["app-notices"])
    assert "sideways" in notice and "year range" in notice
    assert body["filters-countries"]["value"] == ["KAZ"]
    assert body["app-url"]["search"].startswith("?countries=KAZ")


def test_data_download_csv_and_xlsx(client) -> None:
    response = client.get("/download/data.csv?countries=KAZ,UZB&years=2005-2020&flow=export")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "pak-car_view_KAZ-UZB_2005-2020_export.csv" in response.headers["Content-Disposition"]
    header = response.get_data(as_text=True).splitlines()[0].split(",")
    for column in ("partner_iso3", "year", "flow", "value_usd", "reporter", "basis", "source"):
        assert column in header
    xlsx = client.get("/download/data.xlsx?countries=KAZ")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/download/data.json", 404),
        ("/download/data.csv?countries=XXX", 400),
        ("/download/data.csv?years=1800-1900", 400),
        ("/download/data.csv?chart=pie", 400),
        ("/download/data.csv?flow=sideways", 400),
    ],
)
def test_bad_download_requests_are_plain_4xx(client, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/plain"
    assert "Traceback" not in response.get_data(as_text=True)


def test_narrowing_the_filter_to_one_country_opens_its_profile(app: Dash) -> None:
    values = dict(SYNC_DEFAULTS, **{"filters-countries": ["UZB"]})
    payload = _sync_payload(app, values)
    payload["changedPropIds"] = ["filters-countries.value"]
    body = app.server.test_client().post("/_dash-update-component", json=payload).get_json()
    assert body["response"]["profile-country"]["value"] == "UZB"
    assert "country=UZB" in body["response"]["app-url"]["search"]
    # Changing another filter with two countries selected leaves the profile alone.
    values["filters-countries"] = ["KAZ", "UZB"]
    payload = _sync_payload(app, values)
    payload["changedPropIds"] = ["filters-countries.value"]
    body = app.server.test_client().post("/_dash-update-component", json=payload).get_json()
    # (a value the page holds already is not sent again: the profile stays at None)
    assert body["response"].get("profile-country", {"value": None})["value"] is None


def _post_store_callback(client, output: str, store: Any) -> Any:
    """Post one value of the state store to the callback whose output starts with `output`."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].strip(".").startswith(output))
    outs = [
        {"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
        for o in dep["output"].strip(".").split("...")
    ]
    payload = {
        "output": dep["output"],
        "outputs": outs if dep["output"].startswith("..") else outs[0],
        "inputs": [
            {"id": dep["inputs"][0]["id"], "property": "data", "value": store},
            # The ranking's sort (nothing sent: the default) and the Table switches (ALL).
            *([] if i["id"].startswith("{") else {**i, "value": None} for i in dep["inputs"][1:]),
        ],
        "changedPropIds": [f"{dep['inputs'][0]['id']}.data"],
        "state": [
            []
            if s["id"].startswith("{")
            else {"id": s["id"], "property": s["property"], "value": None}
            for s in dep["state"]
        ],
    }
    return client.post("/_dash-update-component", json=payload)


@pytest.mark.parametrize("store", ["x", 5, [1, 2, 3], {"countries": 5, "years": "a"}])
def test_garbage_in_the_state_store_falls_back_to_the_default_view(client, store: Any) -> None:
    response = _post_store_callback(client, "trend-figure.data", store)
    assert response.status_code == 200
    caption = response.get_json()["response"]["trend-caption"]["children"]
    assert "IMF DOTS" in caption


@pytest.mark.parametrize("search", [5, ["?flow=export"], {"flow": "export"}])
def test_a_url_query_that_is_not_text_gives_a_notice(app: Dash, search: Any) -> None:
    payload = _sync_payload(app, dict(SYNC_DEFAULTS, **{"app-url": search}))
    payload["changedPropIds"] = ["app-url.search"]
    payload["state"][0] = {"id": "app-url", "property": "href", "value": 7}
    response = app.server.test_client().post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert "not text" in json.dumps(body["app-notices"])
    # The filters keep the page's values (turnover): not sent again.
    assert body.get("filters-flow", {"value": "turnover"})["value"] == "turnover"


def test_a_failing_callback_answers_200_with_a_visible_notice(
    tables: Tables, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import callbacks.profile

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(callbacks.profile, "profile_body", broken)
    client = create_app(tables).server.test_client()
    response = _post_store_callback(client, "profile-body.children", {"country": "KAZ"})
    assert response.status_code == 200
    body = response.get_json()
    assert "profile-body" not in body["response"]  # the failed output keeps its content
    assert "could not be updated" in json.dumps(body["sideUpdate"]["app-notices"])
    assert "Traceback" not in response.get_data(as_text=True)
    assert any("Callback failed" in r.message for r in caplog.records)


@pytest.mark.parametrize(
    "path", ["/download/.png", "/download/trend.", "/download/", "/download/a/b"]
)
def test_unknown_download_paths_are_plain_404s_not_the_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "text/plain"
    assert "Nothing to download" in response.get_data(as_text=True)


def test_strict_endpoints_say_what_is_wrong_not_that_it_was_ignored(client) -> None:
    text = client.get("/download/data.csv?countries=XXX").get_data(as_text=True)
    assert text == (
        "Invalid parameters: countries: unknown code(s) XXX (use AZE, KAZ, KGZ, TJK, TKM, UZB).\n"
    )
    assert "Ignored" not in client.get("/download/data.csv?flow=x").get_data(as_text=True)


def test_csv_content_type_has_one_charset_and_xlsx_links_the_default_view(client) -> None:
    from io import BytesIO

    import openpyxl

    response = client.get("/download/data.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    book = openpyxl.load_workbook(BytesIO(client.get("/download/data.xlsx").data))
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True)}
    assert about["permalink"] == "http://localhost/"


def test_an_unexpected_error_is_a_short_plain_500(
    tables: Tables, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import export.data_routes

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(export.data_routes, "figures_behind_view", broken)
    response = create_app(tables).server.test_client().get("/download/data.csv")
    assert response.status_code == 500 and response.mimetype == "text/plain"
    assert "Traceback" not in response.get_data(as_text=True)
    assert any("Unhandled error on /download/data.csv" in r.message for r in caplog.records)


def test_behind_a_trusted_proxy_permalinks_name_the_public_host(
    tables: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    from io import BytesIO

    import openpyxl

    import settings

    headers = {"X-Forwarded-Host": "trade.example.org", "X-Forwarded-Proto": "https"}

    def permalink(client) -> str:
        book = openpyxl.load_workbook(
            BytesIO(client.get("/download/data.xlsx", headers=headers).data)
        )
        return {row[0]: row[1] for row in book["about"].iter_rows(values_only=True)}["permalink"]

    assert permalink(create_app(tables).server.test_client()) == "http://localhost/"  # ignored
    monkeypatch.setattr(settings, "TRUSTED_PROXIES", 1)
    assert permalink(create_app(tables).server.test_client()) == "https://trade.example.org/"

"""Chart image and country brief endpoints, rendered by the real Kaleido (one browser per run)."""

from __future__ import annotations

import asyncio
import html
import io
import struct
import threading
import time
from collections.abc import Iterator
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from component_helpers import live_download_links
from flask.testing import FlaskClient
from pypdf import PdfReader

from callbacks.export import image_config
from charts.registry import CHARTS, brief_charts, build_chart
from components.layout import download_href
from data.loading import Tables
from data.schema import CAR_CODES
from data.state import ViewState, parse_query
from export import image_routes
from export.brief import headline_figures
from export.image_routes import parse_image_query
from export.limits import QUEUE_ENV
from export.renderer import ImageRenderer, default_renderer, topojson_url
from figures.theme import legend_rows

FORMATS = ("png", "svg", "pdf")
CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
# `profile` needs a country; the other charts ignore it.
VIEW = "countries=KAZ,UZB&years=2005-2020&flow=export&country=KAZ"


def png_size(body: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def svg_text(body: bytes) -> str:
    """The SVG's markup with entities decoded (titles hold apostrophes and dashes)."""
    return html.unescape(body.decode("utf-8"))


def needs_topojson(chart: str) -> None:
    """Maps render from the vendored topojson only: skip until it is in assets/."""
    if chart == "map" and topojson_url() is None:
        pytest.skip("assets/topojson/ is not vendored yet")


@pytest.fixture(scope="session")
def renderer() -> ImageRenderer:
    """The app's renderer (started once for the whole run)."""
    return default_renderer()


@pytest.fixture(scope="session")
def client(tables: Tables, renderer: ImageRenderer) -> Iterator[FlaskClient]:
    """A Flask test client on one app for every test here."""
    from app import create_app

    yield create_app(tables).server.test_client()
    renderer.close()


@pytest.mark.render
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("chart", list(CHARTS))
def test_every_chart_renders(client: FlaskClient, tables: Tables, chart: str, fmt: str) -> None:
    needs_topojson(chart)
    response = client.get(f"/download/{chart}.{fmt}?{VIEW}")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == CONTENT_TYPES[fmt]
    disposition = response.headers["Content-Disposition"]
    stem = (
        "pak-car_profile_KAZ" if chart == "profile" else f"pak-car_{chart}_KAZ-UZB_2005-2020_export"
    )
    assert f"{stem}.{fmt}" in disposition
    body = response.data
    if fmt == "png":
        width, height = png_size(body)
        assert width >= 1400
        assert height >= 300
    elif fmt == "pdf":
        assert body.startswith(b"%PDF")
    else:
        text = svg_text(body)
        state, _ = parse_query(VIEW)
        result = build_chart(tables, state, chart)
        assert result.title in text and result.subtitle in text
        if chart == "map":
            # The map shades all six CARs in the end year, whatever the selection: it says so.
            assert result.subtitle.startswith("All six CARs · 2020 · ")
            assert "Astana" in text and "Tashkent" in text  # capitals are labelled on the map
        else:
            assert "Kazakhstan" in text
            # The profile is of `country` alone; every other chart shows both countries.
            assert ("Uzbekistan" in text) is (chart != "profile")
        assert "Retrieved" in text  # the footer wraps: the permalink is on some line
        assert "http://localhost/?countries=KAZ,UZB&years=2005-2020&flow=export" in text


@pytest.mark.render
def test_size_parameters(client: FlaskClient) -> None:
    response = client.get("/download/trend.png?width=800&height=500&scale=2")
    assert response.status_code == 200
    assert png_size(response.data) == (1600, 1000)
    # `scale` stays the axis scale when it is not a number; `scale_factor` is the image scale.
    response = client.get("/download/trend.png?scale=log&scale_factor=1.5&width=600&height=640")
    assert response.status_code == 200
    assert png_size(response.data) == (900, 960)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("width=abc", "not a number"),
        ("width=599", "out of bounds"),
        ("width=3001", "out of bounds"),
        ("height=299", "out of bounds"),
        ("height=4000", "out of bounds"),
        ("scale=0.5", "out of bounds"),
        ("scale=5", "out of bounds"),
        ("scale_factor=big", "not a number"),
        ("countries=XXX", "unknown code(s) XXX"),
        ("flow=bogus", "flow"),
        ("years=1800-1900", "years"),
    ],
)
def test_bad_parameters_are_400(client: FlaskClient, query: str, words: str) -> None:
    response = client.get(f"/download/trend.png?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert words in response.data.decode()
    assert "Traceback" not in response.data.decode()


@pytest.mark.parametrize("path", ["/download/nope.png", "/download/trend.gif", "/download/x.y"])
def test_unknown_chart_or_format_is_404(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/plain"


def test_data_download_still_routed(client: FlaskClient) -> None:
    response = client.get("/download/data.csv?countries=KAZ")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"


@pytest.mark.render
def test_concurrent_exports_each_get_their_own_chart(
    tables: Tables, renderer: ImageRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import create_app

    charts = [c for c in CHARTS if c != "map" or topojson_url() is not None]
    # One export of every chart at once: the per-process render queue must admit them all (a
    # smaller queue answers the rest 503 by design: tests/test_hardening.py covers that).
    monkeypatch.setenv(QUEUE_ENV, str(len(charts)))
    app = create_app(tables).server
    jobs = [(charts[i % len(charts)], CAR_CODES[i % len(CAR_CODES)]) for i in range(len(charts))]
    assert {c for c, _ in jobs} == set(charts)  # every chart, the map included
    results: dict[int, tuple[int, str]] = {}

    def fetch(i: int, chart: str, code: str) -> None:
        with app.test_client() as own:
            r = own.get(f"/download/{chart}.svg?countries={code}&country={code}")
            results[i] = (r.status_code, svg_text(r.data) if r.status_code == 200 else "")

    threads = [threading.Thread(target=fetch, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    names = dict(zip(tables.countries["iso3"], tables.countries["name"], strict=True))
    for i, (chart, code) in enumerate(jobs):
        status, text = results[i]
        assert status == 200
        result = build_chart(tables, ViewState(countries=(code,), country=code), chart)
        assert result.title in text and result.subtitle in text
        if chart != "map":  # the map always shades all six: its subtitle says so
            assert names[code] in text


def hang_renders(monkeypatch: pytest.MonkeyPatch, renderer: ImageRenderer, caller: Any) -> None:
    """Every render hangs for a minute; `caller` (a module with RENDER_TIMEOUT) waits 1 s."""

    async def hang(spec: dict, opts: dict) -> bytes:
        await asyncio.sleep(60)
        return b""

    monkeypatch.setattr(caller, "RENDER_TIMEOUT", 1.0)
    monkeypatch.setattr(renderer, "_calc", hang)


@pytest.mark.render
def test_hung_render_answers_503_and_restarts(
    client: FlaskClient, renderer: ImageRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/download/trend.png").status_code == 200  # the browser is up
    starts, restarts = renderer.starts, renderer.restarts
    hang_renders(monkeypatch, renderer, image_routes)
    began = time.perf_counter()
    response = client.get("/download/trend.png")
    assert time.perf_counter() - began < 15  # 1 s timeout + closing the browser
    assert response.status_code == 503
    assert "timed out" in response.data.decode()
    assert renderer.restarts == restarts + 1
    assert not renderer.running

    monkeypatch.undo()
    response = client.get("/download/balance.png")
    assert response.status_code == 200
    assert renderer.starts == starts + 1


@pytest.mark.render
def test_a_dead_renderer_thread_is_replaced_and_its_browser_killed(
    client: FlaskClient, renderer: ImageRenderer
) -> None:
    # What dash_duo's teardown does to the threads a test started: the loop stops and closes.
    assert client.get("/download/trend.png").status_code == 200
    loop, thread, browser = renderer._loop, renderer._thread, renderer._kaleido.subprocess
    assert loop is not None and thread is not None
    starts, restarts = renderer.starts, renderer.restarts
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    assert not thread.is_alive() and loop.is_closed()

    began = time.perf_counter()
    response = client.get("/download/trend.svg")
    assert response.status_code == 200
    assert time.perf_counter() - began < 15  # no wait on the dead loop
    assert (renderer.starts, renderer.restarts) == (starts + 1, restarts + 1)
    assert browser.wait(timeout=10) is not None  # the orphan was killed


@pytest.mark.render
@pytest.mark.parametrize("code", CAR_CODES)
def test_country_brief_pdf(client: FlaskClient, tables: Tables, code: str) -> None:
    response = client.get(f"/download/brief.pdf?country={code}&years=2005-2020")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) >= 3
    first = reader.pages[0].extract_text()
    name = str(dict(zip(tables.countries["iso3"], tables.countries["name"], strict=True))[code])
    assert f"Pakistan–{name} trade brief" in first
    # The text ends with its sources (a long list runs over a page); a page per chart follows.
    texts = [p.extract_text() for p in reader.pages]
    n = len(brief_charts())
    assert any("Sources cited" in t for t in texts[:-n])
    assert f"Pakistan–{name} trade: " in texts[-n] and "Sources cited" not in "".join(texts[-n:])


@pytest.mark.parametrize("query", ["", "country=XYZ", "country=KAZ&flow=bogus"])
def test_brief_needs_a_valid_country(client: FlaskClient, query: str) -> None:
    response = client.get(f"/download/brief.pdf?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"


def test_headline_figures_add_up(tables: Tables) -> None:
    frame = headline_figures(tables, "KAZ")
    assert not frame.empty
    for row in frame.to_dict("records"):
        assert row["balance"] == pytest.approx(row["export"] - row["import"])
        assert row["turnover"] == pytest.approx(row["export"] + row["import"])
        assert 1 <= row["of"] <= len(CAR_CODES)
        # Rank and share only where enough CARs have a figure to make them meaningful.
        assert pd.isna(row["rank"]) or 1 <= row["rank"] <= row["of"]
        assert pd.isna(row["rank"]) == pd.isna(row["share_pct"])


def test_parse_image_query_defaults_and_scale() -> None:
    ask = parse_image_query("countries=KAZ&scale=log")
    assert (ask.width, ask.height, ask.scale) == (1400, None, 1.0)
    assert ask.state.scale == "log"
    ask = parse_image_query("scale=3&width=2000&height=900")
    assert (ask.width, ask.height, ask.scale) == (2000, 900, 3.0)
    assert ask.state.scale == "linear"


def test_legend_rows_counts_groups() -> None:
    import plotly.graph_objects as go

    fig = go.Figure([go.Scatter(name=f"Series {i}", legendgroup=str(i // 2)) for i in range(4)])
    assert legend_rows(fig, 2000) == 2  # two groups of two stacked entries, side by side
    assert legend_rows(fig, 100) == 4  # one group per row


def test_modebar_filenames_follow_filters() -> None:
    state, _ = parse_query("countries=KAZ,UZB&years=2005-2020&flow=export")
    patch = image_config(state, "trend").to_plotly_json()
    assert patch["operations"][0]["location"] == ["toImageButtonOptions", "filename"]
    assert patch["operations"][0]["params"]["value"] == "pak-car_trend_KAZ-UZB_2005-2020_export"


@pytest.mark.render
def test_a_height_too_small_for_the_chart_is_refused_with_the_minimum(client: FlaskClient) -> None:
    response = client.get("/download/balance.png?height=300")
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("height=300 leaves 50 px for the chart")
    need = int(text.split("needs at least ")[1].split(" px")[0])
    assert client.get(f"/download/balance.png?height={need}").status_code == 200
    assert client.get(f"/download/balance.png?height={need - 1}").status_code == 400


def test_narrow_images_wrap_the_title_instead_of_cutting_it() -> None:
    from figures.theme import decorate_for_export, export_bands

    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], name="a"))
    title = "Pakistan-reported vs partner-reported trade (IMF DOTS mirror)"
    bands = export_bands(fig, title=title, subtitle="x · " * 40, footer="f", width=600)
    lines = bands.title.split("<br>")
    assert len(lines) == 2 and all(len(line) <= 7 + (600 - 32) / 11.5 for line in lines)
    wide = export_bands(fig, title=title, subtitle="x", footer="f", width=1400)
    assert wide.title.count("<br>") == 0 and bands.top > wide.top  # the band grows with lines
    out = decorate_for_export(fig, title=title, subtitle="s", footer="f", width=600)
    assert out.layout.title.y < 1 - 16 / out.layout.height  # first line moved down into view


def test_log_axes_get_plain_1_2_5_ticks(tables: Tables) -> None:
    from figures.theme import log_ticks

    assert log_ticks([0.03, 14])["ticktext"] == [
        "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20",
    ]  # fmt: skip
    assert log_ticks([0.001, 3000])["tickvals"][0] == 0.001  # many decades: decades only
    state, _ = parse_query("countries=KAZ,UZB&years=2005-2020&scale=log")
    mirror = build_chart(tables, state, "mirror").figure
    assert "1" in mirror.layout.yaxis2.ticktext and mirror.layout.yaxis2.type == "log"


@pytest.mark.render
def test_a_hung_brief_answers_503(
    client: FlaskClient, renderer: ImageRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from export import brief

    hang_renders(monkeypatch, renderer, brief)
    began = time.perf_counter()
    response = client.get("/download/brief.pdf?country=KAZ")
    assert time.perf_counter() - began < 15
    assert response.status_code == 503 and response.mimetype == "text/plain"
    assert "timed out" in response.get_data(as_text=True)


@pytest.mark.render
def test_every_download_link_on_the_page_resolves(client: FlaskClient) -> None:
    """Each chart card's Download menu entry answers with a file (a 404 hid in the ranking's)."""
    found = live_download_links(client.get("/_dash-layout").get_json())
    links = sorted({(chart, fmt) for chart, fmt in found if chart})  # "": the whole view's data
    assert len(links) >= 6 * 5  # trend, balance, share, ranking, mirror, map × 3 images + 2 data
    for chart, fmt in links:
        response = client.get(download_href(chart, fmt, VIEW))
        assert response.status_code == 200, (chart, fmt, response.data[:200])


@pytest.mark.render
def test_the_map_keeps_its_shape_and_a_legible_width(client: FlaskClient) -> None:
    small = png_size(client.get("/download/map.png").data)
    wide = png_size(client.get("/download/map.png?width=2000").data)
    # Taller with the width (plot height = 0.75 × plot width; the footer wraps into fewer lines).
    assert wide[0] == 2000 and wide[1] > small[1] + 300
    narrow = client.get("/download/map.png?width=800")
    assert narrow.status_code == 400
    assert "use at least 1000 px" in narrow.get_data(as_text=True)
    assert client.get("/download/trend.png?width=800").status_code == 200

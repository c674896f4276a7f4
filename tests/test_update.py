"""`make update-data`: IMTS replies (recorded fixtures) -> derived years -> report -> safe write."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import requests
from lxml import etree

from app import create_app
from charts.registry import build_chart
from data.loading import load_tables
from data.state import parse_query
from data.update import imts
from data.update.__main__ import REWRITTEN, network_fetcher, run
from data.update.derive import SNAPSHOT_IN_RAW
from settings import DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "imts"
ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 2)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _fixture_fetcher(replies: dict[str, bytes]) -> Callable[[int, date, float], pd.DataFrame]:
    """Parse recorded replies through the same parse/tidy path as the network fetcher."""

    def fetch(start: int, retrieved: date, timeout: float) -> pd.DataFrame:
        frames = [
            imts.tidy(imts.parse(replies[q.name], q), q, retrieved) for q in imts.queries(start)
        ]
        return pd.concat(frames, ignore_index=True)

    return fetch


def _replies() -> dict[str, bytes]:
    return {name: (FIXTURES / f"{name}.xml").read_bytes() for name in ("pakistan", "partner")}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the app's CSVs to refresh (the real data/ is never written by tests)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in Path(DATA_DIR).glob("*.csv"):
        shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture
def refreshed(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The data copy after a refresh from the recorded 2019-2025 replies."""
    assert run(data_copy, _fixture_fetcher(_replies()), start=2019, today=TODAY) == 0
    capsys.readouterr()
    return data_copy


def _series(content: bytes, country: str, indicator: str, counterpart: str, freq: str) -> dict:
    """Observations of one series read straight from the XML (independent of the code)."""
    tree = etree.fromstring(content)
    for element in tree.iter("Series"):
        a = element.attrib
        if (a["COUNTRY"], a["INDICATOR"], a["COUNTERPART_COUNTRY"], a["FREQUENCY"]) == (
            country,
            indicator,
            counterpart,
            freq,
        ):
            scale = 10 ** int(a["SCALE"])
            return {o.get("TIME_PERIOD"): float(o.get("OBS_VALUE")) * scale for o in element}
    raise AssertionError("series not in fixture")


def test_no_network_exits_nonzero_with_one_line_and_data_untouched() -> None:
    before = _hashes(ROOT / "data")
    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    done = subprocess.run(
        [sys.executable, "-m", "data.update", "--timeout", "10"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    # ProxyError: the request really went through the (dead) proxy, so the test does not depend
    # on whether the machine running it has a network.
    assert lines[0].startswith("update-data failed: cannot reach the IMF API (ProxyError)")
    assert "network" in lines[0]
    assert _hashes(ROOT / "data") == before


def test_query_url_key_order_and_api_key_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(imts.API_KEY_ENV, "secret-key")
    pakistan, partner = imts.queries(1993)
    request = imts.request_for(imts.make_client(), partner)
    assert request.url is not None
    assert "/3.0/data/dataflow/IMF.STA/IMTS/" in request.url
    assert "/AZE+KAZ+KGZ+TJK+TKM+UZB.XG_FOB_USD+MG_CIF_USD.PAK.A+M?" in request.url
    assert "c%5BTIME_PERIOD%5D=ge%3A1993" in request.url
    assert request.headers[imts.API_KEY_HEADER] == "secret-key"
    assert "secret-key" not in request.url and "secret-key" not in partner.label
    assert pakistan.key.startswith("PAK.XG_FOB_USD+MG_CIF_USD.")


class _Adapter(requests.adapters.BaseAdapter):
    """Answers the client's requests from the fixtures (or with an HTTP status)."""

    def __init__(self, status: int = 200) -> None:
        super().__init__()
        self.status = status
        self.urls: list[str] = []

    def send(self, request, **kwargs):
        self.urls.append(request.url)
        response = requests.Response()
        response.status_code = self.status
        response.url = request.url
        name = "pakistan" if "/PAK." in request.url else "partner"
        response._content = (FIXTURES / f"{name}.xml").read_bytes() if self.status == 200 else b""
        return response

    def close(self) -> None:
        """Nothing to close."""


def _client_with(adapter: _Adapter, monkeypatch: pytest.MonkeyPatch) -> None:
    def make() -> object:
        client = imts.sdmx.Client(imts.SOURCE_ID)
        client.session.mount("https://", adapter)
        return client

    monkeypatch.setattr(imts, "make_client", make)


def test_network_fetcher_reads_both_replies_through_sdmx1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    adapter = _Adapter()
    _client_with(adapter, monkeypatch)
    obs = network_fetcher(tmp_path / "rec")(2019, TODAY, 5.0)
    assert len(adapter.urls) == 2
    assert set(obs["country"]) == {"PAK", "AZE", "KAZ", "KGZ", "TJK", "UZB"}
    assert (tmp_path / "rec" / "pakistan.xml").read_bytes() == (
        FIXTURES / "pakistan.xml"
    ).read_bytes()


def test_http_error_is_one_clear_line_and_nothing_written(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _client_with(_Adapter(status=403), monkeypatch)
    before = _hashes(data_copy)
    assert run(data_copy, network_fetcher(), today=TODAY) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [err[0]] and "HTTP 403" in err[0] and imts.API_KEY_ENV in err[0]
    assert _hashes(data_copy) == before


def test_timeout_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    class Slow(_Adapter):
        def send(self, request, **kwargs):
            raise requests.ReadTimeout("read timed out")

    _client_with(Slow(), monkeypatch)
    before = _hashes(data_copy)
    assert run(data_copy, network_fetcher(), timeout=7, today=TODAY) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "update-data failed: the IMF API did not answer the pakistan query within 7 s: "
        "try again later, or pass a longer --timeout"
    ]
    assert _hashes(data_copy) == before


def test_fixture_flows_into_tables_charts_and_download(refreshed: Path) -> None:
    tables = load_tables(refreshed)
    trade = tables.trade
    imts_rows = trade[trade["source_id"] == "imf_imts_pakistan"]
    cal = imts_rows[imts_rows["basis"] == "calendar"]
    assert sorted(set(cal["year"])) == [2021, 2022, 2023, 2024]
    assert cal["primary"].all()
    assert "series PAK.XG_FOB_USD.KAZ.A" in " ".join(cal["source_detail"])
    assert "retrieved 2026-12-02" in cal["source_detail"].iloc[0]
    expected = _series(_replies()["pakistan"], "PAK", "XG_FOB_USD", "KAZ", "A")["2023"]

    state, _ = parse_query("countries=KAZ&years=2015-2024&flow=export")
    result = build_chart(tables, state, "trend")
    kaz = dict(zip(result.figure.data[0].x, result.figure.data[0].y, strict=True))
    assert kaz[2023] == pytest.approx(expected / 1e6)  # US$ million on the axis
    assert "IMF IMTS, Pakistan-reported" in result.caption

    client = create_app(tables).server.test_client()
    csv = client.get("/download/data.csv?countries=KAZ&years=2021-2024&flow=export")
    assert csv.status_code == 200
    rows = pd.read_csv(io.StringIO(csv.get_data(as_text=True)))
    is_imts = rows["source"].str.contains("IMTS, Pakistan") & (rows["flow"] == "export")
    row = rows[(rows["year"] == 2023) & is_imts]
    assert len(row) == 1
    assert float(row["value_usd"].iloc[0]) == pytest.approx(expected)


def test_fiscal_year_is_exactly_july_to_june(refreshed: Path) -> None:
    months = _series(_replies()["pakistan"], "PAK", "XG_FOB_USD", "KAZ", "M")
    wanted = [f"2023-M{m:02d}" for m in range(7, 13)] + [f"2024-M{m:02d}" for m in range(1, 7)]
    expected = round(sum(months[p] for p in wanted), 2)
    trade = load_tables(refreshed).trade
    row = trade[
        (trade["source_id"] == "imf_imts_pakistan")
        & (trade["partner_iso3"] == "KAZ")
        & (trade["basis"] == "fiscal")
        & (trade["flow"] == "export")
        & (trade["year"] == 2024)
    ]
    assert len(row) == 1 and row["primary"].iloc[0]
    assert float(row["value_usd"].iloc[0]) == pytest.approx(expected, abs=0.01)
    assert "FY2023-24 (Jul 2023-Jun 2024)" in row["note"].iloc[0]


def test_partial_year_is_year_to_date_never_a_full_year(refreshed: Path) -> None:
    tables = load_tables(refreshed)
    trade, stated = tables.trade, tables.stated_totals
    imts_trade = trade[trade["source_id"].str.startswith("imf_imts")]
    # Pakistan's records run to Sep 2025: no full 2025 or FY2025-26 figure anywhere.
    assert not ((imts_trade["year"] == 2025) & (imts_trade["basis"] == "calendar")).any()
    assert not ((imts_trade["year"] == 2026) & (imts_trade["basis"] == "fiscal")).any()
    ytd = stated[stated["source_id"] == "imf_imts_pakistan"]
    assert set(ytd["period"]) == {"Jan-Sep 2025", "Jul-Sep FY2025-26"}
    assert ytd["partial"].all()
    months = _series(_replies()["pakistan"], "PAK", "XG_FOB_USD", "KAZ", "M")
    kaz = ytd[(ytd["partner_iso3"] == "KAZ") & (ytd["measure"] == "export")]
    jan_sep = kaz[kaz["period"] == "Jan-Sep 2025"]["value_usd"].iloc[0]
    assert jan_sep == pytest.approx(sum(months[f"2025-M{m:02d}"] for m in range(1, 10)), abs=0.01)
    # The chart stops at the last full year: the year-to-date sum is not drawn as 2025.
    state, _ = parse_query("countries=KAZ&years=2020-2025&flow=export")
    trace = build_chart(tables, state, "trend").figure.data[0]
    ys = dict(zip(trace.x, trace.y, strict=True))
    assert ys[2025] is None or ys[2025] != ys[2025] or ys[2025] != pytest.approx(jan_sep / 1e6)


def test_incomplete_fiscal_year_is_reported_not_written(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_copy, _fixture_fetcher(_replies()), start=2019, today=TODAY) == 0
    out = capsys.readouterr().out
    assert "not written (incomplete): KGZ partner export FY2022-23: 11 of 12 months" in out
    assert "DOTS overlap 2019-2020" in out


def test_revised_back_year_and_vanished_value_are_reported(
    refreshed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = _replies()
    old = _series(replies["pakistan"], "PAK", "XG_FOB_USD", "KAZ", "A")["2022"] / 1e6
    text = replies["pakistan"].decode()
    series_start = text.index('COUNTRY="PAK" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="KAZ"')
    at = text.index('TIME_PERIOD="2022" OBS_VALUE="', series_start) + len('TIME_PERIOD="2022" ')
    end = text.index("/>", at)
    text = text[:at] + f'OBS_VALUE="{old * 1.1:.3f}"' + text[end:]
    # Tajikistan's 2021 export figure and its March 2021 month vanish from the partner reply
    # (twelve months would otherwise stand in for the annual figure).
    partner = replies["partner"].decode()
    tjk = partner.index('COUNTRY="TJK" INDICATOR="MG_CIF_USD"')
    for period in ('"2021"', '"2021-M03"'):
        line_at = partner.index(f"<Obs TIME_PERIOD={period}", tjk)
        partner = partner[:line_at] + partner[partner.index("\n", line_at) + 1 :]
    before = _hashes(refreshed)
    fetch = _fixture_fetcher({"pakistan": text.encode(), "partner": partner.encode()})
    assert run(refreshed, fetch, start=2019, today=TODAY, dry_run=True) == 0
    out = capsys.readouterr().out
    assert (
        f"KAZ pakistan-reported export 2022: {old:,.3f} -> {old * 1.1:,.3f} US$ mn (+10.0%)" in out
    )
    assert "disappeared (2)" in out and "TJK partner-reported export 2021: was" in out
    assert "TJK partner-reported export FY2020-21: was" in out
    assert "dry run: nothing written" in out
    assert _hashes(refreshed) == before


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda t: t.replace('SCALE="6" ', ""), "SCALE missing"),
        (lambda t: t.replace('TIME_PERIOD="2021-M03"', 'TIME_PERIOD="2021-Q1"'), "period"),
        (lambda t: t.replace("INDICATOR=", "INDICATOR_CODE=", 1), "unexpected shape"),
        (lambda t: t[: len(t) // 2], "not SDMX-ML"),
        (
            lambda t: t.replace(
                "</message:DataSet>",
                t[t.index("    <Series") : t.index("</message:DataSet>")] + "</message:DataSet>",
            ),
            "given twice",
        ),
        (lambda t: "<html><body>Service unavailable</body></html>", "not SDMX-ML"),
    ],
)
def test_malformed_reply_is_reported_and_nothing_written(
    data_copy: Path, capsys: pytest.CaptureFixture[str], mangle, reason: str
) -> None:
    replies = _replies()
    broken = {**replies, "pakistan": mangle(replies["pakistan"].decode()).encode()}
    before = _hashes(data_copy)
    assert run(data_copy, _fixture_fetcher(broken), start=2019, today=TODAY) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("update-data failed: the IMF reply to the pakistan")
    assert reason in err[0]
    assert _hashes(data_copy) == before


def test_units_change_stops_the_refresh(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = _replies()
    thousand = {k: v.replace(b'SCALE="6"', b'SCALE="3"') for k, v in replies.items()}
    before = _hashes(data_copy)
    assert run(data_copy, _fixture_fetcher(thousand), start=2019, today=TODAY) == 1
    assert "SCALE or units have changed" in capsys.readouterr().err
    assert _hashes(data_copy) == before


def test_refresh_is_repeatable_and_rows_outside_imts_are_unchanged(
    refreshed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _hashes(refreshed)
    assert run(refreshed, _fixture_fetcher(_replies()), start=2019, today=TODAY) == 0
    assert "no change: every figure is as before" in capsys.readouterr().out
    assert _hashes(refreshed) == first
    old = pd.read_csv(Path(DATA_DIR) / "trade.csv")
    new = pd.read_csv(refreshed / "trade.csv")
    kept = new[~new["source_id"].str.startswith("imf_imts")]
    cols = ["figure_id", "value_usd", "source_id"]
    assert kept[cols].reset_index(drop=True).equals(old[cols])


def test_make_data_rebuilds_the_refreshed_tables(
    refreshed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make data` re-derives the IMTS rows from the saved observations: nothing is lost."""
    from data.build import build

    raw = tmp_path / "raw"
    shutil.copytree(build.RAW, raw)
    (raw / SNAPSHOT_IN_RAW).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(refreshed / "raw" / SNAPSHOT_IN_RAW, raw / SNAPSHOT_IN_RAW)
    monkeypatch.setattr(build, "RAW", raw)
    out = tmp_path / "out"
    out.mkdir()
    build.build_all(out)
    for name in REWRITTEN:
        assert (out / name).read_bytes() == (refreshed / name).read_bytes(), name


def _text(component: object) -> str:
    """All text inside a Dash component tree."""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if children is None:
        return ""
    items = children if isinstance(children, list | tuple) else [children]
    return " ".join(_text(c) for c in items)


def test_vintage_is_read_from_the_data(refreshed: Path, tables) -> None:
    from components.layout import sources_card
    from data.vintage import data_vintage

    assert data_vintage(tables) == (
        "IMF DOTS snapshot to 2020; later years from the national sources named"
    )
    fresh = load_tables(refreshed)
    assert data_vintage(fresh) == (
        "IMF IMTS, retrieved 2026-12-02 (full years to 2024, year-to-date Jan-Sep 2025); "
        "DOTS snapshot to 2020"
    )
    card = _text(sources_card(fresh))
    assert "Data vintage:  IMF IMTS, retrieved 2026-12-02" in card
    assert "Jan-Sep 2025 (year-to-date)" in card and "Jul-Sep FY2025-26 (year-to-date)" in card
    assert "no chart, total, growth rate or ranking includes them" in card
    assert "year-to-date" not in _text(sources_card(tables))


def test_year_to_date_rows_change_no_chart_total_or_download(refreshed: Path) -> None:
    """Every chart and the data download are the same with or without the partial-year rows."""
    from dataclasses import replace

    from charts.registry import CHARTS

    fresh = load_tables(refreshed)
    st = fresh.stated_totals
    ytd = st["partial"] & st["source_id"].str.startswith("imf_imts")
    assert ytd.sum() > 0
    without = replace(fresh, stated_totals=st[~ytd].reset_index(drop=True))
    for query in ("years=2015-2025&flow=export", "years=2015-2025&basis=fiscal&reporter=partner"):
        state, _ = parse_query(query)
        for chart in CHARTS:
            if chart in ("map", "profile"):
                continue
            a = build_chart(fresh, state, chart)
            b = build_chart(without, state, chart)
            assert a.figure.to_json() == b.figure.to_json(), chart  # JSON: NaN gaps compare equal
        url = f"/download/data.csv?{query}"
        with_rows = create_app(fresh).server.test_client().get(url).get_data()
        assert with_rows == create_app(without).server.test_client().get(url).get_data()


def test_invalid_tables_are_not_written(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refreshed tables go through the app's schemas first (here: a negative figure)."""
    replies = _replies()
    text = replies["pakistan"].decode()
    at = text.index('TIME_PERIOD="2022" OBS_VALUE="') + len('TIME_PERIOD="2022" OBS_VALUE="')
    broken = {**replies, "pakistan": (text[:at] + "-" + text[at:]).encode()}
    before = _hashes(data_copy)
    assert run(data_copy, _fixture_fetcher(broken), start=2019, today=TODAY) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "fail validation" in err[0] and "value_usd" in err[0]
    assert _hashes(data_copy) == before


def test_a_failed_replace_puts_every_old_file_back(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import data.update.__main__ as cli

    real = os.replace
    calls: list[str] = []

    def flaky(src: str | Path, dst: str | Path) -> None:
        calls.append(str(dst))
        if len(calls) == 3:  # trade.csv and stated_totals.csv are already replaced
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(cli.os, "replace", flaky)
    before = _hashes(data_copy)
    assert run(data_copy, _fixture_fetcher(_replies()), start=2019, today=TODAY) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0]
    assert len(calls) == 3
    assert _hashes(data_copy) == before
    assert not (data_copy / "raw").exists()


def test_sources_view_lists_the_year_to_date_figures(refreshed: Path) -> None:
    """The Sources view's year-to-date table renders: its headers, figures right-aligned."""
    from components import strings
    from components.refresh import refresh_notes

    notes = refresh_notes(load_tables(refreshed))
    table = notes[-1]
    head = table.children[0].children.children
    assert [th.children for th in head] == [
        strings.YTD_COL_COUNTRY,
        strings.YTD_COL_PERIOD,
        strings.YTD_COL_RECORDS,
        strings.YTD_COL_EXPORTS,
        strings.YTD_COL_IMPORTS,
    ]
    assert [th.className for th in head] == [None, None, None, "text-end", "text-end"]
    assert len(table.children[1].children) >= 1

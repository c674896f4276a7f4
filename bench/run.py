"""`make bench`: image export (cold, warm, concurrent) and the main chart callback's server time."""

from __future__ import annotations

import html
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask.testing import FlaskClient

from bench import tables_or_none
from data.loading import Tables
from data.schema import CAR_CODES
from data.state import DEFAULT_STATE, ViewState

WARM_RUNS = 20
CONCURRENT = 8
CALLBACK_RUNS = 20


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    what: str
    result: str
    note: str = ""


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes."""
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def get_ok(client: FlaskClient, url: str) -> bytes:
    """GET that must answer 200."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code} {response.data[:200]!r}")
    return response.data


def concurrent_exports(client: FlaskClient, tables: Tables) -> tuple[float, list[float], int]:
    """8 simultaneous SVG exports of every chart (map included) for different countries."""
    from charts.registry import CHARTS, build_chart

    charts = list(CHARTS)
    jobs = [(charts[i % len(charts)], CAR_CODES[i % len(CAR_CODES)]) for i in range(CONCURRENT)]
    latencies: list[float] = [0.0] * CONCURRENT
    correct: list[bool] = [False] * CONCURRENT
    app = client.application

    def run(i: int, chart: str, code: str) -> None:
        with app.test_client() as own:
            began = time.perf_counter()
            response = own.get(f"/download/{chart}.svg?countries={code}&country={code}")
            latencies[i] = time.perf_counter() - began
        # Title and subtitle (which names the country, or the map's year) identify the image.
        own_chart = build_chart(tables, ViewState(countries=(code,), country=code), chart)
        text = html.unescape(response.data.decode("utf-8", "replace"))
        correct[i] = (
            response.status_code == 200 and own_chart.title in text and own_chart.subtitle in text
        )

    threads = [threading.Thread(target=run, args=(i, *job)) for i, job in enumerate(jobs)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, sum(correct)


def main() -> int:
    """Run the benchmark and print a table."""
    tables = tables_or_none()
    if tables is None:
        return 2
    from app import create_app
    from callbacks.charts import chart_outputs
    from export.renderer import default_renderer

    client = create_app(tables).server.test_client()
    rows: list[Row] = []

    cold = timed(lambda: get_ok(client, "/download/trend.png"))
    rows.append(Row("first PNG export (cold renderer)", f"{cold * 1000:,.0f} ms", "trend, 1400 px"))

    warm = [timed(lambda: get_ok(client, "/download/trend.png")) for _ in range(WARM_RUNS)]
    rows.append(
        Row(
            f"warm PNG export, {WARM_RUNS} runs",
            f"median {statistics.median(warm) * 1000:,.0f} ms · p95 {p95(warm) * 1000:,.0f} ms",
            "trend, default view",
        )
    )

    wall, latencies, correct = concurrent_exports(client, tables)
    rows.append(
        Row(
            f"{CONCURRENT} concurrent SVG exports",
            f"wall {wall * 1000:,.0f} ms · slowest {max(latencies) * 1000:,.0f} ms",
            f"{correct}/{CONCURRENT} returned their own chart (title + subtitle checked)",
        )
    )

    chart_outputs(tables, DEFAULT_STATE)  # warm-up: imports, first pandas paths
    callback = [timed(lambda: chart_outputs(tables, DEFAULT_STATE)) for _ in range(CALLBACK_RUNS)]
    rows.append(
        Row(
            f"chart_outputs (default view), {CALLBACK_RUNS} runs",
            f"median {statistics.median(callback) * 1000:,.1f} ms",
            "4 charts + ranking + notices, server time",
        )
    )
    default_renderer().close()

    width = max(len(r.what) for r in rows)
    result_width = max(len(r.result) for r in rows)
    sys.stdout.write(f"{'measure':<{width}}  {'result':<{result_width}}  note\n")
    sys.stdout.write(f"{'-' * width}  {'-' * result_width}  ----\n")
    for r in rows:
        sys.stdout.write(f"{r.what:<{width}}  {r.result:<{result_width}}  {r.note}\n")
    return 0 if correct == CONCURRENT else 1


if __name__ == "__main__":
    raise SystemExit(main())

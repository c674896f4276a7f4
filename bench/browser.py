"""Browser benchmark: this dashboard against a plain Dash app, interleaved, in headless Chromium.

`python -m bench.browser [--quick] [--runs N] [--changes N] [--variants ours,ours-full,reference]`

Every run opens each app in a new Chromium with a cold profile (fresh --user-data-dir), the apps
in alternating order, and records:

- page bytes on the wire (encodedDataLength, headers included) and decoded, requests, and
  requests to any host but the app's own (CDP Network events from Chromium's performance log);
- first chart and all charts drawn, ms after navigation start;
- year change and flow change → last chart repainted, and the main thread's busy time per change
  (CDP Performance.getMetrics TaskDuration, before and after);
- for this app, which draws a chart only once it is near the viewport (assets/lazy.js): after
  each year+flow pair, scrolling to a chart below the fold → that chart drawn (the draw the
  changes put off), so the deferred cost is measured too, not hidden.

"Drawn" is defined in the page: a script installed before navigation
(Page.addScriptToEvaluateOnNewDocument) wraps `Plotly.newPlot`/`Plotly.react` whenever a page sets
`window.Plotly` (dcc.Graph calls the global each time) and records when the promise each call
returns resolves — plotly.js resolves it after the plot is drawn and `plotly_afterplot` has fired,
topojson fetch included. A chart counts as drawn when a call on its graph resolves with at least
one trace; a change's "last chart repainted" is the last such resolution after the input event,
once the page is quiet (no fetch in flight and no draw for QUIET_S).

Variants: `ours` (this app, `python app.py` as `make run` serves it), `ours-full` (the same app
with the custom plotly.js bundle ignored, so dcc.Graph fetches the full plotly.min.js: the
before/after of the bundle), `reference` (bench/reference_app.py). Timings are printed and
written to bench/results/browser.json (not committed: they belong to the machine), never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bench.run import p95
from components import ids
from settings import ROOT

CHROMIUM = os.environ.get("BENCH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BENCH_CHROMEDRIVER", "/usr/bin/chromedriver")
RESULTS = ROOT / "bench" / "results" / "browser.json"
QUIET_S = 1.2  # a page with no fetch in flight and no draw for this long has settled
LOAD_TIMEOUT_S = 60.0
CHANGE_TIMEOUT_S = 30.0
SCRIPT_TIMEOUT_S = 60.0  # the probe's own reads; a loaded 2-core machine can stall a page long
# The custom plotly.js bundle's file name (Dash matches assets_ignore against file names only):
# the `ours-full` variant ignores it, so dcc.Graph fetches the full plotly.min.js.
BUNDLE_IGNORE = r"^plotly-custom\.min\.js$"

# Installed before any page script runs; see the module docstring for what "drawn" means.
PAGE_PROBE = r"""
(() => {
  const rec = {draws: [], inputs: [], pending: 0, lastNet: 0, errors: []};
  window.__bench = rec;
  const origFetch = window.fetch;
  window.fetch = function (...args) {
    rec.pending += 1;
    rec.lastNet = performance.now();
    const done = () => { rec.pending -= 1; rec.lastNet = performance.now(); };
    return origFetch.apply(this, args).then(
      (r) => { done(); return r; }, (e) => { done(); throw e; });
  };
  const graphId = (gd) => {
    const el = gd && gd.closest ? gd.closest('[id]') : null;
    return el ? el.id : '?';
  };
  const wrap = (P) => {
    if (!P || P.__benchWrapped) return P;
    for (const name of ['newPlot', 'react']) {
      const orig = P[name];
      if (typeof orig !== 'function') continue;
      P[name] = function (gd, ...rest) {
        const p = orig.call(this, gd, ...rest);
        Promise.resolve(p).then(() => {
          const el = typeof gd === 'string' ? document.getElementById(gd) : gd;
          rec.draws.push({id: graphId(el), t: performance.now(), fn: name,
                          traces: (el && el.data) ? el.data.length : 0});
        }, (e) => rec.errors.push(String(e)));
        return p;
      };
    }
    P.__benchWrapped = true;
    return P;
  };
  let current;
  Object.defineProperty(window, 'Plotly', {
    configurable: true, enumerable: true,
    get() { return current; }, set(v) { current = wrap(v); },
  });
  for (const type of ['keydown', 'click']) {
    document.addEventListener(type, () => rec.inputs.push(performance.now()), true);
  }
})();
"""


@dataclass(frozen=True)
class Variant:
    """One app under test: how to start it and how to change its year and its flow/measure."""

    name: str
    port: int
    command: list[str]
    year_slider: str  # CSS selector of the slider thumb a year change moves
    flow_labels: str  # CSS selector of the radio labels a flow change clicks
    cwd: Path = ROOT  # the checkout it is served from
    # A chart below the fold (its card's ID) that the page draws only when it comes into view
    # (assets/lazy.js): after each year+flow pair the visit scrolls to it and measures the draw
    # it put off. None for an app that draws every chart on every change.
    later_chart: str | None = None


@dataclass
class Change:
    """One input event and what followed it."""

    kind: str
    latency_ms: float | None  # input → last chart repainted; None when nothing was drawn
    busy_ms: float  # main-thread task time from just before the input until settled
    script_ms: float
    charts_redrawn: int
    callback_requests: int


@dataclass
class Run:
    """One cold-profile visit to one app."""

    variant: str
    run: int
    wire_bytes: int
    decoded_bytes: int
    requests: int
    foreign_requests: list[str]
    first_chart_ms: float | None
    all_charts_ms: float | None
    charts: int
    chart_ms: dict[str, float]  # each graph's first draw with data, ms after navigation start
    load_busy_ms: float
    plotly_urls: list[str]
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def variants(
    python: str, ports: tuple[int, int, int], before: Path | None = None
) -> dict[str, Variant]:
    """The apps, each on its own port; `before` (another checkout of this project, e.g. the
    commit before a change) is served as the variant "before" on the ours-full port."""
    serve = [python, "-m", "bench.browser", "--serve"]
    extra: dict[str, Variant] = {}
    if before is not None:
        extra["before"] = Variant(
            "before",
            ports[1],
            [*serve, "ours", "--port", str(ports[1])],
            f"#{ids.YEARS} [role=slider]",
            f"#{ids.FLOW} label",
            cwd=before,
        )
    return {
        **extra,
        "ours": Variant(
            "ours",
            ports[0],
            [*serve, "ours", "--port", str(ports[0])],
            f"#{ids.YEARS} [role=slider]",
            f"#{ids.FLOW} label",
            later_chart=ids.card("mirror"),
        ),
        "ours-full": Variant(
            "ours-full",
            ports[1],
            [*serve, "ours-full", "--port", str(ports[1])],
            f"#{ids.YEARS} [role=slider]",
            f"#{ids.FLOW} label",
        ),
        "reference": Variant(
            "reference",
            ports[2],
            [*serve, "reference", "--port", str(ports[2])],
            "#year [role=slider]",
            "#measure label",
        ),
    }


def serve(name: str, port: int) -> int:
    """Serve one variant on 127.0.0.1:port (Flask's threaded server, as `make run` does)."""
    if name == "reference":
        from bench.reference_app import create_reference_app

        app = create_reference_app()
    else:
        from app import create_app

        app = create_app()
        if name == "ours-full":
            # Dash walks assets/ at the first request, so this still applies here.
            app.config.assets_ignore = BUNDLE_IGNORE
    app.run(host="127.0.0.1", port=port, debug=False)
    return 0


def wait_for_http(url: str, timeout: float = 60.0) -> None:
    """Wait until the URL answers 200."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.3)


def new_driver(profile: str) -> webdriver.Chrome:
    """Headless Chromium with a fresh profile, performance log on, the page probe installed."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-extensions",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(LOAD_TIMEOUT_S)
    driver.set_script_timeout(SCRIPT_TIMEOUT_S)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Performance.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PAGE_PROBE})
    return driver


@dataclass
class Traffic:
    """Network events drained from the performance log."""

    urls: list[str] = field(default_factory=list)
    wire: int = 0
    decoded: int = 0


def drain_network(driver: webdriver.Chrome) -> Traffic:
    """The page's HTTP(S) requests, wire and decoded bytes since the last drain.

    Chromium's own pages (chrome://, the new-tab page it opens first) and data:/blob: URLs are
    not the page's traffic.
    """
    traffic = Traffic()
    http_ids: set[str] = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url.startswith(("http:", "https:")):
                traffic.urls.append(url)
                http_ids.add(params["requestId"])
        elif params.get("requestId") not in http_ids:
            continue
        elif method == "Network.loadingFinished":
            traffic.wire += int(params.get("encodedDataLength", 0))
        elif method == "Network.dataReceived":
            traffic.decoded += int(params.get("dataLength", 0))
    return traffic


def metrics(driver: webdriver.Chrome) -> dict[str, float]:
    """CDP Performance metrics (cumulative)."""
    reply = driver.execute_cdp_cmd("Performance.getMetrics", {})
    return {m["name"]: float(m["value"]) for m in reply["metrics"]}


def probe(driver: webdriver.Chrome) -> dict[str, Any]:
    """The page probe's record."""
    result: dict[str, Any] = driver.execute_script(
        "const r = window.__bench; return r ? {draws: r.draws, inputs: r.inputs, "
        "pending: r.pending, lastNet: r.lastNet, errors: r.errors, now: performance.now()} : null"
    )
    if result is None:
        raise RuntimeError("the page probe is missing (Page.addScriptToEvaluateOnNewDocument)")
    return result


def wait_settled(
    driver: webdriver.Chrome, after: int, timeout: float, *, draw: bool = True
) -> dict[str, Any]:
    """Poll until a draw beyond index `after` exists (unless `draw` is False) and the page has
    been quiet for QUIET_S.

    A probe that times out (the page's main thread busy for long on a loaded machine) is
    polled again until the deadline, then the last record is returned."""
    deadline = time.monotonic() + timeout
    rec: dict[str, Any] | None = None
    while True:
        try:
            rec = probe(driver)
        except TimeoutException:
            if time.monotonic() > deadline and rec is not None:
                return rec
            if time.monotonic() > deadline + timeout:
                raise
            continue
        last_draw = max((d["t"] for d in rec["draws"]), default=0.0)
        quiet_ms = rec["now"] - max(last_draw, rec["lastNet"])
        drawn = len(rec["draws"]) > after or not draw
        if drawn and rec["pending"] == 0 and quiet_ms >= QUIET_S * 1000:
            return rec
        if time.monotonic() > deadline:
            return rec
        time.sleep(0.2)


def first_draws(draws: list[dict[str, Any]]) -> dict[str, float]:
    """Each graph's first draw with at least one trace, ms after navigation start."""
    firsts: dict[str, float] = {}
    for draw in draws:
        if draw["traces"] > 0 and draw["id"] not in firsts:
            firsts[draw["id"]] = draw["t"]
    return firsts


def visit_retrying(variant: Variant, run: int, changes: int, attempts: int = 3) -> Run:
    """A visit, repeated in a new browser when Chromium stops answering (a loaded machine)."""
    for attempt in range(1, attempts + 1):
        try:
            return visit(variant, run, changes, "127.0.0.1")
        except WebDriverException as err:
            if attempt == attempts:
                raise
            first_line = str(err).strip().splitlines()[0] if str(err).strip() else repr(err)
            sys.stderr.write(f"{variant.name} run {run + 1}: {first_line}; visiting again\n")
    raise AssertionError("unreachable")


def visit(variant: Variant, run: int, changes: int, origin_host: str) -> Run:
    """One cold visit: load, then `changes` year changes and `changes` flow changes, alternating."""
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    driver = new_driver(profile)
    try:
        drain_network(driver)  # the new-tab page Chromium opened first
        before = metrics(driver)
        driver.get(f"http://{origin_host}:{variant.port}/")
        rec = wait_settled(driver, 0, LOAD_TIMEOUT_S)
        after = metrics(driver)
        traffic = drain_network(driver)
        firsts = first_draws(rec["draws"])
        host = f"{origin_host}:{variant.port}"
        result = Run(
            variant=variant.name,
            run=run,
            wire_bytes=traffic.wire,
            decoded_bytes=traffic.decoded,
            requests=len(traffic.urls),
            foreign_requests=sorted({u for u in traffic.urls if urlsplit(u).netloc != host}),
            first_chart_ms=min(firsts.values()) if firsts else None,
            all_charts_ms=max(firsts.values()) if firsts else None,
            charts=len(firsts),
            chart_ms={k: round(v) for k, v in firsts.items()},
            load_busy_ms=(after["TaskDuration"] - before["TaskDuration"]) * 1000,
            plotly_urls=sorted({u for u in traffic.urls if "plotly" in u.rsplit("/", 1)[-1]}),
            errors=list(rec["errors"]),
        )
        for i in range(changes):
            result.changes.append(
                measure_change(driver, "year", partial(move_slider, driver, variant.year_slider, i))
            )
            result.changes.append(
                measure_change(driver, "flow", partial(click_radio, driver, variant.flow_labels, i))
            )
            if variant.later_chart:
                # The chart below shows the view of before the two changes: scrolled to, it is
                # redrawn then (the draw the changes put off). Then back up, unmeasured.
                scroll = partial(scroll_to, driver, variant.later_chart)
                result.changes.append(measure_change(driver, "scroll", scroll))
                driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
                # (the charts at the top show the current view: nothing is drawn)
                wait_settled(driver, len(probe(driver)["draws"]), CHANGE_TIMEOUT_S, draw=False)
        result.errors.extend(probe(driver)["errors"])
        return result
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def move_slider(driver: webdriver.Chrome, selector: str, i: int) -> None:
    """Move the first thumb one step: right three times, then left three times, and so on."""
    thumb = driver.find_elements(By.CSS_SELECTOR, selector)[0]
    thumb.send_keys(Keys.ARROW_RIGHT if (i // 3) % 2 == 0 else Keys.ARROW_LEFT)


def scroll_to(driver: webdriver.Chrome, card_id: str) -> None:
    """Scroll a card into the middle of the viewport at once (the probe counts it as the
    input: there is no key or click)."""
    driver.execute_script(
        "window.__bench.inputs.push(performance.now());"
        "document.getElementById(arguments[0]).scrollIntoView({block: 'center',"
        " behavior: 'instant'});",
        card_id,
    )


def click_radio(driver: webdriver.Chrome, selector: str, i: int) -> None:
    """Click the radio option after the checked one (cycling)."""
    labels = driver.find_elements(By.CSS_SELECTOR, selector)
    labels[(i + 1) % len(labels)].click()


def measure_change(driver: webdriver.Chrome, kind: str, act: Callable[[], None]) -> Change:
    """Do one change and measure it until the page is quiet again."""
    drain_network(driver)
    start = probe(driver)
    before = metrics(driver)
    act()
    rec = wait_settled(driver, len(start["draws"]), CHANGE_TIMEOUT_S)
    after = metrics(driver)
    traffic = drain_network(driver)
    inputs = rec["inputs"][len(start["inputs"]) :]
    new_draws = rec["draws"][len(start["draws"]) :]
    latency = None
    if inputs and new_draws:
        latency = max(d["t"] for d in new_draws) - inputs[0]
    return Change(
        kind=kind,
        latency_ms=latency,
        busy_ms=(after["TaskDuration"] - before["TaskDuration"]) * 1000,
        script_ms=(after["ScriptDuration"] - before["ScriptDuration"]) * 1000,
        charts_redrawn=len({d["id"] for d in new_draws}),
        callback_requests=sum("/_dash-update-component" in u for u in traffic.urls),
    )


def median(values: list[float]) -> float | None:
    """Median, or None for no values."""
    return statistics.median(values) if values else None


def summarise(runs: list[Run]) -> dict[str, dict[str, Any]]:
    """Per variant: medians of the load figures, p50/p95 of the changes."""
    summary: dict[str, dict[str, Any]] = {}
    for name in dict.fromkeys(r.variant for r in runs):
        own = [r for r in runs if r.variant == name]
        row: dict[str, Any] = {
            "runs": len(own),
            "wire_kb": median([r.wire_bytes / 1000 for r in own]),
            "decoded_kb": median([r.decoded_bytes / 1000 for r in own]),
            "requests": median([float(r.requests) for r in own]),
            "foreign_requests": sorted({u for r in own for u in r.foreign_requests}),
            "first_chart_ms": median([r.first_chart_ms for r in own if r.first_chart_ms]),
            "all_charts_ms": median([r.all_charts_ms for r in own if r.all_charts_ms]),
            "charts": max(r.charts for r in own),
            "load_busy_ms": median([r.load_busy_ms for r in own]),
            "plotly_urls": sorted({u.split("?")[0] for r in own for u in r.plotly_urls}),
            "errors": sorted({e for r in own for e in r.errors}),
        }
        for kind in ("year", "flow", "scroll"):
            changes = [c for r in own for c in r.changes if c.kind == kind]
            latencies = [c.latency_ms for c in changes if c.latency_ms is not None]
            row[kind] = {
                "changes": len(changes),
                "undrawn": len(changes) - len(latencies),
                "p50_ms": median(latencies),
                "p95_ms": p95(latencies) if latencies else None,
                "busy_p50_ms": median([c.busy_ms for c in changes]),
                "script_p50_ms": median([c.script_ms for c in changes]),
                "charts_redrawn": median([float(c.charts_redrawn) for c in changes]),
                "callback_requests": median([float(c.callback_requests) for c in changes]),
            }
        summary[name] = row
    return summary


def table(summary: dict[str, dict[str, Any]]) -> str:
    """The results as a text table, each variant's ratio to the reference app."""
    names = list(summary)
    ref = summary.get("reference")

    def value(row: dict[str, Any], path: tuple[str, ...]) -> float | None:
        for key in path:
            row = row[key]
        found: Any = row
        return float(len(found)) if isinstance(found, list) else found

    def cell(name: str, got: float | None, ref_value: float | None) -> str:
        if got is None:
            return "—"
        text = f"{got:,.0f}"
        if ref_value and name != "reference":
            text += f" ({got / ref_value:.2f}×)"
        return text

    def line(label: str, *path: str) -> str:
        ref_value = value(ref, path) if ref else None
        return f"{label:<36}" + "".join(
            f"{cell(n, value(summary[n], path), ref_value):>22}" for n in names
        )

    rows = [
        f"{'':<36}" + "".join(f"{n:>22}" for n in names),
        line("page on the wire, kB", "wire_kb"),
        line("page decoded, kB", "decoded_kb"),
        line("requests", "requests"),
        line("requests to other hosts", "foreign_requests"),
        line("first chart drawn, ms", "first_chart_ms"),
        line("all charts drawn, ms", "all_charts_ms"),
        line("charts drawn", "charts"),
        line("main thread busy on load, ms", "load_busy_ms"),
    ]
    for kind in ("year", "flow"):
        rows += [
            line(f"{kind} change → last repaint p50, ms", kind, "p50_ms"),
            line(f"{kind} change → last repaint p95, ms", kind, "p95_ms"),
            line(f"{kind} change main thread busy p50, ms", kind, "busy_p50_ms"),
            line(f"{kind} change callback requests", kind, "callback_requests"),
            line(f"{kind} change charts redrawn", kind, "charts_redrawn"),
        ]
    if any(summary[n]["scroll"]["changes"] for n in names):
        rows += [
            line("scroll to a chart put off → drawn p50", "scroll", "p50_ms"),
            line("scroll to a chart put off → drawn p95", "scroll", "p95_ms"),
            line("scroll main thread busy p50, ms", "scroll", "busy_p50_ms"),
        ]
    counts = ", ".join(
        f"{n}: {summary[n]['year']['changes']}+{summary[n]['flow']['changes']}" for n in names
    )
    rows.append(f"(year+flow changes measured: {counts}; ratios are to the reference app)")
    for name in names:
        if summary[name]["plotly_urls"]:
            rows.append(f"{name} plotly.js: {', '.join(summary[name]['plotly_urls'])}")
        if summary[name]["errors"]:
            rows.append(f"{name} draw errors: {summary[name]['errors']}")
    return "\n".join(rows)


def machine() -> str:
    """A one-line description of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1) if model else cpu
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def chromium_version() -> str:
    """Chromium's version string."""
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    """Start the apps, run the interleaved visits, print the table and write the JSON."""
    parser = argparse.ArgumentParser(description="Browser benchmark against a plain Dash app")
    parser.add_argument("--quick", action="store_true", help="2 runs, 2+2 changes per visit")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--changes", type=int, default=2, help="year and flow changes per visit")
    parser.add_argument("--variants", default="ours,reference", help="ours,ours-full,reference")
    parser.add_argument("--ports", default="8067,8068,8069", help="ours,ours-full,reference")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout (e.g. `git worktree add /tmp/before main`), served as the variant "
        "'before' on the ours-full port, interleaved with the others (--variants ours,before,"
        "reference)",
    )
    parser.add_argument("--serve", metavar="VARIANT", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.serve, args.port)
    runs, changes = (2, 2) if args.quick else (args.runs, args.changes)
    ports = tuple(int(p) for p in args.ports.split(","))
    if len(ports) != 3:
        parser.error("--ports takes three ports")
    catalogue = variants(sys.executable, (ports[0], ports[1], ports[2]), args.before)
    chosen = [catalogue[n] for n in args.variants.split(",")]

    # Server logs go to files: an unread pipe fills up with request lines and blocks the server.
    logs = Path(tempfile.mkdtemp(prefix="bench-browser-logs-"))
    servers = [
        subprocess.Popen(
            v.command,
            cwd=v.cwd,
            stdout=subprocess.DEVNULL,
            stderr=(logs / f"{v.name}.log").open("wb"),
        )
        for v in chosen
    ]
    sys.stderr.write(f"server logs in {logs}\n")
    results: list[Run] = []
    failed: list[str] = []
    try:
        for v in chosen:
            wait_for_http(f"http://127.0.0.1:{v.port}/")
            visit_retrying(v, -1, 1)  # warm-up, not recorded: server imports, first views
        for run in range(runs):
            order = chosen if run % 2 == 0 else chosen[::-1]
            for v in order:
                try:
                    results.append(visit_retrying(v, run, changes))
                except WebDriverException as err:
                    # One visit lost (reported) is better than the whole run lost.
                    failed.append(f"{v.name} run {run + 1}: {str(err).strip().splitlines()[0]}")
                    sys.stderr.write(f"run {run + 1}/{runs} {v.name} FAILED: {failed[-1]}\n")
                    continue
                sys.stderr.write(f"run {run + 1}/{runs} {v.name} done\n")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)

    summary = summarise(results)
    sys.stdout.write(table(summary) + "\n")
    for failure in failed:
        sys.stdout.write(f"visit lost: {failure}\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "chromium": chromium_version(),
                "runs": runs,
                "changes_per_visit": changes,
                "summary": summary,
                "visits_lost": failed,
                "visits": [asdict(r) for r in results],
            },
            indent=1,
        )
    )
    sys.stdout.write(f"written {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Load and overload: locust against `gunicorn app:server` (2 workers × 4 threads) on loopback.

`python -m bench.load [--quick] [--users 30] [--seconds 60] [--port 8090]`

1. Starts gunicorn as `make serve` does, captures real /_dash-update-component requests from the
   page in headless Chromium (year changes, flow changes, profiles opened) for the locust users.
2. Runs locust headless for a bounded time: `--users` users with 1–3 s think time over weighted
   tasks (bench/locustfile.py). Prints p50/p95/p99, failures and requests/s per task kind, and
   each worker's resident memory before and after.
3. Floods the server with 50 concurrent PNG exports of distinct views while one client replays
   ordinary callbacks: every export must be answered (200, or 503 with Retry-After), and the
   callbacks' p95 during the flood is reported (goal ≤ 500 ms).
Results go to bench/results/load.json. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from bench.browser import drain_network, new_driver, wait_for_http, wait_settled
from bench.browser import move_slider as _move_slider
from bench.run import p95
from components import ids
from settings import ROOT

RESULTS = ROOT / "bench" / "results" / "load.json"
FLOOD = 50
FLOOD_CHARTS = ["trend", "balance", "share", "mirror", "map"]
FLOOD_YEARS = [f"{a}-2020" for a in range(1995, 2015)]
CALLBACK_GOAL_MS = 500.0
CALLBACK_CLIENTS = 4  # users changing filters while the exports run


def start_gunicorn(port: int) -> subprocess.Popen[bytes]:
    """`gunicorn app:server` as `make serve` runs it (gunicorn_conf.py: 2 workers × 4 threads)."""
    # Another server on the port would answer instead and be measured in gunicorn's place.
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: free it or pass --port")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config=python:gunicorn_conf",
        f"--bind=127.0.0.1:{port}",
        "app:server",
    ]
    # Logs to a file: an unread pipe would fill up and block the server.
    log = Path(tempfile.mkdtemp(prefix="bench-gunicorn-")) / "gunicorn.log"
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("wb"))


def worker_rss_mb(master: int) -> dict[int, float]:
    """Resident memory of each gunicorn worker by pid, MB (a changed pid = a restarted worker)."""
    children = psutil.Process(master).children()
    return {
        c.pid: round(c.memory_info().rss / 1e6, 1) for c in sorted(children, key=lambda c: c.pid)
    }


def capture_actions(base: str) -> dict[str, list[list[dict[str, Any]]]]:
    """The page's callback requests per user action, as Chromium sent them."""
    actions: dict[str, list[list[dict[str, Any]]]] = {"year": [], "flow": [], "profile": []}
    profile = tempfile.mkdtemp(prefix="bench-capture-")
    driver = new_driver(profile)

    def requests_since_drain() -> list[dict[str, Any]]:
        captured = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") != "Network.requestWillBeSent":
                continue
            request = message["params"]["request"]
            if "/_dash-update-component" not in request["url"] or "postData" not in request:
                continue
            body = request["postData"]
            headers = {
                k: v
                for k, v in request["headers"].items()
                if k.lower() == "content-type" or k.lower().startswith("x-")
            }
            path = request["url"].split("://", 1)[1].split("/", 1)[1]
            output = json.loads(body).get("output", "")
            captured.append({"url": "/" + path, "body": body, "headers": headers, "output": output})
        return captured

    try:
        for query in ("country=KAZ", "country=UZB&compare=KAZ", "country=TJK"):
            drain_network(driver)
            driver.get(f"{base}/?{query}")
            wait_settled(driver, 0, 60)
            profile_requests = [r for r in requests_since_drain() if "profile" in r["output"]]
            actions["profile"].append(profile_requests)
        driver.get(f"{base}/")
        wait_settled(driver, 0, 60)
        for i in range(6):
            for kind in ("year", "flow"):
                drawn = len(driver.execute_script("return window.__bench.draws"))
                drain_network(driver)
                if kind == "year":
                    _move_slider(driver, f"#{ids.YEARS} [role=slider]", i)
                else:
                    labels = driver.find_elements("css selector", f"#{ids.FLOW} label")
                    labels[(i + 1) % len(labels)].click()
                wait_settled(driver, drawn, 30)
                actions[kind].append(requests_since_drain())
    finally:
        driver.quit()
    # An action whose requests fell outside the capture window (a slow machine) is left out.
    actions = {kind: [run for run in runs if run] for kind, runs in actions.items()}
    for kind, runs in actions.items():
        if not runs:
            raise RuntimeError(f"no callback requests captured for a {kind} action")
    return actions


def run_locust(base: str, payloads: Path, users: int, seconds: int, out: Path) -> Path:
    """Locust headless, bounded in time; returns the stats CSV."""
    prefix = out / "locust"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        f"--users={users}",
        f"--spawn-rate={max(1, users // 3)}",
        f"--run-time={seconds}s",
        f"--host={base}",
        f"--csv={prefix}",
        "--only-summary",
        "--loglevel=WARNING",
    ]
    env = {**os.environ, "BENCH_PAYLOADS": str(payloads)}
    subprocess.run(
        command, cwd=ROOT, env=env, check=False, capture_output=True, timeout=seconds + 120
    )
    return Path(f"{prefix}_stats.csv")


def read_failures(stats: Path) -> list[str]:
    """Locust's failure lines: method, name, error, occurrences."""
    path = stats.with_name(stats.name.replace("_stats.csv", "_failures.csv"))
    if not path.exists():
        return []
    with path.open(newline="") as f:
        return [
            f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}"
            for row in csv.DictReader(f)
        ]


def read_stats(path: Path) -> list[dict[str, Any]]:
    """Locust's per-request-name stats (the 'Aggregated' row last)."""
    rows = []
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            rows.append(
                {
                    "name": row["Name"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "p99_ms": float(row["99%"] or 0),
                    "rps": float(row["Requests/s"] or 0),
                }
            )
    return rows


@dataclass
class Answer:
    """One HTTP answer: status, seconds, Retry-After."""

    status: int
    seconds: float
    retry_after: str | None


def fetch(url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
    """One request, timed; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=body, headers=headers or {})
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=180) as response:
            response.read()
            return Answer(response.status, time.perf_counter() - began, None)
    except urllib.error.HTTPError as err:
        err.read()
        return Answer(err.code, time.perf_counter() - began, err.headers.get("Retry-After"))
    except OSError:
        return Answer(0, time.perf_counter() - began, None)


def flood(base: str, actions: dict[str, list[list[dict[str, Any]]]]) -> dict[str, Any]:
    """50 concurrent image exports; ordinary callbacks replayed meanwhile by one client."""
    exports: list[Answer] = []
    callbacks: list[float] = []
    failed_callbacks = 0
    lock = threading.Lock()
    done = threading.Event()

    def export(i: int) -> None:
        chart = FLOOD_CHARTS[i % len(FLOOD_CHARTS)]
        years = FLOOD_YEARS[i % len(FLOOD_YEARS)]
        answer = fetch(f"{base}/download/{chart}.png?years={years}&flow=import")
        with lock:
            exports.append(answer)

    def callback_client() -> None:
        nonlocal failed_callbacks
        requests = [r for kind in ("year", "flow") for run in actions[kind] for r in run]
        while not done.is_set():
            r = random.choice(requests)
            answer = fetch(base + r["url"], r["body"].encode(), r["headers"])
            with lock:
                callbacks.append(answer.seconds * 1000)
                failed_callbacks += answer.status not in (200, 204)
            time.sleep(0.05)

    threads = [threading.Thread(target=export, args=(i,)) for i in range(FLOOD)]
    clients = [threading.Thread(target=callback_client) for _ in range(CALLBACK_CLIENTS)]
    began = time.perf_counter()
    for thread in [*clients, *threads]:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    for client in clients:
        client.join()
    wall = time.perf_counter() - began
    statuses: dict[str, int] = {}
    for a in exports:
        statuses[str(a.status)] = statuses.get(str(a.status), 0) + 1
    refusals = [a for a in exports if a.status == 503]
    return {
        "exports": len(exports),
        "statuses": statuses,
        "answered": sum(
            a.status == 200 or (a.status == 503 and bool(a.retry_after)) for a in exports
        ),
        "wall_s": round(wall, 1),
        "export_p50_s": round(statistics.median(a.seconds for a in exports), 2),
        "export_max_s": round(max(a.seconds for a in exports), 2),
        "refusal_max_s": round(max((a.seconds for a in refusals), default=0.0), 2),
        "refusals_with_retry_after": sum(bool(a.retry_after) for a in refusals),
        "callbacks": len(callbacks),
        "callback_failures": failed_callbacks,
        "callback_p50_ms": round(statistics.median(callbacks), 1) if callbacks else None,
        "callback_p95_ms": round(p95(callbacks), 1) if callbacks else None,
        "callback_max_ms": round(max(callbacks), 1) if callbacks else None,
    }


def kind_of(name: str) -> str:
    """The task kind of a locust request name."""
    return name.split(":")[0]


def main(argv: list[str] | None = None) -> int:
    """Start gunicorn, capture payloads, run locust, flood, print and write the results."""
    parser = argparse.ArgumentParser(description="Load and overload test (locust + a flood)")
    parser.add_argument("--quick", action="store_true", help="20 s of load instead of 60")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    seconds = 20 if args.quick else args.seconds
    base = f"http://127.0.0.1:{args.port}"
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    server = start_gunicorn(args.port)
    try:
        wait_for_http(f"{base}/", timeout=120)
        actions = capture_actions(base)
        payloads = work / "payloads.json"
        payloads.write_text(json.dumps(actions))
        rss_before = worker_rss_mb(server.pid)
        stats_csv = run_locust(base, payloads, args.users, seconds, work)
        stats, failures = read_stats(stats_csv), read_failures(stats_csv)
        rss_after = worker_rss_mb(server.pid)
        overload = flood(base, actions)
        rss_after_flood = worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in stats:
        if row["name"] != "Aggregated":
            by_kind.setdefault(kind_of(row["name"]), []).append(row)
    total = next(r for r in stats if r["name"] == "Aggregated")
    out = sys.stdout
    out.write(f"locust: {args.users} users, 1-3 s think time, {seconds} s, gunicorn 2 × 4\n")
    out.write(f"{'requests':<34}{'count':>8}{'fail':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}\n")
    for kind, rows in by_kind.items():
        count = sum(r["requests"] for r in rows)
        fails = sum(r["failures"] for r in rows)
        # Weighted by count: the per-name percentiles of one kind are close; the aggregate row
        # below is locust's own over every request.
        p = {q: max(r[q] for r in rows) for q in ("p50_ms", "p95_ms", "p99_ms")}
        out.write(
            f"{kind:<34}{count:>8}{fails:>6}{p['p50_ms']:>9.0f}{p['p95_ms']:>9.0f}"
            f"{p['p99_ms']:>9.0f}  (worst name)\n"
        )
    out.write(
        f"{'all':<34}{total['requests']:>8}{total['failures']:>6}{total['p50_ms']:>9.0f}"
        f"{total['p95_ms']:>9.0f}{total['p99_ms']:>9.0f}  {total['rps']:.1f} req/s\n"
    )
    for failure in failures:
        out.write(f"  failure: {failure}\n")
    out.write(
        f"worker RSS MB: before {rss_before} → after load {rss_after} → after flood "
        f"{rss_after_flood}\n"
    )
    out.write(
        f"flood: {overload['exports']} concurrent PNG exports in {overload['wall_s']} s, "
        f"statuses {overload['statuses']}, answered {overload['answered']}/{FLOOD} "
        f"(200, or 503 with Retry-After), slowest {overload['export_max_s']} s, slowest 503 "
        f"{overload['refusal_max_s']} s\n"
    )
    goal = (
        "holds"
        if overload["callback_p95_ms"] and overload["callback_p95_ms"] <= CALLBACK_GOAL_MS
        else "fails"
    )
    out.write(
        f"callbacks during the flood: {overload['callbacks']} requests, "
        f"{overload['callback_failures']} failed from {CALLBACK_CLIENTS} clients, p50 "
        f"{overload['callback_p50_ms']} ms, p95 {overload['callback_p95_ms']} ms, max "
        f"{overload['callback_max_ms']} ms (goal p95 ≤ {CALLBACK_GOAL_MS:.0f} ms: {goal})\n"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "users": args.users,
                "seconds": seconds,
                "stats": stats,
                "failures": failures,
                "rss_mb": {
                    "before": rss_before,
                    "after": rss_after,
                    "after_flood": rss_after_flood,
                },
                "flood": overload,
            },
            indent=1,
        )
    )
    out.write(f"written {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Server time and response size of every Dash callback, through the real HTTP endpoint.

Each server-side callback listed by /_dash-dependencies is posted to /_dash-update-component the
way the browser does: the state store holds a view, other inputs their defaults. "cold" views
differ from call to call (every chart cache misses); "warm" repeats one view (cache hits).

Then whole changes on the Overview as the page makes them (bench/renderer.py plays each through
the callback graph): a year change and a flow change, the requests they send and their summed
server time, cold (a year range no request has asked for) and warm (one asked for before).

    python -m bench.callbacks [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import asdict
from typing import Any

from bench.renderer import Renderer
from components import ids
from data.state import DEFAULT_STATE, VIEW_CHOICES, ViewState

# The state store and each view's store (a view's callbacks follow its own).
STORES = {ids.STATE_STORE, *(ids.view_store(v) for v in VIEW_CHOICES)}


def _parse_id(raw: str) -> Any:
    return json.loads(raw) if raw.startswith("{") else raw


def _outputs(spec: str) -> list[Any]:
    """'..a.b...c.d..' or 'a.b' -> [{'id','property'}] (pattern-matching ALL -> [])."""
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    out: list[Any] = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        parsed = _parse_id(ident)
        out.append([] if isinstance(parsed, dict) else {"id": parsed, "property": prop})
    return out


def _value(dep: dict, store: dict, figure: Any) -> Any:
    ident = _parse_id(dep["id"]) if isinstance(dep["id"], str) else dep["id"]
    if isinstance(ident, dict):
        return []
    value: Any = None
    if ident in STORES and dep["property"] == "data":
        value = store
    elif ident == "app-url" and dep["property"] in ("search", "href"):
        value = "" if dep["property"] == "search" else "http://localhost/"
    elif dep["property"] == "figure":
        value = figure
    return {"id": ident, "property": dep["property"], "value": value}


def payload(callback: dict, store: dict, figure: Any = None) -> dict:
    """The JSON body the renderer would post for this callback."""
    outputs = _outputs(callback["output"])
    inputs = [_value(d, store, figure) for d in callback["inputs"]]
    first = next((i for i in inputs if isinstance(i, dict)), None)
    return {
        "output": callback["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": [_value(d, store, figure) for d in callback.get("state", [])],
        "changedPropIds": [f"{first['id']}.{first['property']}"] if first else [],
    }


def store_for(state: ViewState) -> dict:
    """The store's JSON for a view state."""
    return asdict(state)


def main(argv: list[str] | None = None) -> int:
    """Time every callback; print median/p95 server time (ms) and response size (kB)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="calls per callback and per change")
    runs = parser.parse_args(argv).runs
    from app import create_app

    client = create_app().server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    server_side = [d for d in deps if not d.get("clientside_function")]
    rows = []
    for dep in server_side:
        name = dep["output"].strip(".").split("...")[0]
        cold, warm, size = [], [], 0
        for i in range(runs):
            # A different year range each time: nothing cached.
            state = DEFAULT_STATE.with_(years=(1995 + i, 2020), country="KAZ")
            body = payload(dep, store_for(state))
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            cold.append((time.perf_counter() - start) * 1000)
            if response.status_code not in (200, 204):
                sys.stderr.write(f"{name}: HTTP {response.status_code}\n")
                return 1
        body = payload(dep, store_for(DEFAULT_STATE.with_(country="KAZ")))
        for _ in range(runs):
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            warm.append((time.perf_counter() - start) * 1000)
            size = len(response.data)
        rows.append((name, statistics.median(cold), max(cold), statistics.median(warm), size))
    width = max(len(r[0]) for r in rows)
    sys.stdout.write(
        f"{'callback (first output)':<{width}}  cold median  cold max  warm median  response\n"
    )
    for name, cm, cx, wm, size in rows:
        sys.stdout.write(
            f"{name:<{width}}  {cm:8.1f} ms  {cx:6.1f} ms  {wm:8.1f} ms  {size / 1024:7.1f} kB\n"
        )
    changes(client, runs)
    return 0


CHANGE_GOAL_MS = {"warm": 50.0, "cold": 150.0}  # issue #14: a year change's callbacks together


def changes(client: Any, runs: int) -> None:
    """Year and flow changes on the Overview: requests per change, summed server time (ms)."""
    figures: dict[str, dict[str, list[float]]] = {}
    requests: dict[str, int] = {}
    for kind in ("year", "flow"):
        for temperature in ("cold", "warm"):
            page = Renderer(client)
            times: list[float] = []
            for i in range(runs):
                # Cold: a year range (or flow on it) never asked for; warm: two asked for before.
                first = 1995 + (i % 12) if temperature == "cold" else 2001 + i % 2
                # (The per-callback table above asked for ranges ending in 2020.)
                end = 2019 - (i // 12) - (8 if kind == "flow" else 0)
                if kind == "year":
                    sent = page.change(ids.YEARS, "value", [first, end])
                else:
                    if temperature == "cold":
                        page.change(ids.YEARS, "value", [first, end])
                    flow = ("export", "import", "balance")[i % 3]
                    sent = page.change(ids.FLOW, "value", flow)
                times.append(sum(page.server_ms))
                requests[kind] = max(requests.get(kind, 0), len(sent))
            figures.setdefault(kind, {})[temperature] = times
    sys.stdout.write(
        "\nwhole changes on the Overview (all their callbacks, summed server time)\n"
        f"{'change':<8}{'requests':>10}{'cold median':>14}{'cold max':>11}{'warm median':>14}\n"
    )
    for kind, by in figures.items():
        sys.stdout.write(
            f"{kind:<8}{requests[kind]:>10}{statistics.median(by['cold']):>11.1f} ms"
            f"{max(by['cold']):>8.1f} ms{statistics.median(by['warm']):>11.1f} ms\n"
        )
    year = figures["year"]
    for temperature, goal in CHANGE_GOAL_MS.items():
        got = statistics.median(year[temperature])
        verdict = "holds" if got <= goal else "fails"
        sys.stdout.write(f"goal: a year change {temperature} ≤ {goal:.0f} ms: {verdict}\n")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

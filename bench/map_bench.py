"""`make bench`: the corridor map callback's server time and reply size, full figure and Patch.

Each call is posted to /_dash-update-component as the browser does (Dash dispatch and JSON
included); "function" rows time callbacks.corridors.map_update alone. Sizes are the reply body,
as sent without and with gzip (the app runs with compress=True).

    python -m bench.map_bench [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from bench import tables_or_none
from bench.run import p95
from components import ids
from data.state import DEFAULT_STATE, FLOW_CHOICES, ViewState

OUTPUT = (
    f"..{ids.MAP_GRAPH}.figure...{ids.MAP_CAPTION}.children...{ids.MAP_DRAWN}.data"
    f"...{ids.MAP_GRAPH}.config.."
)


def body(state: ViewState, current: Any) -> dict:
    """The JSON the renderer posts for the map callback."""
    return {
        "output": OUTPUT,
        "outputs": [
            {"id": ids.MAP_GRAPH, "property": "figure"},
            {"id": ids.MAP_CAPTION, "property": "children"},
            {"id": ids.MAP_DRAWN, "property": "data"},
            {"id": ids.MAP_GRAPH, "property": "config"},
        ],
        "inputs": [{"id": ids.STATE_STORE, "property": "data", "value": asdict(state)}],
        "state": [{"id": ids.MAP_DRAWN, "property": "data", "value": current is not None}],
        "changedPropIds": [f"{ids.STATE_STORE}.data"],
    }


def states(runs: int) -> list[ViewState]:
    """A different filter each call: flows and end years in turn."""
    return [
        DEFAULT_STATE.with_(flow=FLOW_CHOICES[i % 4], years=(2000, 2020 - i % 10))
        for i in range(runs)
    ]


def timings(fn: Callable[[ViewState], object], runs: int) -> list[float]:
    """Milliseconds per call over `runs` varying states (after one warm-up call)."""
    fn(DEFAULT_STATE)
    out = []
    for state in states(runs):
        began = time.perf_counter()
        fn(state)
        out.append((time.perf_counter() - began) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    """Time the map callback; print median/p95 (ms) and reply sizes (kB)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args(argv).runs
    tables = tables_or_none()
    if tables is None:
        return 2
    from app import create_app
    from callbacks.corridors import map_update

    client = create_app(tables).server.test_client()

    def post(state: ViewState, current: Any, gzip: bool = False) -> bytes:
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        response = client.post(
            "/_dash-update-component", json=body(state, current), headers=headers
        )
        if response.status_code != 200:
            raise RuntimeError(f"map callback: HTTP {response.status_code}")
        return response.data

    full_reply = client.post("/_dash-update-component", json=body(DEFAULT_STATE, None))
    figure = full_reply.get_json()["response"][ids.MAP_GRAPH]["figure"]
    patch_state = DEFAULT_STATE.with_(flow="balance", country="KAZ")
    sizes = {
        "full": (len(post(DEFAULT_STATE, None)), len(post(DEFAULT_STATE, None, gzip=True))),
        "patch": (len(post(patch_state, figure)), len(post(patch_state, figure, gzip=True))),
    }
    rows: list[tuple[str, list[float], tuple[int, int] | None]] = [
        ("full figure, HTTP", timings(lambda s: post(s, None), runs), sizes["full"]),
        ("Patch, HTTP", timings(lambda s: post(s, figure), runs), sizes["patch"]),
        (
            "full figure, function",
            timings(lambda s: map_update(tables, asdict(s), None), runs),
            None,
        ),
        ("Patch, function", timings(lambda s: map_update(tables, asdict(s), figure), runs), None),
    ]
    request = len(json.dumps(body(patch_state, figure)).encode())
    sys.stdout.write(f"map callback, {runs} calls each (server time; reply size raw / gzip)\n")
    sys.stdout.write(f"  request body on a filter change: {request / 1024:.1f} kB\n")
    for name, values, size in rows:
        line = f"  {name:<22} median {statistics.median(values):6.1f} ms  p95 {p95(values):6.1f} ms"
        if size:
            raw, packed = size
            line += f"  reply {raw / 1024:6.1f} kB / {packed / 1024:5.1f} kB"
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

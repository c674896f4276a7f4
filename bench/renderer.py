"""A small stand-in for Dash's renderer, over the Flask test client: it loads the page's
layout, and plays an input change through the callback graph as the renderer does (a server
callback is requested when one of its inputs was in a previous answer; a callback's own outputs
do not set it off again). Used by tests/test_round_trips.py (requests per change) and
bench/callbacks.py (server time of a whole change)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from flask.testing import FlaskClient

UPDATE = "/_dash-update-component"


def component_key(cid: Any) -> str:
    """The key the renderer answers a component ID under (a pattern ID as sorted JSON)."""
    return json.dumps(cid, sort_keys=True, separators=(",", ":")) if isinstance(cid, dict) else cid


def layout_props(node: Any) -> Iterator[dict[str, Any]]:
    """Each component's props in a layout as /_dash-layout serves it (JSON), in document order."""
    if isinstance(node, dict):
        props = node.get("props", {})
        yield props
        for value in props.values():
            yield from layout_props(value)
    elif isinstance(node, list):
        for item in node:
            yield from layout_props(item)


def _walk(node: Any, out: dict[str, dict]) -> dict[str, dict]:
    """Every component's props by ID in a layout (the page's own values)."""
    out.update((component_key(p["id"]), p) for p in layout_props(node) if "id" in p)
    return out


def _fits(cid: Any, pattern: dict) -> bool:
    """Whether a component ID fits a pattern ID (ALL matches any value)."""
    return (
        isinstance(cid, dict)
        and cid.keys() == pattern.keys()
        and all(isinstance(w, list) or cid[k] == w for k, w in pattern.items())
    )


def _hit(changed: str, item: dict) -> bool:
    """Whether a changed 'id.prop' is the callback input `item` (or one of its pattern's)."""
    cid, prop = changed.rsplit(".", 1)
    if prop != item["property"]:
        return False
    if item["id"].startswith("{"):
        return cid.startswith("{") and _fits(json.loads(cid), json.loads(item["id"]))
    return cid == item["id"]


class Renderer:
    """The page's props and Dash's callback graph; `change` plays one input change through."""

    def __init__(self, client: FlaskClient, referer: str = "http://localhost/") -> None:
        self.client = client
        layout = client.get("/_dash-layout", headers={"Referer": referer}).get_json()
        self.props = _walk(layout, {})
        self.deps = [
            d for d in client.get("/_dash-dependencies").get_json() if not d["clientside_function"]
        ]
        self.requests: list[str] = []
        self.answers: list[dict[str, dict]] = []  # of the last change
        self.server_ms: list[float] = []  # each request's time in the app, of the last change

    def value(self, cid: str, prop: str) -> Any:
        """A prop's current value."""
        return self.props.get(cid, {}).get(prop)

    def matches(self, pattern: str, prop: str) -> list[dict[str, Any]]:
        """The components an ALL pattern ID matches, as the renderer sends them."""
        wild = json.loads(pattern)
        return [
            {"id": json.loads(key), "property": prop, "value": props.get(prop)}
            for key, props in self.props.items()
            if key.startswith("{") and _fits(json.loads(key), wild)
        ]

    def _dep(self, item: dict) -> Any:
        if item["id"].startswith("{"):
            return self.matches(item["id"], item["property"])
        return {
            "id": item["id"],
            "property": item["property"],
            "value": self.value(item["id"], item["property"]),
        }

    def _outputs(self, spec: str) -> list[Any]:
        parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
        out: list[Any] = []
        for part in parts:
            cid, prop = part.rsplit(".", 1)
            if cid.startswith("{"):
                out.append([{"id": m["id"], "property": prop} for m in self.matches(cid, prop)])
            else:
                out.append({"id": cid, "property": prop})
        return out

    def call(self, dep: dict, changed: list[str]) -> dict[str, dict]:
        """Post one callback as the renderer would; apply and return its answer."""
        outputs = self._outputs(dep["output"])
        body = {
            "output": dep["output"],
            "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": [self._dep(i) for i in dep["inputs"]],
            "state": [self._dep(s) for s in dep["state"]],
            "changedPropIds": changed,
        }
        self.requests.append(dep["output"])
        began = time.perf_counter()
        response = self.client.post(UPDATE, json=body)
        self.server_ms.append((time.perf_counter() - began) * 1000)
        assert response.status_code in (200, 204), response.get_data(as_text=True)
        if response.status_code == 204:
            return {}
        answer: dict[str, dict] = response.get_json()["response"]
        self.answers.append(answer)
        for cid, props in answer.items():
            self.props.setdefault(cid, {}).update(props)
            for prop, value in props.items():  # new components in new children
                if prop == "children":
                    _walk(value, self.props)
        return answer

    def change(self, cid: str, prop: str, value: Any) -> list[str]:
        """Set a prop as the reader would and follow every callback it sets off (a callback's
        own outputs do not set it off again, as in Dash); the outputs of the callbacks asked."""
        self.requests, self.answers, self.server_ms = [], [], []
        self.props.setdefault(cid, {})[prop] = value
        pending: list[tuple[str, str | None]] = [(f"{cid}.{prop}", None)]
        while pending:
            changed, pending = pending, []
            for dep in self.deps:
                hits = [
                    c
                    for c, source in changed
                    if source != dep["output"] and any(_hit(c, i) for i in dep["inputs"])
                ]
                if hits:
                    answer = self.call(dep, hits)
                    pending += [
                        (f"{c}.{p}", dep["output"]) for c, props in answer.items() for p in props
                    ]
        return self.requests

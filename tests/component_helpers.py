"""Helpers for tests that read a Dash component tree built by the app's component builders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def component_text(node: Any) -> str:
    """All the text of a Dash component tree (to assert what a panel says)."""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(component_text(n) for n in node)
    children = getattr(node, "children", None)
    return component_text(children) if children is not None else ""


def find_components(node: Any, predicate: Callable[[Any], bool]) -> list[Any]:
    """Every component in the tree (the root included) for which `predicate` holds."""
    found = [node] if predicate(node) else []
    children = getattr(node, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found += find_components(child, predicate)
    elif children is not None and not isinstance(children, str | int | float):
        found += find_components(children, predicate)
    return found


def live_download_links(node: Any, out: list | None = None) -> list[tuple[str, str]]:
    """(chart, fmt) of every live download link in a layout as /_dash-layout serves it: the
    links assets/download_links.js keeps on the page's view (chart "" for the whole view)."""
    out = [] if out is None else out
    if isinstance(node, dict):
        props = node.get("props", {})
        if "data-download-fmt" in props:
            out.append((props["data-download-chart"], props["data-download-fmt"]))
        for value in props.values():
            live_download_links(value, out)
    elif isinstance(node, list):
        for item in node:
            live_download_links(item, out)
    return out


def layout_ids(node: Any, out: list | None = None) -> list:
    """Every component id in a layout as /_dash-layout serves it (JSON), in document order."""
    out = [] if out is None else out
    if isinstance(node, dict):
        props = node.get("props", {})
        if "id" in props:
            out.append(props["id"])
        for value in props.values():
            layout_ids(value, out)
    elif isinstance(node, list):
        for item in node:
            layout_ids(item, out)
    return out

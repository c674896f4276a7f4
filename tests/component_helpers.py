"""Helpers for tests that read a Dash component tree built by the app's component builders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.renderer import layout_props


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


def live_download_links(node: Any) -> list[tuple[str, str]]:
    """(chart, fmt) of every live download link in a layout as /_dash-layout serves it: the
    links assets/download_links.js keeps on the page's view (chart "" for the whole view)."""
    return [
        (p["data-download-chart"], p["data-download-fmt"])
        for p in layout_props(node)
        if "data-download-fmt" in p
    ]


def layout_ids(node: Any) -> list:
    """Every component id in a layout as /_dash-layout serves it (JSON), in document order."""
    return [p["id"] for p in layout_props(node) if "id" in p]

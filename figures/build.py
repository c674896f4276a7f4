"""Cheap figure construction: traces built here from our own frames skip plotly's per-property
validation (most of a figure's build time), and a subplot grid's layout is made once."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from figures.theme import TEMPLATE_NAME


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace dict for `figure_of`, written like `go.<Kind>(...)`: None properties are left
    out and a Series (or Index) becomes the numpy array plotly's validators would store, so the
    figure's JSON is the same as a validated trace's."""
    out: dict[str, Any] = {"type": kind}
    for key, value in props.items():
        if value is None:
            continue
        out[key] = value.to_numpy() if isinstance(value, pd.Series | pd.Index) else value
    return out


def rows(*columns: Any) -> list[list[Any]]:
    """Columns zipped into per-point rows (a trace's customdata), numpy scalars made Python
    ones, as plotly's validators store them."""
    return [
        [v.item() if isinstance(v, np.generic) else v for v in row]
        for row in zip(*columns, strict=True)
    ]


def figure_of(traces: Sequence[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from `trace` dicts and a layout dict, neither validated: most of a figure's build
    time is plotly's validation of every property (and of every later update).

    Only for what this package builds: traces from `trace`, a layout from `subplot_layout` and
    the edits below (plotly's own form: `{"title": {"text": ...}}`, never `title_text`; the
    template as a dict, `base_layout`). `scripts/figure_guard.py` compares the JSON with the
    validated build. `plotly.basedatatypes.BaseFigure` takes `_validate`; it is switched back
    on once the figure is built, so anything done to the figure later is validated as usual.
    """
    fig = go.Figure(data=list(traces), layout=layout, _validate=False)
    fig._validate = True
    fig.layout._validate = True
    for built in fig.data:
        built._validate = True
    return fig


def subplot_layout(titles: Sequence[str] = (), **make_subplots_kwargs: Any) -> dict[str, Any]:
    """The layout `make_subplots` makes (axes, domains, subplot titles), computed once per grid
    and copied: make_subplots costs some 20 ms a figure. Traces then name their axes ('x2',
    'y2') themselves, and axes are updated by name or anchor, not by row and column.

    `titles` are the subplot titles (their positions do not depend on their text)."""
    key = tuple(
        sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in make_subplots_kwargs.items())
    )
    layout = copy.deepcopy(_grid_layout(key, len(titles)))
    for annotation, text in zip(layout.get("annotations", []), titles, strict=False):
        annotation["text"] = text
    return layout


@lru_cache(maxsize=32)
def _grid_layout(key: tuple[tuple[str, Any], ...], titles: int) -> dict[str, Any]:
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in key}
    if titles:
        kwargs["subplot_titles"] = [f"title {i}" for i in range(titles)]
    layout: dict[str, Any] = make_subplots(**kwargs).layout.to_plotly_json()
    layout.pop("template", None)  # the figure's own template applies
    return layout


# Layout edits on a plain layout dict, in plotly's own (validated) form: `{"title": {"text":
# ...}}`, never `title_text`. Each does what the `go.Figure` method of the same name does.


def merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    """Merge `update` into `target` as `Figure.update_layout` does: nested dicts merge, other
    values replace, None removes."""
    for key, value in update.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def update_axes(
    layout: dict[str, Any], kind: str, props: dict[str, Any], *, anchor: str | None = None
) -> None:
    """`Figure.update_xaxes` ("x") or `update_yaxes` ("y"): every axis of that kind the layout
    has (the first one always), or only the one anchored to `anchor`."""
    pattern = re.compile(rf"{kind}axis\d*")
    names = dict.fromkeys([f"{kind}axis", *(k for k in layout if pattern.fullmatch(k))])
    for name in names:
        if anchor is None or layout.get(name, {}).get("anchor") == anchor:
            merge(layout.setdefault(name, {}), props)


@cache
def _template() -> dict[str, Any]:
    return pio.templates[TEMPLATE_NAME].to_plotly_json()


def base_layout(layout: dict[str, Any], *, y_title: str | None, height: int = 420) -> None:
    """The template and the common layout on a layout dict (every chart's): height, closest
    hover, axes that make room for their labels; `y_title` None leaves the y titles."""
    merge(layout, {"template": _template(), "height": height, "hovermode": "closest"})
    update_axes(layout, "x", {"automargin": True})
    update_axes(layout, "y", {"automargin": True})
    if y_title is not None:
        update_axes(layout, "y", {"title": {"text": y_title}})

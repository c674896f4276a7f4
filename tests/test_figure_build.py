"""Figures built as plain traces and layout (figures/build.py) are what plotly's validation
would make of them, and the figure validates whatever is done to it afterwards."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from charts.registry import build_chart, card_charts
from data.loading import Tables
from data.state import DEFAULT_STATE, ViewState
from figures import build

STATES = [
    DEFAULT_STATE,
    DEFAULT_STATE.with_(countries=("KAZ", "TKM"), flow="balance", scale="log", events=True),
    DEFAULT_STATE.with_(years=(2004, 2012), basis="fiscal", flow="export", country="UZB"),
]


@pytest.mark.parametrize("state", STATES, ids=["default", "balance-log", "fiscal-export"])
def test_every_card_figure_survives_validation_unchanged(tables: Tables, state: ViewState) -> None:
    """Validating an Overview figure's JSON again changes nothing: no property name, value or
    form that plotly would have rewritten (title_text, None, a Series) reached the JSON."""
    for spec in card_charts():
        built = json.loads(build_chart(tables, state, spec.name).figure.to_json())
        validated = json.loads(go.Figure(built).to_json())
        assert validated == built, spec.name


def test_a_built_figure_validates_later_edits() -> None:
    fig = build.figure_of([build.trace("bar", x=[1, 2], y=[3, 4])], {"height": 300})
    with pytest.raises(ValueError):
        fig.update_layout(heigth=200)
    with pytest.raises(ValueError):
        fig.data[0].update(colour="red")
    fig.update_layout(height=200)
    assert fig.layout.height == 200


def test_layout_edits_follow_plotly() -> None:
    """update_axes and merge do on a dict what the Figure methods do on a figure."""
    layout = build.subplot_layout(rows=1, cols=2, titles=["left", "right"])
    fig = make_subplots(rows=1, cols=2, subplot_titles=["left", "right"])
    build.update_axes(layout, "y", {"title": {"text": "share"}}, anchor="x2")
    fig.update_yaxes(title_text="share", row=1, col=2)
    build.update_axes(layout, "x", {"automargin": True})
    fig.update_xaxes(automargin=True)
    build.merge(layout, {"margin": {"t": 60}, "legend": {"traceorder": "normal"}})
    fig.update_layout(margin={"t": 60}, legend_traceorder="normal")
    expected = fig.layout.to_plotly_json()
    expected.pop("template")
    assert layout == expected
    assert [a["text"] for a in layout["annotations"]] == ["left", "right"]

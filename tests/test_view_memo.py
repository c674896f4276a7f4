"""The per-view query memo: one query per view, shared by a chart's figure, summary and table."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest

from callbacks.charts import text_alternative
from charts.registry import build_chart
from data import queries, view_memo
from data.loading import Tables
from data.state import DEFAULT_STATE


def test_same_view_same_result_object(tables: Tables) -> None:
    state = DEFAULT_STATE.with_(years=(2003, 2011))
    first = queries.trend_view(tables, state)
    assert queries.trend_view(tables, state) is first
    assert queries.trend_view(tables, state.with_(flow="export")) is not first


def test_a_card_queries_its_view_once(tables: Tables, monkeypatch: pytest.MonkeyPatch) -> None:
    """The balance card's figure, summary and table all draw on one balance view."""
    calls: list[object] = []
    original = queries.caption_for  # balance_view writes its caption once per build

    def counted(*args: Any, **kwargs: Any) -> str:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(queries, "caption_for", counted)
    fresh = dataclasses.replace(tables)  # its own (empty) memo
    state = DEFAULT_STATE.with_(years=(2004, 2012))
    build_chart(fresh, state, "balance")
    summary, frame = text_alternative(fresh, state, "balance")
    assert summary and not frame.empty
    assert len(calls) == 1


def test_memo_is_bounded_and_per_tables(tables: Tables, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(view_memo, "MAXSIZE", 3)
    fresh = dataclasses.replace(tables)
    views = [
        queries.balance_view(fresh, DEFAULT_STATE.with_(years=(2000 + i, 2020))) for i in range(5)
    ]
    # The oldest were dropped: asked again, they are built anew (equal, not the same object).
    again = queries.balance_view(fresh, DEFAULT_STATE.with_(years=(2000, 2020)))
    assert again is not views[0]
    pd.testing.assert_frame_equal(again.data, views[0].data)
    assert queries.balance_view(fresh, DEFAULT_STATE.with_(years=(2004, 2020))) is views[4]
    # Other tables never get this memo's results.
    assert queries.balance_view(tables, DEFAULT_STATE.with_(years=(2004, 2020))) is not views[4]


def test_cut_years_is_the_range_built_once(tables: Tables) -> None:
    calls: list[tuple[int, int]] = []

    def build(tables: Tables, factor: int, start: int, end: int) -> pd.DataFrame:
        calls.append((start, end))
        years = list(range(start, end + 1))
        return pd.DataFrame({"year": years, "value": [factor * y for y in years]})

    fresh = dataclasses.replace(tables)
    for years in [(2003, 2005), (2000, 2010), (2009, 2009)]:
        got = view_memo.cut_years(fresh, build, years, (2000, 2010), 3)
        pd.testing.assert_frame_equal(got, build(fresh, 3, *years))
    # Built over every year once (the other calls are this test's own references).
    assert calls.count((2000, 2010)) == 2
    assert view_memo.cut_years(fresh, build, (2005, 2004), (2000, 2010), 3).empty

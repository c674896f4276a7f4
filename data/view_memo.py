"""A bounded per-view memo of query results: a chart's figure, summary and table (and the other
charts of the same view) share one query instead of each running it again."""

from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd

from data.loading import Tables
from data.schema import YEAR

P = ParamSpec("P")
T = TypeVar("T")

# Views (state × query) kept per Tables. One view change asks for some twenty; a page's callbacks
# and its downloads ask for the same few views again and again.
MAXSIZE = 256

_memos: dict[int, OrderedDict[Hashable, Any]] = {}
_lock = threading.Lock()


def _memo_for(tables: Tables) -> OrderedDict[Hashable, Any]:
    """The memo of one Tables object, dropped when the tables are (keyed by identity: Tables
    holds frames, so it is not hashable)."""
    key = id(tables)
    memo = _memos.get(key)
    if memo is None:
        memo = _memos[key] = OrderedDict()
        weakref.finalize(tables, _memos.pop, key, None)
    return memo


def per_view(fn: Callable[Concatenate[Tables, P], T]) -> Callable[Concatenate[Tables, P], T]:
    """Memoise a query on (tables, its other arguments), least recently used dropped first.

    The result is shared by every caller: treat it (its frames too) as read-only, as every
    query result already is (pandas copy-on-write keeps derived frames independent)."""

    @functools.wraps(fn)
    def wrapper(tables: Tables, *args: P.args, **kwargs: P.kwargs) -> T:
        key = (fn, args, tuple(sorted(kwargs.items())))
        with _lock:
            memo = _memo_for(tables)
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = fn(tables, *args, **kwargs)
        with _lock:
            memo[key] = value
            while len(memo) > MAXSIZE:
                memo.popitem(last=False)
        return value

    return wrapper


def cut_years(
    tables: Tables,
    build: Callable[..., pd.DataFrame],
    years: tuple[int, int],
    every: tuple[int, int],
    *args: Hashable,
) -> pd.DataFrame:
    """`build(tables, *args, start, end)` for a frame with a `year` column whose rows are per
    year (a year's row depends on that year only): cut from the frame over `every` year, built
    once per arguments, so a new year range costs no rebuild."""
    start, end = years
    if start > end:
        return build(tables, *args, start, end)
    whole = _every_year(tables, build, every, *args)
    return whole[whole[YEAR].between(start, end)].reset_index(drop=True)


@per_view
def _every_year(
    tables: Tables, build: Callable[..., pd.DataFrame], every: tuple[int, int], *args: Hashable
) -> pd.DataFrame:
    return build(tables, *args, *every)

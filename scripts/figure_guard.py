"""Guard for figure refactors: dump every chart's figure, caption, texts and table frame for a
spread of view states, or compare a dump with the current code (equal up to float noise).

    python -m scripts.figure_guard dump before.pickle
    python -m scripts.figure_guard compare before.pickle
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import pickle
import sys
from typing import Any

import pandas as pd

import settings
from callbacks.charts import text_alternative
from charts.registry import CHARTS, build_chart
from charts.spec import ChartRequestError
from data.loading import Tables, load_tables
from data.schema import CAR_CODES
from data.state import DEFAULT_STATE, ViewState
from data.status_dates import reference_clock

REL = 1e-9  # floats equal up to this relative difference count as equal


def states() -> list[ViewState]:
    """A spread of views: countries (all, several, one), flows, reporters, bases, year ranges,
    units, scales, events, a focus country or none and a comparison."""
    base = DEFAULT_STATE
    country_sets: list[tuple[str, ...]] = [CAR_CODES, ("KAZ", "UZB", "TKM"), ("TJK",)]
    out = [
        base.with_(countries=c, flow=f, reporter=r, basis=b)
        for c, f, r, b in itertools.product(
            country_sets,
            ("export", "import", "balance", "turnover"),
            ("pakistan", "partner"),
            ("calendar", "fiscal"),
        )
    ]
    out += [
        base.with_(years=(1995, 2023), scale="log", unit="usd"),
        base.with_(years=(2010, 2012), unit="thousand", events=True),
        base.with_(years=(2018, 2018), flow="balance", scale="log"),
        base.with_(years=(1990, 2024), events=True, country="KAZ"),
        base.with_(country="UZB", compare="KGZ", flow="export"),
        base.with_(country="TKM", countries=("TKM",), basis="fiscal", scale="log"),
        base.with_(countries=("KAZ", "KGZ"), years=(2003, 2009), reporter="partner", events=True),
        base.with_(countries=("AZE",), years=(2000, 2015), flow="import", scale="log"),
    ]
    return out


def dump(tables: Tables) -> dict[tuple[str, str], Any]:
    """Per (state, chart): the figure as JSON-decoded dict and every text and frame."""
    out: dict[tuple[str, str], Any] = {}
    for state in states():
        for name in CHARTS:
            try:
                result = build_chart(tables, state, name)
            except (ChartRequestError, KeyError) as err:
                out[(repr(state), name)] = ("error", type(err).__name__, str(err))
                continue
            summary, frame = text_alternative(tables, state, name)
            out[(repr(state), name)] = (
                json.loads(result.figure.to_json()),
                result.caption,
                result.title,
                result.notices,
                result.subtitle,
                result.plot_aspect,
                result.min_width,
                summary,
                frame,
            )
    return out


def diff(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two JSON-like values differ (floats compared with a relative tolerance)."""
    if isinstance(a, pd.DataFrame) or isinstance(b, pd.DataFrame):
        try:
            pd.testing.assert_frame_equal(a, b, rtol=REL, check_exact=False)
        except AssertionError as err:
            return [f"{path}: frame {str(err).splitlines()[:3]}"]
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: only one side" for k in set(a) ^ set(b)]
        for k in a.keys() & b.keys():
            out += diff(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        pairs = enumerate(zip(a, b, strict=True))
        return [d for i, (x, y) in pairs for d in diff(x, y, f"{path}[{i}]")]
    if (
        isinstance(a, float)
        and isinstance(b, float)
        and ((math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=REL))
    ):
        return []
    if type(a) is not type(b) or a != b:
        return [f"{path}: {a!r:.80} != {b!r:.80}"]
    return []


def main(argv: list[str]) -> int:
    """Dump or compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("dump", "compare"))
    parser.add_argument("path")
    args = parser.parse_args(argv)
    tables = load_tables(settings.DATA_DIR, clock=reference_clock(settings.REFERENCE_DATE))
    now = dump(tables)
    if args.mode == "dump":
        with open(args.path, "wb") as fh:
            pickle.dump(now, fh)
        sys.stdout.write(f"{len(now)} charts dumped\n")
        return 0
    with open(args.path, "rb") as fh:
        before = pickle.load(fh)
    problems = [f"{k}: missing" for k in before.keys() - now.keys()]
    for key in before.keys() & now.keys():
        problems += [f"{key[1]} {key[0][:60]}… {d}" for d in diff(before[key], now[key])]
    sys.stdout.write("\n".join(problems[:60]) + ("\n" if problems else ""))
    sys.stdout.write(f"{len(now)} charts compared, {len(problems)} differences\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

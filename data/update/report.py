"""The revision report a refresh prints before writing: new, changed and vanished figures."""

from __future__ import annotations

from typing import Final

import pandas as pd

from data.schema import BASIS, FLOW, PARTNER, REPORTER, SOURCE_ID, VALUE, YEAR
from data.update.derive import DOTS_PREFIX, IMTS_SOURCES, TRADE_KEY, fiscal_label, pakistan_view

TOLERANCE: Final = 0.005  # US$: values are stored to the cent; smaller differences are rounding
DOTS_WARN_PCT: Final = 1.0  # overlap figures further apart than this are listed
SCALE_GUARD: Final = (0.5, 2.0)  # a median IMTS/DOTS ratio outside this means the units changed
SHOWN: Final = 12  # lines listed per section before "... and N more"


def _figures(trade: pd.DataFrame, stated: pd.DataFrame) -> pd.Series:
    """IMTS-sourced figures keyed by a readable label, full years and year-to-date alike."""
    imts = list(IMTS_SOURCES.values())
    full = trade[trade[SOURCE_ID].isin(imts)]
    labels = [
        f"{r[PARTNER]} {r[REPORTER]}-reported {r[FLOW]} "
        f"{fiscal_label(int(r[YEAR])) if r[BASIS] == 'fiscal' else r[YEAR]}"
        for _, r in full.iterrows()
    ]
    ytd = stated[stated[SOURCE_ID].isin(imts)]
    labels += [
        f"{r[PARTNER]} {r[REPORTER]}-reported {r['measure']} {r['period']} (year-to-date)"
        for _, r in ytd.iterrows()
    ]
    values = [float(v) for v in full[VALUE]] + [float(v) for v in ytd[VALUE]]
    return pd.Series(values, index=labels, dtype=float)


def _musd(value: float) -> str:
    return f"{value / 1e6:,.3f}"


def _listed(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    more = [f"    ... and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else []
    return [f"  {title} ({len(lines)}):", *[f"    {x}" for x in lines[:SHOWN]], *more]


def revisions(
    old_trade: pd.DataFrame,
    old_stated: pd.DataFrame,
    new_trade: pd.DataFrame,
    new_stated: pd.DataFrame,
) -> list[str]:
    """New figures (grouped by year), changed values old -> new (% change), vanished values."""
    old, new = _figures(old_trade, old_stated), _figures(new_trade, new_stated)
    added = new.index.difference(old.index)
    gone = old.index.difference(new.index)
    common = new.index.intersection(old.index)
    delta = (new[common] - old[common]).abs() > TOLERANCE
    changed = []
    for label in common[delta.to_numpy()]:
        before, after = old[label], new[label]
        pct = f"{(after - before) / before * 100:+.1f}%" if before else "from zero"
        changed.append(f"{label}: {_musd(before)} -> {_musd(after)} US$ mn ({pct})")
    years: dict[str, int] = {}
    for label in added:
        period = label.split(" ", 3)[3]
        years[period] = years.get(period, 0) + 1
    new_lines = [f"{period}: {n} figure(s)" for period, n in sorted(years.items())]
    lines = ["Revision report (IMF IMTS figures; values in US$ mn)"]
    lines += _listed("new", new_lines)
    lines += _listed("changed", sorted(changed))
    lines += _listed("disappeared", [f"{x}: was {_musd(old[x])}" for x in sorted(gone)])
    if len(lines) == 1:
        lines.append("  no change: every figure is as before")
    return lines


def dots_overlap(obs: pd.DataFrame, trade: pd.DataFrame) -> tuple[list[str], str | None]:
    """Compare IMTS annual figures with the DOTS snapshot for the years both cover.

    Returns the report lines and, when the two disagree by a factor (the SCALE or the units
    changed), the reason the refresh must stop.
    """
    dots = trade[trade[SOURCE_ID].str.startswith(DOTS_PREFIX) & (trade[BASIS] == "calendar")]
    annual = pakistan_view(obs[obs["frequency"] == "A"]).assign(**{BASIS: "calendar"})
    both = annual.merge(dots, on=TRADE_KEY, suffixes=("_imts", "_dots"))
    both = both[both[f"{VALUE}_dots"] > 0]
    if both.empty:
        return ["DOTS overlap: no year in common with the DOTS snapshot"], None
    ratio = both[f"{VALUE}_imts"] / both[f"{VALUE}_dots"]
    pct = (ratio - 1) * 100
    first, last = int(both[YEAR].min()), int(both[YEAR].max())
    far = both.assign(pct=pct)[pct.abs() > DOTS_WARN_PCT].sort_values("pct", key=abs)
    lines = [
        f"DOTS overlap {first}-{last}: {len(both)} figures compared, "
        f"{int((pct.abs() <= DOTS_WARN_PCT).sum())} within {DOTS_WARN_PCT:g}%"
    ]
    listed = [
        f"{r[PARTNER]} {r[REPORTER]}-reported {r[FLOW]} {r[YEAR]}: DOTS "
        f"{_musd(r[f'{VALUE}_dots'])} vs IMTS {_musd(r[f'{VALUE}_imts'])} ({r['pct']:+.1f}%)"
        for _, r in far.iloc[::-1].iterrows()
    ]
    lines += _listed("differ by more than 1% (IMTS revises DOTS; the app keeps DOTS here)", listed)
    median = float(ratio.median())
    if not SCALE_GUARD[0] <= median <= SCALE_GUARD[1]:
        return lines, (
            f"IMTS figures are {median:.3g} times the DOTS snapshot's for the same years: the "
            "reply's SCALE or units have changed; check data/update/imts.py before refreshing"
        )
    return lines, None

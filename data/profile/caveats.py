"""Data caveats of a country's figures: mirror gaps, fiscal coverage, readings, disagreements."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

from data.loading import Tables
from data.lookups import country_names, source_labels
from data.profile.headlines import _gaps, _is_derived, _years_text, headline, series_frame
from data.profile.model import MIRROR_GAP_FACTOR, SERIES, SERIES_LABEL, Caveat, Headline
from data.queries import SOURCES
from data.schema import (
    BASIS,
    ESTIMATE,
    FLOW,
    NOTE,
    PARTNER,
    PRIMARY,
    REPORTER,
    SOURCE_ID,
    VALUE,
    YEAR,
)
from data.state import fy_label, period_label
from data.text import musd


def _mirror_caveat(tables: Tables, iso3: str, name: str) -> Caveat | None:
    """Partner vs Pakistan calendar turnover: the latest common year, the median, the direction."""
    pak = series_frame(tables, "calendar", "pakistan", "turnover")
    par = series_frame(tables, "calendar", "partner", "turnover")
    pak_own = pak[pak[PARTNER] == iso3].set_index(YEAR)[VALUE]
    par_own = par[par[PARTNER] == iso3].set_index(YEAR)[VALUE]
    common = sorted(set(pak_own.index) & set(par_own.index))
    if not common:
        return None
    ratios = (par_own[common] / pak_own[common]).replace([math.inf, -math.inf], math.nan)
    ratios = ratios.dropna()
    last = common[-1]
    if not pak_own[last] or ratios.empty:
        return None
    ratio = float(par_own[last] / pak_own[last])
    median = float(ratios.median())
    higher = int((ratios > 1).sum())
    in_common = [
        frame.loc[(frame[PARTNER] == iso3) & frame[YEAR].isin(common), SOURCES]
        for frame in (pak, par)
    ]
    sources = tuple(
        sorted({s for column in in_common for ids in column for s in str(ids).split(";") if s})
    )
    outside = not (1 / MIRROR_GAP_FACTOR < ratio < MIRROR_GAP_FACTOR)
    median_outside = not (1 / MIRROR_GAP_FACTOR < median < MIRROR_GAP_FACTOR)
    band = f"{MIRROR_GAP_FACTOR:g}×"
    text = (
        f"In {last} {name}'s own statistics record {musd(float(par_own[last]))} of trade with "
        f"Pakistan, {ratio:.2f}× what Pakistan records ({musd(float(pak_own[last]))}): "
        + (
            f"outside {band} either way."
            if outside
            else f"{abs(ratio - 1) * 100:.0f}% {'more' if ratio > 1 else 'less'}, within {band}."
        )
        + f" Median ratio over {len(ratios)} common years: {median:.2f}×"
        + (f" (outside {band})" if median_outside and not outside else "")
        + f"; {name}'s figure is the higher one in {higher} of {len(ratios)} years."
    )
    if (ratio > 1) != (median > 1):
        text += (
            f" The direction has flipped: in {last} {name} records "
            f"{'more' if ratio > 1 else 'less'} than Pakistan, in most years "
            f"{'less' if ratio > 1 else 'more'}."
        )
    if outside or median_outside:
        text += (
            " Valuation (CIF/FOB), transit through third countries and informal trade explain "
            "some of such gaps; neither side is 'right'."
        )
    return Caveat("mirror_gap", text, sources)


def _fiscal_caveat(tables: Tables, fiscal: pd.DataFrame, name: str) -> Caveat:
    """Where the fiscal-year figures come from (second-hand quotations), and what not to do."""
    if fiscal.empty:
        return Caveat("fiscal", f"No Pakistan fiscal-year figures for {name} in this data.")
    labels = source_labels(tables)
    years = sorted(set(fiscal[YEAR]))
    by_source = [
        f"{labels.get(str(sid), str(sid))} ({_years_text(sorted(set(rows[YEAR])), 'fiscal')})"
        for sid, rows in sorted(fiscal.groupby(SOURCE_ID), key=lambda kv: kv[1][YEAR].min())
    ]
    return Caveat(
        "fiscal",
        "Pakistan's fiscal year runs July–June and is named by the year it ends "
        f"({fy_label(years[-1])} = July {years[-1] - 1}–June {years[-1]}). The fiscal-year "
        f"figures come from {'; '.join(by_source)}: Pakistan's official records quoted "
        "second-hand, by a paper or the press, not an official table read directly. They cannot "
        "be added to, or compared year for year with, calendar-year figures.",
        tuple(sorted(set(fiscal[SOURCE_ID]))),
    )


READING_WORDS = re.compile(r"presumably|assumed|as given in the paper", re.IGNORECASE)


def _reading_caveats(tables: Tables, iso3: str, headlines: list[Headline]) -> list[Caveat]:
    """Headline figures that rest on a reading of the source (a year label, a missing unit)."""
    trade = tables.trade
    facts = tables.seed_facts
    out = []
    for h in headlines:
        rows = trade[
            (trade[PARTNER] == iso3)
            & trade[PRIMARY]
            & (trade[YEAR] == h.year)
            & (trade[BASIS] == h.basis)
            & (trade[REPORTER] == h.reporter)
        ]
        notes = [str(n) for n in dict.fromkeys(rows[NOTE].dropna()) if READING_WORDS.search(n)]
        stated = facts[
            (facts[PARTNER] == iso3)
            & (facts["year"] == h.year)
            & (facts["year_basis"] == h.basis)
            & facts["statement"].str.contains("assumed", case=False)
        ]
        notes += [str(s) for s in stated["statement"]]
        if notes:
            sources = set(rows[SOURCE_ID]) | set(stated[SOURCE_ID])
            out.append(
                Caveat(
                    "reading",
                    f"The {h.short} {h.period} headline figures rest on a reading of "
                    f"the source: {'; '.join(notes)}.",
                    tuple(sorted(sources)),
                )
            )
    return out


def caveats_for(
    tables: Tables, iso3: str, headlines: Sequence[Headline] | None = None
) -> list[Caveat]:
    """What an analyst must know before quoting this country's figures.

    `headlines`: the country's headline figures when the caller has them already (the profile).
    """
    names = country_names(tables)
    name = names[iso3]
    out: list[Caveat] = []
    if _is_derived(tables, iso3, "partner"):
        out.append(
            Caveat(
                "derived_mirror",
                f"{name} does not report its trade to the IMF: the 'partner-reported' series is "
                "estimated by the IMF from Pakistan's own figures, so it is not an independent "
                "check and the mirror gap says nothing about data quality.",
                ("imf_dots_partner",),
            )
        )
    elif (mirror := _mirror_caveat(tables, iso3, name)) is not None:
        out.append(mirror)
    trade = tables.trade
    own = trade[(trade[PARTNER] == iso3) & trade[PRIMARY]]
    out.append(_fiscal_caveat(tables, own[own[BASIS] == "fiscal"], name))
    if headlines is None:
        headlines = [h for b, r in SERIES if (h := headline(tables, iso3, b, r))]
    out.extend(_reading_caveats(tables, iso3, list(headlines)))
    for basis, reporter in SERIES:
        rows = own[(own[BASIS] == basis) & (own[REPORTER] == reporter)]
        gaps = {
            flow: _gaps(sorted(set(rows.loc[rows[FLOW] == flow, YEAR])))
            for flow in ("export", "import")
        }
        flows = (
            {"export or import": gaps["export"]}
            if gaps["export"] == gaps["import"]
            else {"export": gaps["export"], "import": gaps["import"]}
        )
        for flow, missing in flows.items():
            if missing:
                out.append(
                    Caveat(
                        "missing_years",
                        f"{SERIES_LABEL[(basis, reporter)]}: no {flow} figure for "
                        f"{_years_text(missing, basis)} (shown as gaps, never as zero).",
                    )
                )
    estimates = own[own[ESTIMATE]]
    if not estimates.empty:
        years = sorted(set(estimates[YEAR]))
        out.append(
            Caveat(
                "estimates",
                f"{len(estimates)} figure(s) are IMF estimates, not reported data "
                f"({_years_text(years, 'calendar')}); the data download marks them as "
                "estimates.",
                tuple(sorted(set(estimates[SOURCE_ID]))),
            )
        )
    out.extend(_stated_disagreements(tables, iso3))
    return out


def _stated_disagreements(tables: Tables, iso3: str) -> list[Caveat]:
    """Totals a source states that differ from the same source's exports and imports."""
    st = tables.stated_totals
    trade = tables.trade
    out = []
    rows = st[(st[PARTNER] == iso3) & ~st["partial"] & st["measure"].isin(["balance", "turnover"])]
    for _, row in rows.iterrows():
        same = trade[
            (trade[PARTNER] == iso3)
            & (trade[YEAR] == row[YEAR])
            & (trade[BASIS] == row[BASIS])
            & (trade[REPORTER] == row[REPORTER])
            & (trade[SOURCE_ID] == row[SOURCE_ID])
        ]
        x = same.loc[same[FLOW] == "export", VALUE]
        m = same.loc[same[FLOW] == "import", VALUE]
        if x.empty or m.empty:
            continue
        xv, mv = float(x.iloc[0]), float(m.iloc[0])
        derived = xv - mv if row["measure"] == "balance" else xv + mv
        stated = float(row[VALUE])
        if abs(stated - derived) > max(0.005 * abs(derived), 5_000):
            out.append(
                Caveat(
                    "disagreement",
                    f"{source_labels(tables).get(row['source_id'], row['source_id'])} states a "
                    f"{period_label(int(row[YEAR]), row[BASIS])} {row['measure']} of "
                    f"{musd(stated)}, but its own exports ({musd(xv)}) and imports "
                    f"({musd(mv)}) give {musd(derived)}. Both are kept; the charts derive "
                    "the balance from exports and imports.",
                    (str(row[SOURCE_ID]),),
                )
            )
    return out

"""Country profile view model: headline figures, caveats, facts and targets for one CAR.

Pure functions of the validated tables (no Dash). Every fact keeps its source id so the panel can
cite it; every figure says which basis, reporter and year it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from data.context import Place, pakistan_place
from data.loading import Tables
from data.queries import (
    SOURCES,
    cagr,
    country_names,
    flow_series,
    source_labels,
)
from data.schema import (
    BASIS,
    CAR_CODES,
    ESTIMATE,
    FLOW,
    NOTE,
    PARTNER,
    PRIMARY,
    REPORTER,
    VALUE,
    YEAR,
)
from data.state import fy_label, period_label
from data.status_dates import with_status_dates

# The series a profile reports, in display order: (basis, reporter).
SERIES: tuple[tuple[str, str], ...] = (
    ("calendar", "pakistan"),
    ("calendar", "partner"),
    ("fiscal", "pakistan"),
)
SERIES_LABEL = {
    ("calendar", "pakistan"): "Pakistan-reported, calendar year (IMF DOTS)",
    ("calendar", "partner"): "Partner-reported, calendar year (mirror)",
    ("fiscal", "pakistan"): "Pakistan-reported, Pakistan fiscal year (Jul–Jun)",
}
# Column heads: the period under them ("2020", "FY2024-25") says which year basis it is.
SERIES_SHORT = {
    ("calendar", "pakistan"): "Pakistan-reported",
    ("calendar", "partner"): "Partner-reported",
    ("fiscal", "pakistan"): "Pakistan-reported",
}
# Turkmenistan's "partner-reported" DOTS series is the IMF's estimate from Pakistan's own data.
DERIVED_SHORT = "Partner-reported (IMF-derived)"
BASIS_TEXT = {"calendar": "calendar year", "fiscal": "Pakistan fiscal year (Jul–Jun)"}
# An agreement's status as read: FACTS.md's `implemented` means being applied, not finished.
AGREEMENT_STATUS_LABEL = {"implemented": "being implemented", "in_force": "in force"}


def agreement_status_label(status: str) -> str:
    """'being implemented', 'under negotiation', ... for an agreements.csv status."""
    return AGREEMENT_STATUS_LABEL.get(status, status.replace("_", " "))


def series_phrase(basis: str, reporter: str, year: int) -> str:
    """'Pakistan-reported, 2020' or 'Pakistan-reported, FY2024-25': reporter, period, once."""
    return f"{SERIES_SHORT[(basis, reporter)]}, {period_label(year, basis)}"


MIN_CARS_FOR_SHARE = 5  # a share or rank among fewer CARs would mislead
MIRROR_GAP_FACTOR = 1.5  # a partner/Pakistan ratio beyond 1.5× (or below 1/1.5) is a caveat
CONTEXT_NAMES = {
    "PAK": "Pakistan",
    "AFG": "Afghanistan",
    "CHN": "China",
    "IND": "India",
    "IRN": "Iran",
}
MEMBERSHIP_MARK = {
    "member": "member",
    "observer": "observer",
    "dialogue_partner": "dialogue partner",
    "participant": "participant",
    "applicant": "applicant",
    "non_member": "—",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CAGR_RULE = (
    "CAGRs are shown only where both end years come from the same source; across a change of "
    "source they are withheld, because the rate would mix growth with the change of source."
)


def date_label(date: object, precision: object = None) -> str:
    """'14 Dec 2022', 'Dec 2022', '2022' or 'by 15 Mar 2023' from an ISO date and its precision."""
    parts = [int(p) for p in str(date).split("-")]
    text = str(parts[0])
    if len(parts) >= 2:
        text = f"{MONTHS[parts[1] - 1]} {text}"
    if len(parts) == 3:
        text = f"{parts[2]} {text}"
    return f"by {text}" if precision == "before" else text


def millions(value: float) -> str:
    """US$ value in millions with the precision the profile and brief print: '0.52', '59.8'."""
    m = value / 1e6
    return f"{m:,.2f}" if abs(m) < 10 else f"{m:,.1f}"


def pct_text(value: float | None, signed: bool = False) -> str:
    """A percentage with one decimal ('+12.3%' when signed), or an en dash for none."""
    if value is None or pd.isna(value):
        return "–"
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def musd(value: float) -> str:
    """'US$59.8 M', 'US$0.52 M', 'US$1.2 bn', 'US$10 bn': an amount in words an analyst reads."""
    if abs(value) >= 1e9:
        bn = value / 1e9
        return f"US${bn:,.0f} bn" if abs(bn - round(bn)) < 0.05 else f"US${bn:,.1f} bn"
    return f"US${millions(value)} M"


@dataclass(frozen=True)
class Growth:
    """A compound annual growth rate of turnover over `span` years ending in the headline year.

    `value` is None when an end year has no figure or when the two ends come from different
    sources (withheld: `note` says why and gives both ends with their sources).
    """

    span: int
    value: float | None
    start_period: str
    start_value: float | None
    start_sources: tuple[str, ...]
    end_sources: tuple[str, ...]
    note: str

    @property
    def mixed(self) -> bool:
        """The two ends come from different sources."""
        return bool(self.start_sources) and set(self.start_sources) != set(self.end_sources)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source behind the rate (both ends)."""
        return tuple(sorted(set(self.start_sources) | set(self.end_sources)))


@dataclass(frozen=True)
class Headline:
    """The latest year's figures of one series (basis × reporter) for one country."""

    basis: str
    reporter: str
    label: str
    short: str
    year: int
    period: str
    export: float | None
    import_: float | None
    balance: float | None
    turnover: float | None
    estimate: bool
    share_pct: float | None
    share_note: str
    rank: int | None
    rank_of: int
    cagr5: float | None
    cagr10: float | None
    cagr_note: str
    sources: tuple[str, ...]
    growth: tuple[Growth, ...] = ()
    derived: bool = False  # the series is the IMF's estimate, not the partner's own report


CAVEAT_TITLE = {
    "mirror_gap": "Mirror gap",
    "derived_mirror": "Derived mirror",
    "fiscal": "Fiscal vs calendar",
    "reading": "Reading of the source",
    "missing_years": "Missing years",
    "estimates": "Estimates",
    "disagreement": "Source disagrees with itself",
}


@dataclass(frozen=True)
class Caveat:
    """A data caveat shown on the panel, with the sources it rests on."""

    kind: str  # mirror_gap | derived_mirror | fiscal | reading | missing_years | estimates | ...
    text: str
    sources: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The caveat's heading, as the panel and the brief print it."""
        return CAVEAT_TITLE.get(self.kind, self.kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class TargetFigure:
    """One series' latest turnover measured against a target."""

    label: str  # 'Pakistan-reported, FY2024-25'
    basis: str
    reporter: str
    period: str
    value: float
    pct: float
    counts: bool  # from the baseline year on: progress; earlier figures predate the target
    sources: tuple[str, ...]


@dataclass(frozen=True)
class BaselineFigure:
    """Another figure for the target's baseline year, shown beside the stated baseline."""

    label: str
    value: float
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class TargetProgress:
    """A stated target, measured against each series' latest turnover figure."""

    target_id: str
    description: str
    target_usd: float
    target_year: int | None
    baseline: str | None
    baseline_figures: tuple[BaselineFigure, ...]
    progress: tuple[TargetFigure, ...]
    caveat: str
    source_ids: tuple[str, ...]
    baseline_year: int | None = None

    @property
    def source_id(self) -> str:
        """The target's sources as one ';'-joined id string (for citation helpers)."""
        return ";".join(self.source_ids)


@dataclass(frozen=True)
class Profile:
    """Everything one country's panel shows."""

    iso3: str
    name: str
    capital: str
    headlines: tuple[Headline, ...]
    spark: pd.DataFrame  # partner, year, basis, reporter, value (turnover, US$)
    caveats: tuple[Caveat, ...]
    agreements: pd.DataFrame
    mechanisms: pd.DataFrame
    memberships: pd.DataFrame  # body, name, country status, Pakistan status, sources
    corridors: pd.DataFrame
    products: pd.DataFrame
    events: pd.DataFrame
    targets: tuple[TargetProgress, ...]
    notes: pd.DataFrame  # seed-text statements (topic, statement, value, unit, year, source)
    references: pd.DataFrame  # source_id, short_label, title, url, publisher
    used_sources: tuple[str, ...] = field(default=())
    regional_notes: pd.DataFrame = field(default_factory=pd.DataFrame)  # blank-country facts
    derived_mirror: bool = False
    place: Place | None = None  # Pakistan's rank among the CAR's compared partners (data/context)


def series_frame(tables: Tables, basis: str, reporter: str, flow: str) -> pd.DataFrame:
    """All six CARs' primary series of one flow (balance/turnover derived), every year.

    Computed once per Tables and shared: callers must not modify the frame.
    """
    key = ("profile-series", basis, reporter, flow)
    if key in tables.memo:
        return tables.memo[key]
    trade = tables.trade
    figures = trade[trade[PRIMARY] & (trade[BASIS] == basis) & (trade[REPORTER] == reporter)]
    tables.memo[key] = flow_series(figures, flow)
    return tables.memo[key]


def _value(series: pd.DataFrame, iso3: str, year: int) -> float | None:
    rows = series[(series[PARTNER] == iso3) & (series[YEAR] == year)]
    return float(rows[VALUE].iloc[0]) if not rows.empty else None


def _sources(series: pd.DataFrame, iso3: str, year: int) -> tuple[str, ...]:
    rows = series[(series[PARTNER] == iso3) & (series[YEAR] == year)]
    return tuple(sorted({s for joined in rows[SOURCES] for s in str(joined).split(";") if s}))


def _is_derived(tables: Tables, iso3: str, reporter: str) -> bool:
    """Partner-reported DOTS figures of a country that does not report to the IMF."""
    c = tables.countries
    return reporter == "partner" and not bool(
        c.loc[c["iso3"] == iso3, "reports_to_imf_dots"].iloc[0]
    )


def _growth(
    tables: Tables, turnover: pd.DataFrame, iso3: str, year: int, span: int, basis: str
) -> Growth:
    """The span-year CAGR ending in `year`, withheld across a change of source."""
    start = year - span
    first = _value(turnover, iso3, start)
    last = _value(turnover, iso3, year)
    start_sources = _sources(turnover, iso3, start)
    end_sources = _sources(turnover, iso3, year)
    period = period_label(start, basis)
    if first is None or last is None:
        return Growth(span, None, period, first, start_sources, end_sources, f"no {period} figure")
    growth = Growth(span, cagr(first, last, span), period, first, start_sources, end_sources, "")
    if growth.mixed:
        labels = source_labels(tables)

        def named(ids: tuple[str, ...]) -> str:
            return " + ".join(labels.get(s, s) for s in ids)

        note = (
            f"not shown: different sources at the two ends ({named(start_sources)}, "
            f"{period}: {musd(first)}; {named(end_sources)}, {period_label(year, basis)}: "
            f"{musd(last)})"
        )
        return Growth(span, None, period, first, start_sources, end_sources, note)
    if growth.value is None:
        return Growth(span, None, period, first, start_sources, end_sources, "not defined")
    return growth


def headline(tables: Tables, iso3: str, basis: str, reporter: str) -> Headline | None:
    """Latest year with a figure in this series: X, M, balance, turnover, share, rank, CAGR."""
    flows = {f: series_frame(tables, basis, reporter, f) for f in ("export", "import", "turnover")}
    own_years = set(flows["export"].loc[flows["export"][PARTNER] == iso3, YEAR]) | set(
        flows["import"].loc[flows["import"][PARTNER] == iso3, YEAR]
    )
    if not own_years:
        return None
    both = set(flows["turnover"].loc[flows["turnover"][PARTNER] == iso3, YEAR])
    year = int(max(both) if both else max(own_years))
    x = _value(flows["export"], iso3, year)
    m = _value(flows["import"], iso3, year)
    turnover = flows["turnover"]
    t = _value(turnover, iso3, year)
    year_rows = turnover[turnover[YEAR] == year]
    with_figure = sorted(set(year_rows[PARTNER]))
    share = None
    rank = None
    missing = [c for c in CAR_CODES if c not in with_figure]
    names = country_names(tables)
    if t is not None and len(with_figure) >= MIN_CARS_FOR_SHARE and year_rows[VALUE].sum() > 0:
        share = t / float(year_rows[VALUE].sum()) * 100
        rank = int((year_rows[VALUE] > t).sum()) + 1
        share_note = (
            f"of the {len(with_figure)} CARs with a {period_label(year, basis)} figure "
            f"(none for {', '.join(names[c] for c in missing)})"
            if missing
            else "of Pakistan's trade with all six CARs"
        )
    else:
        share_note = (
            f"not computed: only {len(with_figure)} of the six CARs have a "
            f"{period_label(year, basis)} figure in this series"
        )
    growth = tuple(_growth(tables, turnover, iso3, year, span, basis) for span in (5, 10))
    notes = [f"{g.span}-year CAGR {g.note}" for g in growth if g.value is None and g.note]
    own = pd.concat([f[(f[PARTNER] == iso3) & (f[YEAR] == year)] for f in flows.values()])
    sources = tuple(sorted({s for joined in own[SOURCES] for s in str(joined).split(";")}))
    derived = _is_derived(tables, iso3, reporter)
    return Headline(
        basis=basis,
        reporter=reporter,
        label=SERIES_LABEL[(basis, reporter)]
        + (" — estimated by the IMF from Pakistan's data" if derived else ""),
        short=DERIVED_SHORT if derived else SERIES_SHORT[(basis, reporter)],
        year=year,
        period=period_label(year, basis),
        export=x,
        import_=m,
        balance=(x - m) if x is not None and m is not None else None,
        turnover=t,
        estimate=bool(own[ESTIMATE].any()),
        share_pct=share,
        share_note=share_note,
        rank=rank,
        rank_of=len(with_figure),
        cagr5=growth[0].value,
        cagr10=growth[1].value,
        cagr_note="; ".join(notes),
        sources=sources,
        growth=growth,
        derived=derived,
    )


def spark_frame(tables: Tables, iso3: str) -> pd.DataFrame:
    """Turnover per year for each series of the country (the sparkline's data)."""
    parts = []
    for basis, reporter in SERIES:
        t = series_frame(tables, basis, reporter, "turnover")
        parts.append(t[t[PARTNER] == iso3][[PARTNER, YEAR, BASIS, REPORTER, VALUE, SOURCES]])
    return pd.concat(parts, ignore_index=True)


def _gaps(years: list[int]) -> list[int]:
    if not years:
        return []
    have = set(years)
    return [y for y in range(min(years), max(years) + 1) if y not in have]


def _years_text(years: list[int], basis: str) -> str:
    """'1996, 1999–2001' style compact list of years."""
    runs: list[tuple[int, int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return ", ".join(
        period_label(a, basis) if a == b else f"{period_label(a, basis)}–{period_label(b, basis)}"
        for a, b in runs
    )


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
        for sid, rows in sorted(fiscal.groupby("source_id"), key=lambda kv: kv[1][YEAR].min())
    ]
    return Caveat(
        "fiscal",
        "Pakistan's fiscal year runs July–June and is named by the year it ends "
        f"({fy_label(years[-1])} = July {years[-1] - 1}–June {years[-1]}). The fiscal-year "
        f"figures come from {'; '.join(by_source)}: Pakistan's official records quoted "
        "second-hand, by a paper or the press, not an official table read directly. They cannot "
        "be added to, or compared year for year with, calendar-year figures.",
        tuple(sorted(set(fiscal["source_id"]))),
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
            sources = set(rows["source_id"]) | set(stated["source_id"])
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
                tuple(sorted(set(estimates["source_id"]))),
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
            & (trade["source_id"] == row["source_id"])
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
                    (str(row["source_id"]),),
                )
            )
    return out


def _period_starts_in_or_after(year: int, basis: str, baseline_year: int) -> bool:
    """A calendar year from the baseline year on; a fiscal year starting (July) in it or later."""
    start = year - 1 if basis == "fiscal" else year
    return start >= baseline_year


def _latest_figures(
    tables: Tables, iso3: str, baseline_year: int | None, goal: float
) -> list[TargetFigure]:
    """Each series' latest turnover as a share of the goal; `counts` from the baseline year on."""
    out = []
    for basis, reporter in SERIES:
        t = series_frame(tables, basis, reporter, "turnover")
        own = t[t[PARTNER] == iso3]
        if own.empty:
            continue
        year = int(own[YEAR].max())
        value = float(own.loc[own[YEAR] == year, VALUE].iloc[0])
        label = (
            f"{DERIVED_SHORT}, {period_label(year, basis)}"
            if _is_derived(tables, iso3, reporter)
            else series_phrase(basis, reporter, year)
        )
        out.append(
            TargetFigure(
                label=label,
                basis=basis,
                reporter=reporter,
                period=period_label(year, basis),
                value=value,
                pct=value / goal * 100,
                counts=baseline_year is None
                or _period_starts_in_or_after(year, basis, baseline_year),
                sources=_sources(t, iso3, year),
            )
        )
    return out


def _baseline_figures(tables: Tables, iso3: str, year: int) -> list[BaselineFigure]:
    """Every calendar-year turnover figure the data holds for the baseline year."""
    names = country_names(tables)
    side = {"pakistan": "Pakistan side", "partner": f"{names[iso3]} side", "other": "compilation"}
    out: list[BaselineFigure] = []
    for reporter in ("pakistan", "partner"):
        t = series_frame(tables, "calendar", reporter, "turnover")
        value = _value(t, iso3, year)
        if value is not None:
            out.append(
                BaselineFigure(
                    f"{side[reporter]}, {year} (exports + imports)",
                    value,
                    _sources(t, iso3, year),
                )
            )
    st = tables.stated_totals
    stated = st[
        (st[PARTNER] == iso3)
        & (st[YEAR] == year)
        & (st[BASIS] == "calendar")
        & (st["measure"] == "turnover")
        & ~st["partial"]
    ]
    for _, row in stated.iterrows():
        label = f"{side.get(str(row[REPORTER]), str(row[REPORTER]))}, {year} (stated turnover)"
        if any(abs(b.value - float(row[VALUE])) < 1 and b.label == label for b in out):
            continue
        # The curator's locator explains a figure better than a bare URL would.
        detail = str(row["source_detail"]) if isinstance(row["source_detail"], str) else ""
        note = str(row["note"]) if isinstance(row["note"], str) else ""
        if detail and not detail.startswith("http"):
            note = detail
        out.append(BaselineFigure(label, float(row[VALUE]), (str(row["source_id"]),), note))
    return out


def targets_for(tables: Tables, iso3: str) -> list[TargetProgress]:
    """Progress towards each stated target: each series' latest figure from the baseline on."""
    targets = tables.targets[tables.targets[PARTNER] == iso3]
    out = []
    for _, row in targets.iterrows():
        goal = float(row["target_usd"])
        has_baseline = not pd.isna(row["baseline_usd"])
        byear = int(row["baseline_year"]) if has_baseline else None
        progress = tuple(_latest_figures(tables, iso3, byear, goal))
        baseline = None
        figures: tuple[BaselineFigure, ...] = ()
        if has_baseline and byear is not None:
            unknown = row["baseline_basis"] == "unknown" and row["baseline_reporter"] == "unknown"
            baseline = f"Baseline: {musd(float(row['baseline_usd']))} in {byear}" + (
                " (the source states neither whose statistics nor which year basis)"
                if unknown
                else f" ({row['baseline_basis']} year, {row['baseline_reporter']}-reported)"
            )
            figures = tuple(_baseline_figures(tables, iso3, byear))
        early = [p for p in progress if not p.counts]
        caveat = (
            "The target does not say whose statistics or which year basis it is measured on, so "
            "each series' latest turnover is shown on its own basis; they differ by source and "
            "year."
            if row["baseline_basis"] == "unknown"
            else f"Measured on {row['baseline_basis']} years, {row['baseline_reporter']}-reported."
        )
        if early and byear is not None:
            caveat += (
                f" Figures for periods before {byear} predate the target and do not count as "
                "progress."
            )
        out.append(
            TargetProgress(
                target_id=str(row["target_id"]),
                description=str(row["description"]),
                target_usd=goal,
                target_year=None if pd.isna(row["target_year"]) else int(row["target_year"]),
                baseline=baseline,
                baseline_figures=figures,
                progress=progress,
                caveat=caveat,
                source_ids=tuple(s for s in str(row["source_id"]).split(";") if s),
                baseline_year=byear,
            )
        )
    return out


def _sort_dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    key = frame[column].fillna("9999")
    return frame.assign(_k=key).sort_values("_k").drop(columns="_k").reset_index(drop=True)


def memberships_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Body × (country, Pakistan) with statuses and sources; bodies either belongs to first."""
    ms = tables.memberships
    bodies = tables.bodies.set_index("body")
    rows = []
    for body in bodies.index:
        own = ms[(ms["iso3"] == iso3) & (ms["body"] == body)]
        pak = ms[(ms["iso3"] == "PAK") & (ms["body"] == body)]
        if own.empty and pak.empty:
            continue
        own_status = str(own["status"].iloc[0]) if not own.empty else None
        pak_status = str(pak["status"].iloc[0]) if not pak.empty else None
        rows.append(
            {
                "body": body,
                "name": bodies.loc[body, "name"],
                "country": MEMBERSHIP_MARK.get(own_status or "", "not recorded"),
                "pakistan": MEMBERSHIP_MARK.get(pak_status or "", "not recorded"),
                "shared": own_status == "member" and pak_status == "member",
                "sources": ";".join(
                    sorted(set(own["source_id"]) | set(pak["source_id"]))  # both rows' sources
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=["body", "name", "country", "pakistan", "shared", "sources"])
    return frame.sort_values(["shared", "body"], ascending=[False, True]).reset_index(drop=True)


MATRIX_COLUMNS = ("PAK", *CAR_CODES)


def membership_matrix(tables: Tables) -> pd.DataFrame:
    """Body × (Pakistan and the six CARs): status labels, the sources behind each row.

    A cell with no row in memberships.csv reads 'not recorded' (never assumed to be '—').
    Columns: body, name, PAK, AZE … UZB, cell_sources (dict column -> 'id;id'), sources.
    """
    ms = tables.memberships
    rows = []
    for body, name in zip(tables.bodies["body"], tables.bodies["name"], strict=True):
        here = ms[ms["body"] == body]
        if here.empty:
            continue
        row: dict[str, object] = {"body": body, "name": name}
        cells: dict[str, str] = {}
        for code in MATRIX_COLUMNS:
            own = here[here["iso3"] == code]
            row[code] = (
                MEMBERSHIP_MARK.get(str(own["status"].iloc[0]), str(own["status"].iloc[0]))
                if not own.empty
                else "not recorded"
            )
            cells[code] = ";".join(sorted(set(own["source_id"])))
        row["cell_sources"] = cells
        row["sources"] = ";".join(sorted(set(here["source_id"])))
        rows.append(row)
    columns = ["body", "name", *MATRIX_COLUMNS, "cell_sources", "sources"]
    return pd.DataFrame(rows, columns=columns)


def corridors_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Corridors whose partner countries include this one (from the map's data)."""
    c = tables.corridors
    touches = c["countries"].str.split(";").apply(lambda codes: iso3 in codes)
    return c[touches].reset_index(drop=True)


PARTIAL_PERIOD = re.compile(r"\b((?:Jan|Jul)[-–](?:[A-Z][a-z]{2}) \d{4})\b[^;]*partial", re.I)
PAKISTAN_SIDE_SOURCES = ("Pakistan", "SBP", "MoC")
PARTNER_SIDE_SOURCES = ("Uzbek", "Kazakh", "Kyrgyz", "Tajik", "Turkmen", "Azer", "CERR")


def product_reporter(short_label: str, flow: str, partner_name: str) -> str:
    """Whose records a product figure comes from, as far as its source says."""
    if short_label.startswith("OEC"):
        side = "imports from" if flow == "export" else "exports to"
        return f"{partner_name}'s {side} Pakistan, via OEC"
    if short_label.startswith(PARTNER_SIDE_SOURCES):
        return f"{partner_name} side"
    if short_label.startswith(PAKISTAN_SIDE_SOURCES):
        return "Pakistan side"
    return "not stated"


def products_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Products the sources name, largest first within each year and flow.

    Adds `reported_by` (whose records, as the source says) and `partial` (the part-year period,
    e.g. 'Jan-Jul 2025', or blank for a full year).
    """
    p = tables.products[tables.products[PARTNER] == iso3]
    p = p.sort_values(
        [YEAR, FLOW, VALUE, "share_pct"], ascending=[False, True, False, False], na_position="last"
    ).reset_index(drop=True)
    labels = source_labels(tables)
    name = country_names(tables)[iso3]
    notes = p["note"].fillna("").astype(str)
    return p.assign(
        reported_by=[
            product_reporter(labels.get(str(s), str(s)), str(f), name)
            for s, f in zip(p["source_id"], p[FLOW], strict=True)
        ],
        partial=[m.group(1) if (m := PARTIAL_PERIOD.search(n)) else "" for n in notes],
    )


def references_for(tables: Tables, source_ids: set[str]) -> pd.DataFrame:
    """The panel's reference list: every source it cites."""
    s = tables.sources
    return s[s["source_id"].isin(source_ids)].sort_values("short_label").reset_index(drop=True)


_FILLER = {"via", "as", "reported", "by", "the", "of", "and", "on", "a"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _FILLER}


def reference_parts(short_label: object, title: object, publisher: object) -> tuple[str, str]:
    """(label, detail) for a reference line, each piece of text said once.

    The generated sources repeat their label in the title and publisher ('SBP data via Profit':
    'SBP data, as reported by Profit' (SBP data)); a detail that adds no word is dropped.
    """
    label = str(short_label)
    said = _words(label)
    parts: list[str] = []
    for piece in (str(title), str(publisher)):
        if piece and piece != "nan" and not _words(piece) <= said:
            parts.append(piece)
            said |= _words(piece)
    if len(parts) == 2:
        return label, f"{parts[0]} ({parts[1]})"
    return label, parts[0] if parts else ""


def profile(tables: Tables, iso3: str) -> Profile:
    """The view model of one country's profile panel. KeyError for a code that is not a CAR."""
    if iso3 not in CAR_CODES:
        raise KeyError(iso3)
    countries = tables.countries.set_index("iso3")
    headlines = tuple(
        h for basis, reporter in SERIES if (h := headline(tables, iso3, basis, reporter))
    )
    caveats = tuple(caveats_for(tables, iso3, headlines))
    today = tables.clock()
    agreements = with_status_dates(
        _sort_dated(tables.agreements[tables.agreements[PARTNER] == iso3], "signed"), today
    )
    mechanisms = tables.mechanisms[tables.mechanisms[PARTNER] == iso3].reset_index(drop=True)
    memberships = memberships_for(tables, iso3)
    corridors = with_status_dates(corridors_for(tables, iso3), today)
    products = products_for(tables, iso3)
    ev = tables.events
    events = _sort_dated(ev[ev[PARTNER].isin([iso3, "CAR"])], "date")
    targets = tuple(targets_for(tables, iso3))
    sf = tables.seed_facts
    notes = sf[sf[PARTNER] == iso3].reset_index(drop=True)
    regional = sf[sf[PARTNER].isna()].reset_index(drop=True)
    used: set[str] = set()
    for h in headlines:
        used.update(h.sources)
        for g in h.growth:
            used.update(g.sources)
    for cv in caveats:
        used.update(cv.sources)
    for frame, column in (
        (agreements, "source_id"),
        (mechanisms, "source_id"),
        (events, "source_id"),
        (notes, "source_id"),
        (regional, "source_id"),
        (products, "source_id"),
        (memberships, "sources"),
        (corridors, "source_ids"),
    ):
        for value in frame[column]:
            used.update(s for s in str(value).split(";") if s)
    place = pakistan_place(tables, iso3)
    if place is not None:
        used.add("imf_dots_partner")
    for t in targets:
        used.update(t.source_ids)
        for p in t.progress:
            used.update(p.sources)
        for b in t.baseline_figures:
            used.update(b.sources)
    return Profile(
        iso3=iso3,
        name=str(countries.loc[iso3, "name"]),
        capital=str(countries.loc[iso3, "capital"]),
        headlines=headlines,
        spark=spark_frame(tables, iso3),
        caveats=caveats,
        agreements=agreements,
        mechanisms=mechanisms,
        memberships=memberships,
        corridors=corridors,
        products=products,
        events=events,
        targets=targets,
        notes=notes,
        references=references_for(tables, used),
        used_sources=tuple(sorted(used)),
        regional_notes=regional,
        derived_mirror=_is_derived(tables, iso3, "partner"),
        place=place,
    )

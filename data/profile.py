"""Country profile view model: headline figures, caveats, facts and targets for one CAR.

Pure functions of the validated tables (no Dash). Every fact keeps its source id so the panel can
cite it; every figure says which basis, reporter and year it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from data.loading import Tables
from data.queries import (
    SOURCES,
    cagr,
    country_names,
    flow_series,
    source_labels,
)
from data.schema import BASIS, CAR_CODES, ESTIMATE, FLOW, PARTNER, PRIMARY, REPORTER, VALUE, YEAR
from data.state import REPORTER_LABEL, fy_label, period_label

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
SERIES_SHORT = {
    ("calendar", "pakistan"): "Pakistan-reported",
    ("calendar", "partner"): "Partner-reported",
    ("fiscal", "pakistan"): "Pakistan FY",
}
# An agreement's status as read: FACTS.md's `implemented` means being applied, not finished.
AGREEMENT_STATUS_LABEL = {"implemented": "being implemented", "in_force": "in force"}


def agreement_status_label(status: str) -> str:
    """'being implemented', 'under negotiation', ... for an agreements.csv status."""
    return AGREEMENT_STATUS_LABEL.get(status, status.replace("_", " "))


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


@dataclass(frozen=True)
class Caveat:
    """A data caveat shown on the panel, with the sources it rests on."""

    kind: str  # mirror_gap | derived_mirror | fiscal | missing_years | estimates | disagreement
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetProgress:
    """A stated target, measured against each series' latest turnover figure."""

    target_id: str
    description: str
    target_usd: float
    target_year: int | None
    baseline: str | None
    progress: tuple[tuple[str, str, float, float], ...]  # (series label, period, value, pct)
    caveat: str
    source_id: str


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


def _growth(turnover: pd.DataFrame, iso3: str, year: int, span: int) -> float | None:
    first = _value(turnover, iso3, year - span)
    last = _value(turnover, iso3, year)
    if first is None or last is None:
        return None
    return cagr(first, last, span)


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
    cagr5 = _growth(turnover, iso3, year, 5)
    cagr10 = _growth(turnover, iso3, year, 10)
    notes = []
    for span, value in ((5, cagr5), (10, cagr10)):
        if value is None:
            notes.append(f"{span}-year: no {period_label(year - span, basis)} figure")
    own = pd.concat([f[(f[PARTNER] == iso3) & (f[YEAR] == year)] for f in flows.values()])
    sources = tuple(sorted({s for joined in own[SOURCES] for s in str(joined).split(";")}))
    return Headline(
        basis=basis,
        reporter=reporter,
        label=SERIES_LABEL[(basis, reporter)],
        short=SERIES_SHORT[(basis, reporter)],
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
        cagr5=cagr5,
        cagr10=cagr10,
        cagr_note="; ".join(notes),
        sources=sources,
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


def _musd(value: float) -> str:
    return f"US${value / 1e6:,.1f} M" if abs(value) < 1e9 else f"US${value / 1e9:,.2f} bn"


def caveats_for(tables: Tables, iso3: str) -> list[Caveat]:
    """What an analyst must know before quoting this country's figures."""
    names = country_names(tables)
    name = names[iso3]
    out: list[Caveat] = []
    derived = not bool(
        tables.countries.loc[tables.countries["iso3"] == iso3, "reports_to_imf_dots"].iloc[0]
    )
    pak = series_frame(tables, "calendar", "pakistan", "turnover")
    par = series_frame(tables, "calendar", "partner", "turnover")
    pak_own = pak[pak[PARTNER] == iso3].set_index(YEAR)[VALUE]
    par_own = par[par[PARTNER] == iso3].set_index(YEAR)[VALUE]
    common = sorted(set(pak_own.index) & set(par_own.index))
    if derived:
        out.append(
            Caveat(
                "derived_mirror",
                f"{name} does not report its trade to the IMF: the 'partner-reported' series is "
                "estimated by the IMF from Pakistan's own figures, so it is not an independent "
                "check and the mirror gap says nothing about data quality.",
                ("imf_dots_partner",),
            )
        )
    elif common:
        ratios = (par_own[common] / pak_own[common]).replace([math.inf, -math.inf], math.nan)
        ratios = ratios.dropna()
        last = common[-1]
        ratio = float(par_own[last] / pak_own[last]) if pak_own[last] else math.nan
        median = float(ratios.median()) if not ratios.empty else math.nan
        if not math.isnan(ratio) and (
            ratio >= MIRROR_GAP_FACTOR
            or ratio <= 1 / MIRROR_GAP_FACTOR
            or median >= MIRROR_GAP_FACTOR
            or median <= 1 / MIRROR_GAP_FACTOR
        ):
            more = ratio >= 1
            out.append(
                Caveat(
                    "mirror_gap",
                    f"In {last} {name}'s own statistics record "
                    f"{_musd(float(par_own[last]))} of trade with Pakistan, "
                    f"{ratio:.1f}× what Pakistan records ({_musd(float(pak_own[last]))})"
                    + ("" if more else " — less than Pakistan records")
                    + f". Median ratio over {len(ratios)} common years: {median:.1f}×. "
                    "Valuation (CIF/FOB), transit through third countries and informal trade "
                    "explain some of it; neither side is 'right'.",
                    ("imf_dots_pakistan", "imf_dots_partner"),
                )
            )
        else:
            out.append(
                Caveat(
                    "mirror_gap",
                    f"The two sides broadly agree: in {last} the partner-reported turnover is "
                    f"{ratio:.2f}× Pakistan's figure (median {median:.2f}× over "
                    f"{len(ratios)} common years).",
                    ("imf_dots_pakistan", "imf_dots_partner"),
                )
            )
    trade = tables.trade
    own = trade[(trade[PARTNER] == iso3) & trade[PRIMARY]]
    fiscal = own[own[BASIS] == "fiscal"]
    fiscal_years = sorted(set(fiscal[YEAR]))
    if fiscal_years:
        out.append(
            Caveat(
                "fiscal",
                "Pakistan's fiscal year runs July–June and is named by the year it ends "
                f"({fy_label(fiscal_years[-1])} = July {fiscal_years[-1] - 1}–June "
                f"{fiscal_years[-1]}). Fiscal-year figures ({_years_text(fiscal_years, 'fiscal')}) "
                "come from Pakistan's official statistics and cannot be added to, or compared "
                "year for year with, calendar-year figures.",
                tuple(sorted(set(fiscal["source_id"]))),
            )
        )
    else:
        out.append(
            Caveat(
                "fiscal",
                f"No Pakistan fiscal-year figures for {name} in this data.",
            )
        )
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
                f"({_years_text(years, 'calendar')}); hovers flag them.",
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
                    f"{_musd(stated)}, but its own exports ({_musd(xv)}) and imports "
                    f"({_musd(mv)}) give {_musd(derived)}. Both are kept; the charts derive "
                    "the balance from exports and imports.",
                    (str(row["source_id"]),),
                )
            )
    return out


def _latest_turnovers(tables: Tables, iso3: str) -> list[tuple[str, int, str, float]]:
    out = []
    for basis, reporter in SERIES:
        t = series_frame(tables, basis, reporter, "turnover")
        own = t[t[PARTNER] == iso3]
        if own.empty:
            continue
        last = own.sort_values(YEAR).iloc[-1]
        out.append(
            (
                SERIES_SHORT[(basis, reporter)],
                int(last[YEAR]),
                period_label(int(last[YEAR]), basis),
                float(last[VALUE]),
            )
        )
    return out


def targets_for(tables: Tables, iso3: str) -> list[TargetProgress]:
    """Progress towards each stated target, on the latest figure of every series."""
    targets = tables.targets[tables.targets[PARTNER] == iso3]
    latest = _latest_turnovers(tables, iso3)
    out = []
    for _, row in targets.iterrows():
        goal = float(row["target_usd"])
        progress = tuple(
            (label, period, value, value / goal * 100) for label, _y, period, value in latest
        )
        baseline = None
        if not pd.isna(row["baseline_usd"]):
            byear = int(row["baseline_year"])
            comparisons = []
            for basis, reporter in SERIES:
                v = _value(series_frame(tables, basis, reporter, "turnover"), iso3, byear)
                if v is not None:
                    comparisons.append(
                        f"{REPORTER_LABEL[reporter]} {period_label(byear, basis)}: {_musd(v)}"
                    )
            baseline = f"Baseline {_musd(float(row['baseline_usd']))} in {byear} " + (
                f"(basis not stated; for comparison — {'; '.join(comparisons)})"
                if comparisons
                else "(basis not stated; no figure for that year in this data)"
            )
        caveat = (
            "The target does not say whose statistics or which year basis it is measured on, "
            "so progress is shown against the latest turnover of each series; they differ by "
            "source and year."
            if row["baseline_basis"] == "unknown"
            else f"Measured on {row['baseline_basis']} years, {row['baseline_reporter']}-reported."
        )
        out.append(
            TargetProgress(
                target_id=str(row["target_id"]),
                description=str(row["description"]),
                target_usd=goal,
                target_year=None if pd.isna(row["target_year"]) else int(row["target_year"]),
                baseline=baseline,
                progress=progress,
                caveat=caveat,
                source_id=str(row["source_id"]),
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


def products_for(tables: Tables, iso3: str) -> pd.DataFrame:
    """Products the sources name for this country, largest first within each year and flow."""
    p = tables.products[tables.products[PARTNER] == iso3]
    return p.sort_values(
        [YEAR, FLOW, VALUE, "share_pct"], ascending=[False, True, False, False], na_position="last"
    ).reset_index(drop=True)


def references_for(tables: Tables, source_ids: set[str]) -> pd.DataFrame:
    """The panel's reference list: every source it cites."""
    s = tables.sources
    return s[s["source_id"].isin(source_ids)].sort_values("short_label").reset_index(drop=True)


def profile(tables: Tables, iso3: str) -> Profile:
    """The view model of one country's profile panel. KeyError for a code that is not a CAR."""
    if iso3 not in CAR_CODES:
        raise KeyError(iso3)
    countries = tables.countries.set_index("iso3")
    headlines = tuple(
        h for basis, reporter in SERIES if (h := headline(tables, iso3, basis, reporter))
    )
    caveats = tuple(caveats_for(tables, iso3))
    agreements = _sort_dated(tables.agreements[tables.agreements[PARTNER] == iso3], "signed")
    mechanisms = tables.mechanisms[tables.mechanisms[PARTNER] == iso3].reset_index(drop=True)
    memberships = memberships_for(tables, iso3)
    corridors = corridors_for(tables, iso3)
    products = products_for(tables, iso3)
    ev = tables.events
    events = _sort_dated(ev[ev[PARTNER].isin([iso3, "CAR"])], "date")
    targets = tuple(targets_for(tables, iso3))
    sf = tables.seed_facts
    notes = sf[sf[PARTNER] == iso3].reset_index(drop=True)
    used: set[str] = set()
    for h in headlines:
        used.update(h.sources)
    for cv in caveats:
        used.update(cv.sources)
    for frame, column in (
        (agreements, "source_id"),
        (mechanisms, "source_id"),
        (events, "source_id"),
        (notes, "source_id"),
        (products, "source_id"),
        (memberships, "sources"),
        (corridors, "source_ids"),
    ):
        for value in frame[column]:
            used.update(s for s in str(value).split(";") if s)
    used.update(t.source_id for t in targets)
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
    )

"""Pure context queries: the CARs' place in Pakistan's trade and Pakistan's place in theirs.

Everything here reads the `context_trade` table (IMF DOTS World and comparator cells, calendar
years 1993–2020, each figure as its reporter records it). Shares are of the reporter's World
total for the same flow and year; nothing is interpolated and a year without a figure is a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from components import strings
from data.captions import DOTS_VINTAGE
from data.downloads import DOWNLOAD_COLUMNS
from data.loading import Tables
from data.lookups import country_names, names_list, source_labels
from data.queries import ChartView
from data.schema import CAR_CODES, ESTIMATE, FLOW, PARTNER, SOURCE_ID, VALUE, YEAR
from data.state import ViewState, turnover_flow
from data.view_memo import cut_years, per_view

REPORTER_ISO: Final = "reporter_iso3"
CONTEXT_ID: Final = "context_id"
WORLD: Final = "WLD"
PAKISTAN: Final = "PAK"
AFGHANISTAN: Final = "AFG"
SELECTED_TOTAL: Final = "CARSEL"  # series code of the selected CARs' total
ALL_CARS: Final = "CAR6"  # series code of all six CARs' total
CONTEXT_YEARS: Final = (1993, 2020)
CONTEXT_CHARTS: Final = ("carshare", "partners", "transit")
FLOW_WORDS: Final = {"export": "exports", "import": "imports", "turnover": "turnover"}
FLOW_WITH: Final = {"export": "exports to", "import": "imports from", "turnover": "turnover with"}
DERIVED_TKM: Final = (
    "Turkmenistan does not report to the IMF: its 'reports' here are the IMF's estimates from "
    "its partners' records (as in the mirror comparison), not Turkmenistan's own figures."
)
SOURCE_NOTE: Final = (
    "Source: IMF Direction of Trade Statistics, each reporter's own workbook (exports FOB, "
    f"imports CIF), calendar years, current US$. Vintage: {DOTS_VINTAGE}."
)


def car_flow(state: ViewState) -> str:
    """The CAR's own flow for the view's Pakistan-side flow (Pakistan's exports = its imports)."""
    flow = turnover_flow(state)
    return {"export": "import", "import": "export"}.get(flow, flow)


def reporter_values(tables: Tables, reporter: str, flow: str) -> pd.DataFrame:
    """One value per partner and year of a reporter's flow (turnover only where X and M exist);
    read-only, computed once per Tables (21 reporter × flow frames, asked ~30 times a view).

    Columns: partner_iso3, partner_name, year, value_usd, estimate, ids (context ids, ';').
    """
    key = ("context-reporter-values", reporter, flow)
    return tables.kept(key, lambda: _reporter_values(tables, reporter, flow))


def _reporter_values(tables: Tables, reporter: str, flow: str) -> pd.DataFrame:
    ct = tables.context_trade
    rows = ct[ct[REPORTER_ISO] == reporter]
    cols = [PARTNER, "partner_name", YEAR]
    if flow in ("export", "import"):
        out = rows[rows[FLOW] == flow][[*cols, VALUE, ESTIMATE, CONTEXT_ID]].copy()
        return out.rename(columns={CONTEXT_ID: "ids"}).reset_index(drop=True)
    x = rows[rows[FLOW] == "export"].set_index(cols)
    m = rows[rows[FLOW] == "import"].set_index(cols)
    both = x.merge(m, left_index=True, right_index=True, suffixes=("_x", "_m"))
    out = pd.DataFrame(
        {
            VALUE: both[f"{VALUE}_x"] + both[f"{VALUE}_m"],
            ESTIMATE: both[f"{ESTIMATE}_x"] | both[f"{ESTIMATE}_m"],
            "ids": both[f"{CONTEXT_ID}_x"] + ";" + both[f"{CONTEXT_ID}_m"],
        },
        index=both.index,
    )
    return out.reset_index()


def _years(state: ViewState) -> tuple[int, int]:
    return max(state.years[0], CONTEXT_YEARS[0]), min(state.years[1], CONTEXT_YEARS[1])


def _derived(tables: Tables, iso3: str) -> bool:
    c = tables.countries
    return not bool(c.loc[c["iso3"] == iso3, "reports_to_imf_dots"].iloc[0])


def _car_shares(
    tables: Tables, flow: str, countries: tuple[str, ...], start: int, end: int
) -> pd.DataFrame:
    """`car_share_view`'s rows for the years start to end."""
    values = reporter_values(tables, PAKISTAN, flow)
    values = values[values[YEAR].between(start, end)]
    world = values[values[PARTNER] == WORLD].set_index(YEAR)
    parts: list[pd.DataFrame] = []
    for code in (*countries, AFGHANISTAN):
        one = values[values[PARTNER] == code]
        parts.append(
            pd.DataFrame(
                {
                    "series": code,
                    "name": one["partner_name"],
                    YEAR: one[YEAR],
                    VALUE: one[VALUE],
                    "ids": one["ids"],
                }
            )
        )
    totals: list[tuple[str, str, tuple[str, ...]]] = [(ALL_CARS, strings.GROUP_ALL, CAR_CODES)]
    if 1 < len(countries) < len(CAR_CODES):
        totals.insert(0, (SELECTED_TOTAL, "Selected CARs", countries))
    for code, name, members in totals:
        rows = values[values[PARTNER].isin(members)]
        grouped = rows.groupby(YEAR).agg(
            **{VALUE: (VALUE, "sum"), "n": (PARTNER, "nunique"), "ids": ("ids", ";".join)}
        )
        grouped = grouped[grouped["n"] == len(members)].reset_index()
        parts.append(
            pd.DataFrame(
                {
                    "series": code,
                    "name": name,
                    YEAR: grouped[YEAR],
                    VALUE: grouped[VALUE],
                    "ids": grouped["ids"],
                }
            )
        )
    data = pd.concat(parts, ignore_index=True)
    data["world_usd"] = data[YEAR].map(world[VALUE])
    data = data.dropna(subset=["world_usd"])
    data["ids"] = data["ids"] + ";" + data[YEAR].map(world["ids"])
    data["share_pct"] = data[VALUE] / data["world_usd"] * 100
    return data.reset_index(drop=True)


@per_view
def car_share_view(tables: Tables, state: ViewState) -> ChartView:
    """Each selected CAR's, their total's, all six CARs' and Afghanistan's share of Pakistan's
    world trade per year (Pakistan-reported).

    Columns: series, name, year, value_usd, world_usd, share_pct, ids. Totals only for years in
    which every CAR in them has a figure.
    """
    flow = turnover_flow(state)
    start, end = _years(state)
    data = cut_years(tables, _car_shares, (start, end), CONTEXT_YEARS, flow, state.countries)
    caption = (
        f"Share of Pakistan's world {FLOW_WORDS[flow]} (Pakistan-reported) with "
        f"{names_list(tables, state.countries)}, the six CARs together and Afghanistan, "
        f"{start}–{end}: partner ÷ World × 100, both from Pakistan's own workbook. Totals only "
        "in years in which every CAR in them has a figure. " + SOURCE_NOTE
    )
    empty = None
    if data.empty:
        empty = (
            f"No Pakistan-reported IMF DOTS figures in {state.years[0]}–{state.years[1]}: the "
            f"context figures cover {CONTEXT_YEARS[0]}–{CONTEXT_YEARS[1]}."
        )
    return ChartView(data=data, caption=caption, empty_message=empty)


def _ranked(values: pd.DataFrame) -> pd.DataFrame:
    """Partners per year ranked by value with shares of that year's World figure (vectorised)."""
    world = values[values[PARTNER] == WORLD].set_index(YEAR)
    partners = values[(values[PARTNER] != WORLD) & values[YEAR].isin(world.index)].copy()
    partners["world_usd"] = partners[YEAR].map(world[VALUE])
    partners["share_pct"] = partners[VALUE] / partners["world_usd"] * 100
    partners["rank"] = partners.groupby(YEAR)[VALUE].rank(ascending=False, method="min").astype(int)
    partners["of"] = partners.groupby(YEAR)[PARTNER].transform("count")
    partners["ids"] = partners["ids"] + ";" + partners[YEAR].map(world["ids"])
    return partners


def _ranked_every_year(tables: Tables, reporter: str, flow: str) -> pd.DataFrame:
    """`_ranked` over all of a reporter's years (kept: per year, so views cut their years)."""
    key = ("context-ranked", reporter, flow)
    return tables.kept(key, lambda: _ranked(reporter_values(tables, reporter, flow)))


def partner_ranking(tables: Tables, reporter: str, year: int, flow: str) -> pd.DataFrame:
    """A CAR's comparator partners in one year, ranked by value, with shares of its World total.

    Columns: rank, partner_iso3, partner_name, year, value_usd, share_pct, world_usd, estimate,
    ids. Empty when the reporter has no World figure that year.
    """
    ranked = _ranked_every_year(tables, reporter, flow)
    ranked = ranked[ranked[YEAR] == year]
    ranked = ranked.sort_values(["rank", PARTNER]).reset_index(drop=True)
    return ranked[
        ["rank", PARTNER, "partner_name", YEAR, VALUE, "share_pct", "world_usd", ESTIMATE, "ids"]
    ]


def pakistan_rank_series(
    tables: Tables, reporter: str, flow: str, years: tuple[int, int]
) -> pd.DataFrame:
    """Pakistan's rank (of the partners compared) and share of a CAR's World trade, per year."""
    ranked = _ranked_every_year(tables, reporter, flow)
    ranked = ranked[ranked[YEAR].between(*years)]
    pak = ranked[ranked[PARTNER] == PAKISTAN].sort_values(YEAR)
    columns = [YEAR, "rank", "of", "share_pct", VALUE, ESTIMATE]
    return pak[columns].astype({"rank": int, "of": int, ESTIMATE: bool}).reset_index(drop=True)


def focus_country(state: ViewState) -> str:
    """The CAR whose partners the ranking shows: the open profile, else the first selected."""
    return state.country or state.countries[0]


def latest_year(tables: Tables, reporter: str, flow: str, until: int) -> int | None:
    """The latest year up to `until` in which the reporter has World and Pakistan figures."""
    values = reporter_values(tables, reporter, flow)
    years = set(values.loc[values[PARTNER] == WORLD, YEAR]) & set(
        values.loc[values[PARTNER] == PAKISTAN, YEAR]
    )
    years = {y for y in years if y <= until}
    return max(years) if years else None


@per_view
def partners_view(tables: Tables, state: ViewState) -> ChartView:
    """The focus CAR's partners ranked in the view's end year (or its latest year with figures),
    with Pakistan's rank and share over the view's years in `extra['rank']`."""
    iso3 = focus_country(state)
    name = country_names(tables)[iso3]
    flow = car_flow(state)
    start, end = _years(state)
    year = latest_year(tables, iso3, flow, min(state.years[1], CONTEXT_YEARS[1]))
    ranking = partner_ranking(tables, iso3, year, flow) if year is not None else None
    series = pakistan_rank_series(tables, iso3, flow, (start, end)) if start <= end else None
    extra = {"rank": series} if series is not None else {}
    what = f"{name}'s {FLOW_WORDS[flow]}"
    if flow != "turnover":
        what += " (Pakistan's " + ("exports to it)" if flow == "import" else "imports from it)")
    notes = [
        f"{what} with its main comparators, as {name} reports them (partner-reported), ranked "
        f"by value{f' in {year}' if year else ''}: share = partner ÷ {name}'s World total × 100. "
        "Rank is among the partners compared here (China, Russia, Turkey, Iran, India, "
        "Afghanistan, Pakistan and the other CARs), not among all of its partners; the right "
        "panel shows Pakistan's rank and share in each year. Hollow markers and 'e' are "
        "IMF estimates; where a country published little detail the IMF fills its workbook from "
        "partners' records, so a flat share over many years is worth checking at the source.",
    ]
    if _derived(tables, iso3):
        notes.append(DERIVED_TKM)
    if year is not None and year < min(state.years[1], CONTEXT_YEARS[1]):
        notes.append(f"{year} is the latest year with {name}'s World and Pakistan figures.")
    notes.append(SOURCE_NOTE)
    empty = None
    if ranking is None or ranking.empty:
        empty = f"No {name}-reported IMF DOTS figures up to {state.years[1]} ({what})."
    return ChartView(
        data=ranking if ranking is not None else pd.DataFrame(),
        caption=" ".join(notes),
        empty_message=empty,
        extra=extra,
    )


@dataclass(frozen=True)
class Place:
    """Pakistan's rank and share among one CAR's compared partners (turnover, latest year)."""

    iso3: str
    name: str
    year: int
    rank: int
    of: int
    share_pct: float
    value_usd: float
    derived: bool

    @property
    def text(self) -> str:
        """'Pakistan's rank among Kazakhstan's partners: 9 of 12 (0.07 %)'."""
        return strings.PLACE_TEXT.format(
            name=self.name, rank=self.rank, of=self.of, share=share_text(self.share_pct)
        )


def share_text(pct: float) -> str:
    """A share with enough digits to be non-zero: 0.07 %, 1.2 %, 23 %."""
    digits = 0 if pct >= 10 else 1 if pct >= 1 else 2 if pct >= 0.01 else 3
    return f"{pct:.{digits}f} %"


def pakistan_place(tables: Tables, iso3: str) -> Place | None:
    """Pakistan's place in a CAR's turnover (as the CAR reports it) in its latest year."""
    year = latest_year(tables, iso3, "turnover", CONTEXT_YEARS[1])
    if year is None:
        return None
    ranking = partner_ranking(tables, iso3, year, "turnover")
    pak = ranking[ranking[PARTNER] == PAKISTAN].iloc[0]
    return Place(
        iso3=iso3,
        name=country_names(tables)[iso3],
        year=year,
        rank=int(pak["rank"]),
        of=len(ranking),
        share_pct=float(pak["share_pct"]),
        value_usd=float(pak[VALUE]),
        derived=_derived(tables, iso3),
    )


def place_paragraph(tables: Tables, iso3: str) -> str:
    """The brief's 'Pakistan's place' paragraph for one CAR."""
    place = pakistan_place(tables, iso3)
    name = country_names(tables)[iso3]
    if place is None:
        return f"The IMF data hold no {name}-reported turnover with Pakistan and the World."
    ranking = partner_ranking(tables, iso3, place.year, "turnover")
    top = ", ".join(
        f"{n} {share_text(p)}"
        for n, p in zip(
            ranking["partner_name"].head(3), ranking["share_pct"].head(3).astype(float), strict=True
        )
    )
    pak_view = reporter_values(tables, PAKISTAN, "turnover")
    pak_year = pak_view[pak_view[YEAR] == place.year].set_index(PARTNER)[VALUE].astype(float)
    own = ""
    if iso3 in pak_year.index and WORLD in pak_year.index:
        own = (
            f" Seen from Pakistan, {name} took "
            f"{share_text(float(pak_year.loc[iso3]) / float(pak_year.loc[WORLD]) * 100)}"
            f" of Pakistan's own recorded turnover that year."
        )
    text = (
        f"{place.text} in {place.year}: US$ {place.value_usd / 1e6:,.1f} million of "
        f"{name}'s recorded turnover with the World, against {top} for its largest partners "
        "among those compared (China, Russia, Turkey, Iran, India, Afghanistan, Pakistan and "
        f"the other CARs; IMF DOTS, {name}-reported).{own}"
    )
    if place.derived:
        text += " " + DERIVED_TKM
    return text


def _transit_rows(
    tables: Tables, flow: str, theirs_flow: str, cars: tuple[str, ...], start: int, end: int
) -> pd.DataFrame:
    """`transit_view`'s rows for every year start to end (`cars`: the CARs in the gap)."""
    pak = reporter_values(tables, PAKISTAN, flow)
    pak = pak[pak[YEAR].between(start, end)]
    afg = pak[pak[PARTNER] == AFGHANISTAN].set_index(YEAR)
    own = pak[pak[PARTNER].isin(cars)][[PARTNER, YEAR, VALUE, "ids"]]
    mirrors = [own.iloc[0:0]]
    for code in cars:
        theirs = reporter_values(tables, code, theirs_flow)
        theirs = theirs[(theirs[PARTNER] == PAKISTAN) & theirs[YEAR].between(start, end)]
        mirrors.append(theirs.assign(**{PARTNER: code})[[PARTNER, YEAR, VALUE, "ids"]])
    both = own.merge(pd.concat(mirrors), on=[PARTNER, YEAR], suffixes=("", "_p"))
    by_year = both.groupby(YEAR).agg(
        car_pak_usd=(VALUE, "sum"),
        car_partner_usd=(f"{VALUE}_p", "sum"),
        n=(PARTNER, "nunique"),
        ids_a=("ids", ";".join),
        ids_b=("ids_p", ";".join),
    )
    data = pd.DataFrame({YEAR: range(start, end + 1)}).set_index(YEAR)
    data["afg_usd"] = afg[VALUE]
    data = data.join(by_year)
    data["gap_usd"] = data["car_partner_usd"] - data["car_pak_usd"]
    data["ids"] = [
        ";".join(str(x) for x in parts if isinstance(x, str))
        for parts in zip(afg["ids"].reindex(data.index), data["ids_a"], data["ids_b"], strict=True)
    ]
    return data.drop(columns=["ids_a", "ids_b"]).reset_index()


@per_view
def transit_view(tables: Tables, state: ViewState) -> ChartView:
    """Pakistan's recorded trade with Afghanistan beside the partner-minus-Pakistan gap of the
    selected CARs' figures, per year (calendar, IMF DOTS).

    Columns: year, afg_usd, car_pak_usd, car_partner_usd, gap_usd, n, ids. The gap sums the CARs
    that have both reports in a year; Turkmenistan's partner figures are derived from Pakistan's,
    so it is left out of the gap.
    """
    flow = turnover_flow(state)
    start, end = _years(state)
    derived = {c for c in state.countries if _derived(tables, c)}
    cars = [c for c in state.countries if c not in derived]
    data = cut_years(
        tables, _transit_rows, (start, end), CONTEXT_YEARS, flow, car_flow(state), tuple(cars)
    )
    if data["n"].notna().all():
        # A count over every year of the range is whole: the cut keeps the range's own dtype.
        data["n"] = data["n"].astype("int64")
    data = data.dropna(subset=["afg_usd", "gap_usd"], how="all").reset_index(drop=True)
    left_out = (
        f" {names_list(tables, sorted(derived))} is left out of the gap: its partner figures are "
        "the IMF's estimates from Pakistan's own, so they cannot differ independently."
        if derived
        else ""
    )
    caption = (
        f"What the figures show: Pakistan's recorded {FLOW_WITH[flow]} Afghanistan "
        "(Pakistan-reported) "
        f"and, for {names_list(tables, cars) or 'no reporting CAR'}, how far the CARs' own records "
        f"of the same trade (their {FLOW_WITH[car_flow(state)]} Pakistan) exceed (above zero) or "
        f"fall short of (below zero) Pakistan's records of it, summed over the CARs with both "
        f"figures in a year.{left_out} "
        "What they cannot prove: that the gap is goods routed through Afghanistan and recorded "
        "against it. Imports are valued CIF (with freight and insurance) and exports FOB, "
        "shipments straddle year ends, and re-exports, valuation and unrecorded trade all open "
        "gaps; a gap of the size of the Afghanistan figures is consistent with transit "
        "misattribution but not evidence of it. " + SOURCE_NOTE
    )
    empty = None
    if data.empty:
        empty = (
            f"No IMF DOTS figures for Afghanistan or {names_list(tables, state.countries)} in "
            f"{state.years[0]}–{state.years[1]} (context figures cover "
            f"{CONTEXT_YEARS[0]}–{CONTEXT_YEARS[1]})."
        )
    return ChartView(data=data, caption=caption, empty_message=empty)


DOWNLOAD_EXTRA: Final = "reporter_iso3"


def _rows_for(tables: Tables, chart: str, state: ViewState) -> pd.DataFrame:
    """The context cells a chart draws (before shaping into download rows)."""
    ct = tables.context_trade
    start, end = _years(state)
    ct = ct[ct[YEAR].between(start, end)]
    if chart == "carshare":
        keep = (ct[REPORTER_ISO] == PAKISTAN) & ct[PARTNER].isin([WORLD, AFGHANISTAN, *CAR_CODES])
    elif chart == "partners":
        keep = ct[REPORTER_ISO] == focus_country(state)
    else:
        cars = list(state.countries)
        keep = ((ct[REPORTER_ISO] == PAKISTAN) & ct[PARTNER].isin([AFGHANISTAN, *cars])) | (
            ct[REPORTER_ISO].isin(cars) & (ct[PARTNER] == PAKISTAN)
        )
    if turnover_flow(state) != "turnover":
        # Pakistan's exports are the CARs' imports: each reporter's own side of the same flow.
        own_flow = ct[REPORTER_ISO].map(lambda r: turnover_flow(state) if r == PAKISTAN else None)
        keep &= ct[FLOW] == own_flow.fillna(car_flow(state))
    return ct[keep]


def context_download_rows(tables: Tables, state: ViewState, chart: str | None) -> pd.DataFrame:
    """Every context cell behind a context chart (or all three), with World and comparator rows,
    in the download's columns plus `reporter_iso3` (whose records the figure comes from)."""
    labels = source_labels(tables)
    names = {**country_names(tables), PAKISTAN: "Pakistan"}
    parts = []
    for name in (chart,) if chart else CONTEXT_CHARTS:
        rows = _rows_for(tables, name, state).copy()
        rows["charts"] = name
        parts.append(rows)
    rows = pd.concat(parts, ignore_index=True)
    charts = rows.groupby(CONTEXT_ID)["charts"].agg(lambda s: ";".join(dict.fromkeys(s)))
    rows = rows.drop_duplicates(CONTEXT_ID).copy()
    rows["charts"] = rows[CONTEXT_ID].map(charts)
    who = rows[REPORTER_ISO].map(names)
    out = pd.DataFrame(
        {
            "figure_id": rows[CONTEXT_ID],
            PARTNER: rows[PARTNER],
            "partner_name": rows["partner_name"],
            YEAR: rows[YEAR],
            "period": rows[YEAR].astype(str),
            "basis": "calendar",
            FLOW: rows[FLOW],
            "reporter": ["pakistan" if r == PAKISTAN else "partner" for r in rows[REPORTER_ISO]],
            VALUE: rows[VALUE],
            ESTIMATE: rows[ESTIMATE],
            "derived": False,
            "role": ["world" if p == WORLD else "comparator" for p in rows[PARTNER]],
            SOURCE_ID: rows[SOURCE_ID],
            "source": rows[SOURCE_ID].map(labels),
            "source_detail": rows["source_detail"],
            "note": [
                f"{w}'s own {'exports (FOB)' if f == 'export' else 'imports (CIF)'} as it "
                "reports them to the IMF"
                + (
                    "; DERIVED: the IMF estimates this reporter's figures from its partners'"
                    if d
                    else ""
                )
                for w, f, d in zip(who, rows[FLOW], rows["derived"], strict=True)
            ],
            "charts": rows["charts"],
            DOWNLOAD_EXTRA: rows[REPORTER_ISO],
        }
    )
    out = out.sort_values([DOWNLOAD_EXTRA, FLOW, PARTNER, YEAR]).reset_index(drop=True)
    return out[[*DOWNLOAD_COLUMNS, DOWNLOAD_EXTRA]]

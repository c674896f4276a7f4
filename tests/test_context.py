"""Context figures: World/comparator cells equal the workbooks, shares and ranks recompute, and
the charts' downloads carry the World and comparator rows with their sources."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from csv_helpers import copy_data, edit_line
from dash import Dash

from app import create_app
from charts.registry import build_chart
from components.profile import profile_panel
from data import context
from data.build import build
from data.loading import DataValidationError, Tables, load_tables
from data.profile import profile
from data.schema import CONTEXT_PARTNERS
from data.state import ViewState

BOOKS = {"PAK": "DOTS_151.xlsx", "UZB": "DOTS_210.xlsx", "KAZ": "DOTS_103.xlsx",
         "TKM": "DOTS_201.xlsx", "KGZ": "DOTS_109.xlsx", "AZE": "DOTS_13.xlsx"}  # fmt: skip
SHEETS = {"export": "Exports, FOB", "import": "Imports, CIF"}


def workbook_cell(reporter: str, flow: str, row_label: str, year: int) -> float | None:
    """The cell of a reporter's workbook, read here without the build code (US$, not millions)."""
    book = openpyxl.load_workbook(build.RAW / "imf_dots" / BOOKS[reporter], read_only=True)
    try:
        sheet = book[next(n for n in book.sheetnames if n.startswith(SHEETS[flow]))]
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    header = next(i for i, r in enumerate(rows) if r[2] is not None and str(r[2]).isdigit())
    col = [str(v) for v in rows[header]].index(str(year))
    row = next(r for r in rows[header + 1 :] if r[1] == row_label)
    raw = row[col]
    if raw is None:
        return None
    return float(str(raw).removesuffix(" e").replace(",", "")) * 1e6


def served(tables: Tables, reporter: str, partner: str, year: int, flow: str) -> pd.Series:
    ct = tables.context_trade
    rows = ct[
        (ct.reporter_iso3 == reporter)
        & (ct.partner_iso3 == partner)
        & (ct.year == year)
        & (ct.flow == flow)
    ]
    assert len(rows) == 1, (reporter, partner, year, flow)
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("reporter", "partner", "label", "year", "flow"),
    [
        ("UZB", "WLD", "World", 2020, "import"),
        ("UZB", "CHN", "China, P.R.: Mainland", 2020, "import"),
        ("UZB", "PAK", "Pakistan", 2020, "import"),
        ("PAK", "WLD", "World", 1995, "export"),
        ("PAK", "AFG", "Afghanistan, Islamic Rep. of", 2011, "export"),
        ("PAK", "KAZ", "Kazakhstan, Rep. of", 2016, "import"),
        ("KAZ", "RUS", "Russian Federation", 2008, "export"),
        ("KAZ", "TUR", "Turkey", 2019, "import"),
        ("TKM", "IRN", "Iran, Islamic Rep. of", 2014, "export"),
        ("KGZ", "IND", "India", 2003, "import"),
        ("AZE", "WLD", "World", 2020, "export"),
    ],
)
def test_world_and_comparator_cells_equal_the_workbook(
    tables: Tables, reporter: str, partner: str, label: str, year: int, flow: str
) -> None:
    expected = workbook_cell(reporter, flow, label, year)
    row = served(tables, reporter, partner, year, flow)
    assert expected is not None
    assert row.value_usd == pytest.approx(expected, abs=0.01)
    # The locator names the file, the sheet and the exact cell: open it there.
    assert BOOKS[reporter] in row.source_detail and build.DOTS_REPO in row.source_detail
    cell = re.search(r"sheet '([^']+)' cell ([A-Z]+\d+)", row.source_detail)
    assert cell is not None
    book = openpyxl.load_workbook(build.RAW / "imf_dots" / BOOKS[reporter])
    try:
        raw = book[cell.group(1)][cell.group(2)].value
    finally:
        book.close()
    assert float(str(raw).removesuffix(" e").replace(",", "")) * 1e6 == pytest.approx(expected)


def test_the_issue_example_uzbekistan_2020_imports(tables: Tables) -> None:
    millions = {
        p: round(served(tables, "UZB", p, 2020, "import").value_usd / 1e6)
        for p in ("WLD", "CHN", "RUS", "TUR", "IND", "IRN", "PAK")
    }
    assert millions == {
        "WLD": 19955,
        "CHN": 4426,
        "RUS": 4080,
        "TUR": 1073,
        "IND": 420,
        "IRN": 107,
        "PAK": 24,
    }


def test_only_the_fixed_comparators_and_years_are_extracted(tables: Tables) -> None:
    ct = tables.context_trade
    assert set(ct.partner_iso3) == set(CONTEXT_PARTNERS)
    assert (ct.year.min(), ct.year.max()) == (1993, 2020)
    assert set(ct.reporter_iso3) == {"PAK", "AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert not (ct.reporter_iso3 == ct.partner_iso3).any()
    assert ct.loc[ct.reporter_iso3 == "TKM", "derived"].all()
    assert not ct.loc[ct.reporter_iso3 != "TKM", "derived"].any()


def _raw(reporter: str, partner: str, year: int, flow: str) -> float:
    """A value straight from the committed CSV (not through the loader)."""
    with (build.OUT / "context_trade.csv").open(newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            key = (r["reporter_iso3"], r["partner_iso3"], int(r["year"]), r["flow"])
            if key == (reporter, partner, year, flow):
                return float(r["value_usd"])
    raise KeyError((reporter, partner, year, flow))


def test_car_shares_recompute_from_the_table(tables: Tables) -> None:
    state = ViewState(countries=("KAZ", "UZB"), years=(2010, 2020), flow="export")
    data = context.car_share_view(tables, state).data.set_index(["series", "year"])
    for year in (2012, 2020):
        world = _raw("PAK", "WLD", year, "export")
        kaz, uzb = _raw("PAK", "KAZ", year, "export"), _raw("PAK", "UZB", year, "export")
        assert data.loc[("KAZ", year), "share_pct"] == pytest.approx(kaz / world * 100)
        assert data.loc[("CARSEL", year), "share_pct"] == pytest.approx((kaz + uzb) / world * 100)
        afg = _raw("PAK", "AFG", year, "export")
        assert data.loc[("AFG", year), "share_pct"] == pytest.approx(afg / world * 100)
        six = sum(
            _raw("PAK", c, year, "export") for c in ("AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB")
        )
        assert data.loc[("CAR6", year), "share_pct"] == pytest.approx(six / world * 100)
    # Turnover shares: (X + M) / (World X + World M).
    turnover = context.car_share_view(tables, state.with_(flow="turnover")).data
    row = turnover[(turnover.series == "UZB") & (turnover.year == 2019)].iloc[0]
    num = _raw("PAK", "UZB", 2019, "export") + _raw("PAK", "UZB", 2019, "import")
    den = _raw("PAK", "WLD", 2019, "export") + _raw("PAK", "WLD", 2019, "import")
    assert row.share_pct == pytest.approx(num / den * 100)


def test_partner_shares_recompute_and_pakistan_exports_are_the_cars_imports(
    tables: Tables,
) -> None:
    state = ViewState(countries=("UZB",), country="UZB", flow="export", years=(2000, 2020))
    view = context.partners_view(tables, state)
    pak = view.data[view.data.partner_iso3 == "PAK"].iloc[0]
    expected = _raw("UZB", "PAK", 2020, "import") / _raw("UZB", "WLD", 2020, "import") * 100
    assert pak.share_pct == pytest.approx(expected)
    assert list(view.data["rank"]) == sorted(view.data["rank"])
    assert list(view.data.value_usd) == sorted(view.data.value_usd, reverse=True)
    assert "Uzbekistan's imports" in view.caption


def _fixture(tables: Tables) -> Tables:
    """Kazakhstan's 2019 exports and imports to five partners and the World, tie included."""
    rows: list[dict[str, object]] = []
    values = {"WLD": (600, 400), "CHN": (200, 100), "RUS": (150, 150), "TUR": (60, 40),
              "PAK": (30, 20), "IND": (5, 0)}  # fmt: skip
    for partner, (x, m) in values.items():
        for flow, v in (("export", x), ("import", m)):
            if v:
                rows.append(
                    {
                        "context_id": f"C{len(rows) + 1:05d}",
                        "reporter_iso3": "KAZ",
                        "partner_iso3": partner,
                        "partner_name": partner,
                        "year": 2019,
                        "flow": flow,
                        "value_usd": float(v),
                        "estimate": False,
                        "derived": False,
                        "source_id": "imf_dots_partner",
                        "source_detail": "fixture",
                    }
                )
    return dataclasses.replace(tables, context_trade=pd.DataFrame(rows))


def test_rank_of_a_country_in_a_fixture(tables: Tables) -> None:
    small = _fixture(tables)
    turnover = context.partner_ranking(small, "KAZ", 2019, "turnover")
    # CHN and RUS tie at 300 (both rank 1); India has no import figure, so no turnover.
    assert list(zip(turnover.partner_iso3, turnover["rank"], strict=True)) == [
        ("CHN", 1),
        ("RUS", 1),
        ("TUR", 3),
        ("PAK", 4),
    ]
    place = context.pakistan_place(small, "KAZ")
    assert place is not None
    assert (place.year, place.rank, place.of) == (2019, 4, 4)
    assert place.share_pct == pytest.approx(50 / 1000 * 100)
    assert place.text == "Pakistan's rank among Kazakhstan's partners: 4 of 4 (5.0 %)"
    exports = context.partner_ranking(small, "KAZ", 2019, "export")
    assert exports.set_index("partner_iso3").loc["PAK", "rank"] == 4
    assert exports.set_index("partner_iso3").loc["IND", "rank"] == 5


def test_transit_gap_is_partner_minus_pakistan(tables: Tables) -> None:
    state = ViewState(countries=("KAZ", "UZB", "TKM"), years=(2015, 2020), flow="import")
    view = context.transit_view(tables, state)
    row = view.data.set_index("year").loc[2019]
    # Pakistan's imports from a CAR are that CAR's exports to Pakistan; TKM is left out.
    partner = _raw("KAZ", "PAK", 2019, "export") + _raw("UZB", "PAK", 2019, "export")
    own = _raw("PAK", "KAZ", 2019, "import") + _raw("PAK", "UZB", 2019, "import")
    assert row.gap_usd == pytest.approx(partner - own)
    assert row.afg_usd == pytest.approx(_raw("PAK", "AFG", 2019, "import"))
    assert "cannot prove" in view.caption and "Turkmenistan is left out" in view.caption


def test_turkmenistan_is_said_to_be_derived(tables: Tables) -> None:
    view = context.partners_view(tables, ViewState(countries=("TKM",), country="TKM"))
    assert "Turkmenistan does not report to the IMF" in view.caption
    assert context.DERIVED_TKM in context.place_paragraph(tables, "TKM")
    assert context.DERIVED_TKM not in context.place_paragraph(tables, "KAZ")


def test_empty_states_say_why(tables: Tables) -> None:
    state = ViewState(years=(2021, 2025))
    for chart in ("carshare", "transit"):
        result = build_chart(tables, state, chart)
        assert not result.figure.data
        assert "1993–2020" in result.figure.layout.annotations[0].text.replace("<br>", " ")


def test_charts_have_units_and_pakistan_highlighted(tables: Tables) -> None:
    state = ViewState(countries=("KAZ",), country="KAZ")
    partners = build_chart(tables, state, "partners").figure
    bars = partners.data[0]
    colours = dict(zip(bars.y, bars.marker.color, strict=True))
    assert colours["<b>Pakistan</b> "] != colours["Russia "]
    assert "(%)" in partners.layout.xaxis.title.text
    transit = build_chart(tables, state, "transit").figure
    assert "US$ million" in transit.layout.yaxis.title.text


@pytest.mark.parametrize("chart", ["carshare", "partners"])
def test_side_by_side_charts_stack_on_a_phone(tables: Tables, chart: str) -> None:
    """The two panels carry a stacked layout for narrow screens (assets/narrow.js applies it),
    the wide one to go back to, and the wide one is what the server draws (and images keep)."""
    state = ViewState(countries=("KAZ", "UZB"), country="KAZ")
    layout = build_chart(tables, state, chart).figure.layout
    narrow, wide = layout.meta["narrow"], layout.meta["wide"]
    assert layout.xaxis.domain[1] <= layout.xaxis2.domain[0]  # drawn side by side
    assert wide["xaxis.domain"] == list(layout.xaxis.domain)
    assert wide["xaxis2.domain"] == list(layout.xaxis2.domain)
    assert wide["height"] == layout.height
    assert narrow["xaxis.domain"] == narrow["xaxis2.domain"] == [0.0, 1.0]
    top, bottom = narrow["yaxis.domain"], narrow["yaxis2.domain"]
    assert bottom[1] < top[0]  # stacked, the first panel above, with a gap between
    assert narrow["height"] > 1.5 * layout.height
    # Column titles (partners has two) follow their panels.
    for key in [k for k in narrow if k.startswith("annotations[") and k.endswith("].y")]:
        assert narrow[key] in (top[1], bottom[1])
    assert len([k for k in narrow if k.endswith("].y")]) == (2 if chart == "partners" else 0)


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


def _csv(app: Dash, url: str) -> pd.DataFrame:
    response = app.server.test_client().get(url)
    assert response.status_code == 200, response.data[:300]
    return pd.read_csv(io.BytesIO(response.data), keep_default_na=False)


def test_downloads_carry_world_and_comparator_rows_with_sources(app: Dash) -> None:
    rows = _csv(app, "/download/data.csv?chart=partners&country=UZB&years=2015-2020")
    assert {"WLD", "CHN", "RUS", "TUR", "IRN", "IND", "PAK"} <= set(rows.partner_iso3)
    assert set(rows.reporter_iso3) == {"UZB"}
    world = rows[(rows.partner_iso3 == "WLD") & (rows.year == 2020) & (rows.flow == "import")]
    assert world.value_usd.iloc[0] == pytest.approx(workbook_cell("UZB", "import", "World", 2020))
    assert world.role.iloc[0] == "world"
    assert "DOTS_210.xlsx" in world.source_detail.iloc[0] and world.source.iloc[0]
    share = _csv(app, "/download/data.csv?chart=carshare&countries=KAZ&flow=export")
    assert set(share.reporter_iso3) == {"PAK"} and set(share.flow) == {"export"}
    assert {"WLD", "AFG", "KAZ"} <= set(share.partner_iso3)
    assert share.source_detail.str.contains("DOTS_151.xlsx").all()
    whole = _csv(app, "/download/data.csv?countries=KAZ")
    assert {"carshare", "partners", "transit"} <= {
        c for cs in whole.charts for c in str(cs).split(";")
    }
    assert set(whole.loc[whole.charts == "trend", "reporter_iso3"]) <= {"PAK", "KAZ", ""}


def test_profile_headline_shows_pakistans_rank(tables: Tables) -> None:
    view = profile(tables, "UZB")
    assert view.place is not None
    ranking = context.partner_ranking(tables, "UZB", view.place.year, "turnover")
    rank = int(ranking.loc[ranking.partner_iso3 == "PAK", "rank"].iloc[0])
    assert view.place.text.startswith(f"Pakistan's rank among Uzbekistan's partners: {rank} of ")
    panel = str(profile_panel(view, "#000000", {}, "country=UZB", compact=False))
    assert view.place.text in panel


def test_a_broken_context_row_names_file_row_and_column(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    edit_line(folder / "context_trade.csv", 3, ",export,", ",exprot,")
    with pytest.raises(DataValidationError) as err:
        load_tables(folder)
    assert any(
        (p.file, p.row, p.column) == ("context_trade.csv", 3, "flow") for p in err.value.problems
    )

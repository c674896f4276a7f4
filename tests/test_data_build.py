"""The committed CSVs are exactly what `make data` builds from data/raw, and match the workbooks."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from data.build import build
from data.loading import Tables

GENERATED = (
    "countries.csv",
    "trade.csv",
    "stated_totals.csv",
    "products.csv",
    "sources.csv",
    "corridor_geometry.csv",
    "context_trade.csv",
)


def test_rebuild_equals_committed(tmp_path: Path) -> None:
    build.build_all(tmp_path)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (build.OUT / name).read_bytes(), name


def _cell(book: str, sheet: str, row_label: str, year: int) -> object:
    wb = openpyxl.load_workbook(build.RAW / "imf_dots" / book, read_only=True)
    try:
        ws = wb[next(n for n in wb.sheetnames if n.startswith(sheet))]
        rows = list(ws.iter_rows(values_only=True))
        header = next(r for r in rows if r[2] is not None and str(r[2]).strip().isdigit())
        col = [str(v) for v in header].index(str(year))
        return next(r for r in rows if r[1] == row_label)[col]
    finally:
        wb.close()


@pytest.mark.parametrize(
    ("partner", "year", "flow", "reporter", "book", "sheet", "label"),
    [
        ("KAZ", 2016, "export", "pakistan", "DOTS_151.xlsx", "Exports, FOB", "Kazakhstan, Rep. of"),
        ("UZB", 2019, "import", "pakistan", "DOTS_151.xlsx", "Imports, CIF", "Uzbekistan, Rep. of"),
        ("TJK", 2010, "export", "partner", "DOTS_192.xlsx", "Imports, CIF", "Pakistan"),
        ("UZB", 2018, "import", "partner", "DOTS_210.xlsx", "Exports, FOB", "Pakistan"),
        ("AZE", 2005, "export", "pakistan", "DOTS_151.xlsx", "Exports, FOB", "Azerbaijan, Rep. of"),
        ("KGZ", 2020, "export", "partner", "DOTS_109.xlsx", "Imports, CIF", "Pakistan"),
        ("TKM", 2014, "import", "pakistan", "DOTS_151.xlsx", "Imports, CIF", "Turkmenistan"),
    ],
)
def test_served_dots_figures_equal_workbook_cells(
    tables: Tables, partner, year, flow, reporter, book, sheet, label
) -> None:
    raw = _cell(book, sheet, label, year)
    expected = float(str(raw).removesuffix(" e")) * 1e6
    trade = tables.trade
    row = trade[
        (trade.partner_iso3 == partner)
        & (trade.year == year)
        & (trade.flow == flow)
        & (trade.reporter == reporter)
        & trade.source_id.str.startswith("imf_dots")
    ]
    assert len(row) == 1
    assert row.value_usd.iloc[0] == pytest.approx(expected, abs=0.01)
    assert bool(row.estimate.iloc[0]) == str(raw).endswith(" e")


def test_imf_estimates_are_flagged(tables: Tables) -> None:
    assert int(tables.trade.estimate.sum()) == 25


def test_turkmenistan_mirror_is_marked_derived(tables: Tables) -> None:
    trade = tables.trade
    tkm = trade[(trade.partner_iso3 == "TKM") & (trade.source_id == "imf_dots_partner")]
    assert len(tkm) > 0
    assert tkm.note.str.contains("DERIVED").all()


def test_loose_csv_repairs_unquoted_commas() -> None:
    frame, repaired = build.read_loose_csv(build.RAW / "trade_annual.csv", build.ANNUAL_COLUMNS)
    assert len(frame) == 702
    assert repaired == 14
    assert (frame.source_detail.str.startswith("Jahanzaib, M. (2024)")).sum() == 14

"""IMF DOTS workbooks: Pakistan's and its partners' annual figures, cell by cell with flags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd

from data.build.common import RAW

DOTS_REPO = "github:SamLeBlanc/Direction-of-Trade-Map@a0b40afbac7cefc59a4b35c1ebe541ac546aafad"


PAK_DOTS_CODE = 151


# Partner names exactly as Pakistan's workbook spells them.
DOTS_NAMES = {
    "AZE": "Azerbaijan, Rep. of",
    "KAZ": "Kazakhstan, Rep. of",
    "KGZ": "Kyrgyz Rep.",
    "TJK": "Tajikistan, Rep. of",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan, Rep. of",
}


SHEET_EXPORTS = "Exports, FOB"


SHEET_IMPORTS = "Imports, CIF"


@dataclass(frozen=True)
class DotsCell:
    """One IMF DOTS workbook cell, as a Pakistan-view figure."""

    partner: str
    year: int
    flow: str
    reporter: str
    value_musd: float
    estimate: bool
    workbook: str
    sheet: str
    row_label: str


def _parse_dots_value(raw: object) -> tuple[float, bool] | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, int | float):
        return float(raw), False
    text = str(raw).strip()
    estimate = text.endswith(" e")
    return float(text.removesuffix(" e").strip()), estimate


def _sheet_rows(path: Path, sheet: str, wanted: set[str]) -> dict[str, dict[int, object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        ws = book[next(name for name in book.sheetnames if name.startswith(sheet))]
        years: list[int | None] = []
        found: dict[str, dict[int, object]] = {}
        for row in ws.iter_rows(values_only=True):
            label = row[1] if len(row) > 1 else None
            if not years and row[2] is not None and str(row[2]).strip().isdigit():
                years = [int(str(v)) if v is not None else None for v in row]
                continue
            if years and label in wanted:
                found[str(label)] = {
                    y: v for y, v in zip(years, row, strict=False) if y is not None
                }
        return found
    finally:
        book.close()


def read_dots(countries: pd.DataFrame) -> list[DotsCell]:
    """Every Pakistan↔CAR cell of the seven DOTS workbooks, as Pakistan-view figures."""
    cells: list[DotsCell] = []
    pak_book = RAW / "imf_dots" / f"DOTS_{PAK_DOTS_CODE}.xlsx"
    for sheet, flow in ((SHEET_EXPORTS, "export"), (SHEET_IMPORTS, "import")):
        rows = _sheet_rows(pak_book, sheet, set(DOTS_NAMES.values()))
        for iso, label in DOTS_NAMES.items():
            for year, raw in rows.get(label, {}).items():
                parsed = _parse_dots_value(raw)
                if parsed:
                    cells.append(
                        DotsCell(iso, year, flow, "pakistan", *parsed, pak_book.name, sheet, label)
                    )
    for iso, code in zip(countries["iso3"], countries["dots_code"], strict=True):
        book = RAW / "imf_dots" / f"DOTS_{code}.xlsx"
        # The partner's imports from Pakistan are Pakistan's exports, and vice versa.
        for sheet, flow in ((SHEET_IMPORTS, "export"), (SHEET_EXPORTS, "import")):
            rows = _sheet_rows(book, sheet, {"Pakistan"})
            for year, raw in rows.get("Pakistan", {}).items():
                parsed = _parse_dots_value(raw)
                if parsed:
                    cells.append(
                        DotsCell(iso, year, flow, "partner", *parsed, book.name, sheet, "Pakistan")
                    )
    return cells

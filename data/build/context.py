"""Context figures: each reporter's World totals and its trade with a fixed set of comparators.

Read from the same committed IMF DOTS workbooks as the Pakistan↔CAR figures (Pakistan's and the
six CARs'), 1993–2020, both flows as the reporter records them (exports FOB, imports CIF). Every
value is one workbook cell × 10⁶, located by file, sheet, cell and repository commit.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from data.build.common import RAW, BuildError
from data.build.dots import (
    DOTS_NAMES,
    DOTS_REPO,
    PAK_DOTS_CODE,
    SHEET_EXPORTS,
    SHEET_IMPORTS,
    _parse_dots_value,
)
from data.schema import SOURCE_ID

YEARS = (1993, 2020)
# Partner code -> the row label every DOTS workbook uses. WLD is the reporter's total.
COMPARATORS: dict[str, str] = {
    "WLD": "World",
    "CHN": "China, P.R.: Mainland",
    "RUS": "Russian Federation",
    "TUR": "Turkey",
    "IRN": "Iran, Islamic Rep. of",
    "IND": "India",
    "AFG": "Afghanistan, Islamic Rep. of",
    "PAK": "Pakistan",
    **DOTS_NAMES,
}
PARTNER_NAMES: dict[str, str] = {
    "WLD": "World",
    "CHN": "China (mainland)",
    "RUS": "Russia",
    "TUR": "Turkey",
    "IRN": "Iran",
    "IND": "India",
    "AFG": "Afghanistan",
    "PAK": "Pakistan",
    "AZE": "Azerbaijan",
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}
CONTEXT_COLUMNS = [
    "context_id",
    "reporter_iso3",
    "partner_iso3",
    "partner_name",
    "year",
    "flow",
    "value_usd",
    "estimate",
    "derived",
    SOURCE_ID,
    "source_detail",
]


def _read_sheet(path: Path, sheet: str) -> tuple[str, list[tuple[str, int, str, object]]]:
    """The sheet's full name and (partner code, year, cell, value) of every comparator cell."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        name = next((n for n in book.sheetnames if n.startswith(sheet)), None)
        if name is None:
            raise BuildError(f"{path.name}: no sheet '{sheet}'")
        codes = {label: code for code, label in COMPARATORS.items()}
        years: dict[int, int] = {}  # 0-based column -> year
        out: list[tuple[str, int, str, object]] = []
        for row_no, row in enumerate(book[name].iter_rows(values_only=True), start=1):
            if not years:
                # The year header is the first row with a year in its third column.
                if len(row) > 2 and row[2] is not None and str(row[2]).strip().isdigit():
                    years = {
                        col: int(str(v))
                        for col, v in enumerate(row)
                        if v is not None and YEARS[0] <= int(str(v)) <= YEARS[1]
                    }
                continue
            code = codes.get(str(row[1])) if len(row) > 1 else None
            if code is not None:
                out += [
                    (code, year, f"{get_column_letter(col + 1)}{row_no}", row[col])
                    for col, year in years.items()
                ]
        return name, out
    finally:
        book.close()


def build_context(countries: pd.DataFrame) -> pd.DataFrame:
    """The context table: every reporter's World and comparator cells, one row per cell."""
    reporters = [("PAK", PAK_DOTS_CODE, True)] + [
        (str(iso), int(code), bool(reports))
        for iso, code, reports in zip(
            countries["iso3"], countries["dots_code"], countries["reports_to_imf_dots"], strict=True
        )
    ]
    records: list[dict[str, object]] = []
    for reporter, code, reports in reporters:
        book = RAW / "imf_dots" / f"DOTS_{code}.xlsx"
        for sheet, flow in ((SHEET_EXPORTS, "export"), (SHEET_IMPORTS, "import")):
            sheet_name, cells = _read_sheet(book, sheet)
            for partner, year, cell, raw in cells:
                if partner == reporter:
                    continue  # a workbook's title row names its own reporter
                # One estimate is written with a thousands separator ("1,191.26 e").
                parsed = _parse_dots_value(raw.replace(",", "") if isinstance(raw, str) else raw)
                if parsed is None:
                    continue
                value, estimate = parsed
                records.append(
                    {
                        "reporter_iso3": reporter,
                        "partner_iso3": partner,
                        "partner_name": PARTNER_NAMES[partner],
                        "year": year,
                        "flow": flow,
                        "value_usd": round(value * 1e6, 2),
                        "estimate": estimate,
                        # Turkmenistan does not report to the IMF: its "reports" are the IMF's
                        # estimates from its partners' records.
                        "derived": not reports,
                        SOURCE_ID: "imf_dots_pakistan" if reporter == "PAK" else "imf_dots_partner",
                        "source_detail": (
                            f"{DOTS_REPO}:data/DOTS/{book.name} sheet '{sheet_name}' cell {cell} "
                            f"(row '{COMPARATORS[partner]}', col {year})"
                        ),
                    }
                )
    frame = pd.DataFrame.from_records(records)
    missing = {r for r, _, _ in reporters} - set(frame["reporter_iso3"])
    if missing:
        raise BuildError(f"no context figures for reporters {sorted(missing)}")
    frame = frame.sort_values(["reporter_iso3", "flow", "partner_iso3", "year"], kind="stable")
    frame.insert(0, "context_id", [f"C{i:05d}" for i in range(1, len(frame) + 1)])
    return frame[CONTEXT_COLUMNS].reset_index(drop=True)

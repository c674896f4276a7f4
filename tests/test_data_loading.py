"""Schema tier: the real tables validate; every broken rule is reported with file, row, column."""

from __future__ import annotations

from pathlib import Path

import pytest
from csv_helpers import copy_data, edit_line

from data.loading import DataValidationError, Tables, load_tables


def test_real_tables_load_with_counts(tables: Tables) -> None:
    assert len(tables.trade) == 702
    assert len(tables.countries) == 6
    for name, (rows_in, loaded) in tables.counts.items():
        assert rows_in == loaded, name
    assert tables.counts["trade.csv"] == (702, 702)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    trade = folder / "trade.csv"
    edit_line(trade, 2, ",export,", ",exprt,")
    edit_line(trade, 3, ",False,", ",maybe,")
    edit_line(trade, 4, ",1997,", ",19x7,")
    lines = trade.read_text(encoding="utf-8").splitlines()
    lines[5] += ",surplus field"
    trade.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_line(folder / "countries.csv", 2, "#E69F00", "orange")
    with pytest.raises(DataValidationError) as info:
        load_tables(folder)
    problems = {(p.file, p.row, p.column) for p in info.value.problems}
    assert ("trade.csv", 2, "flow") in problems
    assert ("trade.csv", 3, "estimate") in problems
    assert ("trade.csv", 4, "year") in problems
    assert ("trade.csv", 6, None) in problems
    assert ("countries.csv", 2, "colour") in problems
    text = str(info.value)
    assert "exprt" in text and "row 6" in text and "unquoted comma" in text


def test_missing_file_and_unknown_source_are_reported(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    (folder / "products.csv").unlink()
    edit_line(folder / "trade.csv", 2, "imf_dots_pakistan", "imf_dots_typo")
    with pytest.raises(DataValidationError) as info:
        load_tables(folder)
    reasons = [str(p) for p in info.value.problems]
    assert any("products.csv: file is missing" in r for r in reasons)
    assert any(
        "trade.csv, row 2, column 'source_id'" in r and "imf_dots_typo" in r for r in reasons
    )


def test_duplicate_primary_figure_is_rejected(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    trade = folder / "trade.csv"
    lines = trade.read_text(encoding="utf-8").splitlines()
    duplicate = lines[1].replace("T0001", "T9999")
    trade.write_text("\n".join([*lines, duplicate]) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="more than one primary figure"):
        load_tables(folder)


def test_reasons_are_in_words_and_sorted_by_file_and_row(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    trade = folder / "trade.csv"
    edit_line(trade, 9, ",calendar,", ",monthly,")
    edit_line(trade, 3, "T0002", "T0001")
    edit_line(trade, 4, ",AZE,", ",,")
    edit_line(trade, 7, ",2000,", ",20x0,")
    countries = folder / "countries.csv"
    edit_line(countries, 1, "capital_lat", "cap_lat")
    with pytest.raises(DataValidationError) as info:
        load_tables(folder)
    assert [str(p) for p in info.value.problems] == [
        "countries.csv, column 'cap_lat': unexpected column (not in the schema)",
        "countries.csv, column 'capital_lat': required column is missing",
        "trade.csv, row 2, column 'figure_id': 'T0001' appears more than once: it must be unique",
        "trade.csv, row 3, column 'figure_id': 'T0001' appears more than once: it must be unique",
        "trade.csv, row 4, column 'partner_iso3': is empty: a value is required",
        "trade.csv, row 7, column 'year': '20x0' is not a whole number",
        "trade.csv, row 9, column 'basis': 'monthly' is not one of: calendar, fiscal",
    ]

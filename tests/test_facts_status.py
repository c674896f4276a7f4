"""Issue #20: the corrected fact rows, the status 'as of' dates and the schema's source rules."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from component_helpers import component_text
from csv_helpers import copy_data

from components.profile import Citations
from components.profile.facts import agreement_list, corridor_list
from data.loading import DataValidationError, Tables, load_tables
from data.map import map_view
from data.profile import profile
from data.schema_facts import IN_FORCE_STATUSES
from data.state import DEFAULT_STATE
from data.status_dates import reference_clock, status_date

RAW_SOURCES = Path(__file__).resolve().parent.parent / "data" / "raw" / "sources_curated.csv"
DAY = date(2026, 12, 2)


def _row(frame, column: str, key: str) -> dict:
    rows = frame[frame[column] == key].to_dict("records")
    assert len(rows) >= 1, key
    return rows[0]


def _set_cell(path: Path, key_col: str, key: str, changes: dict[str, str]) -> int:
    """Change cells of the first row whose `key_col` is `key`; return its file line number."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    at = next(i for i, r in enumerate(rows) if r[key_col] == key)
    rows[at].update(changes)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return at + 2  # the header is line 1


def _problems(folder: Path) -> list:
    with pytest.raises(DataValidationError) as err:
        load_tables(folder)
    return err.value.problems


# ------------------------------------------------------------------ the corrected rows


def test_cku_railway_is_dated_by_the_start_of_construction(tables: Tables) -> None:
    row = _row(tables.corridors, "corridor_id", "cku-railway")
    assert row["status"] == "under_construction"
    assert row["status_as_of"] == "2024-12-27"
    assert row["status_source_id"] == "xinhua_cku_construction_start_2024_12_27"
    assert row["status_source_precision"] == "day" and not row["status_source_in_force"]
    sources = row["source_ids"].split(";")
    assert {"people_daily_cku_agreement_2024_06_07", "ankasam2023"} <= set(sources)
    assert "6 Jun 2024" in row["description"] and "27 Dec 2024" in row["description"]
    assert "got ahead of events" in row["note"] and "ANKASAM 2023" in row["note"]


def test_seed_fact_no_longer_repeats_the_2023_claim(tables: Tables) -> None:
    row = _row(tables.seed_facts, "fact_id", "ckur-extension")
    assert not row["statement"].startswith("China–Kyrgyzstan–Uzbekistan railway (under")
    assert "6 Jun 2024" in row["statement"] and "27 Dec 2024" in row["statement"]
    assert "xinhua_cku_construction_start_2024_12_27" in row["source_id"].split(";")
    assert "Corrected" in row["note"]


def test_khar_remarks_are_dated_by_the_earliest_dated_report(tables: Tables) -> None:
    ids = set(tables.events["event_id"])
    assert "car-khar-afghanistan-remarks-2023-02-18" not in ids
    row = _row(tables.events, "event_id", "car-khar-afghanistan-remarks-2023-02")
    assert (row["date"], row["date_precision"]) == ("2023-02-17", "before")
    assert row["source_id"].split(";")[0] == "business_recorder_khar_2023_02_17"
    # The disagreement stays visible beside the date: ANKASAM's 18 Feb, The Nation's Friday.
    assert "ANKASAM gives 18 Feb 2023" in row["date_note"]
    assert "'on Friday' (17 Feb)" in row["date_note"]
    assert "(date disputed)" in row["title"]


def test_uzbek_pta_says_only_what_is_known(tables: Tables) -> None:
    row = _row(tables.agreements, "agreement_id", "uzb-pak-pta")
    assert row["status"] == "signed" and row["status"] not in IN_FORCE_STATUSES
    assert pd.isna(row["in_force"]) and pd.isna(row["signed"])  # disputed: no date given
    assert not row["status_source_in_force"]
    assert {"jahanzaib2024", "ankasam2023"} <= set(row["source_id"].split(";"))
    assert "17 commodities" in row["description"]
    assert "No source here reports it in force" in row["description"]
    assert "disputed" in row["note"] and "3 Mar 2022" in row["note"]


def test_uzbek_pta_event_is_a_planned_start_citing_both_seeds(tables: Tables) -> None:
    ids = set(tables.events["event_id"])
    assert "uzb-pak-pta-applied-2023-02" not in ids
    row = _row(tables.events, "event_id", "uzb-pak-pta-application-planned-2023-02")
    assert row["category"] != "agreement_in_force"
    assert row["source_id"].split(";") == ["ankasam2023", "jahanzaib2024"]
    assert "no source here reports that it then came into force" in row["description"]
    assert (row["date"], row["date_precision"]) == ("2023-02", "month")


def test_kazakh_pta_date_ambiguity_is_said(tables: Tables) -> None:
    row = _row(tables.events, "event_id", "kaz-pak-pta-signing-announced-2022-11-18")
    assert row["date_note"].startswith("Ambiguous")
    assert "announcement or planned signing" in row["title"]
    agreement = _row(tables.agreements, "agreement_id", "kaz-pak-pta")
    assert "the text does not say which" in agreement["description"]


def test_karachi_note_credits_no_source_that_does_not_name_it(tables: Tables) -> None:
    note = _row(tables.places, "place_id", "karachi-port")["note"]
    assert (
        "(ANKASAM 2023)" not in note and "Neither Jahanzaib 2024 nor ANKASAM 2023 names it" in note
    )


def test_seed_urls_point_at_the_articles(tables: Tables) -> None:
    sources = tables.sources.set_index("source_id")
    url = str(sources.loc["ankasam2023", "url"])
    assert url.startswith("https://www.ankasam.org/seeking-strong-cooperation-on-the-pakistan")
    for sid in (
        "xinhua_cku_construction_start_2024_12_27",
        "people_daily_cku_agreement_2024_06_07",
        "business_recorder_khar_2023_02_17",
        "the_nation_issi_conference_2023_02_18",
        "business_recorder_uzb_pta_signed_2022_03_04",
        "profit_uzb_pta_2022_12_26",
    ):
        assert str(sources.loc[sid, "url"]).startswith("http"), sid


def test_new_sources_come_from_the_build_input() -> None:
    """`make data` reproduces sources.csv: the curated input holds every new source."""
    text = RAW_SOURCES.read_text(encoding="utf-8")
    assert "xinhua_cku_construction_start_2024_12_27" in text
    assert "ankasam.org/seeking-strong-cooperation" in text


def test_every_status_has_a_date_and_a_cited_source(tables: Tables) -> None:
    for frame, sources in ((tables.corridors, "source_ids"), (tables.agreements, "source_id")):
        for row in frame.to_dict("records"):
            assert row["status_as_of"], row
            assert row["status_source_id"] in row[sources].split(";"), row


# ------------------------------------------------------------------ the schema's rules


def test_in_force_without_a_source_reporting_it_is_rejected(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    line = _set_cell(
        folder / "agreements.csv", "agreement_id", "uzb-pak-pta", {"status": "in_force"}
    )
    corridor_line = _set_cell(
        folder / "corridors.csv", "corridor_id", "tapi", {"status": "operational"}
    )
    problems = _problems(folder)
    found = {(p.file, p.row, p.column) for p in problems}
    assert ("agreements.csv", line, "status_source_in_force") in found
    assert ("corridors.csv", corridor_line, "status_source_in_force") in found
    reasons = [p.reason for p in problems if p.column == "status_source_in_force"]
    assert all("needs a status source that reports it in force" in r for r in reasons)
    assert len(problems) == 2  # one problem per broken row, nothing else


def test_in_force_with_a_source_reporting_it_loads(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    _set_cell(
        folder / "agreements.csv",
        "agreement_id",
        "uzb-pak-pta",
        {"status": "in_force", "status_source_in_force": "true"},
    )
    assert _row(load_tables(folder).agreements, "agreement_id", "uzb-pak-pta")["status"] == (
        "in_force"
    )


def test_a_day_without_a_source_giving_it_is_rejected(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    event_line = _set_cell(
        folder / "events.csv",
        "event_id",
        "kaz-pak-pta-signing-announced-2022-11-18",
        {"date_source_precision": "month"},
    )
    signed_line = _set_cell(
        folder / "agreements.csv",
        "agreement_id",
        "tjk-pak-atptt",
        {"signed": "2022-05-01", "signed_precision": "day"},
    )
    status_line = _set_cell(
        folder / "corridors.csv", "corridor_id", "tapi", {"status_as_of": "2024-06-01"}
    )
    problems = _problems(folder)
    found = {(p.file, p.row, p.column): p.reason for p in problems}
    assert "needs a source that gives that day" in found[("events.csv", event_line, "date")]
    assert "needs a source that gives that day" in found[("agreements.csv", signed_line, "signed")]
    assert (
        "more precise than its status source"
        in found[("corridors.csv", status_line, "status_as_of")]
    )
    assert len(problems) == 3


def test_a_date_must_have_its_precisions_form(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    line = _set_cell(
        folder / "events.csv",
        "event_id",
        "kaz-pak-rail-link-agreed-2024-04",
        {"date": "2024", "date_precision": "month"},
    )
    problems = _problems(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", line, "date_precision")]


def test_status_source_must_be_one_of_the_rows_sources(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    line = _set_cell(
        folder / "corridors.csv", "corridor_id", "tapi", {"status_source_id": "ankasam2023_x"}
    )
    problems = _problems(folder)
    columns = {(p.row, p.column) for p in problems if p.file == "corridors.csv"}
    assert (line, "status_source_id") in columns  # not cited by the row, not in sources.csv


# ------------------------------------------------------------------ 'as of' and its age


@pytest.mark.parametrize(
    ("as_of", "today", "stale"),
    [
        ("2023", date(2025, 12, 31), False),
        ("2023", date(2026, 1, 1), True),  # all of 2023 is over two years back
        ("2024-12-27", date(2026, 12, 27), False),
        ("2024-12-27", date(2026, 12, 28), True),
        ("2025-02", date(2027, 2, 28), False),
        ("2025-02", date(2027, 3, 1), True),
        ("2024-02-29", date(2026, 3, 1), False),  # two years after a 29 Feb is 1 Mar
        ("2024-02-29", date(2026, 3, 2), True),
    ],
)
def test_a_status_is_stale_only_when_certainly_over_two_years_old(
    as_of: str, today: date, stale: bool
) -> None:
    assert status_date(as_of, today).stale is stale


def test_status_phrases() -> None:
    assert status_date("2024-12-27", DAY).phrase == "as of 27 Dec 2024"
    assert status_date("2023", DAY).phrase == "as of 2023, over 2 years old at 2026-12-02"
    assert status_date("2023", DAY).short == "as of 2023, over 2 years old"
    assert status_date("2023-02", date(2024, 1, 1)).phrase == "as of Feb 2023"


def test_reference_clock_pins_the_date_and_refuses_nonsense() -> None:
    clock = reference_clock("2030-01-01")
    assert clock is not None and clock() == date(2030, 1, 1)
    assert reference_clock("") is None
    with pytest.raises(ValueError, match="not an ISO date"):
        reference_clock("next week")


def _legend(tables: Tables, today: date) -> dict[str, str]:
    pinned = dataclasses.replace(tables, clock=lambda: today)
    return {
        line.corridor_id: line.status_when for line in map_view(pinned, DEFAULT_STATE).corridors
    }


def test_map_legend_and_hover_show_as_of_and_mark_old_statuses(tables: Tables) -> None:
    now = _legend(tables, DAY)
    assert now["cku-railway"] == "as of 2024"
    assert now["cku-railway-extension"] == "as of 2023, over 2 years old"
    assert not any("over" in v for v in _legend(tables, date(2025, 6, 1)).values())
    assert all("over 2 years old" in v for v in _legend(tables, date(2030, 1, 1)).values())
    pinned = dataclasses.replace(tables, clock=lambda: DAY)
    view = map_view(pinned, DEFAULT_STATE)
    cards = {line.corridor_id: line.card for line in view.corridors}
    assert "Status: under construction (as of 27 Dec 2024)" in cards["cku-railway"]
    assert "over 2 years old at 2026-12-02" in cards["cku-railway-extension"]
    assert "marked so" in view.caption and "2026-12-02" in view.caption


def _sections(tables: Tables, iso3: str) -> tuple[str, str]:
    view = profile(dataclasses.replace(tables, clock=lambda: DAY), iso3)
    cites = Citations(view)
    return (
        component_text(agreement_list(view.agreements, cites)),
        component_text(corridor_list(view.corridors, cites)),
    )


def test_profiles_show_status_dates(tables: Tables) -> None:
    agreements, corridors = _sections(tables, "KAZ")
    assert "as of 2023, over 2 years old at 2026-12-02" in agreements  # the PTA (ANKASAM)
    assert agreements.count("as of 2024") >= 2  # rail link, QTTA (Jahanzaib 2024)
    assert "(as of 2024)" in corridors  # the QTTA road
    agreements, corridors = _sections(tables, "UZB")
    assert "as of 27 Dec 2024" in corridors  # the CKU railway, dated by its construction start
    # The PTA's line: its status badge says signed, as of 2024, with no in-force date.
    head = agreements.split("Preferential Trade Agreement (17 items)", 1)[1].split("PTA on", 1)[0]
    assert "signed" in head and "as of 2024" in head and "in force" not in head

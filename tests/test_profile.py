"""Country profiles: fact tables, the view model's exact figures, the panel and its callback."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from component_helpers import component_text as _text
from component_helpers import find_components as _find
from csv_helpers import copy_data, edit_line
from dash import Dash
from pypdf import PdfReader

from app import create_app
from callbacks.profile import profile_body
from charts.registry import build_chart
from components.profile import membership_matrix_table
from data.loading import DataValidationError, Tables, load_tables
from data.lookups import source_labels
from data.profile import MIN_CARS_FOR_SHARE, SERIES, headline, membership_matrix, profile
from data.schema import CAR_CODES
from data.state import ViewState, parse_query

FACT_TABLES = (
    "agreements",
    "mechanisms",
    "memberships",
    "bodies",
    "events",
    "targets",
    "seed_facts",
)


# --- fact tables -------------------------------------------------------------------------------


def test_fact_tables_load_completely(tables: Tables) -> None:
    for name in FACT_TABLES:
        rows_in, loaded = tables.counts[f"{name}.csv"]
        assert rows_in == loaded > 0, name
    # The seed facts the issue names are there, each with a source.
    ids = set(tables.agreements["agreement_id"])
    assert {"kaz-pak-pta", "uzb-pak-uptta", "uzb-pak-pta", "tjk-pak-atptt", "qtta"} <= ids
    assert set(tables.mechanisms["partner_iso3"]) == set(CAR_CODES)
    assert "Joint Security Commission" in set(tables.mechanisms["name"])
    assert {"ECO", "SCO", "OIC", "CAREC", "BRI", "QTTA"} <= set(tables.memberships["body"])
    target = tables.targets.set_index("target_id").loc["kaz-trade-1bn"]
    assert (target["baseline_usd"], target["target_usd"]) == (197e6, 1e9)
    # The Tajik president's visit is one event, whichever date a source gives it.
    visits = tables.events[
        (tables.events["partner_iso3"] == "TJK") & (tables.events["category"] == "visit")
    ]
    assert len(visits) == 1
    assert "14–15 Mar 2023" in visits["date_note"].iloc[0]
    assert visits["source_id"].iloc[0].split(";") == ["jahanzaib2024", "ankasam2023"]


def test_broken_fact_rows_are_reported_with_file_row_column(tmp_path: Path) -> None:
    copy_data(tmp_path)
    edit_line(tmp_path / "seed_facts.csv", 2, ",trade,", ",gossip,")
    edit_line(tmp_path / "events.csv", 3, "ankasam2023", "nobody2099")
    # An event with several sources: each id is checked.
    edit_line(tmp_path / "events.csv", 4, "jahanzaib2024;ankasam2023", "jahanzaib2024;nobody")
    with pytest.raises(DataValidationError) as info:
        load_tables(tmp_path)
    problems = {(p.file, p.row, p.column): p.reason for p in info.value.problems}
    assert ("seed_facts.csv", 2, "topic") in problems
    assert "'nobody2099' is not in sources.csv" in problems[("events.csv", 3, "source_id")]
    assert "'nobody' is not in sources.csv" in problems[("events.csv", 4, "source_id")]


def test_several_source_ids_must_be_semicolon_separated(tmp_path: Path) -> None:
    copy_data(tmp_path)
    edit_line(tmp_path / "events.csv", 5, "jahanzaib2024", "jahanzaib2024 ankasam2023")
    edit_line(tmp_path / "targets.csv", 2, "ankasam2023;jahanzaib2024", "ankasam2023|jahanzaib2024")
    with pytest.raises(DataValidationError) as info:
        load_tables(tmp_path)
    problems = {(p.file, p.row, p.column): p.reason for p in info.value.problems}
    assert "does not match the pattern" in problems[("events.csv", 5, "source_id")]
    assert "does not match the pattern" in problems[("targets.csv", 2, "source_id")]


# --- view model: exact figures -------------------------------------------------------------------


def test_kazakhstan_headline_from_dots(tables: Tables) -> None:
    h = headline(tables, "KAZ", "calendar", "pakistan")
    assert h is not None
    assert (h.year, h.export, h.import_) == (2020, 59_236_314.0, 515_929.0)
    assert h.turnover == pytest.approx(59_752_243.0)
    assert h.balance == pytest.approx(58_720_385.0)
    assert h.sources == ("imf_dots_pakistan",)
    # Kazakhstan is the largest of the six in 2020: its share of the six's turnover.
    p = tables.trade
    cal = p[p["primary"] & (p["basis"] == "calendar") & (p["reporter"] == "pakistan")]
    total_2020 = cal.loc[cal["year"] == 2020, "value_usd"].sum()
    assert h.share_pct == pytest.approx(59_752_243.0 / total_2020 * 100)
    assert (h.rank, h.rank_of) == (1, 6)
    first = cal[(cal["partner_iso3"] == "KAZ") & (cal["year"] == 2015)]["value_usd"].sum()
    assert h.cagr5 == pytest.approx(((59_752_243.0 / first) ** (1 / 5) - 1) * 100)


def test_uzbekistan_headlines_and_mirror_gap(tables: Tables) -> None:
    pak = headline(tables, "UZB", "calendar", "pakistan")
    assert pak is not None
    assert (pak.year, pak.export, pak.import_) == (2020, 25_152_917.0, 9_047_647.0)
    partner = headline(tables, "UZB", "calendar", "partner")
    assert partner is not None
    # The latest partner-reported figure is Uzbekistan's own (after DOTS ends in 2020); only one
    # CAR has a 2025 figure, so no share or rank is claimed.
    assert partner.year == 2025
    assert partner.share_pct is None and partner.rank is None
    assert "only 1 of the six" in partner.share_note
    view = profile(tables, "UZB")
    gap = next(c for c in view.caveats if c.kind == "mirror_gap")
    assert "3.55×" in gap.text  # Uzbekistan records 3.55 times Pakistan's 2020 turnover
    assert "imf_dots_partner" in gap.sources


def test_caveats_cover_derived_mirror_fiscal_and_self_disagreement(tables: Tables) -> None:
    tkm = {c.kind for c in profile(tables, "TKM").caveats}
    assert "derived_mirror" in tkm and "mirror_gap" not in tkm
    kaz = profile(tables, "KAZ").caveats
    disagreement = next(c for c in kaz if c.kind == "disagreement")
    assert "US$139.3 M" in disagreement.text and "US$127.2 M" in disagreement.text
    fiscal = next(c for c in kaz if c.kind == "fiscal")
    assert "FY2024-25 = July 2024–June 2025" in fiscal.text
    tjk = profile(tables, "TJK").caveats
    missing = [c.text for c in tjk if c.kind == "missing_years"]
    assert any("FY2016-17–FY2021-22" in t for t in missing)


def test_azerbaijan_thin_fiscal_data(tables: Tables) -> None:
    h = headline(tables, "AZE", "fiscal", "pakistan")
    assert h is not None
    assert h.period == "FY2022-23"
    assert (h.export, h.import_) == (12_090_000.0, 24_380_000.0)
    assert h.cagr5 is None and h.cagr10 is None and "no FY2017-18 figure" in h.cagr_note
    assert h.rank_of < MIN_CARS_FOR_SHARE and h.share_pct is None


def test_kazakhstan_target_counts_only_figures_from_the_baseline_on(tables: Tables) -> None:
    view = profile(tables, "KAZ")
    (target,) = view.targets  # ANKASAM's and Jahanzaib's US$1 bn goal: one row, both cited
    assert target.source_ids == ("ankasam2023", "jahanzaib2024")
    assert target.baseline is not None and "US$197.0 M in 2022" in target.baseline
    progress = {p.label: p for p in target.progress}
    assert list(progress) == [
        "Pakistan-reported, 2020",
        "Partner-reported, 2023",
        "Pakistan-reported, FY2024-25",
    ]
    # DOTS 2020 predates the 2022 baseline: shown, never as progress.
    assert not progress["Pakistan-reported, 2020"].counts
    assert progress["Partner-reported, 2023"].counts
    assert progress["Partner-reported, 2023"].pct == pytest.approx(52.5e6 / 1e9 * 100)
    assert progress["Partner-reported, 2023"].sources == (
        "kazakhstan_official_data_via_kazinform_trend",
    )
    fiscal = progress["Pakistan-reported, FY2024-25"]
    assert fiscal.counts and fiscal.value == pytest.approx(97.96e6 + 129.63e6)
    assert fiscal.sources == ("sbp_data_via_profit_pakistan_today",)
    # The other 2022 turnover figures (stated_totals S002 and S004) sit beside the baseline.
    beside = {b.label: b for b in target.baseline_figures}
    assert beside["Pakistan side, 2022 (stated turnover)"].value == 197e6
    assert beside["Kazakhstan side, 2022 (stated turnover)"].value == 73.5e6
    assert beside["Kazakhstan side, 2022 (stated turnover)"].sources == (
        "kazakhstan_official_data_via_kazinform_trend",
    )
    assert "predate the target" in target.caveat
    assert profile(tables, "TJK").targets == ()
    text = _text(profile_body(tables, ViewState(country="KAZ")))
    assert "before the target was set (2022)" in text
    assert "FY FY" not in text and "Pakistan FY" not in text


def test_fiscal_boundary_of_a_baseline_year() -> None:
    from data.profile.targets import _period_starts_in_or_after

    # FY2022-23 starts in July 2022: from a 2022 baseline on; FY2021-22 starts in 2021.
    assert _period_starts_in_or_after(2023, "fiscal", 2022)
    assert not _period_starts_in_or_after(2022, "fiscal", 2022)
    assert _period_starts_in_or_after(2022, "calendar", 2022)
    assert not _period_starts_in_or_after(2021, "calendar", 2022)


def test_every_cited_source_is_in_the_reference_list(tables: Tables) -> None:
    for code in CAR_CODES:
        view = profile(tables, code)
        assert set(view.references["source_id"]) == set(view.used_sources), code
        assert view.headlines, code
        assert len(view.headlines) <= len(SERIES)


def test_unknown_country_is_a_key_error(tables: Tables) -> None:
    with pytest.raises(KeyError):
        profile(tables, "PAK")


# --- the panel ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", CAR_CODES)
def test_panel_renders_for_every_country(tables: Tables, code: str) -> None:
    body = profile_body(tables, ViewState(country=code))
    text = _text(body)
    name = dict(zip(tables.countries["iso3"], tables.countries["name"], strict=True))[code]
    assert f"Pakistan – {name}" in text
    # The summary's heading is in the panel; the other sections are accordion items' titles.
    assert "Headline figures" in text
    titles = [n.title for n in _find(body, lambda n: type(n).__name__ == "AccordionItem")]
    for heading in ("Data caveats", "Agreements", "Memberships", "Timeline"):
        assert heading in titles
    # Numbered citations link to reference anchors that exist on the panel.
    links = _find(body, lambda n: str(getattr(n, "href", "") or "").startswith("#ref-"))
    anchors = {n.id for n in _find(body, lambda n: isinstance(getattr(n, "id", None), str))}
    assert links
    assert {str(a.href)[1:] for a in links} <= anchors
    graphs = _find(body, lambda n: isinstance(getattr(n, "id", None), dict))
    assert any(g.id == {"type": "profile-graph", "iso3": code} for g in graphs)


def test_kazakhstan_panel_shows_exact_numbers(tables: Tables) -> None:
    text = _text(profile_body(tables, ViewState(country="KAZ")))
    assert "59.2" in text and "0.52" in text  # 2020 exports and imports, US$ million
    assert "Quadrilateral Traffic in Transit Agreement" in text
    assert "Goal: US$1 bn" in text


@pytest.mark.render
def test_agreement_status_reads_as_the_sources_say(tables: Tables, app: Dash) -> None:
    # CASA-1000's joint venture is "under implementation" (Jahanzaib 2024): not a finished line.
    text = " ".join(_text(profile_body(tables, ViewState(country="TJK"))).split())
    assert "CASA-1000 electricity transmission joint venture Energy being implemented" in text
    assert " implemented " not in text.replace("being implemented", "")
    brief_pdf = app.server.test_client().get("/download/brief.pdf?country=TJK").data
    reader = PdfReader(io.BytesIO(brief_pdf))
    brief = " ".join(page.extract_text() for page in reader.pages)
    assert "being implemented" in brief


def test_membership_matrix_covers_every_body_and_country(tables: Tables) -> None:
    matrix = membership_matrix(tables)
    assert list(matrix["body"]) == [
        b for b in tables.bodies["body"] if b in set(tables.memberships["body"])
    ]
    cell = matrix.set_index("body")
    assert cell.loc["SCO", "AZE"] == "dialogue partner" and cell.loc["SCO", "TKM"] == "—"
    assert cell.loc["QTTA", "KAZ"] == "member" and cell.loc["QTTA", "PAK"] == "member"
    # Every recorded membership is in its cell, with its own source; nothing else is filled in.
    recorded = tables.memberships[tables.memberships["iso3"] != "CHN"]
    for body, iso3, source in zip(
        recorded["body"], recorded["iso3"], recorded["source_id"], strict=True
    ):
        assert cell.at[str(body), str(iso3)] != "not recorded"
        cell_sources: dict[str, str] = cell.at[str(body), "cell_sources"]  # type: ignore[assignment]
        assert str(source) in cell_sources[str(iso3)].split(";")
    dropped = dataclasses.replace(
        tables, memberships=tables.memberships[tables.memberships["iso3"] != "TJK"]
    )
    assert set(membership_matrix(dropped)["TJK"]) == {"not recorded"}


def test_membership_matrix_is_on_the_page_with_its_sources(tables: Tables) -> None:
    table = membership_matrix_table(
        membership_matrix(tables), {"PAK": "Pakistan"}, source_labels(tables)
    )
    text = _text(table)
    assert "dialogue partner" in text and "Sources: " in text
    titled = _find(table, lambda n: "Source: " in str(getattr(n, "title", "")))
    assert len(titled) == 7 * len(membership_matrix(tables))


def test_compare_puts_two_panels_side_by_side(tables: Tables) -> None:
    body = profile_body(tables, ViewState(country="KAZ", compare="UZB"))
    panels = _find(body, lambda n: str(getattr(n, "id", "")).startswith("profile-"))
    assert [p.id for p in panels if p.id in ("profile-KAZ", "profile-UZB")] == [
        "profile-KAZ",
        "profile-UZB",
    ]
    same = profile_body(tables, ViewState(country="KAZ", compare="KAZ"))
    assert _text(same).count("Pakistan – Kazakhstan") == 1
    assert "Choose a country" in _text(profile_body(tables, ViewState()))


def test_profile_chart_has_one_trace_per_series_and_gaps(tables: Tables) -> None:
    state, _ = parse_query("country=TJK")
    result = build_chart(tables, state, "profile")
    names = [t.name for t in result.figure.data]
    assert len(names) == 3
    fiscal = next(t for t in result.figure.data if "fiscal" in t.name)
    # FY2016-17..FY2021-22 are missing: gaps (None), never zeros; FY points sit mid-year.
    assert None in list(fiscal.y) and 0 not in list(fiscal.y)
    assert all(float(x) % 1 == 0.5 for x in fiscal.x)
    assert "Tajikistan" in result.title


# --- wiring ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


def test_profile_callback_and_downloads(app: Dash) -> None:
    client = app.server.test_client()
    store = {"country": "UZB", "compare": None}
    payload = {
        "output": "profile-body.children",
        "outputs": {"id": "profile-body", "property": "children"},
        "inputs": [{"id": "view-countries-state", "property": "data", "value": store}],
        "changedPropIds": ["view-countries-state.data"],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert '"id":"profile-UZB"' in body and "Tashkent" in body
    bad = dict(
        payload,
        inputs=[{"id": "view-countries-state", "property": "data", "value": {"country": 7}}],
    )
    response = client.post("/_dash-update-component", json=bad)
    assert response.status_code == 200  # an invalid value falls back to the placeholder
    csv = client.get("/download/data.csv?chart=profile&country=TKM")
    assert csv.status_code == 200
    rows = csv.get_data(as_text=True).splitlines()
    assert len(rows) > 100
    assert all(",TKM," in r for r in rows[1:])
    assert client.get("/download/data.csv?chart=profile").status_code == 400
    assert client.get("/download/profile.svg").status_code == 400

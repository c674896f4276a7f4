"""Country profiles: fact tables, the view model's exact figures, the panel and its callback."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from csv_helpers import copy_data, edit_line
from dash import Dash
from pypdf import PdfReader

from app import create_app
from callbacks.profile import profile_body
from components.profile import membership_matrix_table
from data.loading import DataValidationError, Tables, load_tables
from data.profile import MIN_CARS_FOR_SHARE, SERIES, headline, membership_matrix, profile
from data.queries import source_labels
from data.schema import CAR_CODES
from data.state import ViewState, parse_query
from figures.registry import build_chart

FACT_TABLES = (
    "agreements",
    "mechanisms",
    "memberships",
    "bodies",
    "events",
    "targets",
    "seed_facts",
)


def _text(node: Any) -> str:
    """All the text of a Dash component tree (to assert what the panel says)."""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(_text(n) for n in node)
    children = getattr(node, "children", None)
    return _text(children) if children is not None else ""


def _find(node: Any, predicate) -> list[Any]:
    found = []
    if predicate(node):
        found.append(node)
    children = getattr(node, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found += _find(child, predicate)
    elif children is not None and not isinstance(children, str | int | float):
        found += _find(children, predicate)
    return found


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
    target = tables.targets.set_index("target_id").loc["kaz-trade-1bn-ankasam"]
    assert (target["baseline_usd"], target["target_usd"]) == (197e6, 1e9)
    assert "2023-03-14" in set(tables.events["date"])  # the Tajik president's visit


def test_broken_fact_rows_are_reported_with_file_row_column(tmp_path: Path) -> None:
    copy_data(tmp_path)
    edit_line(tmp_path / "seed_facts.csv", 2, ",trade,", ",gossip,")
    edit_line(tmp_path / "events.csv", 3, "public_record", "nobody2099")
    with pytest.raises(DataValidationError) as info:
        load_tables(tmp_path)
    where = {(p.file, p.row, p.column) for p in info.value.problems}
    assert ("seed_facts.csv", 2, "topic") in where
    assert ("events.csv", 3, "source_id") in where


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
    assert "3.5×" in gap.text  # Uzbekistan records 3.5 times Pakistan's 2020 turnover
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


def test_targets_measure_every_series(tables: Tables) -> None:
    view = profile(tables, "KAZ")
    assert len(view.targets) == 2
    ankasam = next(t for t in view.targets if t.target_id == "kaz-trade-1bn-ankasam")
    assert ankasam.baseline is not None and "US$197.0 M in 2022" in ankasam.baseline
    labels = [p[0] for p in ankasam.progress]
    assert labels == ["Pakistan-reported", "Partner-reported", "Pakistan FY"]
    for _label, _period, value, share in ankasam.progress:
        assert share == pytest.approx(value / 1e9 * 100)
    assert "does not say" in ankasam.caveat
    assert profile(tables, "TJK").targets == ()


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
    for heading in ("Headline figures", "Data caveats", "Agreements", "Memberships", "Timeline"):
        assert heading in text
    # Numbered citations link to reference anchors that exist on the panel.
    links = _find(body, lambda n: getattr(n, "href", "") and str(n.href).startswith("#ref-"))
    anchors = {n.id for n in _find(body, lambda n: isinstance(getattr(n, "id", None), str))}
    assert links
    assert {str(a.href)[1:] for a in links} <= anchors
    graphs = _find(body, lambda n: isinstance(getattr(n, "id", None), dict))
    assert any(g.id == {"type": "profile-graph", "iso3": code} for g in graphs)


def test_kazakhstan_panel_shows_exact_numbers(tables: Tables) -> None:
    text = _text(profile_body(tables, ViewState(country="KAZ")))
    assert "59.2" in text and "0.52" in text  # 2020 exports and imports, US$ million
    assert "Quadrilateral Traffic in Transit Agreement" in text
    assert "Goal: US$1.0 bn" in text


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
        "inputs": [{"id": "app-state", "property": "data", "value": store}],
        "changedPropIds": ["app-state.data"],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert '"id":"profile-UZB"' in body and "Tashkent" in body
    bad = dict(payload, inputs=[{"id": "app-state", "property": "data", "value": {"country": 7}}])
    response = client.post("/_dash-update-component", json=bad)
    assert response.status_code == 200  # an invalid value falls back to the placeholder
    csv = client.get("/download/data.csv?chart=profile&country=TKM")
    assert csv.status_code == 200
    rows = csv.get_data(as_text=True).splitlines()
    assert len(rows) > 100
    assert all(",TKM," in r for r in rows[1:])
    assert client.get("/download/data.csv?chart=profile").status_code == 400
    assert client.get("/download/profile.svg").status_code == 400

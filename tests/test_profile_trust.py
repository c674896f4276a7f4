"""Profiles an analyst can trust: named sources, honest growth rates, facts not judgements.

Each test pins one defect an audit of the six profiles and their briefs found (issue 5).
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from component_helpers import component_text as _text
from component_helpers import find_components as _find
from dash import Dash
from pypdf import PdfReader

from app import create_app
from callbacks.profile import profile_body
from charts.places import profile_chart
from charts.registry import build_chart
from components.profile import Citations
from data.build import build
from data.loading import Tables
from data.profile import profile, reference_parts
from data.schema import CAR_CODES
from data.state import ViewState, parse_query
from data.text import amount, date_label, musd
from export.brief import brief_chart

FACT_TABLES = ("agreements", "mechanisms", "memberships", "events", "targets", "seed_facts")


def _panel_text(tables: Tables, code: str) -> str:
    return " ".join(_text(profile_body(tables, ViewState(country=code))).split())


# --- named sources ---------------------------------------------------------------------------


def test_every_fact_cites_a_named_source_with_a_link(tables: Tables) -> None:
    sources = tables.sources.set_index("source_id")
    for name in FACT_TABLES:
        frame = getattr(tables, name)
        for ids in frame["source_id"]:
            for sid in str(ids).split(";"):
                assert sid != "public_record", name
                row = sources.loc[sid]
                assert str(row["url"]).startswith("http"), (name, sid)
                assert row["publisher"] and row["retrieved"], (name, sid)
    assert "public_record" not in set(sources.index)


def test_memberships_outside_the_seeds_cite_the_bodies_lists(tables: Tables) -> None:
    ms = tables.memberships.set_index(["iso3", "body"])["source_id"]
    assert ms[("PAK", "CAREC")] == "adb_aric_carec"
    assert ms[("TKM", "SCO")] == "azerbaijan_economy_ministry_sco"
    assert ms[("KAZ", "OIC")] == "egypt_sis_oic"
    assert ms[("AZE", "BRI")] == "nation_china_azerbaijan_bri_mou"
    assert ms[("UZB", "BRI")] == "china_mfa_bri_via_diplomatic_insight"
    licence = tables.sources.set_index("source_id").loc["adb_aric_carec", "licence_note"]
    assert "facts only" in str(licence).lower()


def test_no_user_facing_pointer_to_facts_md(tables: Tables) -> None:
    for name in (*FACT_TABLES, "bodies"):
        frame = getattr(tables, name)
        for column in frame.columns:
            if frame[column].dtype == object:
                assert not frame[column].astype(str).str.contains("FACTS.md").any(), (
                    name,
                    column,
                )


def test_trade_house_is_dated_as_far_as_its_source_goes(tables: Tables) -> None:
    ev = tables.events.set_index("event_id").loc["kgz-trade-house-lahore"]
    assert ev["source_id"] == "ankasam2023"
    assert (ev["date"], ev["date_precision"]) == ("2023-03-15", "before")
    assert date_label(ev["date"], ev["date_precision"]) == "by 15 Mar 2023"
    assert "no opening date" in ev["date_note"]


def test_tajik_visit_is_one_marker_with_its_dispute_visible(tables: Tables) -> None:
    state, _ = parse_query("countries=TJK&years=2014-2025&events=1&basis=fiscal")
    fig = build_chart(tables, state, "trend").figure
    events = next(t for t in fig.data if t.name == "Events")
    assert sum("Rahmon" in str(row[1]) for row in events.customdata) == 1
    text = _panel_text(tables, "TJK")
    assert text.count("Rahmon's official visit") == 1
    assert "Date disputed: ANKASAM gives 14–15 Mar 2023" in text


# --- growth rates across a change of source --------------------------------------------------


@pytest.mark.parametrize(
    ("code", "basis", "reporter", "span", "ends"),
    [
        ("KAZ", "calendar", "partner", 5, ("imf_dots_partner", "kazakhstan_official_data")),
        ("UZB", "calendar", "partner", 5, ("imf_dots_partner", "cerr_uzbekistan")),
        ("KGZ", "calendar", "partner", 5, ("imf_dots_partner", "kyrgyz_foreign_office")),
        ("TJK", "fiscal", "pakistan", 10, ("pakistan_ministry_of_commerce", "sbp_data")),
    ],
)
def test_cagr_across_a_change_of_source_is_withheld_and_says_why(
    tables: Tables, code: str, basis: str, reporter: str, span: int, ends: tuple[str, str]
) -> None:
    h = next(
        h for h in profile(tables, code).headlines if (h.basis, h.reporter) == (basis, reporter)
    )
    g = next(g for g in h.growth if g.span == span)
    assert g.mixed and g.value is None
    assert (getattr(h, f"cagr{span}")) is None
    assert g.start_sources[0].startswith(ends[0]) and g.end_sources[0].startswith(ends[1])
    assert "different sources at the two ends" in g.note
    assert set(g.sources) == set(g.start_sources) | set(g.end_sources)


def test_cagr_on_one_source_is_shown_and_cites_both_ends(tables: Tables) -> None:
    h = profile(tables, "KAZ").headlines[0]  # Pakistan-reported DOTS, 2015 and 2020
    g = h.growth[0]
    assert not g.mixed and g.value == pytest.approx(h.cagr5)
    assert g.sources == ("imf_dots_pakistan",)
    text = _panel_text(tables, "KAZ")
    assert "not shown" in text and "CAGRs are shown only where both end years" in text


# --- caveats in facts, not judgements --------------------------------------------------------


def _caveat(tables: Tables, code: str, kind: str) -> str:
    return next(c.text for c in profile(tables, code).caveats if c.kind == kind)


def test_mirror_gap_states_facts_and_direction(tables: Tables) -> None:
    kaz = _caveat(tables, "KAZ", "mirror_gap")
    assert "agree" not in kaz
    assert (
        "0.76×" in kaz
        and "within 1.5×" in kaz
        and "Median ratio over 27 common years: 0.69×" in kaz
    )
    aze = _caveat(tables, "AZE", "mirror_gap")
    assert "2.81×" in aze and "0.66×" in aze and "direction has flipped" in aze
    uzb = _caveat(tables, "UZB", "mirror_gap")
    assert "flipped" not in uzb and "25 of 27 years" in uzb


def test_fiscal_caveat_names_where_the_figures_come_from(tables: Tables) -> None:
    text = _caveat(tables, "KAZ", "fiscal")
    assert "Jahanzaib 2024 (JPIS) (FY2022-23)" in text
    assert "SBP data via Profit (Pakistan Today) (FY2023-24–FY2024-25)" in text
    assert "quoted second-hand" in text
    assert "official statistics and" not in text


def test_azerbaijan_reading_of_its_fiscal_year_is_on_the_panel(tables: Tables) -> None:
    text = _caveat(tables, "AZE", "reading")
    assert "FY2022-23" in text and "millions assumed" in text
    assert "Reading of the source" in _panel_text(tables, "AZE")


def test_estimates_caveat_reads_on_paper(tables: Tables) -> None:
    assert "hover" not in _caveat(tables, "UZB", "estimates")


# --- panel contents --------------------------------------------------------------------------


def test_regional_seed_facts_are_shown_as_regional_context(tables: Tables) -> None:
    regional = tables.seed_facts[tables.seed_facts["partner_iso3"].isna()]
    assert len(regional) == 5
    view = profile(tables, "AZE")
    assert list(view.regional_notes["fact_id"]) == list(regional["fact_id"])
    text = _panel_text(tables, "AZE")
    assert "Regional context" in text and "Vision Central Asia" in text
    assert set(regional["source_id"]) <= set(view.used_sources)


def test_products_say_who_reported_and_flag_partial_years(tables: Tables) -> None:
    products = profile(tables, "UZB").products
    y2021 = products[products["year"] == 2021]
    assert set(y2021["reported_by"]) == {"Uzbekistan side"}
    partial = products[products["partial"] != ""]
    assert list(partial["product"]) == ["Fruit and vegetable products"]
    assert partial["partial"].iloc[0] == "Jan-Jul 2025"
    oec = products[products["source_id"] == "oec_via_rsil_trade_portal_uzbekistan"]
    assert set(oec["reported_by"]) == {"Uzbekistan's imports from Pakistan, via OEC"}
    body = profile_body(tables, ViewState(country="UZB"))
    assert "partial year" in _text(body)
    # 17 rows: 8 shown, the rest behind a toggle, no fixed-height box that cuts a row.
    details = _find(body, lambda n: type(n).__name__ == "Details")
    assert len(details) == 1 and "Show 9 more" in _text(details[0])
    assert not _find(body, lambda n: "product-table" in str(getattr(n, "className", "")))


def test_amounts_read_in_millions_or_billions() -> None:
    assert musd(10e9) == "US$10 bn"
    assert musd(1.2e9) == "US$1.2 bn"
    assert musd(59_752_243) == "US$59.8 M"
    assert musd(515_929) == "US$0.52 M"


def test_big_amounts_on_the_panel_are_in_billions(tables: Tables) -> None:
    tkm = _panel_text(tables, "TKM")
    assert "US$10 bn" in tkm and "10,000.0" not in tkm
    assert "US$1.2 bn" in _panel_text(tables, "TJK")


def test_reference_lines_say_each_thing_once(tables: Tables) -> None:
    row = tables.sources.set_index("source_id").loc["sbp_data_via_profit_pakistan_today"]
    label, detail = reference_parts(row["short_label"], row["title"], row["publisher"])
    assert label == "SBP data via Profit (Pakistan Today)" and detail == ""
    row = tables.sources.set_index("source_id").loc["ankasam2023"]
    label, detail = reference_parts(row["short_label"], row["title"], row["publisher"])
    assert label == "ANKASAM 2023" and "Seeking Strong Cooperation" in detail
    view = profile(tables, "KAZ")
    cites = Citations(view)
    cites.cite("sbp_data_via_profit_pakistan_today")
    line = _text(cites.reference_list())
    assert line.count("Profit (Pakistan Today)") == 1


def test_timeline_says_when_no_event_is_the_countrys_own(tables: Tables) -> None:
    for code in ("AZE", "TKM"):
        name = str(tables.countries.set_index("iso3").loc[code, "name"])
        assert f"No dated {name} events in the sources" in _panel_text(tables, code)
    assert "No dated Kazakhstan events" not in _panel_text(tables, "KAZ")


def test_turkmenistan_partner_column_is_marked_derived(tables: Tables) -> None:
    view = profile(tables, "TKM")
    partner = next(h for h in view.headlines if h.reporter == "partner")
    assert partner.derived and partner.short == "Partner-reported (IMF-derived)"
    assert "Partner-reported (IMF-derived)" in _panel_text(tables, "TKM")
    assert not any(h.derived for h in profile(tables, "KAZ").headlines)


def test_panel_chart_has_its_caption_a_clear_legend_and_room_for_2025(tables: Tables) -> None:
    body = profile_body(tables, ViewState(country="KAZ"))
    graph = next(
        g
        for g in _find(body, lambda n: isinstance(getattr(n, "id", None), dict))
        if g.id.get("type") == "profile-graph"
    )
    layout = graph.figure.layout
    assert layout.legend.y < 0  # under the plot: the modebar (top right) cannot cover it
    assert layout.xaxis.range[1] > 2025 and layout.yaxis.rangemode == "tozero"
    assert "Trade turnover (exports + imports) between Pakistan and Kazakhstan" in _text(body)
    # The image export keeps the chart's own legend placement (on top, moved for images).
    assert profile_chart(tables, profile(tables, "KAZ")).figure.layout.legend.y is None


def test_compare_shares_one_y_axis_and_says_so(tables: Tables) -> None:
    body = profile_body(tables, ViewState(country="KAZ", compare="UZB"))
    graphs = [
        g
        for g in _find(body, lambda n: isinstance(getattr(n, "id", None), dict))
        if g.id.get("type") == "profile-graph"
    ]
    ranges = [tuple(g.figure.layout.yaxis.range) for g in graphs]
    assert len(ranges) == 2 and ranges[0] == ranges[1]
    uzb_max = profile(tables, "UZB").spark["value_usd"].max() / 1e6
    assert ranges[0][1] == pytest.approx(uzb_max * 1.05)
    assert "share one y-axis" in _text(body)
    single = profile_body(tables, ViewState(country="KAZ"))
    graph = next(
        g
        for g in _find(single, lambda n: isinstance(getattr(n, "id", None), dict))
        if g.id.get("type") == "profile-graph"
    )
    assert graph.figure.layout.yaxis.range is None


def test_download_menu_offers_brief_chart_and_data_for_this_country(tables: Tables) -> None:
    body = profile_body(tables, ViewState(country="UZB", compare="KAZ"))
    panel = next(p for p in _find(body, lambda n: getattr(n, "id", None) == "profile-UZB"))
    hrefs = {str(a.href) for a in _find(panel, lambda n: bool(getattr(n, "href", None)))}
    for href in (
        "/download/brief.pdf?country=UZB",
        "/download/profile.png?country=UZB",
        "/download/profile.svg?country=UZB",
        "/download/profile.pdf?country=UZB",
        "/download/data.csv?chart=profile&country=UZB",
        "/download/data.xlsx?chart=profile&country=UZB",
    ):
        assert href in hrefs, href
    brief = _find(
        panel, lambda n: getattr(n, "id", None) == {"type": "profile-brief", "iso3": "UZB"}
    )
    assert len(brief) == 1 and brief[0].children == "Country brief (PDF)"
    assert "Chart (PNG)" not in _text(panel)


# --- sources: one id per publication and page ------------------------------------------------


def test_same_publication_is_one_source_id() -> None:
    assert build.source_id_for("PBC via The News") == build.source_id_for(
        "Pakistan Business Council via The News"
    )
    assert build.source_id_for("Pakistan MoC via Dawn") == "pakistan_ministry_of_commerce_via_dawn"
    assert build.source_id_for("Silk Road Briefing (underlying source not stated)") == (
        build.source_id_for("Silk Road Briefing")
    )


def test_one_label_on_two_pages_is_two_sources() -> None:
    uzb = build.source_id_for("OEC via RSIL trade portal", "https://port.rsilpak.org/uzbekistan/")
    tjk = build.source_id_for("OEC via RSIL trade portal", "https://port.rsilpak.org/tajikistan/")
    assert uzb != tjk
    with pytest.raises(build.BuildError):
        build.source_id_for("OEC via RSIL trade portal", "https://port.rsilpak.org/kazakhstan/")
    two_pages = pd.DataFrame(
        {"source": ["Some Paper", "Some Paper"], "source_detail": ["https://a/1", "https://a/2"]}
    )
    with pytest.raises(build.BuildError, match="several pages"):
        build.build_sources([two_pages], pd.DataFrame(columns=["source_id"]))


def test_every_source_is_one_page_of_one_publisher(tables: Tables) -> None:
    s = tables.sources[tables.sources["url"].astype(str).str.startswith("http")]
    dupes = s[s.duplicated(["url", "publisher"], keep=False)]
    assert dupes.empty, dupes[["source_id", "url"]]
    uzb_refs = profile(tables, "UZB").references
    urls = set(uzb_refs["url"].astype(str))
    assert "https://port.rsilpak.org/tajikistan/" not in urls
    assert "https://port.rsilpak.org/uzbekistan/" in urls


# --- the brief -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(tables: Tables) -> Dash:
    return create_app(tables)


def _brief(app: Dash, query: str) -> str:
    response = app.server.test_client().get(f"/download/brief.pdf?{query}")
    assert response.status_code == 200, response.data[:300]
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.render
def test_brief_carries_the_whole_profile(app: Dash) -> None:
    text = _brief(app, "country=KAZ")
    for heading in (
        "Target tracker",
        "Institutional mechanisms",
        "Memberships",
        "Corridors and projects",
        "Timeline",
        "Sources cited",
    ):
        assert heading in text, heading
    assert "hover" not in text
    assert "before the target was set (2022)" in text
    assert "not shown: mixed" in text
    # Cells are paragraphs in columns wide enough: no two cells run into each other.
    assert "yearPakistan" not in text and "implementedPakistan" not in text


@pytest.mark.render
def test_brief_amounts_have_sensible_precision(app: Dash) -> None:
    state, _ = parse_query("country=UZB&unit=thousand")
    assert amount(25_152_917.0, state) == "25,153"
    assert amount(-515_929.0, parse_query("country=UZB")[0]) == "−0.52"
    text = _brief(app, "country=UZB&unit=thousand")
    assert "25,153" in text and "25,152.92" not in text


def test_brief_trend_starts_at_zero_on_a_linear_axis(tables: Tables) -> None:
    state, _ = parse_query("country=KAZ&countries=KAZ")
    assert brief_chart(tables, state, "trend").figure.layout.yaxis.rangemode == "tozero"
    log, _ = parse_query("country=KAZ&countries=KAZ&scale=log")
    assert brief_chart(tables, log, "trend").figure.layout.yaxis.rangemode != "tozero"


@pytest.mark.parametrize("code", CAR_CODES)
def test_every_profile_cites_only_listed_sources(tables: Tables, code: str) -> None:
    view = profile(tables, code)
    body = profile_body(tables, ViewState(country=code))
    refs = {str(n.id) for n in _find(body, lambda n: str(getattr(n, "id", "")).startswith("ref-"))}
    links = _find(body, lambda n: str(getattr(n, "href", "")).startswith("#ref-"))
    assert {str(a.href)[1:] for a in links} == refs
    assert len(refs) <= len(view.used_sources)

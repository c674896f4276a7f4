"""Readability (issue 13): legends, one-country charts, numbered events, scannable profiles,
the brief's vector charts and the XLSX wide sheet."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
import pytest
from component_helpers import component_text as _text
from component_helpers import find_components as _find
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate

from app import create_app
from callbacks.profile import profile_body
from charts.context import events_for
from charts.registry import build_chart
from data.downloads import wide_heading, wide_view
from data.loading import Tables
from data.lookups import country_names
from data.schema import CAR_CODES
from data.state import ViewState, parse_query
from export.brief import CHART_WIDTH_PX
from export.brief_blocks import FRAME_WIDTH
from export.brief_charts import ChartSlot, place_charts
from figures.theme import TEMPLATE_NAME
from figures.trade import single_share_note
from figures.trend import event_heights, event_key


def _state(query: str) -> ViewState:
    state, _ = parse_query(query)
    return state


# --- charts ---------------------------------------------------------------------------------


def test_legends_sit_below_the_plot_and_axes_push_their_margins(tables: Tables) -> None:
    import plotly.io as pio

    legend = pio.templates[TEMPLATE_NAME].layout.legend
    # At the figure's foot (container y = 0, growing upwards): never under the top-right modebar.
    assert (legend.yref, legend.y, legend.yanchor, legend.orientation) == (
        "container",
        0,
        "bottom",
        "h",
    )
    for chart in ("trend", "balance", "share"):
        fig = build_chart(tables, ViewState(), chart).figure
        assert fig.layout.legend.y is None  # no chart moves it back on top
        assert fig.layout.xaxis.automargin is True and fig.layout.yaxis.automargin is True


def test_one_country_keeps_its_name_on_the_trend_and_gets_a_note_for_shares(
    tables: Tables,
) -> None:
    state = _state("countries=KAZ")
    trend = build_chart(tables, state, "trend")
    lines = [t for t in trend.figure.data if t.name == "Kazakhstan"]
    assert len(lines) == 1 and lines[0].showlegend is True
    assert trend.title == "Pakistan–Kazakhstan trade: Trade turnover (exports + imports)"
    assert build_chart(tables, state, "balance").title == "Pakistan's trade balance with Kazakhstan"
    mirror = build_chart(tables, state, "mirror").title
    assert mirror.startswith("Pakistan–Kazakhstan trade, ")
    share = build_chart(tables, state, "share").figure
    assert not share.data
    note = share.layout.annotations[0].text.replace("<br>", " ")
    assert note == single_share_note("Kazakhstan")
    assert note.startswith("Only Kazakhstan has figures in this view")
    # Several countries: the titles speak of the CARs, the shares are drawn.
    several = ViewState()
    assert build_chart(tables, several, "trend").title.startswith("Pakistan–CAR trade: ")
    assert build_chart(tables, several, "balance").title.endswith("with the CARs")
    assert len(build_chart(tables, several, "share").figure.data) == len(CAR_CODES)


def test_event_markers_carry_numbers_listed_in_the_caption(tables: Tables) -> None:
    state = _state("years=2005-2025&events=1")
    result = build_chart(tables, state, "trend")
    markers = [t for t in result.figure.data if t.name == "Events"]
    assert len(markers) == 1
    events = events_for(tables, state)
    assert events is not None and len(events) >= 2
    ordered = events.sort_values("date", kind="stable")
    n = len(ordered)
    assert list(markers[0].text) == [str(i) for i in range(1, n + 1)]
    assert markers[0].mode == "markers+text"
    assert "%{customdata[1]}" in markers[0].hovertemplate  # the event's hover stays
    key = event_key(ordered)
    assert f"Events on the chart: {key}." in result.caption
    first = ordered.iloc[0]
    assert key.startswith(f"1 {first['title']} ({first['date']})")
    # Without the overlay, no list.
    assert "Events on the chart" not in build_chart(tables, ViewState(), "trend").caption


def test_close_events_step_down_so_their_numbers_do_not_overprint() -> None:
    # Range 2000-2029 (30 years): events under a year apart step down, then start again.
    xs = [2010.0, 2010.5, 2010.9, 2015.0, 2011.2]
    heights = event_heights(xs, (2000, 2029))
    assert heights == [1.0, 0.91, 0.82, 1.0, 0.73]


# --- profiles -------------------------------------------------------------------------------


def _accordion_titles(node: Any) -> list[str]:
    return [n.title for n in _find(node, lambda n: type(n).__name__ == "AccordionItem")]


SECTIONS = [
    "Turnover by source (chart)",
    "Data caveats",
    "Target tracker",
    "Agreements",
    "Institutional mechanisms",
    "Memberships",
    "Corridors and projects",
    "Timeline",
    "Top products named by the sources",
    "What Jahanzaib 2024 and ANKASAM 2023 say",
    "References",
]


def test_profile_opens_on_a_summary_then_sections_on_demand(tables: Tables) -> None:
    body = profile_body(tables, ViewState(country="KAZ"))
    accordions = _find(body, lambda n: type(n).__name__ == "Accordion")
    assert len(accordions) == 1
    accordion = accordions[0]
    assert accordion.start_collapsed is True and accordion.always_open is True
    assert _accordion_titles(body) == SECTIONS
    card_body = _find(body, lambda n: type(n).__name__ == "CardBody")[0]
    summary = [c for c in card_body.children if c is not None and c is not accordion]
    text = _text(summary)
    # Headline figures with their latest years, and the main caveat, before any section.
    assert text.startswith("Headline figures (latest year of each series)")
    assert "FY2024-25" in text and "2020" in text
    assert "Main caveat — Mirror gap: " in text and "more under Data caveats" in text


def test_compare_aligns_the_two_countries_section_by_section(tables: Tables) -> None:
    body = profile_body(tables, ViewState(country="KAZ", compare="UZB"))
    assert _accordion_titles(body) == SECTIONS
    items = _find(body, lambda n: type(n).__name__ == "AccordionItem")
    agreements = items[SECTIONS.index("Agreements")]
    columns = _find(agreements, lambda n: type(n).__name__ == "Col")
    assert len(columns) == 2
    left, right = (_text(c) for c in columns)
    assert left.startswith("Kazakhstan") and right.startswith("Uzbekistan")
    assert "Kazakhstan–Pakistan Preferential Trade Agreement" in left
    assert "Kazakhstan–Pakistan Preferential Trade Agreement" not in right
    # The two header cards (name, Download menu) side by side at every width, then the two
    # summaries in the same order, each named for a phone where they stack.
    cards = _find(body, lambda n: type(n).__name__ == "Card")
    assert [getattr(c, "id", None) for c in cards] == ["profile-KAZ", "profile-UZB", None, None]
    heads = _find(body, lambda n: "profile-compare-heads" in str(getattr(n, "className", "")))
    assert [c.xs for c in heads[0].children] == [6, 6]
    assert _text(cards[2]).startswith("Kazakhstan") and _text(cards[3]).startswith("Uzbekistan")
    assert "rank among Kazakhstan's partners" in _text(cards[2])


@pytest.mark.parametrize("query", [f"country={c}" for c in CAR_CODES] + ["country=KAZ&compare=UZB"])
def test_no_internal_words_in_profiles(tables: Tables, query: str) -> None:
    body = profile_body(tables, _state(query))
    text = _text(body) + " ".join(_accordion_titles(body))
    assert not re.search(r"\bseeds?\b", text, re.IGNORECASE), re.findall(r".{40}seed.{40}", text)


def test_no_internal_words_in_the_reader_facing_tables(tables: Tables) -> None:
    for name in ("agreements", "events", "places", "mechanisms", "memberships", "corridors"):
        frame: pd.DataFrame = getattr(tables, name)
        for column in frame.columns:
            if frame[column].dtype == object:
                values = frame[column].dropna().astype(str)
                hits = values[values.str.contains(r"\bseeds?\b", case=False, regex=True)]
                assert hits.empty, (name, column, hits.tolist())


# --- the XLSX wide sheet --------------------------------------------------------------------


def test_xlsx_has_a_wide_sheet_in_the_views_unit(tables: Tables) -> None:
    query = "countries=UZB,KAZ&flow=export&unit=thousand&years=2015-2020"
    client = create_app(tables).server.test_client()
    response = client.get(f"/download/data.xlsx?{query}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["figures", "by year", "sources", "about"]
    sheet = book["by year"]
    assert sheet["A1"].value == (
        "Pakistan's exports, US$ thousand — Pakistan-reported, calendar years"
    )
    header = [c.value for c in sheet[3]]
    assert header == ["country", "2015", "2016", "2017", "2018", "2019", "2020"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert list(rows) == ["Kazakhstan", "Uzbekistan"]  # the view's (canonical) order
    # The same numbers as the long sheet, divided into the unit.
    long = pd.read_excel(io.BytesIO(response.data), sheet_name="figures")
    kaz = long[
        (long["partner_iso3"] == "KAZ")
        & (long["flow"] == "export")
        & (long["role"] == "primary")
        & (long["reporter"] == "pakistan")
        & (long["basis"] == "calendar")
    ].set_index("year")["value_usd"]
    for year, value in zip(range(2015, 2021), rows["Kazakhstan"], strict=True):
        assert value == pytest.approx(kaz[year] / 1e3)
    # The CSV stays long: one row per figure, no year columns.
    csv = client.get(f"/download/data.csv?{query}").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("figure_id,partner_iso3,partner_name,year,")


def test_wide_view_leaves_gaps_blank_and_names_fiscal_years(tables: Tables) -> None:
    state = _state("basis=fiscal&flow=balance&countries=AZE,KAZ&years=2019-2025")
    grid = wide_view(tables, state)
    assert list(grid.columns) == [
        "country",
        *[f"FY{y - 1}-{str(y)[2:]}" for y in range(2019, 2026)],
    ]
    assert wide_heading(state) == (
        "Trade balance (exports − imports), US$ million — Pakistan-reported, "
        "Pakistan fiscal years (Jul–Jun)"
    )
    assert grid.iloc[:, 1:].isna().any().any()  # years without a figure stay blank
    names = country_names(tables)
    assert list(grid["country"]) == [names["AZE"], names["KAZ"]]


# --- the brief ------------------------------------------------------------------------------


def test_brief_charts_print_their_footers_at_7_pt_or_more() -> None:
    footer_px = 11  # figures.theme.decorate_for_export's footer font
    assert footer_px * FRAME_WIDTH / CHART_WIDTH_PX >= 7


def _chart_pdf(text: str) -> bytes:
    """A one-page vector 'chart' as Kaleido would hand it over (text and a line)."""
    out = io.BytesIO()
    page = pdf_canvas.Canvas(out, pagesize=(1000, 660))
    page.setFont("Helvetica", 24)
    page.drawString(40, 600, text)
    page.line(40, 100, 960, 500)
    page.save()
    return out.getvalue()


def test_charts_are_laid_into_their_slots_as_vector_pages() -> None:
    slots = [ChartSlot(600, 396), ChartSlot(600, 396)]
    doc = io.BytesIO()
    SimpleDocTemplate(doc, pagesize=landscape(A4)).build([slots[0], PageBreak(), slots[1]])
    charts = [(_chart_pdf("Pakistan–Kazakhstan trade chart one"), slots[0])]
    charts.append((_chart_pdf("balance with Kazakhstan chart two"), slots[1]))
    merged = PdfReader(io.BytesIO(place_charts(doc.getvalue(), charts)))
    assert len(merged.pages) == 2 and [s.page for s in slots] == [1, 2]
    first, second = (p.extract_text() for p in merged.pages)
    assert "chart one" in first and "chart two" not in first
    assert "chart two" in second
    for page in merged.pages:
        assert not page.images  # text and lines, no bitmap


def test_an_unplaced_slot_is_an_error_not_a_silent_blank() -> None:
    with pytest.raises(RuntimeError, match="never laid out"):
        place_charts(_empty_pdf(), [(_chart_pdf("x"), ChartSlot(10, 10))])


def _empty_pdf() -> bytes:
    out = io.BytesIO()
    page = pdf_canvas.Canvas(out)
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.mark.render
def test_one_country_brief_has_vector_charts_titled_with_the_country(tables: Tables) -> None:
    from export.renderer import default_renderer

    client = create_app(tables).server.test_client()
    response = client.get("/download/brief.pdf?country=KAZ")
    assert response.status_code == 200, response.data[:300]
    reader = PdfReader(io.BytesIO(response.data))
    texts = [p.extract_text() for p in reader.pages]
    everything = " ".join(texts)
    assert "Pakistan–CAR trade" not in everything and "with the CARs" not in everything
    assert "Pakistan–Kazakhstan trade: Trade turnover" in everything
    assert "Pakistan's trade balance with Kazakhstan" in everything
    assert all(not p.images for p in reader.pages)  # no raster chart anywhere
    # The sources run on after the text sections, the charts follow.
    sources = next(i for i, t in enumerate(texts) if "Sources cited" in t)
    chart = next(i for i, t in enumerate(texts) if "Pakistan–Kazakhstan trade: Trade turnover" in t)
    assert chart > sources and "Sources cited" not in " ".join(texts[chart:])
    default_renderer().close()

"""Accessibility without a browser: a summary and a table behind every chart (the same numbers as
its data download), table markup, contrast of the template colours, styles beyond colour, the
page language and the one strings module."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from charts.registry import CHARTS
from components import chart_card as card
from components import ids, strings
from data.loading import Tables
from data.state import parse_query
from figures import theme

ROOT = Path(__file__).resolve().parent.parent
VIEWS = (
    "",
    "country=KAZ",
    "country=UZB&compare=TJK",
    "flow=balance&unit=billion",
    "years=2015-2016",
)
TABLE_CHARTS = [n for n, s in CHARTS.items() if s.table_rows is not None]


def _texts(component: Any) -> list[str]:
    """Every string under a Dash component, depth first."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in _texts(c)]
    children = getattr(component, "children", None)
    return [] if children is None else _texts(children)


def _walk(component: Any) -> list[Any]:
    """Every component under (and including) a Dash component."""
    if isinstance(component, list | tuple):
        return [c for part in component for c in _walk(part)]
    if not hasattr(component, "_type"):
        return []
    return [component, *_walk(getattr(component, "children", None))]


def test_every_card_chart_has_a_summary_and_a_table() -> None:
    """The map and every card chart declare both; only the profile (own panel) has neither."""
    missing = {n for n, s in CHARTS.items() if s.summary is None or s.table_rows is None}
    assert missing == {"profile"}


@pytest.mark.parametrize("query", VIEWS)
def test_summaries_are_sentences_with_figures(tables: Tables, query: str) -> None:
    """Each summary is one to three sentences quoting a figure of the view."""
    state, _ = parse_query(query)
    for name in TABLE_CHARTS:
        text = CHARTS[name].summary(tables, state)  # type: ignore[misc]
        assert text and text[-1] == ".", (name, text)
        assert re.search(r"\d", text), (name, text)
        assert 1 <= text.count(". ") + 1 <= 4, (name, text)


def test_trend_summary_quotes_the_tables_largest_figure(tables: Tables) -> None:
    """'In 2020 Kazakhstan had the largest …, US$59.8 M, 54 % …': the table's own numbers."""
    state, _ = parse_query("")
    text = CHARTS["trend"].summary(tables, state)  # type: ignore[misc]
    table = CHARTS["trend"].table_rows(tables, state)  # type: ignore[misc]
    last = table.iloc[-1]
    values = {c.rsplit(" (", 1)[0]: last[c] for c in table.columns[1:-1]}  # the last: total
    top = max(values, key=lambda k: values[k])
    assert f"In {int(last['Year'])} {top} had the largest" in text
    assert f"US${values[top]:,.1f} M" in text
    share = values[top] / sum(values.values()) * 100
    assert f"{share:.0f} % of the selected CARs" in text
    total = table.columns[-1]
    assert total.startswith("Total of the selected CARs")
    assert f"to US${last[total]:,.1f} M in {int(last['Year'])}." in text


@pytest.mark.parametrize(
    ("flow", "phrase"),
    [("export", "the largest market for Pakistan's exports"), ("import", "the largest source of")],
)
def test_the_lead_reads_as_english_for_every_flow(tables: Tables, flow: str, phrase: str) -> None:
    state, _ = parse_query(f"flow={flow}")
    for name in ("trend", "share", "ranking"):
        text = CHARTS[name].summary(tables, state)  # type: ignore[misc]
        assert phrase in text and "largest Pakistan's" not in text, (name, text)


def test_a_range_past_the_series_last_year_says_so_not_no_figures(tables: Tables) -> None:
    """Pakistan's calendar-year records stop before the slider's end: the end-year summaries
    name the missing year and the trend still quotes the years it has, never 'no figures'."""
    state, _ = parse_query("years=1996-2025")
    for name in ("trend", "share", "ranking", "map"):
        text = CHARTS[name].summary(tables, state)  # type: ignore[misc]
        assert text.startswith("The selection has no figures for 2025"), (name, text)
    assert "Together they went from" in CHARTS["trend"].summary(tables, state)  # type: ignore[misc]
    empty, _ = parse_query("years=2022-2025")
    assert CHARTS["trend"].summary(tables, empty) == strings.NO_FIGURES_SUMMARY  # type: ignore[misc]


def test_balance_summary_says_surplus_and_deficit_in_words_and_signs(tables: Tables) -> None:
    """Surplus and deficit are named and signed, never left to the bar colours."""
    state, _ = parse_query("")
    text = CHARTS["balance"].summary(tables, state)  # type: ignore[misc]
    assert "surplus (+)" in text and "deficit (−)" in text
    head = " ".join(CHARTS["balance"].table_rows(tables, state).columns)  # type: ignore[misc]
    assert ", − deficit)" in head


@pytest.mark.parametrize("query", VIEWS)
def test_table_headers_carry_units(tables: Tables, query: str) -> None:
    """Every value column names its unit; the first column is the row header."""
    state, _ = parse_query(query)
    for name in TABLE_CHARTS:
        frame = CHARTS[name].table_rows(tables, state)  # type: ignore[misc]
        assert len(frame.columns) >= 2, name
        numeric = [c for c in frame.columns[1:] if pd.api.types.is_float_dtype(frame[c])]
        for column in numeric:
            if column in card.WHOLE:
                continue
            assert re.search(r"\((US\$ \w+|%|ratio)|%\)|\(%", column), (name, column)


def _download(tables: Tables, chart: str, query: str) -> pd.DataFrame:
    from app import create_app

    client = create_app(tables).server.test_client()
    sep = "&" if query else ""
    response = client.get(f"/download/data.csv?chart={chart}{sep}{query}")
    assert response.status_code == 200
    lines = response.data.decode("utf-8-sig").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("figure_id"))
    return pd.read_csv(io.StringIO("\n".join(lines[start:])))


def _table_cells(chart: str, frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(row header, column header) → the cell text the page shows (a gap: "no figure")."""
    table = card.data_table(chart, frame, "t")
    cells: dict[tuple[str, str], str] = {}
    for row in table.rows:
        texts = [strings.NO_FIGURE if c is None else c for c in row]
        for column, text in zip(table.columns[1:], texts[1:], strict=True):
            cells[(texts[0], column)] = text
    return cells


@pytest.mark.parametrize(("chart", "flow"), [("trend", "turnover"), ("balance", "balance")])
def test_table_shows_the_numbers_of_the_data_download(
    tables: Tables, chart: str, flow: str
) -> None:
    """Each (country, year) cell is the download's value in US$ million (3 decimals)."""
    query = "years=2005-2020"
    state, _ = parse_query(query)
    frame = CHARTS[chart].table_rows(tables, state)  # type: ignore[misc]
    cells = _table_cells(chart, frame)
    rows = _download(tables, chart, query)
    rows = rows[(rows["flow"] == flow) & (rows["reporter"] == "pakistan")]
    rows = rows[rows["basis"] == "calendar"]
    assert len(rows) > 50
    checked = 0
    for r in rows.itertuples():
        name = "Total of the selected CARs" if r.role == "total" else str(r.partner_name)
        column = next(c for (_, c) in cells if c.startswith(f"{name} ("))
        value = float(r.value_usd)  # type: ignore[arg-type]
        assert cells[(str(r.year), column)] == f"{value / 1e6:,.3f}", (name, r.year)
        checked += 1
    shown = sum(1 for v in cells.values() if v != strings.NO_FIGURE)
    assert checked == shown  # nothing in the table that is not in the download


def test_data_table_carries_texts_gaps_and_numeric_columns() -> None:
    """The table as data (assets/data_table.js draws th scope=col/row, td.gap, td.num: checked
    in the browser, tests/test_browser_lazy.py): cell texts, None for a gap, numeric columns."""
    frame = pd.DataFrame({"Year": [2019, 2020], "Kazakhstan (US$ million)": [1.5, float("nan")]})
    table = card.data_table("trend", frame, "Trend: the figures")
    assert table.columns == ["Year", "Kazakhstan (US$ million)"]
    assert table.rows == [["2019", "1.500"], ["2020", None]]
    assert table.numeric == [True, True]
    assert table.caption == "Trend: the figures" and table.gap_text == strings.NO_FIGURE
    assert table.sort is None and getattr(table, "id", None) is None


def test_sortable_table_sorts_and_names_its_sort() -> None:
    """A sortable table: rows in the sort's order, its sort and label for the header buttons."""
    frame = pd.DataFrame({"Country": ["A", "B", "C"], "Value (US$ million)": [2.0, 3.0, 1.0]})
    sort = {"column": 1, "ascending": False}
    table = card.data_table("ranking", frame, "r", sort=sort)
    assert [r[0] for r in table.rows] == ["B", "A", "C"]
    assert table.numeric == [False, True]
    assert table.sort == sort and getattr(table, "id", None) == ids.grid("ranking")
    assert table.sort_label == strings.SORT_BY


def test_text_contrast_at_least_4_5() -> None:
    """Chart text in both themes, and the muted captions, at WCAG AA for text."""
    template = theme.pio.templates[theme.TEMPLATE_NAME].layout
    assert theme.contrast(template.font.color, theme.LIGHT_BG) >= 4.5
    assert theme.contrast(theme.MUTED, theme.LIGHT_BG) >= 4.5
    assert theme.contrast(theme.DARK_TEXT, theme.DARK_BG) >= 4.5


def test_lines_markers_and_bars_at_least_3_to_1_in_both_themes(tables: Tables) -> None:
    """The colorway, every country colour, totals and surplus/deficit against both backgrounds."""
    from charts.context import palette_for

    template = theme.pio.templates[theme.TEMPLATE_NAME].layout
    colours = [
        *template.colorway,
        *palette_for(tables).colours.values(),
        theme.TOTAL_COLOUR,
        theme.SURPLUS_COLOUR,
        theme.DEFICIT_COLOUR,
    ]
    for colour in colours:
        for bg in (theme.LIGHT_BG, theme.DARK_BG):
            assert theme.contrast(colour, bg) >= 3.0, (colour, bg)


def test_for_both_themes_keeps_a_good_colour_and_fixes_a_pale_one() -> None:
    """A passing colour is unchanged; Okabe–Ito orange (2.2:1 on white) is darkened to pass."""
    assert theme.for_both_themes("#0072B2") == "#0072B2"
    assert theme.contrast("#E69F00", theme.LIGHT_BG) < 3
    fixed = theme.for_both_themes("#E69F00")
    assert theme.contrast(fixed, theme.LIGHT_BG) >= 3 and theme.contrast(fixed, theme.DARK_BG) >= 3


def test_dark_css_uses_the_theme_colours() -> None:
    """The stylesheet repaints plots with the colours the contrast tests check."""
    css = (ROOT / "assets" / "a11y.css").read_text().upper()
    for colour in (theme.DARK_BG, theme.DARK_TEXT, theme.DARK_GRID):
        assert colour.upper() in css


def test_reporters_and_bases_differ_by_dash_or_marker(tables: Tables) -> None:
    """Styles differ pairwise; the mirror's Pakistan- and partner-reported lines differ in both."""
    styles = list(theme.SERIES_STYLE.values())
    assert len({(s["dash"], s["symbol"]) for s in styles}) == len(styles)
    state, _ = parse_query("countries=KAZ")
    fig = CHARTS["mirror"].build(tables, state).figure
    lines = [t for t in fig.data if t.name and t.name.startswith("Kazakhstan — ")]
    lines = [t for t in lines if "ratio" not in t.name]
    assert len(lines) == 2
    assert lines[0].line.dash != lines[1].line.dash
    assert lines[0].marker.symbol != lines[1].marker.symbol
    # The profile's chart draws its series in the same styles (one definition, figures.theme).
    state, _ = parse_query("country=TJK")
    drawn = {
        (t.line.dash, t.marker.symbol) for t in CHARTS["profile"].build(tables, state).figure.data
    }
    assert len(drawn) == 3
    assert drawn <= {(s["dash"], s["symbol"]) for s in styles}


def test_page_language_theme_script_and_no_inline_script(tables: Tables) -> None:
    """<html lang>, theme.js in <head> from a file (CSP), Dash's placeholders all filled."""
    from app import create_app

    page = create_app(tables).server.test_client().get("/").data.decode()
    assert f'<html lang="{strings.LANG}">' in page
    head = page.split("</head>")[0]
    assert '<script src="/assets/theme.js"></script>' in head
    assert page.count("/assets/theme.js") == 1  # not loaded again at the end
    assert "{%" not in page
    assert "a11y.js" in page


def test_no_ag_grid_in_the_app(tables: Tables) -> None:
    """The ranking is an HTML table: dash-ag-grid is neither imported nor served."""
    from app import create_app

    create_app(tables)
    assert "dash_ag_grid" not in sys.modules
    assert "dash-ag-grid" not in (ROOT / "pyproject.toml").read_text()


def test_navbar_controls_are_buttons_with_visible_names(tables: Tables) -> None:
    """'Copy link' and the theme switch are real buttons whose name is their visible text."""
    from components.layout import navbar

    buttons = {b.id: b for b in _walk(navbar()) if b._type == "Button"}
    assert _texts(buttons["app-copy-link"]) == [strings.COPY_LINK]
    assert _texts(buttons["app-theme-switch"]) == [strings.THEME_DARK]
    assert all(b.type == "button" for b in buttons.values())


def test_a_sort_the_page_would_not_send_falls_back_to_the_default() -> None:
    """The ranking's `sort` comes from the page (a header click, assets/data_table.js; the click
    itself is checked in tests/test_browser_lazy.py): anything else is the default sort."""
    from callbacks.charts import valid_sort
    from components.chart_card import DEFAULT_SORT

    assert valid_sort({"column": 0, "ascending": False}) == {"column": 0, "ascending": False}
    for sort in (None, "x", [1], {"column": -3, "ascending": True}, {"column": 1}):
        assert valid_sort(sort) == DEFAULT_SORT
    assert valid_sort({"column": True, "ascending": True}) == DEFAULT_SORT
    assert valid_sort({"column": 1, "ascending": "yes"}) == DEFAULT_SORT


def test_one_main_landmark_holds_the_views_and_filters(tables: Tables) -> None:
    """One <main> (axe landmark-one-main), holding the filters and every view (region); the
    permalink holder for a11y.js is hidden, not loose text outside the landmarks."""
    from components.layout import build_layout

    page = build_layout(tables)
    mains = [c for c in _walk(page) if getattr(c, "tag", None) == "main"]
    assert len(mains) == 1
    inside = {str(getattr(c, "id", None)) for c in _walk(mains[0])}
    assert {ids.FILTER_COL, ids.CHARTS, ids.NOTICES} <= inside
    holder = next(c for c in _walk(page) if getattr(c, "id", None) == ids.PERMALINK)
    assert holder.hidden is True


def _css_rules(css: str) -> list[str]:
    """The stylesheet's rules, comments dropped: selector and declarations in one string."""
    return [r for r in re.sub(r"/\*.*?\*/", "", css, flags=re.S).split("}") if "{" in r]


def test_dark_map_colours_are_live_contrasted_and_in_the_stylesheet(tables: Tables) -> None:
    """Every light map colour that the dark theme repaints is in the map figure (the twin is not
    stale); its dark twin has 3:1 (lines, markers, areas) or 4.5:1 (text) on the dark land and is
    painted by a rule matching the light colour's rgb(); corridor colours left as they are and
    the borders drawn on the land pass 3:1 there too."""
    from data.map import map_view
    from figures.corridor_map import TYPE_COLOUR, map_figure

    state, _ = parse_query("country=KAZ&view=map")
    drawn = map_figure(map_view(tables, state), selected="KAZ").to_json().upper()
    rules = [r.upper() for r in _css_rules((ROOT / "assets" / "a11y.css").read_text())]
    for what, (light, dark, kind) in theme.MAP_DARK.items():
        assert light.upper() in drawn, what
        rgb = "RGB({}, {}, {})".format(*(int(light[i : i + 2], 16) for i in (1, 3, 5)))
        painting = [r for r in rules if rgb in r and "#MAP-GRAPH" in r]
        assert painting and all(dark.upper() in r for r in painting), (what, painting)
        if kind != "area":
            need = 4.5 if kind == "text" else 3.0
            assert theme.contrast(dark, theme.DARK_LAND) >= need, what
    repainted = {light for light, _, _ in theme.MAP_DARK.values()}
    for colour in TYPE_COLOUR.values():
        if colour not in repainted:
            assert theme.contrast(colour, theme.DARK_LAND) >= 3.0, colour
    geo = map_figure(map_view(tables, state)).layout.geo
    assert theme.contrast(geo.countrycolor, theme.DARK_LAND) >= 3.0
    assert any(theme.DARK_LAND.upper() in r and "LAYER.LAND" in r for r in rules)
    for text in (theme.DARK_TEXT,):  # the colour bar's title and ticks
        assert any(".COLORBAR TEXT" in r and text.upper() in r for r in rules)

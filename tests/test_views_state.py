"""The view in the URL, the newest-figures defaults and the view switching rules (no browser)."""

from __future__ import annotations

import pytest

from callbacks.charts import cache_key
from callbacks.state import next_state
from components import ids
from components.page import page_state
from data.coverage import Coverage, trade_coverage
from data.loading import Tables
from data.state import DEFAULT_STATE, VIEW_CHOICES, from_store, parse_query, to_query, to_store
from export.params import parse_download_query


@pytest.fixture(scope="module")
def coverage(tables: Tables) -> Coverage:
    return trade_coverage(tables)


def test_the_series_spans_come_from_the_trade_table(tables: Tables, coverage: Coverage) -> None:
    primary = tables.trade[tables.trade["primary"]]
    for (basis, reporter), span in coverage.spans.items():
        years = primary[(primary["basis"] == basis) & (primary["reporter"] == reporter)]["year"]
        assert span == (years.min(), years.max())
    assert not coverage.available("fiscal", "partner")  # partners publish no fiscal years
    assert coverage.bounds == (primary["year"].min(), primary["year"].max())


@pytest.mark.parametrize(
    ("query", "view"),
    [
        ("", "overview"),
        ("country=KAZ", "countries"),  # an old profile permalink opens Countries
        ("country=KAZ&compare=UZB", "countries"),
        ("country=KAZ&view=map", "map"),
        ("view=SOURCES", "sources"),
        ("flow=export&years=2005-2010", "overview"),
    ],
)
def test_the_url_names_the_view(query: str, view: str, coverage: Coverage) -> None:
    state, notices = parse_query(query, coverage=coverage)
    assert notices == [] and state.view == view
    # Each view is a permalink: the state survives its own query.
    assert parse_query(to_query(state, coverage), coverage=coverage) == (state, [])
    assert parse_query(to_query(state))[0].view == view  # and the download links' form too


def test_a_bad_view_gets_a_notice_and_the_implied_view() -> None:
    state, notices = parse_query("view=charts&country=UZB")
    assert state.view == "countries"
    assert notices == ["view='charts': use one of overview, map, countries, sources."]
    assert from_store({**to_store(DEFAULT_STATE), "view": 3}).view == "overview"


def test_the_default_years_end_at_the_series_last_year(coverage: Coverage) -> None:
    for (basis, reporter), (_, last) in coverage.spans.items():
        state, _ = parse_query(f"basis={basis}&reporter={reporter}", coverage=coverage)
        assert state.years[1] == last
        assert to_query(state, coverage) == to_query(
            DEFAULT_STATE.with_(basis=basis, reporter=reporter, years=state.years), coverage
        )
        assert "years=" not in to_query(state, coverage)
        assert f"years={state.years[0]}-{last}" in to_query(state) or (basis, reporter) == (
            "calendar",
            "pakistan",
        )
    # Years given explicitly are kept, as every old permalink gives them.
    state, _ = parse_query("reporter=partner&years=2000-2020", coverage=coverage)
    assert state.years == (2000, 2020) and "years=2000-2020" in to_query(state, coverage)


def test_a_series_without_figures_is_refused_with_its_reason(coverage: Coverage) -> None:
    state, notices = parse_query("basis=fiscal&reporter=partner", coverage=coverage)
    assert (state.basis, state.reporter) == ("fiscal", "pakistan")
    assert notices == [
        "Partner-reported fiscal-year figures do not exist: partners publish calendar-year "
        "figures only. Showing Pakistan-reported fiscal-year figures instead. For "
        "partner-reported figures, choose Calendar year."
    ]


def test_switching_series_keeps_the_end_newest_and_never_lands_on_nothing(
    coverage: Coverage,
) -> None:
    old = DEFAULT_STATE.with_(years=coverage.default_years("calendar", "pakistan"))
    last_partner = coverage.spans[("calendar", "partner")][1]
    new, notes = coverage.switch(old, old.with_(reporter="partner"))
    assert new.years == (old.years[0], last_partner) and notes == []
    # A range the user set is kept.
    mine = old.with_(years=(2003, 2011))
    assert coverage.switch(mine, mine.with_(reporter="partner"))[0].years == (2003, 2011)
    # Fiscal while partner-reported: the reporter follows, and the note says why.
    partner = old.with_(reporter="partner")
    new, notes = coverage.switch(partner, partner.with_(basis="fiscal"))
    assert (new.basis, new.reporter) == ("fiscal", "pakistan")
    assert notes[0].endswith(
        "partners publish calendar-year figures only. The reporter is now Pakistan-reported. "
        "For partner-reported figures, choose Calendar year."
    )
    # Partner-reported while fiscal: the basis follows.
    fiscal = old.with_(basis="fiscal")
    new, notes = coverage.switch(fiscal, fiscal.with_(reporter="partner"))
    assert (new.basis, new.reporter) == ("calendar", "partner")
    assert notes[0].endswith(
        "The year basis is now Calendar year. For fiscal years, choose Pakistan-reported."
    )


def test_a_notice_says_where_newer_figures_exist(coverage: Coverage) -> None:
    state, _ = parse_query("", coverage=coverage)
    assert coverage.newer_notice(state) == (
        "Pakistan-reported calendar figures end in 2020; partner-reported calendar figures run "
        "to 2025; Pakistan-reported fiscal-year figures run to FY2024-25. Choose them under "
        "Year basis or Reported by."
    )
    assert coverage.newer_notice(parse_query("basis=fiscal", coverage=coverage)[0]) is None


def test_a_map_click_opens_countries_and_a_tab_opens_its_view(coverage: Coverage) -> None:
    values = [list(DEFAULT_STATE.countries), [2000, 2020], "turnover", "calendar", "pakistan"]
    values += ["million", "linear", False, None, None]
    click = {"points": [{"location": "TJK"}]}
    state, notices, _ = next_state(coverage, ids.MAP_GRAPH, "", [*values, "map"], click, None)
    assert (state.country, state.view, notices) == ("TJK", "countries", [])
    assert to_query(state, coverage) == "country=TJK"
    state, _, _ = next_state(coverage, ids.VIEW_TABS, "", [*values, "sources"], None, None)
    assert state.view == "sources" and to_query(state, coverage) == "view=sources"


def test_the_open_view_is_no_part_of_a_chart_s_cache_key() -> None:
    keys = {cache_key(DEFAULT_STATE.with_(view=v)) for v in VIEW_CHOICES}
    assert keys == {""}
    assert cache_key(DEFAULT_STATE.with_(country="KAZ", view="overview")) == "country=KAZ"


def test_the_layout_opens_the_view_of_the_page_that_asks(coverage: Coverage) -> None:
    assert page_state(coverage, "http://h/?country=KAZ&flow=export").view == "countries"
    assert page_state(coverage, "http://h/?reporter=partner").years[1] == 2025
    assert page_state(coverage, None) == parse_query("", coverage=coverage)[0]


@pytest.mark.parametrize(
    ("years", "shown", "notice"),
    [
        ("2005-2020", (2005, 2020), None),
        ("1990-2030", "bounds", "years='1990-2030': the figures run {low}–{high}; use a range"),
        ("1980-2010", "low-2010", "years='1980-2010': the figures run {low}–{high}"),
        ("1960-1970", "default", "years='1960-1970': no figures (they run {low}–{high})."),
        ("abc", "default", "years='abc': use a range like 2005-2020 within {low}–{high}."),
    ],
)
def test_years_are_checked_against_the_datas_own_span(
    years: str, shown: object, notice: str | None, coverage: Coverage
) -> None:
    low, high = coverage.bounds
    state, notices = parse_query(f"years={years}", coverage=coverage)
    expected = {
        "bounds": (low, high),
        "low-2010": (low, 2010),
        "default": coverage.default_years("calendar", "pakistan"),
    }.get(shown, shown)  # type: ignore[call-overload]
    assert state.years == expected
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notices[0].startswith(notice.format(low=low, high=high))
        # A download is strict: the same reason, as its error.
        error = parse_download_query(f"years={years}", coverage)[1]
        assert error == f"Invalid parameters: {notices[0]}"

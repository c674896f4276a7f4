"""URL state: parse, validate with visible notices, and round-trip."""

from __future__ import annotations

import pytest

from data.state import DEFAULT_STATE, ViewState, flow_phrase, fy_label, parse_query, to_query


def test_default_round_trip_is_empty_query() -> None:
    assert to_query(DEFAULT_STATE) == ""
    assert parse_query("") == (DEFAULT_STATE, [])


def test_full_query_round_trips() -> None:
    query = (
        "countries=KAZ,UZB&years=2005-2020&flow=export&basis=fiscal&reporter=partner"
        "&unit=thousand&scale=log&country=KAZ&compare=UZB&events=1"
    )
    state, notices = parse_query(query)
    assert notices == []
    assert state == ViewState(
        countries=("KAZ", "UZB"),
        years=(2005, 2020),
        flow="export",
        basis="fiscal",
        reporter="partner",
        unit="thousand",
        scale="log",
        country="KAZ",
        compare="UZB",
        events=True,
        view="countries",  # a country without view= opens Countries (old permalinks)
    )
    assert parse_query(to_query(state)) == (state, [])


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("countries=KAZ,XYZ", "XYZ"),
        ("years=1900-2020", "years="),
        ("years=abc", "years="),
        ("flow=exports", "flow="),
        ("basis=weekly", "basis="),
        ("reporter=china", "reporter="),
        ("unit=billion", "unit="),
        ("country=IND", "country="),
        ("events=maybe", "events="),
        ("foo=bar", "foo"),
    ],
)
def test_invalid_values_are_ignored_with_a_notice(query: str, fragment: str) -> None:
    state, notices = parse_query(query)
    assert notices and fragment in " ".join(notices)
    if query.startswith("countries"):
        assert state.countries == ("KAZ",)


def test_country_codes_are_normalised_and_ordered() -> None:
    state, _ = parse_query("countries=uzb,kaz&years=2020-2005")
    assert state.countries == ("KAZ", "UZB")
    assert state.years == (2005, 2020)


def test_fiscal_year_label() -> None:
    assert fy_label(2023) == "FY2022-23"
    assert fy_label(2000) == "FY1999-00"


@pytest.mark.parametrize("flow", ["export", "import", "balance", "turnover"])
def test_flow_phrase_keeps_pakistan_capitalised(flow: str, tables) -> None:
    from charts.registry import build_chart
    from data.captions import empty_message

    phrase = flow_phrase(flow)
    assert "pakistan" not in phrase
    assert phrase[0].islower() or phrase.startswith("Pakistan's")
    title = build_chart(tables, DEFAULT_STATE.with_(flow=flow), "map").title
    assert title == f"Corridors and {phrase}"
    message = empty_message(tables, DEFAULT_STATE.with_(flow=flow, years=(1992, 1992)))
    assert "pakistan" not in message

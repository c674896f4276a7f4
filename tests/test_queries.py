"""Query tier: exact numbers from a small fixture and from real DOTS figures."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest

from charts import registry
from data import captions, downloads, queries
from data.loading import Tables
from data.state import ViewState, parse_query


def _fixture(tables: Tables, rows: list[tuple]) -> Tables:
    """The real tables with `trade` replaced by a handful of known figures."""
    columns = ["partner_iso3", "year", "basis", "flow", "reporter", "value_usd", "source_id"]
    trade = pd.DataFrame(rows, columns=columns)
    trade["figure_id"] = [f"T{i:04d}" for i in range(1, len(trade) + 1)]
    trade["estimate"] = False
    trade["source_detail"] = "fixture"
    trade["note"] = None
    trade["primary"] = trade["reporter"] != "other"
    return dataclasses.replace(tables, trade=trade)


FIXTURE = [
    ("KAZ", 2018, "calendar", "export", "pakistan", 100.0, "imf_dots_pakistan"),
    ("KAZ", 2018, "calendar", "import", "pakistan", 40.0, "imf_dots_pakistan"),
    ("KAZ", 2019, "calendar", "export", "pakistan", 121.0, "imf_dots_pakistan"),
    ("KAZ", 2020, "calendar", "export", "pakistan", 144.0, "imf_dots_pakistan"),
    ("KAZ", 2020, "calendar", "import", "pakistan", 60.0, "imf_dots_pakistan"),
    ("UZB", 2018, "calendar", "export", "pakistan", 50.0, "imf_dots_pakistan"),
    ("UZB", 2018, "calendar", "import", "pakistan", 10.0, "imf_dots_pakistan"),
    ("UZB", 2020, "calendar", "export", "pakistan", 56.0, "imf_dots_pakistan"),
    ("UZB", 2018, "calendar", "export", "partner", 300.0, "imf_dots_partner"),
    ("UZB", 2018, "calendar", "import", "partner", 90.0, "imf_dots_partner"),
    ("KAZ", 2019, "calendar", "export", "other", 130.0, "jahanzaib2024"),
]
STATE = ViewState(countries=("KAZ", "UZB"), years=(2018, 2020), flow="export", unit="usd")


@pytest.fixture
def small(tables: Tables) -> Tables:
    return _fixture(tables, FIXTURE)


def test_balance_and_turnover_only_where_both_flows_exist(small: Tables) -> None:
    figures = queries.primary_figures(small, STATE)
    balance = queries.flow_series(figures, "balance")
    assert list(zip(balance.partner_iso3, balance.year, balance.value_usd, strict=True)) == [
        ("KAZ", 2018, 60.0),
        ("KAZ", 2020, 84.0),
        ("UZB", 2018, 40.0),
    ]
    assert balance.derived.all()
    turnover = queries.flow_series(figures, "turnover")
    assert turnover.value_usd.tolist() == [140.0, 204.0, 60.0]


def test_total_only_for_complete_years(small: Tables) -> None:
    view = queries.trend_view(small, STATE)
    total = view.extra["total"]
    assert total.year.tolist() == [2018, 2020]
    assert total.value_usd.tolist() == [150.0, 200.0]
    assert view.extra["alternatives"].value_usd.tolist() == [130.0]
    assert "other sources" in view.caption.lower()


def test_ranking_growth_and_share(small: Tables) -> None:
    table = queries.ranking_view(small, STATE).data.set_index("partner_iso3")
    assert table.loc["KAZ", "value"] == 144.0
    assert table.loc["KAZ", "yoy_pct"] == pytest.approx(19.0, abs=0.05)  # 121 -> 144
    assert table.loc["KAZ", "cagr_pct"] == pytest.approx(20.0, abs=0.05)  # 100 -> 144 in 2 years
    assert table.loc["KAZ", "share_pct"] == pytest.approx(72.0)
    uzb_yoy: Any = table.loc["UZB", "yoy_pct"]
    assert uzb_yoy is None or pd.isna(uzb_yoy)
    assert table.loc["KAZ", "rank"] == 1


def test_mirror_ratio(small: Tables) -> None:
    data = queries.mirror_view(small, STATE).data
    uzb = data[(data.partner_iso3 == "UZB") & (data.year == 2018)].iloc[0]
    assert uzb.ratio == pytest.approx(6.0)


def test_cagr_undefined_cases() -> None:
    assert queries.cagr(100, 144, 2) == pytest.approx(20.0)
    assert queries.cagr(0, 10, 3) is None
    assert queries.cagr(10, 10, 0) is None


def test_real_dots_kazakhstan_and_uzbekistan(tables: Tables) -> None:
    state, _ = parse_query("countries=KAZ,UZB&years=2016-2020&flow=export&unit=usd")
    series = queries.trend_view(tables, state).data.set_index(["partner_iso3", "year"])
    assert series.loc[("KAZ", 2016), "value_usd"] == pytest.approx(24_532_000, rel=1e-3)
    assert series.loc[("KAZ", 2016), "sources"] == "imf_dots_pakistan"
    assert len(series) == 10


def test_fiscal_and_calendar_never_mix(tables: Tables) -> None:
    state, _ = parse_query("basis=fiscal&years=2015-2025&flow=export")
    series = queries.trend_view(tables, state).data
    assert set(series.basis) == {"fiscal"}
    kaz = series[series.partner_iso3 == "KAZ"].set_index("year").value_usd
    assert kaz[2024] == 185_250_000
    assert 2020 not in kaz.index


def test_empty_state_explains(tables: Tables) -> None:
    state, _ = parse_query("countries=AZE&basis=fiscal&years=2000-2010")
    view = queries.trend_view(tables, state)
    assert view.empty_message is not None
    assert "fiscal-year" in view.empty_message and "Azerbaijan" in view.empty_message
    assert "2000–2010" in view.empty_message


def test_download_rows_cover_every_chart(tables: Tables) -> None:
    state, _ = parse_query("countries=KAZ&years=2010-2012")
    rows = registry.figures_behind_view(tables, state)
    assert set(rows.role) == {"primary", "derived"}
    derived = rows[rows.derived]
    assert set(derived.flow) == {"balance", "turnover"}
    assert not rows.duplicated(["partner_iso3", "year", "basis", "reporter", "flow"]).any()
    for column in ("partner_iso3", "year", "flow", "value_usd", "reporter", "basis", "source"):
        assert rows[column].notna().all()
    trend_only = registry.figures_behind_view(tables, state, "trend")
    assert set(trend_only.reporter) == {"pakistan"}


def test_coverage_summary_names_the_gap(tables: Tables) -> None:
    lines = captions.coverage_summary(tables)
    assert any(
        line.startswith("Pakistan-reported, calendar: 1992") or "1993" in line for line in lines
    )
    assert any("after 2020" in line for line in lines)


def test_stated_total_shown_beside_derived_one(tables: Tables) -> None:
    """Jahanzaib 2024 states KAZ FY2022-23 balance 139.33M; its own X − M is 127.15M."""
    state, _ = parse_query("countries=KAZ&basis=fiscal&years=2015-2025&flow=balance&unit=usd")
    view = queries.trend_view(tables, state)
    derived = view.data.set_index("year").value_usd
    assert derived[2023] == pytest.approx(127_150_000)
    stated = view.extra["alternatives"]
    assert stated.value_usd.tolist() == [139_330_000]
    assert "disagrees" in stated.note.iloc[0]


def test_trend_download_holds_what_the_trend_draws(tables: Tables) -> None:
    state, _ = parse_query("countries=KAZ,UZB&years=2016-2020&flow=export")
    rows = registry.figures_behind_view(tables, state, "trend")
    assert set(rows.flow) == {"export"}  # no import rows behind an exports chart
    total = rows[rows.partner_iso3 == downloads.TOTAL_CODE].set_index("year")
    drawn = queries.trend_view(tables, state).extra["total"].set_index("year")
    assert total.value_usd.to_dict() == drawn.value_usd.to_dict()
    assert total.derived.all() and set(total.role) == {"total"}
    assert total.partner_name.iloc[0] == "Total of the selected CARs (KAZ+UZB)"
    # A stated figure keeps its own source detail (it is not a row of the trade table).
    fiscal, _ = parse_query("countries=KAZ&basis=fiscal&years=2015-2025&flow=balance")
    alt = registry.figures_behind_view(tables, fiscal, "trend").query("role == 'alternative'")
    assert alt.source_detail.iloc[0].startswith("Jahanzaib 2024")
    # Balance and turnover charts list both flows and the derived values.
    balance = registry.figures_behind_view(tables, state, "balance")
    assert set(balance.flow) == {"export", "import", "balance"}

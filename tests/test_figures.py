"""Figure tier: trace data, names, gaps, empty states and axis units (not whole JSON)."""

from __future__ import annotations

import math

from charts.registry import CHARTS, build_chart
from data.loading import Tables
from data.queries import share_view
from data.state import parse_query


def _state(query: str):
    state, notices = parse_query(query)
    assert notices == []
    return state


def test_trend_has_one_line_per_country_plus_total(tables: Tables) -> None:
    result = build_chart(tables, _state("countries=KAZ,UZB&years=2005-2020&flow=export"), "trend")
    names = [t.name for t in result.figure.data]
    assert names[:3] == ["Kazakhstan", "Uzbekistan", "Selected CARs total"]
    assert "US$ million" in result.figure.layout.yaxis.title.text
    assert "IMF DOTS" in result.caption and "Vintage" in result.caption


def test_missing_years_are_gaps_not_zeros(tables: Tables) -> None:
    state = _state("countries=AZE&years=1992-2000&flow=export")
    trace = build_chart(tables, state, "trend").figure.data[0]
    ys = dict(zip(trace.x, trace.y, strict=True))
    assert len(ys) == 9  # every year of the range is on the axis
    assert ys[1992] is None or math.isnan(ys[1992])  # no Pakistan-reported figure in 1992
    assert ys[1995] > 0


def test_fiscal_axis_labels(tables: Tables) -> None:
    fig = build_chart(tables, _state("basis=fiscal&years=2015-2025"), "trend").figure
    assert "FY2014-15" in list(fig.layout.xaxis.ticktext)
    assert "fiscal" in fig.layout.xaxis.title.text


def test_hover_names_value_year_basis_reporter_source(tables: Tables) -> None:
    trace = build_chart(tables, _state("countries=KAZ&flow=export"), "trend").figure.data[0]
    assert "US$ million" in trace.hovertemplate and "Source" in trace.hovertemplate
    period, flags, source = trace.customdata[10]
    assert period == "2010" and "Pakistan-reported" in flags and "calendar" in flags
    assert source == "IMF DOTS, Pakistan-reported"


def test_empty_state_figure(tables: Tables) -> None:
    fig = build_chart(tables, _state("countries=AZE&basis=fiscal&years=2000-2010"), "trend").figure
    assert len(fig.data) == 0
    text = fig.layout.annotations[0].text
    assert "No Pakistan-reported fiscal-year figures for Azerbaijan in 2000–2010" in " ".join(
        text.split("<br>")
    )
    # Plotly does not wrap annotations: the message comes in short lines, none cut off.
    assert max(len(line) for line in text.split("<br>")) <= 50


def test_shares_explain_incomplete_years_instead_of_claiming_no_figures(tables: Tables) -> None:
    state = _state("basis=fiscal&years=2014-2025&flow=export")
    view = share_view(tables, state)
    assert view.data.empty
    message = view.empty_message or ""
    assert message.startswith("No year in 2014–2025 has a figure for every selected country")
    assert "No Pakistan-reported" not in message  # there are figures: just no complete year
    assert "(Azerbaijan has 1, " in message
    assert "FY2023-24, lacks Azerbaijan: deselect it" in message
    # Following the advice gives shares.
    five = _state("basis=fiscal&years=2014-2025&flow=export&countries=KAZ,KGZ,TJK,TKM,UZB")
    assert 2024 in set(share_view(tables, five).data["year"])


def test_fiscal_ticks_thin_out_on_half_width_charts(tables: Tables) -> None:
    state = _state("basis=fiscal&years=2000-2025&countries=KAZ,KGZ,TJK,TKM,UZB")
    for chart in ("balance", "share"):
        fig = build_chart(tables, state, chart).figure
        labels = [
            t for a in fig.layout if a.startswith("xaxis") for t in fig.layout[a].ticktext or ()
        ]
        assert labels and len(set(labels)) <= 4, (chart, labels)
    trend = build_chart(tables, state, "trend").figure
    assert 6 < len(trend.layout.xaxis.ticktext) <= 12


def test_balance_colours_by_sign(tables: Tables) -> None:
    fig = build_chart(tables, _state("countries=KAZ&years=2010-2020"), "balance").figure
    bars = fig.data[0]
    colours = {
        (v >= 0): c
        for v, c in zip(bars.y, bars.marker.color, strict=True)
        if v == v and v is not None
    }
    assert colours[True] != colours[False]
    assert {t.name for t in fig.data if t.showlegend} >= {"Pakistan surplus", "Pakistan deficit"}


def test_share_bars_sum_to_100(tables: Tables) -> None:
    fig = build_chart(tables, _state("years=2010-2020"), "share").figure
    totals: dict[int, float] = {}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            totals[x] = totals.get(x, 0) + y
    assert totals and all(abs(v - 100) < 1e-6 for v in totals.values())


def test_mirror_marks_turkmenistan_as_derived(tables: Tables) -> None:
    result = build_chart(tables, _state("countries=TKM,UZB&years=2010-2020"), "mirror")
    names = [t.name for t in result.figure.data]
    assert "Turkmenistan — partner (derived from Pakistan's data)" in names
    assert "not independent" in result.caption
    assert result.figure.layout.yaxis2.type == "log"


def test_every_chart_builds_for_every_country(tables: Tables) -> None:
    for chart in CHARTS:
        for code in ("AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB"):
            for basis in ("calendar", "fiscal"):
                query = f"countries={code}&basis={basis}&country={code}"
                result = build_chart(tables, _state(query), chart)
                assert result.caption


def test_event_positions_fall_in_their_year_band() -> None:
    from figures.trend import event_x

    # 18 Nov 2022: calendar year 2022 (band 2021.5–2022.5), FY2022-23 (band 2022.5–2023.5).
    assert 2021.5 < event_x("2022-11-18", "calendar") < 2022.5
    assert 2022.5 < event_x("2022-11-18", "fiscal") < 2023.5
    # 14 Mar 2023 is in FY2022-23 too; a year-only date sits mid-year.
    assert 2022.5 < event_x("2023-03-14", "fiscal") < 2023.5
    assert event_x("2022", "calendar") == 2022.0


def test_events_overlay_only_when_asked(tables: Tables) -> None:
    on = build_chart(tables, _state("basis=fiscal&years=2014-2025&events=1"), "trend").figure
    off = build_chart(tables, _state("basis=fiscal&years=2014-2025"), "trend").figure
    events = [t for t in on.data if t.name == "Events"]
    assert len(events) == 1 and not [t for t in off.data if t.name == "Events"]
    titles = {row[1] for row in events[0].customdata}
    assert "Kazakhstan–Pakistan PTA: announcement or planned signing date" in titles
    # The hover gives the date as the source has it and any note on it (a disputed date).
    rows = {row[1]: row for row in events[0].customdata}
    noted = tables.events[tables.events["date_note"].notna()]
    assert len(noted) and (tables.events["date_precision"] == "before").any()
    for title, note in zip(noted["title"], noted["date_note"], strict=True):
        assert rows[title][3].replace("<br>", " ") == note
    for title, date in zip(
        tables.events.loc[tables.events["date_precision"] == "before", "title"],
        tables.events.loc[tables.events["date_precision"] == "before", "date"],
        strict=True,
    ):
        assert rows[title][0] == f"by {date}"


def _hover_lines(trace) -> list[str]:
    """The hover text of each point: the template with %{customdata[i]} filled in."""
    out = []
    for row in trace.customdata:
        text = trace.hovertemplate
        for i, value in enumerate(row):
            text = text.replace(f"%{{customdata[{i}]}}", str(value))
        out.append(text)
    return out


def test_share_and_mirror_hovers_name_reporter_basis_and_source(tables: Tables) -> None:
    state = _state("countries=KAZ,UZB&years=2015-2020&flow=turnover")
    share = build_chart(tables, state, "share").figure.data[0]
    hover = _hover_lines(share)[0]
    assert "Pakistan-reported, calendar basis, derived from exports and imports" in hover
    assert "Source: IMF DOTS, Pakistan-reported" in hover
    mirror = build_chart(tables, state, "mirror").figure
    lines = [t for t in mirror.data if t.name in ("Kazakhstan — Pakistan", "Uzbekistan — partner")]
    pak, partner = (_hover_lines(t)[-1] for t in lines)
    assert "Pakistan-reported, calendar basis, derived from exports and imports" in pak
    assert "IMF DOTS, Pakistan-reported" in pak
    assert "partner-reported, calendar basis" in partner
    assert "IMF DOTS, partner-reported (mirror)" in partner


def test_events_outside_the_years_shown_are_announced(tables: Tables) -> None:
    from callbacks.charts import view_notices

    n = len(tables.events)  # every event is a CAR's or regional: all selected by default
    years = tables.events["date"].str[:4].astype(int)
    assert years.min() > 2020  # (so the default range shows none of them)
    default = view_notices(tables, _state("events=1"))
    span = f"{years.min()}–{years.max()}"
    assert default[0].startswith(f"All {n} events of the selected countries fall in {span}")
    assert "shows none" in default[0] and "2000–2024" in default[0]
    assert view_notices(tables, _state("events=1&years=2010-2025")) == []
    assert view_notices(tables, _state("years=2000-2020")) == []  # overlay off: nothing to say
    fiscal = view_notices(tables, _state("events=1&basis=fiscal&years=2015-2023"))[0]
    # Events from July 2023 on belong to FY2023-24, outside a range ending with FY2022-23.
    dates = tables.events["date"]
    later = int((dates >= "2023-07").sum())
    assert later > 0 and "in FY2023-24" in fiscal and f"shows {n - later}." in fiscal
    # The chart holds exactly the events the notice says it shows.
    events = build_chart(tables, _state("events=1&basis=fiscal&years=2015-2023"), "trend").figure
    marks = [t for t in events.data if t.name == "Events"]
    assert len(marks[0].x) == n - later


def test_linear_trend_axis_includes_zero(tables: Tables) -> None:
    fig = build_chart(tables, _state("countries=KAZ&years=2015-2020&flow=export"), "trend").figure
    assert fig.layout.yaxis.rangemode == "tozero"


def test_year_ticks_always_label_the_latest_year() -> None:
    from figures.theme import year_ticks

    years = list(range(2014, 2026))
    assert year_ticks(years, "fiscal", narrow=True) == [2016, 2019, 2022, 2025]
    assert year_ticks(list(range(2000, 2021)), "calendar")[-1] == 2020

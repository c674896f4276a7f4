"""The filter panel: countries (with quick groups), years, flow, basis, reporter, unit, scale."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids, strings
from data.coverage import Coverage
from data.state import (
    BASIS_CHOICES,
    DEFAULT_STATE,
    FLOW_CHOICES,
    GROUPS,
    REPORTER_CHOICES,
    REPORTER_LABEL,
    YEAR_BOUNDS,
    ViewState,
)

FLOW_OPTIONS = {
    "export": strings.FILTER_FLOW_EXPORTS,
    "import": strings.FILTER_FLOW_IMPORTS,
    "balance": strings.FILTER_FLOW_BALANCE,
    "turnover": strings.FILTER_FLOW_TURNOVER,
}
BASIS_OPTIONS = {"calendar": strings.FILTER_CALENDAR, "fiscal": strings.FILTER_FISCAL}
REPORTER_OPTIONS = {
    "pakistan": strings.FILTER_PAKISTAN_REPORTED,
    "partner": strings.FILTER_PARTNER_REPORTED,
}
UNIT_OPTIONS = {
    "usd": strings.FILTER_UNIT_USD,
    "thousand": strings.FILTER_UNIT_THOUSAND,
    "million": strings.FILTER_UNIT_MILLION,
}


def _label(text: str, target: str) -> dbc.Label:
    return dbc.Label(text, html_for=target, className="fw-semibold small text-uppercase mb-1")


def series_options(
    key: str, state: ViewState, coverage: Coverage | None
) -> list[dict[str, object]]:
    """The basis or reporter options; one that would pick a series without figures is
    disabled, its label saying why (partners publish no fiscal-year figures)."""
    labels = BASIS_OPTIONS if key == "basis" else REPORTER_OPTIONS
    out: list[dict[str, object]] = []
    for value, label in labels.items():
        pair = (value, state.reporter) if key == "basis" else (state.basis, value)
        if coverage is None or coverage.available(*pair):
            out.append({"label": label, "value": value})
        else:
            out.append(
                {
                    "label": f"{label} ({_why_not(key, state)})",
                    "value": value,
                    "disabled": True,
                }
            )
    return out


def _why_not(key: str, state: ViewState) -> str:
    """Why a basis or reporter option is off: 'none partner-reported', 'no fiscal-year ...'."""
    if key == "basis":
        return strings.FILTER_NONE_REPORTED.format(reporter=REPORTER_LABEL[state.reporter])
    return strings.FILTER_NO_FISCAL if state.basis == "fiscal" else strings.FILTER_NO_CALENDAR


def _radio(
    component_id: str, options: dict[str, str] | list[dict[str, object]], value: str
) -> dbc.RadioItems:
    return dbc.RadioItems(
        id=component_id,
        options=(
            [{"label": v, "value": k} for k, v in options.items()]
            if isinstance(options, dict)
            else options
        ),
        value=value,
        className="btn-group btn-group-sm flex-wrap w-100",
        inputClassName="btn-check",
        labelClassName="btn btn-outline-primary",
        labelCheckedClassName="active",
    )


# Filters that apply only to the Overview's charts (the map shades all six CARs, on no axis):
# hidden on the other views by assets/views.css.
OVERVIEW_ONLY = "filter-overview-only"


def filter_panel(
    country_options: list[dict[str, str]],
    coverage: list[str],
    *,
    state: ViewState = DEFAULT_STATE,
    bounds: tuple[int, int] = YEAR_BOUNDS,
    series: Coverage | None = None,
) -> dbc.Card:
    """The left-hand filter card (a drawer opened by a button on a phone)."""
    assert set(FLOW_OPTIONS) == set(FLOW_CHOICES)
    assert set(BASIS_OPTIONS) == set(BASIS_CHOICES)
    assert set(REPORTER_OPTIONS) == set(REPORTER_CHOICES)
    # Marks every 5 years from a round year, plus the last year with figures.
    marks = {y: str(y) for y in range(bounds[0] - bounds[0] % 5 + 5, bounds[1], 5)}
    marks[bounds[1]] = str(bounds[1])
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.Span(strings.FILTERS, className="h6 mb-0"),
                        dbc.Button(
                            strings.FILTERS_CLOSE,
                            id=ids.FILTERS_CLOSE,
                            size="sm",
                            color="secondary",
                            outline=True,
                        ),
                    ],
                    className="d-flex d-md-none justify-content-between align-items-center mb-2",
                ),
                html.Div(
                    [
                        _label(strings.FILTER_COUNTRIES, ids.COUNTRIES),
                        dcc.Dropdown(
                            id=ids.COUNTRIES,
                            options=country_options,
                            value=list(state.countries),
                            multi=True,
                            clearable=False,
                            placeholder=strings.FILTER_COUNTRIES_PLACEHOLDER,
                        ),
                        dbc.ButtonGroup(
                            [
                                dbc.Button(
                                    label,
                                    id=ids.group_button(key),
                                    size="sm",
                                    color="secondary",
                                    outline=True,
                                    title=", ".join(codes),
                                )
                                for key, (label, codes) in GROUPS.items()
                            ],
                            className="mt-2 flex-wrap",
                        ),
                    ],
                    className=f"mb-3 {OVERVIEW_ONLY}",
                ),
                html.Div(
                    [
                        _label(strings.FILTER_YEARS, ids.YEARS),
                        dcc.RangeSlider(
                            id=ids.YEARS,
                            min=bounds[0],
                            max=bounds[1],
                            step=1,
                            value=list(state.years),
                            marks=marks,
                            allowCross=True,
                            tooltip={"placement": "bottom", "always_visible": False},
                        ),
                    ],
                    className="mb-3",
                ),
                html.Div(
                    [
                        _label(strings.FILTER_FLOW, ids.FLOW),
                        _radio(ids.FLOW, FLOW_OPTIONS, state.flow),
                    ],
                    className="mb-3",
                ),
                html.Div(
                    [
                        _label(strings.FILTER_BASIS, ids.BASIS),
                        _radio(ids.BASIS, series_options("basis", state, series), state.basis),
                    ],
                    className="mb-3",
                ),
                html.Div(
                    [
                        _label(strings.FILTER_REPORTER, ids.REPORTER),
                        _radio(
                            ids.REPORTER, series_options("reporter", state, series), state.reporter
                        ),
                    ],
                    className="mb-3",
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                _label(strings.FILTER_UNIT, ids.UNIT),
                                dbc.Select(
                                    id=ids.UNIT,
                                    options=[
                                        {"label": v, "value": k} for k, v in UNIT_OPTIONS.items()
                                    ],
                                    value=state.unit,
                                    size="sm",
                                ),
                            ]
                        ),
                        dbc.Col(
                            [
                                _label(strings.FILTER_AXIS, ids.SCALE),
                                _radio(
                                    ids.SCALE,
                                    {"linear": strings.FILTER_LINEAR, "log": strings.FILTER_LOG},
                                    state.scale,
                                ),
                            ],
                            className=OVERVIEW_ONLY,
                        ),
                    ],
                    className="mb-3 g-2",
                ),
                dbc.Switch(
                    id=ids.EVENTS,
                    label=strings.FILTER_EVENTS,
                    value=state.events,
                    className=f"small mb-3 {OVERVIEW_ONLY}",
                ),
                # Folded: the sticky card must fit a screen, with the slider always in reach.
                html.Details(
                    [
                        html.Summary(
                            strings.FILTER_COVERAGE,
                            className="fw-semibold small text-uppercase",
                        ),
                        html.Ul(
                            [html.Li(c) for c in coverage],
                            className="small text-muted ps-3 mb-0 mt-1",
                        ),
                    ],
                    id=ids.COVERAGE,
                ),
            ]
        ),
        className="shadow-sm filter-card",
    )

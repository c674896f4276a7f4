"""Export parameters, parsed apart from the view: image size and scale, the data's chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs, parse_qsl, urlencode

from components import strings
from data.coverage import Coverage
from data.state import ViewState, parse_query

DEFAULT_WIDTH: Final = 1400
WIDTH_BOUNDS: Final = (600, 3000)
HEIGHT_BOUNDS: Final = (300, 3000)
SCALE_BOUNDS: Final = (1.0, 4.0)


@dataclass(frozen=True)
class ImageRequest:
    """A parsed image request: the view, and the size asked for (None: the chart's default)."""

    state: ViewState
    width: int
    height: int | None
    scale: float


def _number(raw: str, name: str, bounds: tuple[float, float], integer: bool) -> float:
    """A bounded number from a query value; ValueError with a plain message otherwise."""
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number.") from None
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{name}={raw!r} is out of bounds: use {low:g}–{high:g}.")
    return value


def _is_number(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True


def fit_to_coverage(
    query: str, state: ViewState, coverage: Coverage | None
) -> tuple[ViewState, list[str]]:
    """The page's rules for a download: without `years=`, the newest years of the series.

    A download is the page's view as a file, so a permalink without `years=` gives the same
    figures as the page. A basis/reporter pair without figures is an error here (the page
    shows another series with a notice; a file cannot carry the notice).
    """
    if coverage is None:
        return state, []
    if not coverage.available(state.basis, state.reporter):
        pairs = " or ".join(f"basis={b}&reporter={r}" for b, r in sorted(coverage.spans))
        reason = coverage.unavailable_reason(state.basis, state.reporter)
        return state, [strings.DOWNLOAD_NO_SERIES.format(reason=reason, pairs=pairs)]
    years_given = "years" in parse_qs(query.lstrip("?"), keep_blank_values=True)
    return coverage.fit(state, years_given=years_given)


def parse_image_query(query: str, coverage: Coverage | None = None) -> ImageRequest:
    """View state plus width/height/scale from a query string; ValueError says what is wrong.

    `scale` is also the view's axis scale (linear|log): a numeric `scale` is the image scale
    factor, as is `scale_factor`.
    """
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    size: dict[str, str | None] = {"width": None, "height": None, "scale": None}
    rest = []
    for key, value in pairs:
        if key in ("width", "height"):
            size[key] = value.strip()
        elif key == "scale_factor" or (key == "scale" and _is_number(value)):
            size["scale"] = value.strip()
        else:
            rest.append((key, value))
    view_query = urlencode(rest)
    state, notices = parse_query(view_query, bounds=coverage.bounds if coverage else None)
    if not notices:
        state, notices = fit_to_coverage(view_query, state, coverage)
    problems = list(notices)
    values: dict[str, float | None] = {}
    for key, bounds, integer in (
        ("width", WIDTH_BOUNDS, True),
        ("height", HEIGHT_BOUNDS, True),
        ("scale", SCALE_BOUNDS, False),
    ):
        raw = size[key]
        try:
            values[key] = None if raw is None else _number(raw, key, bounds, integer)
        except ValueError as err:
            problems.append(str(err))
    if problems:
        raise ValueError("Invalid parameters: " + " ".join(problems))
    height = values["height"]
    return ImageRequest(
        state=state,
        width=int(values["width"] or DEFAULT_WIDTH),
        height=int(height) if height is not None else None,
        scale=float(values["scale"] or 1.0),
    )


def parse_download_query(
    query: str, coverage: Coverage | None = None
) -> tuple[ViewState | None, str | None]:
    """(state, error) of a data download or brief; strict: any problem with the view is an error.

    With `coverage` (the routes pass the data's), years default as on the page.
    """
    state, notices = parse_query(query, bounds=coverage.bounds if coverage else None)
    if not notices:
        state, notices = fit_to_coverage(query, state, coverage)
    if notices:
        return None, "Invalid parameters: " + " ".join(notices)
    return state, None

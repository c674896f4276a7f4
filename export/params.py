"""Export parameters, parsed apart from the view: image size and scale, the data's chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl, urlencode

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


def parse_image_query(query: str) -> ImageRequest:
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
    state, notices = parse_query(urlencode(rest))
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


def parse_download_query(query: str) -> tuple[ViewState | None, str | None]:
    """(state, error) of a data download; strict: any problem with the view is an error."""
    state, notices = parse_query(query)
    if notices:
        return None, "Invalid parameters: " + " ".join(notices)
    return state, None

"""Numbers and dates as text, every rule in one place (the panel, brief and map share them).

Precision per unit (each rule is used for one kind of text, so they differ on purpose):
- `millions`/`musd`: the profile and brief's US$ million amounts, 2 decimals under 10, else 1.
- `amount`: the brief's tables in the view's unit (million as `millions`; thousand 1 decimal
  under 100, else none; US$ none).
- `value_text`: the map's shading values (US$ and thousand: none; million: 2 decimals).
- `project_amount`: a project's cost (US$ bn with 1 decimal, else US$ M with none) or length (km).
- `pct_text`: percentages with 1 decimal.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from components import strings
from data.state import ViewState

MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UNIT_WORDS: Final = {"usd": "", "thousand": " thousand", "million": " million"}
MINUS: Final = "−"  # the typographic minus every amount uses


def date_label(date: object, precision: object = None) -> str:
    """'14 Dec 2022', 'Dec 2022', '2022' or 'by 15 Mar 2023' from an ISO date and its precision."""
    parts = [int(p) for p in str(date).split("-")]
    text = str(parts[0])
    if len(parts) >= 2:
        text = f"{MONTHS[parts[1] - 1]} {text}"
    if len(parts) == 3:
        text = f"{parts[2]} {text}"
    return strings.DATE_BY.format(date=text) if precision == "before" else text


def millions(value: float) -> str:
    """US$ value in millions with the precision the profile and brief print: '0.52', '59.8'."""
    m = value / 1e6
    return f"{m:,.2f}" if abs(m) < 10 else f"{m:,.1f}"


def pct_text(value: float | None, signed: bool = False) -> str:
    """A percentage with one decimal ('+12.3%' when signed), or an en dash for none."""
    if value is None or pd.isna(value):
        return "–"
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def musd(value: float) -> str:
    """'US$59.8 M', 'US$0.52 M', 'US$1.2 bn', 'US$10 bn': an amount in words an analyst reads."""
    if abs(value) >= 1e9:
        bn = value / 1e9
        return f"US${bn:,.0f} bn" if abs(bn - round(bn)) < 0.05 else f"US${bn:,.1f} bn"
    return f"US${millions(value)} M"


def signed_pct(value: Any, signed: bool = False) -> str:
    """`pct_text` with the typographic minus of the amounts (the brief's tables)."""
    return pct_text(value, signed).replace("-", MINUS)


def amount(value: Any, state: ViewState) -> str:
    """An amount in the brief's unit with sensible precision (no '25,152.92' thousands)."""
    if value is None or pd.isna(value):
        return "–"
    scaled = float(value) / state.divisor
    size = abs(scaled)
    if state.unit == "million":
        text = millions(abs(float(value)))
    elif state.unit == "thousand":
        text = f"{size:,.1f}" if size < 100 else f"{size:,.0f}"
    else:
        text = f"{size:,.0f}"
    return (MINUS if scaled < 0 else "") + text


def value_text(value: float, unit: str) -> str:
    """'US$59.75 million', 'US$59,752 thousand', 'US$59,752,243' (negative: '−US$…')."""
    sign = MINUS if value < 0 else ""
    digits = {"usd": 0, "thousand": 0, "million": 2}[unit]
    return f"{sign}US${abs(value):,.{digits}f}{UNIT_WORDS[unit]}"


def project_amount(value: object, unit: str) -> str | None:
    """A project's cost ('US$1.2 bn', 'US$450 M') or length ('1,814 km'); None for none."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    number = float(str(value))
    if unit == "usd":
        return f"US${number / 1e9:,.1f} bn" if number >= 1e9 else f"US${number / 1e6:,.0f} M"
    return f"{number:,.0f} km"

"""The corridor map's colour scales: log10 shading of positive values and a signed log for
balances, with 1-2-5 colour-bar ticks in the unit shown."""

from __future__ import annotations

import math
from typing import Any


def _nice_steps(lo: float, hi: float) -> list[float]:
    """1-2-5 steps covering [lo, hi] (lo > 0)."""
    steps: list[float] = []
    exponent = math.floor(math.log10(lo))
    while True:
        for mantissa in (1, 2, 5):
            value = mantissa * 10.0**exponent
            if value >= lo / 1.0000001 and value <= hi * 1.0000001:
                steps.append(value)
            if value > hi:
                return steps
        exponent += 1


def _tick_text(value: float, unit: str) -> str:
    if unit == "usd" and value >= 1e6:
        return f"{value / 1e6:,g}M"
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def log_scale(values: list[float], unit: str) -> dict[str, Any]:
    """zmin/zmax and colour-bar ticks for log10-shaded positive values (1-2-5 bounds)."""
    low, high = min(values), max(values)
    bounds = [v for v in _nice_steps(low / 10, high * 10) if v <= low]
    lo = bounds[-1] if bounds else low
    tops = [v for v in _nice_steps(high / 10, high * 10) if v >= high]
    hi = tops[0] if tops else high
    if hi <= lo:
        hi = lo * 10
    ticks = _nice_steps(lo, hi)
    if len(ticks) > 7:  # wide ranges: powers of ten only
        ticks = [t for t in ticks if abs(math.log10(t) - round(math.log10(t))) < 1e-9]
    return {
        "zmin": math.log10(lo),
        "zmax": math.log10(hi),
        "tickvals": [math.log10(t) for t in ticks],
        "ticktext": [_tick_text(t, unit) for t in ticks],
    }


# The signed log's linear core: one US$ million in the unit shown.
MILLION = {"usd": 1e6, "thousand": 1e3, "million": 1.0}


def symlog(value: float, unit: str) -> float:
    """sign(v) · log10(1 + |v| / US$1 million): zero stays zero, the sign is kept."""
    return math.copysign(math.log10(1 + abs(value) / MILLION[unit]), value)


def symlog_scale(values: list[float], unit: str) -> dict[str, Any]:
    """Symmetric bound and colour-bar ticks (0, ±1, ±10, ... million) for a signed log."""
    bound = max(abs(v) for v in values)
    tops = [v for v in _nice_steps(bound / 10, bound * 10) if v >= bound]
    top = tops[0] if tops else bound
    magnitudes = [m for m in (MILLION[unit] * 10.0**k for k in range(0, 7)) if m <= top * 1.0000001]
    if top not in magnitudes:
        magnitudes.append(top)
    ticks = sorted([-m for m in magnitudes] + [0.0] + magnitudes)
    return {
        "zmax": symlog(top, unit),
        "tickvals": [symlog(t, unit) for t in ticks],
        "ticktext": [
            ("−" if t < 0 else "") + _tick_text(abs(t), unit) if t else "0" for t in ticks
        ],
    }

"""Hover-card markup (plotly's HTML subset) for the view models' plain-text cards."""

from __future__ import annotations

from data.map.model import CorridorCard


def corridor_card_html(card: CorridorCard) -> str:
    """A corridor's card: bold title, the lines, the route note in italics, the sources."""
    return "<br>".join(
        (f"<b>{card.title}</b>", *card.body, f"<i>{card.geometry}</i>", *card.sources)
    )

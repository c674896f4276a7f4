"""What every profile block shares: labels, colours, the citation numbering, money and date text."""

from __future__ import annotations

import math
from typing import Any

from dash import html

from components import strings
from data.profile import (
    Profile,
    reference_parts,
)
from data.schema import SOURCE_ID
from data.text import millions

KIND_LABEL = {
    "pta": strings.KIND_PTA,
    "transit_trade": strings.KIND_TRANSIT_TRADE,
    "trade_deal": strings.KIND_TRADE_DEAL,
    "mou": strings.KIND_MOU,
    "framework": strings.KIND_FRAMEWORK,
    "energy": strings.KIND_ENERGY,
    "other": strings.KIND_OTHER,
}


STATUS_COLOUR = {
    "in_force": "success",
    "implemented": "info",
    "signed": "primary",
    "announced": "secondary",
    "under_negotiation": "warning",
    "proposed": "secondary",
    "stalled": "danger",
}


CORRIDOR_TYPE = {
    "gas_pipeline": strings.TYPE_GAS_PIPELINE,
    "power_line": strings.TYPE_POWER_LINE,
    "railway": strings.TYPE_RAILWAY,
    "road": strings.TYPE_ROAD,
}


GRAPH_TYPE = "profile-graph"


BRIEF_TYPE = "profile-brief"


PRODUCT_ROWS_SHOWN = 8  # more rows go behind a "show more" toggle, never a cut-off scroll box


# Target rows: label and value share a line that wraps; the bar has the full width below, so a
# 420 px panel (compare view) keeps a readable bar.
TARGET_LINE = {
    "display": "flex",
    "flexWrap": "wrap",
    "justifyContent": "space-between",
    "gap": "0 .5rem",
}


class Citations:
    """Numbers every source cited on one panel, in order of first citation."""

    def __init__(self, profile: Profile) -> None:
        self.iso3 = profile.iso3
        self.refs = profile.references.set_index(SOURCE_ID)
        self.order: list[str] = []

    def cite(self, source_ids: Any, locator: str | None = None) -> html.Sup:
        """'[1, 3]' superscript linking to the panel's reference list."""
        if isinstance(source_ids, list | tuple | set):
            source_ids = ";".join(source_ids)
        ids = list(dict.fromkeys(s for s in str(source_ids).split(";") if s and s != "nan"))
        links: list[Any] = []
        for sid in ids:
            if sid not in self.order:
                self.order.append(sid)
            n = self.order.index(sid) + 1
            label = self.refs["short_label"].get(sid, sid)
            title = f"{label}" + (f" — {locator}" if isinstance(locator, str) and locator else "")
            if links:
                links.append(", ")
            links.append(html.A(str(n), href=f"#ref-{self.iso3}-{n}", title=title))
        return html.Sup(["[", *links, "]"] if links else [], className="cite")

    def reference_list(self) -> html.Ol:
        """The numbered list of every cited source: label, what it is, link and licence."""
        items = []
        for n, sid in enumerate(self.order, start=1):
            if sid not in self.refs.index:
                items.append(html.Li(sid, id=f"ref-{self.iso3}-{n}"))
                continue
            ref = self.refs.loc[sid]
            url = ref["url"] if isinstance(ref["url"], str) else ""
            where: Any = (
                html.A(url, href=url, target="_blank", rel="noopener noreferrer")
                if url.startswith("http")
                else html.Code(url)
                if url
                else None
            )
            label, detail = reference_parts(ref["short_label"], ref["title"], ref["publisher"])
            items.append(
                html.Li(
                    [
                        html.Strong(label),
                        f": {detail}. " if detail else ". ",
                        where,
                        html.Span(f" — {ref['licence_note']}", className="text-muted"),
                    ],
                    id=f"ref-{self.iso3}-{n}",
                )
            )
        return html.Ol(items, className="small references mb-0")


def money(value: float | None) -> str:
    """US$ million with sensible precision, or an en dash for no figure."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return millions(value)


def _section(title: str, *children: Any) -> html.Section:
    return html.Section(
        [html.H4(title, className="h6 text-uppercase text-muted mt-3 mb-2"), *children],
        className="profile-section",
    )


def _date_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return ""
    return str(value)

"""A chart's figures as one HTML table component (assets/data_table.js draws it).

Dash mounts every html.* component of a new `children` value as a component of its own, and each
mount costs a renderer pass over the whole page: a ranking table of ~100 cells re-sent on every
filter change cost ~100 such passes. This component carries the table as data (header texts, cell
texts, which columns are numeric) and React updates its cells in place. The markup is the same as
html.Table gave: a hidden caption, `th scope=col` headers, a `th scope=row` first cell per row,
gaps marked "no figure"; with `sort`, header buttons and aria-sort (a click sets `sort`).
"""

from __future__ import annotations

from typing import Any

from dash.development.base_component import Component

NAMESPACE = "pakcar_components"  # window.pakcar_components in assets/data_table.js


class DataTable(Component):
    """A table: `columns` (header texts), `rows` (cell texts, None for a gap), `numeric` (per
    column: right-aligned figures), `caption`, `gap_text` ("no figure"), and for a sortable one
    `sort` ({column, ascending}) and `sort_label` ("Sort by {column}")."""

    # The props, as attributes (Dash sets those given; typed for readers of a built table).
    columns: list[str]
    rows: list[list[str | None]]
    numeric: list[bool]
    caption: str
    gap_text: str
    sort: dict[str, Any] | None
    sort_label: str

    _children_props: list[str] = []  # noqa: RUF012 (Dash reads these as class attributes)
    _base_nodes: list[str] = []  # noqa: RUF012
    _namespace = NAMESPACE
    _type = "DataTable"

    def __init__(self, **kwargs: Any) -> None:
        self._prop_names = [
            "id",
            "className",
            "caption",
            "columns",
            "rows",
            "numeric",
            "gap_text",
            "sort",
            "sort_label",
        ]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties: list[str] = []
        super().__init__(**kwargs)

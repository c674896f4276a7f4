"""The types component builders return: a Dash component, or text where a cell may be plain."""

from __future__ import annotations

from typing import TypeAlias

from dash.development.base_component import Component

Cell: TypeAlias = Component | str  # a table cell's content

__all__ = ["Cell", "Component"]

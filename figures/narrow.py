"""A side-by-side figure's phone layout: its two panels stacked, switched in the browser by
assets/narrow.js when the chart is narrower than NARROW_PX (the server cannot know the width;
images and PDFs, drawn without that script, keep the wide layout)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

# Keep in step with assets/narrow.js.
NARROW_PX = 576
# Panel heights and the gap between them (room for the upper panel's year ticks and title and
# the lower panel's own title), as fractions of the stacked figure's height.
TOP = (0.56, 1.0)
BOTTOM = (0.0, 0.34)


def _is_column_title(annotation: Any, domain: tuple[float, float]) -> bool:
    """make_subplots' title over a column: paper-placed, at its centre, on the top edge."""
    centre = (domain[0] + domain[1]) / 2
    return (
        annotation.xref == "paper"
        and annotation.yref == "paper"
        and annotation.x is not None
        and abs(annotation.x - centre) < 1e-6
        and annotation.y == 1.0
    )


def stack_on_phones(fig: go.Figure, *, height: int) -> go.Figure:
    """Give a one-row, two-column figure a stacked layout for narrow screens (`height` px tall),
    with the wide one kept beside it to switch back; in layout.meta, read by assets/narrow.js."""
    layout = fig.layout
    columns = [tuple(layout.xaxis.domain), tuple(layout.xaxis2.domain)]
    wide: dict[str, Any] = {"height": layout.height}
    narrow: dict[str, Any] = {"height": height}
    for n, (col_domain, row_domain) in enumerate(zip(columns, (TOP, BOTTOM), strict=True)):
        x, y = ("xaxis", "yaxis") if n == 0 else ("xaxis2", "yaxis2")
        wide[f"{x}.domain"] = list(col_domain)
        wide[f"{y}.domain"] = list(fig.layout[y].domain)
        narrow[f"{x}.domain"] = [0.0, 1.0]
        narrow[f"{y}.domain"] = list(row_domain)
        # A stacked panel is ~300 px tall: a long axis title wants a smaller font to fit.
        wide[f"{y}.title.font.size"] = fig.layout[y].title.font.size
        narrow[f"{y}.title.font.size"] = 11
        for i, annotation in enumerate(layout.annotations):
            if _is_column_title(annotation, col_domain):
                wide[f"annotations[{i}].x"] = annotation.x
                wide[f"annotations[{i}].y"] = annotation.y
                narrow[f"annotations[{i}].x"] = 0.5
                narrow[f"annotations[{i}].y"] = row_domain[1]
                wide[f"annotations[{i}].font.size"] = annotation.font.size
                narrow[f"annotations[{i}].font.size"] = 12
    fig.update_layout(meta={"narrow": narrow, "wide": wide})
    return fig

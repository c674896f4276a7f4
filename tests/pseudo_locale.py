"""A pseudo-locale run (python tests/pseudo_locale.py [data dir]): every value of the strings
package is wrapped in «…» before anything else of the app is imported, then every view, a profile
and a comparison, the notices, the figures' texts and the country brief are rendered; prints, as
JSON, the texts that still hold interface words outside the marks (what is left after the marked
parts, the data's own strings and numbers are taken out) and how many marked texts were seen.

Run in a fresh process by tests/test_strings.py: modules bind strings when they are imported, so
the marks must be in place first (the strings package imports nothing from the project).
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

OPEN, CLOSE = "«", "»"  # in every font (the brief PDF shows them too)
CODE = re.compile(r"^[a-z0-9_]+$")
DATA_TEXT_WORDS = {
    *["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "bn",
}
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def mark(value: Any) -> Any:
    """A string wrapped in the marks; dicts, lists and tuples of strings marked inside."""
    if isinstance(value, str):
        return f"{OPEN}{value}{CLOSE}"
    if isinstance(value, dict):
        return {k: mark(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mark(v) for v in value)
    return value


def install() -> int:
    """Mark every public value of the strings package and its modules; how many were marked."""
    import components.strings as package

    modules = [package] + [
        m for n, m in sorted(sys.modules.items()) if n.startswith("components.strings.")
    ]
    count = 0
    for module in modules:
        for name, value in list(vars(module).items()):
            if name.isupper() and name != "LANG":
                setattr(module, name, mark(value))
                count += module is package
    return count


# Component props a reader sees or hears (besides children); option and mark labels too.
SHOWN_PROPS = (
    *("title", "placeholder", "label", "aria-label", "alt", "data-done", "header"),
    # components/data_table.py: the table's texts are props, drawn by assets/data_table.js
    *("caption", "columns", "rows", "gap_text", "sort_label"),
)


def component_texts(component: Any, where: str) -> list[tuple[str, str]]:
    """(where, text) for every string a Dash component tree shows, figures included."""
    out: list[tuple[str, str]] = []
    if component is None or isinstance(component, bool | int | float):
        return out
    if isinstance(component, str):
        return [(where, component)]
    if isinstance(component, list | tuple):
        for c in component:
            out += component_texts(c, where)
        return out
    if not hasattr(component, "_prop_names") or type(component).__name__ == "Code":
        return out  # <code>: source ids
    props = component.to_plotly_json()["props"]
    here = f"{where}>{type(component).__name__}#{props.get('id', '')}"
    for key in SHOWN_PROPS:
        if key in props:
            out += component_texts(props[key], here + f"[{key}]")
    for key in ("options",):
        for option in props.get(key) or []:
            if isinstance(option, dict):
                out += component_texts(option.get("label"), here + "[option]")
    if props.get("figure") is not None:
        out += figure_texts(props["figure"], here)
    out += component_texts(props.get("children"), here)
    return out


def figure_texts(figure: Any, where: str) -> list[tuple[str, str]]:
    """Title, subtitle, axis and colour-bar titles, annotations and legend names of a figure."""
    import plotly.graph_objects as go

    fig = figure if isinstance(figure, go.Figure) else go.Figure(figure)
    layout = fig.layout
    out: list[tuple[str, str]] = []
    texts = [layout.title.text, layout.title.subtitle.text, layout.legend.title.text]
    for key in layout:
        if key.startswith(("xaxis", "yaxis")):
            texts.append(layout[key].title.text)
    if fig.data:  # an empty state's message is the data layer's (still inline)
        texts += [a.text for a in layout.annotations or ()]
    for trace in fig.data:
        if trace.name and getattr(trace, "showlegend", None) is not False:
            texts.append(trace.name)
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            texts.append(colorbar.title.text)
    return out + [(f"{where}:figure", t) for t in texts if t]


def data_strings(tables: Any) -> list[str]:
    """Every text cell of the data tables (names, titles, facts), longest first."""
    import pandas as pd

    found: set[str] = set()
    for value in vars(tables).values():
        if isinstance(value, pd.DataFrame):
            for column in value.columns:
                cells = [c for c in value[column].dropna() if isinstance(c, str)]
                if cells:
                    for cell in cells:
                        parts = (p.strip() for p in [cell, *cell.split(";")])
                        # Codes ('export', 'fiscal') are no text a reader sees as such.
                        found.update(p for p in parts if len(p) > 2 and not CODE.match(p))
    return sorted(found, key=len, reverse=True)


def leftover(text: str, data: list[str]) -> str:
    """The interface words of `text` outside the marks (marked parts, data, numbers removed)."""
    rest = re.sub(r"</?(?:br|b|i|sup|sub|span)>", " ", text)  # plotly's tags
    for value in data:  # first: a data-layer text may hold marked parts (a period label)
        if value in rest:
            rest = rest.replace(value, " ")
    while True:
        reduced = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", rest)
        if reduced == rest:
            break
        rest = reduced
    # Identifiers, URLs and repository paths (source ids, links) are data, not words.
    rest = re.sub(r"\S*(?:_|://|[:@/])\S*", " ", rest)
    # Acronyms, codes and file formats (CSV, KAZ, IMF) are no words to translate.
    # data/text.py's dates and amounts ('18 Nov 2022', 'US$1.2 bn') are still inline.
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return " ".join(w for w in words if not w.isupper() and w not in DATA_TEXT_WORDS)


def strings_in(value: Any) -> set[str]:
    """Every string inside a view model (dataclasses, containers, data frames)."""
    import dataclasses

    import pandas as pd

    if isinstance(value, str):
        return {value}
    if isinstance(value, pd.DataFrame):
        return {c for col in value.columns for c in value[col].dropna() if isinstance(c, str)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {t for f in dataclasses.fields(value) for t in strings_in(getattr(value, f.name))}
    if isinstance(value, dict):
        return {t for v in value.values() for t in strings_in(v)}
    if isinstance(value, list | tuple | set):
        return {t for v in value for t in strings_in(v)}
    return set()


def brief_headings(tables: Any, state: Any) -> list[str]:
    """The country brief's headings and table headers (its paragraphs in the title, heading and
    table-head styles), drawn with every chart a blank page (charts are checked as figures)."""
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    import export.brief
    import export.brief_blocks
    import export.brief_charts
    from export.brief import brief_pdf

    seen: list[str] = []

    class Recording(Paragraph):
        """A Paragraph that notes its text when its style is a heading's or a table head's."""

        def __init__(self, text: str, style: Any = None, *args: Any, **kw: Any) -> None:
            if style is not None and style.name in ("title", "h2", "head", "headnum"):
                seen.append(text)
            super().__init__(text, style, *args, **kw)

    class BlankRenderer:
        """Draws every chart as a blank page."""

        def render(self, fig: Any, fmt: str, width: int, height: int, *args: Any) -> bytes:
            buffer = io.BytesIO()
            page = canvas.Canvas(buffer, pagesize=(width, height))
            page.showPage()
            page.save()
            return buffer.getvalue()

    export.brief.Paragraph = Recording
    export.brief_blocks.Paragraph = Recording
    # Blank pages are not Chromium's prints: the check of a chart's drawn scale does not apply.
    export.brief_charts.check_chart_pdf = lambda *args: None
    brief_pdf(tables, state, BlankRenderer(), "http://example.test/?country=KAZ")  # type: ignore[arg-type]
    return seen


def main() -> None:
    """Render with the pseudo-locale and print what is left unmarked."""
    marked = install()
    from dash import html

    from callbacks.charts import chart_outputs, table_caption
    from callbacks.profile import profile_body
    from charts.context import events_notice
    from charts.places import profile_chart
    from charts.registry import CHARTS
    from components import chart_card as card
    from components.layout import sources_content
    from components.page import page_layout
    from data import queries as data_queries
    from data.captions import coverage_summary
    from data.coverage import trade_coverage
    from data.loading import load_tables
    from data.profile import agreement_status_label, membership_matrix, profile
    from data.state import parse_query, rule_notices
    from data.vintage import data_vintage

    tables = load_tables(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data")
    coverage = trade_coverage(tables)
    # Text still written inline by the data layer (README, "Language and strings"): captions,
    # empty states, the coverage list, the vintage line, the events notice, profile facts.
    inline: set[str] = {*coverage_summary(tables), data_vintage(tables)}
    texts: list[tuple[str, str]] = component_texts(page_layout(tables)(), "page")
    # Sources & method joins the page when first opened (callbacks/sources.py).
    texts += component_texts(html.Div(sources_content(tables)), "sources")
    views = (
        "",
        "flow=balance&countries=KAZ",
        "basis=fiscal&flow=export&unit=million",
        "reporter=partner&scale=log&events=1&years=2005-2020",
        "countries=AZE&years=2019-2020&flow=import",
        "country=KAZ&flow=balance",
    )
    for query in views:
        state, notices = parse_query(query, coverage=coverage)
        texts += [(f"notice?{query}", n) for n in [*notices, *rule_notices(state)]]
        inline |= {events_notice(tables, state) or ""}
        for name, output in chart_outputs(tables, state).items():
            if name == "notices":
                texts += [(f"notice?{query}", n) for n in output]
                continue
            *_, summary, frame = output
            texts.append((f"{name}?{query}:summary", summary))
            texts += component_texts(card.data_table(name, frame, table_caption(name)), name)
        for name, spec in CHARTS.items():
            if name != "profile" or state.country:
                result = spec.build(tables, state)
                inline |= {result.caption}
                texts += figure_texts(result.figure, f"{name}?{query}")
        for build in (data_queries.trend_view, data_queries.share_view, data_queries.mirror_view):
            inline |= {build(tables, state).empty_message or ""}
    _, bad = parse_query("countries=XXX&years=1800-1900&flow=nope&basis=fiscal&reporter=partner")
    texts += [("notice?bad", n) for n in bad]
    for query in ("country=KAZ", "country=UZB&compare=TJK"):
        state, _ = parse_query(query, coverage=coverage)
        texts += component_texts(profile_body(tables, state), f"profile?{query}")
    for iso3 in ("KAZ", "UZB", "TJK"):
        inline |= strings_in(profile(tables, iso3))
        inline |= {profile_chart(tables, profile(tables, iso3)).caption}
    inline |= strings_in(membership_matrix(tables))
    inline |= {agreement_status_label(str(v)) for v in tables.agreements["status"]}
    state, _ = parse_query("country=KAZ", coverage=coverage)
    texts += [("brief", t) for t in brief_headings(tables, state)]

    # Only sentences and phrases of the data layer: a lone word ('trade') would hide others.
    inline = {t for t in inline if " " in t.strip() and len(t) >= 8}
    data = sorted({*data_strings(tables), *inline}, key=len, reverse=True)
    unmarked = sorted(
        {
            (w.split(">")[0] + " " + w.split(">")[-1], t, left)
            for w, t in texts
            if (left := leftover(t, data))
        }
    )
    seen = sum(OPEN in t for _, t in texts)
    report = {"marked_names": marked, "marked_texts": seen, "unmarked": unmarked}
    print(json.dumps(report, ensure_ascii=False))  # noqa: T201 (the test reads this output)


if __name__ == "__main__":
    main()

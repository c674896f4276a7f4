"""The country brief PDF: the profile an analyst takes away, on paper.

Headline figures, caveats and the target tracker; the country's charts; agreements,
institutional mechanisms, memberships, corridors and the timeline; every source cited.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any, Final
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib.units import cm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from charts.registry import brief_charts, build_chart, figures_behind_view
from charts.spec import ChartResult
from components import strings
from data import lookups
from data.context import place_paragraph
from data.loading import Tables
from data.profile import (
    CAGR_RULE,
    MIN_CARS_FOR_SHARE,
)
from data.profile import profile as profile_view
from data.schema import SOURCE_ID
from data.state import ViewState, period_label
from export.brief_blocks import (
    FONT,
    FRAME_WIDTH,
    MARGIN,
    MUTED,
    PAGE,
    _agreements_block,
    _caveats_block,
    _corridors_block,
    _headline_table,
    _Labels,
    _mechanisms_block,
    _memberships_block,
    _register_fonts,
    _sources_block,
    _split_ids,
    _styles,
    _targets_block,
    _timeline_block,
)
from export.brief_charts import ChartSlot, place_charts, render_chart_pdf
from export.decorate import export_figure
from export.renderer import ImageRenderer

# A chart drawn 1000 px wide fills the landscape frame (757 pt) at 0.76 pt/px: its 11 px
# footer prints at 8.3 pt and its 20 px title at 15 pt.
CHART_WIDTH_PX: Final = 1000


RENDER_TIMEOUT: Final = 20.0


def headline_figures(tables: Tables, iso3: str) -> pd.DataFrame:
    """The profile's headline figures (data.profile) as a frame: one row per series, in US$."""
    rows = [
        {
            "basis": h.basis,
            "reporter": h.reporter,
            "short": h.short,
            "year": h.year,
            "period": h.period,
            "export": h.export,
            "import": h.import_,
            "balance": h.balance,
            "turnover": h.turnover,
            "share_pct": h.share_pct,
            "rank": h.rank,
            "of": h.rank_of,
            "cagr5": h.cagr5,
            "cagr10": h.cagr10,
            "growth": list(h.growth),
            "sources": list(h.sources),
        }
        for h in profile_view(tables, iso3).headlines
    ]
    return pd.DataFrame(rows)


def brief_chart(tables: Tables, view: ViewState, chart: str) -> ChartResult:
    """A dashboard chart as the brief draws it (the trend's linear axis already starts at 0)."""
    return build_chart(tables, view, chart)


def brief_pdf(
    tables: Tables,
    state: ViewState,
    renderer: ImageRenderer,
    permalink: str,
    now: datetime | None = None,
) -> bytes:
    """The multi-page country brief for `state.country` (charts rendered by `renderer`)."""
    iso3 = state.country
    if iso3 is None:
        raise ValueError("the brief needs a country")
    _register_fonts()
    st = _styles()
    names = lookups.country_names(tables)
    name = names.get(iso3, iso3)
    view = state.with_(countries=(iso3,), country=iso3)
    today = (now or datetime.now(UTC)).date().isoformat()
    profile = profile_view(tables, iso3)
    headline = headline_figures(tables, iso3)
    src = _Labels(tables)

    targets = _targets_block(profile, st, src)
    story: list = [
        Paragraph(strings.BRIEF_TITLE.format(name=escape(name)), st["title"]),
        Paragraph(
            strings.BRIEF_GENERATED.format(
                app=strings.APP_TITLE,
                today=today,
                start=period_label(view.years[0], view.basis),
                end=period_label(view.years[1], view.basis),
                unit=view.unit_label,
            ),
            st["small"],
        ),
        Paragraph(strings.BRIEF_PERMALINK.format(link=escape(permalink)), st["small"]),
        Spacer(1, 0.6 * cm),
        Paragraph(strings.BRIEF_HEADLINES, st["h2"]),
        _headline_table(headline, view, st, src),
        Spacer(1, 0.3 * cm),
        Paragraph(
            "Latest year with both an export and an import figure for each basis and reporter. "
            "Balance = exports − imports; turnover = exports + imports. Share and rank are of "
            "the turnover of the Central Asian Republics with figures in that year (shown "
            f"only where at least {MIN_CARS_FOR_SHARE} of the six have one). CAGR: compound "
            f"annual growth of turnover over 5 and 10 years, where both end years have figures. "
            f"{CAGR_RULE}",
            st["small"],
        ),
        *[
            Paragraph(escape(f"• {h.short}, {h.period}: {h.cagr_note}"), st["small"])
            for h in profile.headlines
            if h.cagr_note
        ],
        Spacer(1, 0.4 * cm),
        # Pakistan's place in the CAR's own trade (data/context.py); its chart follows the others.
        KeepTogether(
            [
                Paragraph(strings.BRIEF_PLACE, st["h2"]),
                Paragraph(escape(place_paragraph(tables, iso3)), st["body"]),
            ]
        ),
        Spacer(1, 0.4 * cm),
        # Heading with its first block only: the whole tracker kept together left page 1 half empty.
        KeepTogether([Paragraph(strings.SECTION_TARGETS, st["h2"]), *targets[:1]]),
        *targets[1:],
        Spacer(1, 0.4 * cm),
    ]
    caveats = _caveats_block(profile, st, src)
    story += [
        KeepTogether([Paragraph(strings.SECTION_CAVEATS, st["h2"]), *caveats[:1]]),
        *caveats[1:],
    ]
    story.append(Spacer(1, 0.5 * cm))
    facts = (
        (
            strings.BRIEF_AGREEMENTS.format(name=escape(name)),
            _agreements_block(profile, names, st, src),
        ),
        (strings.SECTION_MECHANISMS, _mechanisms_block(profile, st, src)),
        (strings.SECTION_MEMBERSHIPS, _memberships_block(profile, st, src)),
        (strings.SECTION_CORRIDORS, _corridors_block(profile, st, src)),
        (strings.SECTION_TIMELINE, _timeline_block(profile, st, src)),
    )
    # The text sections run on without forced breaks (a break after a short section left half a
    # page empty); a heading never ends a page without its table.
    for heading, block in facts:
        story += [KeepTogether([Paragraph(heading, st["h2"]), *block]), Spacer(1, 0.5 * cm)]
    frame_height = PAGE[1] - 2 * MARGIN
    # Charts are drawn at the page's aspect ratio so that each fills its page.
    page_height_px = int(CHART_WIDTH_PX * (frame_height - 12) / FRAME_WIDTH)
    charts: list[tuple[bytes, ChartSlot]] = []
    chart_pages: list = []
    for chart in (spec.name for spec in brief_charts()):
        result = brief_chart(tables, view, chart)
        fig, height = export_figure(
            result,
            subtitle=result.subtitle,
            permalink=permalink,
            width=CHART_WIDTH_PX,
            height=page_height_px,
        )
        pdf = render_chart_pdf(renderer, fig, CHART_WIDTH_PX, height, RENDER_TIMEOUT)
        ratio = height / CHART_WIDTH_PX
        width = min(FRAME_WIDTH, (frame_height - 12) / ratio)
        slot = ChartSlot(width, width * ratio)
        charts.append((pdf, slot))
        chart_pages += [PageBreak(), slot]
        rows = figures_behind_view(tables, view, chart)
        src.cited |= _split_ids(rows.get(SOURCE_ID, pd.Series()))
    # The sources run on after the text; the charts follow, a page each.
    story += [
        KeepTogether(
            [Paragraph(strings.BRIEF_SOURCES, st["h2"]), *_sources_block(tables, src.cited, st)[:1]]
        )
    ]
    story += _sources_block(tables, src.cited, st)[1:]
    story += chart_pages

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=strings.BRIEF_TITLE.format(name=name),
        author=strings.APP_TITLE,
    )

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN,
            MARGIN / 2,
            strings.BRIEF_FOOTER.format(title=strings.BRIEF_TITLE.format(name=name), today=today),
        )
        canvas.drawRightString(
            PAGE[0] - MARGIN, MARGIN / 2, strings.BRIEF_PAGE.format(page=doc.page)
        )
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return place_charts(buffer.getvalue(), charts)

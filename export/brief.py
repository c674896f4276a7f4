"""The country brief PDF: the profile an analyst takes away, on paper.

Headline figures, caveats and the target tracker; the country's charts; agreements,
institutional mechanisms, memberships, corridors and the timeline; every source cited.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

import pandas as pd
import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from data import queries
from data.context import CONTEXT_CHARTS, context_download_rows, place_paragraph
from data.loading import Tables
from data.profile import (
    CAGR_RULE,
    MIN_CARS_FOR_SHARE,
    Growth,
    Profile,
    agreement_status_label,
    date_label,
    millions,
    musd,
    pct_text,
    reference_parts,
)
from data.profile import profile as profile_view
from data.schema import SOURCE_ID
from data.state import ViewState, period_label
from export.renderer import ImageRenderer
from figures.registry import CHARTS, ChartResult, build_chart

BRIEF_CHARTS: Final = ("trend", "balance", "mirror", "partners")
CHART_WIDTH_PX: Final = 1400
CHART_SCALE: Final = 2.0
RENDER_TIMEOUT: Final = 20.0
PAGE: Final = landscape(A4)
MARGIN: Final = 1.5 * cm
FRAME_WIDTH: Final = PAGE[0] - 2 * MARGIN
INK: Final = colors.HexColor("#1F2937")
MUTED: Final = colors.HexColor("#6B7280")
RULE: Final = colors.HexColor("#E5E7EB")
# Agreement parties beyond the six CARs (countries.csv names only those).
OTHER_PARTIES: Final = {"PAK": "Pakistan", "CHN": "China", "AFG": "Afghanistan", "IND": "India"}
KIND_LABEL: Final = {"pta": "PTA", "mou": "MoU"}

# Bitstream Vera ships with reportlab: the en dashes, middle dots and minus signs of our labels
# need a Unicode TrueType font, and a bundled one renders the same on every machine.
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = "Vera", "VeraBd", "VeraIt", "VeraBI"


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / f"{name}.ttf")))
        # <b> and <i> in a Paragraph pick these faces (without the family they are ignored).
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)
    cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": cell,
        "num": ParagraphStyle("num", parent=cell, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=cell, fontName=FONT_BOLD),
        "headnum": ParagraphStyle("headnum", parent=cell, fontName=FONT_BOLD, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=22, leading=28),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18, spaceAfter=6
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14, spaceAfter=3
        ),
    }


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


def _pct(value: Any, signed: bool = False) -> str:
    return pct_text(value, signed).replace("-", "−")  # the same minus sign as the amounts


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
    return ("−" if scaled < 0 else "") + text


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    table.setStyle(TableStyle(style))
    return table


def _widths(fractions: list[float]) -> list[float]:
    """Column widths from fractions of the frame width (they need not add up to exactly 1)."""
    total = sum(fractions)
    return [FRAME_WIDTH * f / total for f in fractions]


class _Labels:
    """Short labels of the sources a block cites, collected for the sources list."""

    def __init__(self, tables: Tables) -> None:
        self.labels = queries.source_labels(tables)
        self.cited: set[str] = set()

    def __call__(self, ids: Any) -> str:
        if isinstance(ids, str):
            ids = ids.split(";")
        chosen = [s for s in dict.fromkeys(ids) if s and s != "nan"]
        self.cited.update(chosen)
        return "; ".join(self.labels.get(s, s) for s in chosen)


def _growth_text(g: Growth | None) -> str:
    if g is None:
        return "–"
    if g.mixed:
        return "not shown: mixed sources"
    return _pct(g.value, signed=True)


def _headline_table(frame: pd.DataFrame, state: ViewState, st: dict, src: _Labels) -> Any:
    if frame.empty:
        return Paragraph("No export and import figures are recorded for this country.", st["body"])
    unit = state.unit_label
    head = [
        _p("Series", st["head"]),
        _p("Latest year", st["head"]),
        *(_p(f"{h} ({unit})", st["headnum"]) for h in ("Exports", "Imports", "Balance")),
        _p(f"Turnover ({unit})", st["headnum"]),
        _p("Share of CARs' turnover", st["headnum"]),
        _p("Rank among CARs", st["headnum"]),
        _p("5-yr CAGR", st["headnum"]),
        _p("10-yr CAGR", st["headnum"]),
        _p("Source (latest year)", st["head"]),
    ]
    rows: list[list[Any]] = [head]
    for r in frame.to_dict("records"):
        basis = "Pakistan fiscal year" if r["basis"] == "fiscal" else "calendar year"
        growth = {g.span: g for g in r["growth"]}
        rows.append(
            [
                Paragraph(f"{escape(str(r['short']))}<br/>{basis}", st["cell"]),
                _p(str(r["period"]), st["cell"]),
                *(
                    _p(amount(r[k], state), st["num"])
                    for k in ("export", "import", "balance", "turnover")
                ),
                _p(_pct(r["share_pct"]), st["num"]),
                _p(f"{int(r['rank'])} of {r['of']}" if not pd.isna(r["rank"]) else "–", st["num"]),
                _p(_growth_text(growth.get(5)), st["num"]),
                _p(_growth_text(growth.get(10)), st["num"]),
                _p(src(r["sources"]), st["cell"]),
            ]
        )
    widths = _widths([3.4, 2.0, 1.8, 1.8, 1.8, 1.9, 1.7, 1.5, 2.0, 2.0, 4.6])
    return _table(rows, widths)


def _caveats_block(view: Profile, st: dict, src: _Labels) -> list:
    out: list = []
    for c in view.caveats:
        cite = f" [{escape(src(c.sources))}]" if c.sources else ""
        out.append(
            Paragraph(
                f"• <b>{escape(c.title)}</b>: {escape(c.text)}<font color='#6B7280'>{cite}</font>",
                st["body"],
            )
        )
    return out


def _targets_block(view: Profile, st: dict, src: _Labels) -> list:
    if not view.targets:
        return [Paragraph("No stated trade target for this country in the sources.", st["body"])]
    out: list = []
    for t in view.targets:
        out.append(
            Paragraph(
                f"<b>Goal: {escape(musd(t.target_usd))}</b> — {escape(t.description)} "
                f"<font color='#6B7280'>[{escape(src(t.source_ids))}]</font>",
                st["body"],
            )
        )
        if t.baseline:
            out.append(Paragraph(escape(t.baseline), st["body"]))
        for b in t.baseline_figures:
            note = f" — {b.note}" if b.note else ""
            out.append(
                Paragraph(
                    f"&nbsp;&nbsp;Also for {t.baseline_year}: {escape(b.label)}: "
                    f"{escape(musd(b.value))} [{escape(src(b.sources))}]"
                    f"<font color='#6B7280'>{escape(note)}</font>",
                    st["small"],
                )
            )
        rows: list[list[Any]] = [
            [
                _p("Latest figure of each series", st["head"]),
                _p("Turnover", st["headnum"]),
                _p("Of the goal", st["headnum"]),
                _p("Source", st["head"]),
            ]
        ]
        for p in t.progress:
            share = (
                f"{p.pct:.1f}%"
                if p.counts
                else f"before the target was set ({t.baseline_year}): not progress"
            )
            rows.append(
                [
                    _p(p.label, st["cell"]),
                    _p(musd(p.value), st["num"]),
                    _p(share, st["num"]),
                    _p(src(p.sources), st["cell"]),
                ]
            )
        out += [_table(rows, _widths([5, 2, 4, 6])), Paragraph(escape(t.caveat), st["small"])]
        out.append(Spacer(1, 0.3 * cm))
    return out


def _agreements_block(view: Profile, names: dict[str, str], st: dict, src: _Labels) -> list:
    rows = view.agreements
    if rows.empty:
        return [Paragraph("No agreements are recorded for this country.", st["body"])]
    head = ["Agreement", "Kind", "Signed", "In force", "Status", "Parties", "Source"]
    data: list[list[Any]] = [[_p(h, st["head"]) for h in head]]
    known = {**OTHER_PARTIES, **names}
    for r in rows.itertuples():
        parties = ", ".join(known.get(p, p) for p in str(r.parties).split(";"))
        about = escape(str(r.description)) if isinstance(r.description, str) else ""
        data.append(
            [
                Paragraph(
                    f"{escape(str(r.name))}<br/><font size='7.5' color='#6B7280'>{about}</font>",
                    st["cell"],
                ),
                _p(KIND_LABEL.get(str(r.kind), str(r.kind).replace("_", " ")), st["cell"]),
                _p(
                    date_label(r.signed, r.signed_precision) if isinstance(r.signed, str) else "–",
                    st["cell"],
                ),
                _p(
                    date_label(r.in_force, r.in_force_precision)
                    if isinstance(r.in_force, str)
                    else "–",
                    st["cell"],
                ),
                _p(agreement_status_label(str(r.status)), st["cell"]),
                _p(parties, st["cell"]),
                _p(src(r.source_id), st["cell"]),
            ]
        )
    return [_table(data, _widths([8.4, 2, 1.8, 1.8, 3.2, 3.6, 2.8]))]


def _mechanisms_block(view: Profile, st: dict, src: _Labels) -> list:
    if view.mechanisms.empty:
        return [Paragraph("No institutional mechanisms recorded.", st["body"])]
    data: list[list[Any]] = [[_p(h, st["head"]) for h in ("Mechanism", "What it is", "Source")]]
    for m in view.mechanisms.itertuples():
        detail = str(m.detail) if isinstance(m.detail, str) else ""
        data.append(
            [_p(str(m.name), st["cell"]), _p(detail, st["cell"]), _p(src(m.source_id), st["cell"])]
        )
    return [_table(data, _widths([7, 12, 3.5]))]


def _memberships_block(view: Profile, st: dict, src: _Labels) -> list:
    if view.memberships.empty:
        return [Paragraph("No memberships recorded.", st["body"])]
    head = ["Body", view.name, "Pakistan", "Source"]
    data: list[list[Any]] = [[_p(h, st["head"]) for h in head]]
    for m in view.memberships.itertuples():
        data.append(
            [
                _p(f"{m.body} — {m.name}", st["cell"]),
                _p(str(m.country), st["cell"]),
                _p(str(m.pakistan), st["cell"]),
                _p(src(m.sources), st["cell"]),
            ]
        )
    note = Paragraph(
        "'—' means the source says not a member; 'not recorded' means no source here says "
        "either way.",
        st["small"],
    )
    return [_table(data, _widths([8, 3, 3, 8])), note]


def _corridors_block(view: Profile, st: dict, src: _Labels) -> list:
    if view.corridors.empty:
        return [Paragraph("No corridor on the dashboard's map involves this country.", st["body"])]
    head = ("Corridor or project", "Kind", "Status", "What it is", "Source")
    data: list[list[Any]] = [[_p(h, st["head"]) for h in head]]
    for c in view.corridors.itertuples():
        data.append(
            [
                _p(str(c.name), st["cell"]),
                _p(str(c.type).replace("_", " "), st["cell"]),
                _p(f"{str(c.status).replace('_', ' ')} ({c.status_when})", st["cell"]),
                _p(str(c.description), st["cell"]),
                _p(src(c.source_ids), st["cell"]),
            ]
        )
    return [_table(data, _widths([5, 2.2, 3, 9.5, 3.5]))]


def _timeline_block(view: Profile, st: dict, src: _Labels) -> list:
    events = view.events
    if events.empty:
        return [Paragraph("No dated events recorded for this country.", st["body"])]
    out: list = []
    if (events["partner_iso3"] == "CAR").all():
        out.append(
            Paragraph(
                f"No dated {escape(view.name)} events in the sources; regional events below.",
                st["small"],
            )
        )
    data: list[list[Any]] = [[_p(h, st["head"]) for h in ("Date", "Event", "Source")]]
    for e in events.itertuples():
        regional = " (regional)" if e.partner_iso3 == "CAR" else ""
        note = (
            f"<br/><font color='#92400E'><i>{escape(str(e.date_note))}</i></font>"
            if isinstance(e.date_note, str) and e.date_note
            else ""
        )
        data.append(
            [
                _p(date_label(e.date, e.date_precision), st["cell"]),
                Paragraph(
                    f"<b>{escape(str(e.title))}</b>{regional}<br/>"
                    f"<font color='#6B7280'>{escape(str(e.description))}</font>{note}",
                    st["cell"],
                ),
                _p(src(e.source_id), st["cell"]),
            ]
        )
    out.append(_table(data, _widths([2.5, 15, 4])))
    return out


def _sources_block(tables: Tables, source_ids: set[str], st: dict) -> list:
    sources = tables.sources[tables.sources[SOURCE_ID].isin(source_ids)].sort_values("short_label")
    if sources.empty:
        return [Paragraph("No sources are cited in this brief.", st["body"])]
    out: list = []
    for r in sources.itertuples():
        url = f" {escape(str(r.url))}" if isinstance(r.url, str) and r.url else ""
        label, detail = reference_parts(r.short_label, r.title, r.publisher)
        out.append(
            Paragraph(
                f"<b>{escape(label)}</b>{': ' + escape(detail) if detail else ''}.{url}. "
                f"Retrieved {escape(str(r.retrieved))}. "
                f"<font color='#6B7280'>{escape(str(r.licence_note))}</font>",
                st["body"],
            )
        )
        out.append(Spacer(1, 4))
    return out


def _split_ids(values: pd.Series) -> set[str]:
    return {s.strip() for v in values.dropna() for s in str(v).split(";") if s.strip()}


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
    from export.image_routes import export_figure  # shared decoration

    iso3 = state.country
    if iso3 is None:
        raise ValueError("the brief needs a country")
    _register_fonts()
    st = _styles()
    names = queries.country_names(tables)
    name = names.get(iso3, iso3)
    view = state.with_(countries=(iso3,), country=iso3)
    today = (now or datetime.now(UTC)).date().isoformat()
    profile = profile_view(tables, iso3)
    headline = headline_figures(tables, iso3)
    src = _Labels(tables)

    story: list = [
        Paragraph(f"Pakistan–{escape(name)} trade brief", st["title"]),
        Paragraph(
            f"Pakistan–Central Asia Trade Dashboard · generated {today} · "
            f"charts for {period_label(view.years[0], view.basis)}–"
            f"{period_label(view.years[1], view.basis)}, {view.unit_label}",
            st["small"],
        ),
        Paragraph(f"Permalink: {escape(permalink)}", st["small"]),
        Spacer(1, 0.6 * cm),
        Paragraph("Headline figures", st["h2"]),
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
                Paragraph("Pakistan's place", st["h2"]),
                Paragraph(escape(place_paragraph(tables, iso3)), st["body"]),
            ]
        ),
        Spacer(1, 0.4 * cm),
        KeepTogether([Paragraph("Target tracker", st["h2"]), *_targets_block(profile, st, src)]),
        Spacer(1, 0.4 * cm),
    ]
    caveats = _caveats_block(profile, st, src)
    story += [KeepTogether([Paragraph("Data caveats", st["h2"]), *caveats[:1]]), *caveats[1:]]
    frame_height = PAGE[1] - 2 * MARGIN
    # Charts are drawn at the page's aspect ratio so that each fills its page.
    page_height_px = int(CHART_WIDTH_PX * (frame_height - 12) / FRAME_WIDTH)
    for chart in (c for c in BRIEF_CHARTS if c in CHARTS):
        result = brief_chart(tables, view, chart)
        fig, height = export_figure(
            result,
            subtitle=result.subtitle,
            permalink=permalink,
            width=CHART_WIDTH_PX,
            height=page_height_px,
        )
        png = renderer.render(fig, "png", CHART_WIDTH_PX, height, CHART_SCALE, RENDER_TIMEOUT)
        ratio = height / CHART_WIDTH_PX
        width = min(FRAME_WIDTH, (frame_height - 12) / ratio)
        story += [PageBreak(), Image(io.BytesIO(png), width=width, height=width * ratio)]
        rows = (
            context_download_rows(tables, view, chart)
            if chart in CONTEXT_CHARTS
            else queries.figures_behind_view(tables, view, chart)
        )
        src.cited |= _split_ids(rows.get(SOURCE_ID, pd.Series()))
    facts = (
        (f"Agreements: Pakistan and {escape(name)}", _agreements_block(profile, names, st, src)),
        ("Institutional mechanisms", _mechanisms_block(profile, st, src)),
        ("Memberships", _memberships_block(profile, st, src)),
        ("Corridors and projects", _corridors_block(profile, st, src)),
        ("Timeline", _timeline_block(profile, st, src)),
    )
    story.append(PageBreak())
    for heading, block in facts:
        # A heading never ends a page without its table.
        story += [KeepTogether([Paragraph(heading, st["h2"]), *block]), Spacer(1, 0.5 * cm)]
    story += [PageBreak(), Paragraph("Sources cited", st["h2"])]
    story += _sources_block(tables, src.cited, st)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Pakistan–{name} trade brief",
        author="Pakistan–Central Asia Trade Dashboard",
    )

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2, f"Pakistan–{name} trade brief · {today}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"Page {doc.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

"""The country brief PDF: headline figures, the country's charts, agreements and sources."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

import pandas as pd
import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from data import queries
from data.loading import Tables
from data.profile import MIN_CARS_FOR_SHARE, agreement_status_label
from data.profile import profile as profile_view
from data.schema import PARTNER, SOURCE_ID
from data.state import (
    REPORTER_LABEL,
    ViewState,
    period_label,
)
from export.renderer import ImageRenderer
from figures.registry import CHARTS, build_chart

BRIEF_CHARTS: Final = ("trend", "balance", "mirror")
CHART_WIDTH_PX: Final = 1400
CHART_SCALE: Final = 2.0
RENDER_TIMEOUT: Final = 20.0
PAGE: Final = landscape(A4)
MARGIN: Final = 1.5 * cm
INK: Final = colors.HexColor("#1F2937")
MUTED: Final = colors.HexColor("#6B7280")
RULE: Final = colors.HexColor("#E5E7EB")
# Agreement parties beyond the six CARs (countries.csv names only those).
OTHER_PARTIES: Final = {"PAK": "Pakistan", "CHN": "China", "AFG": "Afghanistan", "IND": "India"}
KIND_LABEL: Final = {"pta": "PTA", "mou": "MoU"}

# Bitstream Vera ships with reportlab: the en dashes, middle dots and minus signs of our labels
# need a Unicode TrueType font, and a bundled one renders the same on every machine.
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT, FONT_BOLD = "Vera", "VeraBd"


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_FONT_DIR / "VeraBd.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, alignment=TA_LEFT),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=22, leading=28),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18, spaceAfter=6
        ),
    }


def headline_figures(tables: Tables, iso3: str) -> pd.DataFrame:
    """The profile's headline figures (data.profile) as a frame: one row per series, in US$."""
    rows = [
        {
            "basis": h.basis,
            "reporter": h.reporter,
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
            "sources": list(h.sources),
        }
        for h in profile_view(tables, iso3).headlines
    ]
    return pd.DataFrame(rows)


def _pct(value: Any, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def _money(value: Any, state: ViewState) -> str:
    if value is None or pd.isna(value):
        return "–"
    scaled = float(value) / state.divisor
    text = f"{abs(scaled):,.2f}" if state.unit != "usd" else f"{abs(scaled):,.0f}"
    return ("−" if scaled < 0 else "") + text


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ]
    table.setStyle(TableStyle(style))
    return table


def _headline_table(frame: pd.DataFrame, state: ViewState, st: dict) -> Table | Paragraph:
    if frame.empty:
        return Paragraph("No export and import figures are recorded for this country.", st["body"])
    head = [
        "Basis",
        "Reporter",
        "Latest year",
        f"Exports ({state.unit_label})",
        f"Imports ({state.unit_label})",
        f"Balance ({state.unit_label})",
        f"Turnover ({state.unit_label})",
        "Share of CARs' turnover",
        "Rank among CARs",
        "5-yr CAGR",
        "10-yr CAGR",
    ]
    rows: list[list[Any]] = [[Paragraph(h, st["cell"]) for h in head]]
    for r in frame.to_dict("records"):
        rows.append(
            [
                "Pakistan fiscal year" if r["basis"] == "fiscal" else "Calendar year",
                REPORTER_LABEL[str(r["reporter"])].capitalize(),
                r["period"],
                *(_money(r[k], state) for k in ("export", "import", "balance", "turnover")),
                _pct(r["share_pct"]),
                f"{int(r['rank'])} of {r['of']}" if not pd.isna(r["rank"]) else "–",
                _pct(r["cagr5"], signed=True),
                _pct(r["cagr10"], signed=True),
            ]
        )
    widths = [2.9 * cm, 2.9 * cm, 2.1 * cm] + [2.5 * cm] * 4 + [2.2 * cm, 1.9 * cm] + [1.8 * cm] * 2
    table = _table(rows, widths)
    table.setStyle(TableStyle([("ALIGN", (3, 1), (-1, -1), "RIGHT")]))
    return table


def _agreement_rows(tables: Tables, iso3: str) -> pd.DataFrame:
    agreements = tables.agreements
    if agreements.empty or PARTNER not in agreements:
        return agreements.iloc[0:0]
    return agreements[agreements[PARTNER] == iso3]


def _agreements_block(rows: pd.DataFrame, names: dict[str, str], st: dict) -> list:
    if rows.empty:
        return [Paragraph("No agreements are recorded for this country yet.", st["body"])]
    head = ["Agreement", "Kind", "Signed", "In force", "Status", "Parties"]
    data: list[list[Any]] = [[Paragraph(h, st["cell"]) for h in head]]
    known = {**OTHER_PARTIES, **names}
    for r in rows.sort_values("signed", na_position="last").itertuples():
        parties = ", ".join(known.get(p, p) for p in str(r.parties).split(";"))
        about = escape(str(r.description)) if isinstance(r.description, str) else ""
        data.append(
            [
                Paragraph(
                    f"{escape(str(r.name))}<br/><font size='7.5' color='#6B7280'>{about}</font>",
                    st["cell"],
                ),
                KIND_LABEL.get(str(r.kind), str(r.kind).replace("_", " ")),
                r.signed if isinstance(r.signed, str) else "–",
                r.in_force if isinstance(r.in_force, str) else "–",
                agreement_status_label(str(r.status)),
                Paragraph(escape(parties), st["cell"]),
            ]
        )
    widths = [11.5 * cm, 2.4 * cm, 2.2 * cm, 2.2 * cm, 2.8 * cm, 5.6 * cm]
    return [_table(data, widths)]


def _sources_block(tables: Tables, source_ids: set[str], st: dict) -> list:
    sources = tables.sources[tables.sources[SOURCE_ID].isin(source_ids)].sort_values("publisher")
    if sources.empty:
        return [Paragraph("No sources are cited in this brief.", st["body"])]
    out: list = []
    for r in sources.itertuples():
        url = f" {escape(str(r.url))}" if isinstance(r.url, str) and r.url else ""
        out.append(
            Paragraph(
                f"<b>{escape(str(r.publisher))}</b>: {escape(str(r.title))}.{url} "
                f"Retrieved {escape(str(r.retrieved))}. "
                f"<font color='#6B7280'>{escape(str(r.licence_note))}</font>",
                st["body"],
            )
        )
        out.append(Spacer(1, 4))
    return out


def _split_ids(values: pd.Series) -> set[str]:
    return {s.strip() for v in values.dropna() for s in str(v).split(";") if s.strip()}


def brief_pdf(
    tables: Tables,
    state: ViewState,
    renderer: ImageRenderer,
    permalink: str,
    now: datetime | None = None,
) -> bytes:
    """The multi-page country brief for `state.country` (charts rendered by `renderer`)."""
    from export.image_routes import export_figure, export_subtitle  # shared decoration

    iso3 = state.country
    if iso3 is None:
        raise ValueError("the brief needs a country")
    _register_fonts()
    st = _styles()
    names = queries.country_names(tables)
    name = names.get(iso3, iso3)
    view = state.with_(countries=(iso3,), country=iso3)
    today = (now or datetime.now(UTC)).date().isoformat()
    headline = headline_figures(tables, iso3)
    caveats = profile_view(tables, iso3).caveats
    cited: set[str] = {s for ids in headline.get("sources", []) for s in ids}

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
        _headline_table(headline, view, st),
        Spacer(1, 0.3 * cm),
        Paragraph(
            "Latest year with both an export and an import figure for each basis and reporter. "
            "Balance = exports − imports; turnover = exports + imports. Share and rank are of "
            "the turnover of the Central Asian Republics with figures in that year (shown "
            f"only where at least {MIN_CARS_FOR_SHARE} of the six have one). CAGR: compound "
            "annual growth of turnover over 5 and 10 years, where both end years have figures.",
            st["small"],
        ),
        Spacer(1, 0.4 * cm),
        Paragraph("Data caveats", st["h2"]),
        *[
            Paragraph(f"• <b>{escape(c.kind.replace('_', ' '))}</b>: {escape(c.text)}", st["body"])
            for c in caveats
        ],
    ]
    cited |= {s for c in caveats for s in c.sources}
    frame_width = PAGE[0] - 2 * MARGIN
    frame_height = PAGE[1] - 2 * MARGIN
    # Charts are drawn at the page's aspect ratio so that each fills its page.
    page_height_px = int(CHART_WIDTH_PX * (frame_height - 12) / frame_width)
    for chart in (c for c in BRIEF_CHARTS if c in CHARTS):
        result = build_chart(tables, view, chart)
        fig, height = export_figure(
            result,
            subtitle=export_subtitle(tables, view, chart),
            permalink=permalink,
            width=CHART_WIDTH_PX,
            height=page_height_px,
        )
        png = renderer.render(fig, "png", CHART_WIDTH_PX, height, CHART_SCALE, RENDER_TIMEOUT)
        ratio = height / CHART_WIDTH_PX
        width = min(frame_width, (frame_height - 12) / ratio)
        story += [PageBreak(), Image(io.BytesIO(png), width=width, height=width * ratio)]
        cited |= _split_ids(
            queries.figures_behind_view(tables, view, chart).get(SOURCE_ID, pd.Series())
        )
    agreements = _agreement_rows(tables, iso3)
    if "source_id" in agreements:
        cited |= _split_ids(agreements["source_id"])
    story += [PageBreak(), Paragraph(f"Agreements: Pakistan and {escape(name)}", st["h2"])]
    story += _agreements_block(agreements, names, st)
    story += [PageBreak(), Paragraph("Sources cited", st["h2"])]
    story += _sources_block(tables, cited, st)

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

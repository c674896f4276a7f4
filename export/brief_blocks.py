"""The brief's page furniture and blocks: fonts, styles, tables, one block per profile section."""

from __future__ import annotations

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
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from components import strings
from data import lookups
from data.loading import Tables
from data.profile import (
    Growth,
    Profile,
    agreement_status_label,
    reference_parts,
)
from data.schema import SOURCE_ID
from data.state import ViewState
from data.text import amount, date_label, musd, signed_pct

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
        self.labels = lookups.source_labels(tables)
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
        return strings.BRIEF_MIXED_SOURCES
    return signed_pct(g.value, signed=True)


def _headline_table(frame: pd.DataFrame, state: ViewState, st: dict, src: _Labels) -> Any:
    if frame.empty:
        return Paragraph(strings.BRIEF_NO_FIGURES, st["body"])
    unit = state.unit_label
    head = [
        _p(strings.BRIEF_COL_SERIES, st["head"]),
        _p(strings.BRIEF_COL_LATEST, st["head"]),
        *(
            _p(strings.TABLE_IN_UNIT.format(name=h, unit=unit), st["headnum"])
            for h in (strings.HEADLINE_EXPORTS, strings.HEADLINE_IMPORTS, strings.HEADLINE_BALANCE)
        ),
        _p(strings.TABLE_IN_UNIT.format(name=strings.HEADLINE_TURNOVER, unit=unit), st["headnum"]),
        _p(strings.BRIEF_COL_SHARE, st["headnum"]),
        _p(strings.HEADLINE_RANK, st["headnum"]),
        _p(strings.BRIEF_COL_CAGR5, st["headnum"]),
        _p(strings.BRIEF_COL_CAGR10, st["headnum"]),
        _p(strings.HEADLINE_SOURCE, st["head"]),
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
                _p(signed_pct(r["share_pct"]), st["num"]),
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
        return [Paragraph(strings.BRIEF_NO_TARGET, st["body"])]
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
                _p(strings.BRIEF_COL_LATEST_FIGURE, st["head"]),
                _p(strings.HEADLINE_TURNOVER, st["headnum"]),
                _p(strings.BRIEF_COL_OF_GOAL, st["headnum"]),
                _p(strings.TABLE_SOURCE, st["head"]),
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
        return [Paragraph(strings.BRIEF_NO_AGREEMENTS, st["body"])]
    head = list(strings.BRIEF_AGREEMENT_HEAD)
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
        return [Paragraph(strings.BRIEF_NO_MECHANISMS, st["body"])]
    data: list[list[Any]] = [[_p(h, st["head"]) for h in strings.BRIEF_MECHANISM_HEAD]]
    for m in view.mechanisms.itertuples():
        detail = str(m.detail) if isinstance(m.detail, str) else ""
        data.append(
            [_p(str(m.name), st["cell"]), _p(detail, st["cell"]), _p(src(m.source_id), st["cell"])]
        )
    return [_table(data, _widths([7, 12, 3.5]))]


def _memberships_block(view: Profile, st: dict, src: _Labels) -> list:
    if view.memberships.empty:
        return [Paragraph(strings.BRIEF_NO_MEMBERSHIPS, st["body"])]
    head = [strings.MEMBERSHIP_BODY, view.name, strings.PAKISTAN, strings.TABLE_SOURCE]
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
        return [Paragraph(strings.BRIEF_NO_CORRIDORS, st["body"])]
    head = strings.BRIEF_CORRIDOR_HEAD
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
        return [Paragraph(strings.BRIEF_NO_EVENTS, st["body"])]
    out: list = []
    if (events["partner_iso3"] == "CAR").all():
        out.append(
            Paragraph(
                strings.TIMELINE_NONE.format(name=escape(view.name)),
                st["small"],
            )
        )
    data: list[list[Any]] = [[_p(h, st["head"]) for h in strings.BRIEF_EVENT_HEAD]]
    for e in events.itertuples():
        regional = strings.TIMELINE_REGIONAL if e.partner_iso3 == "CAR" else ""
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
        return [Paragraph(strings.BRIEF_NO_SOURCES, st["body"])]
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

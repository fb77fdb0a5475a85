#!/usr/bin/env python3
"""Writes the sample school template examples/school-template/themes/school/docx/lesson.docx
with python-docx (pip install python-docx): a school's 教案 form with a header holding a logo,
and placeholders deliberately split across runs, as Word does when a teacher types or edits
them. Run it again after changing it; the result is committed."""

import io
import struct
import sys
import zlib
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parents[2] / "examples/school-template/themes/school/docx/lesson.docx"


def logo_png(size=96):
    """A green round badge with a white ring: a stand-in school logo."""
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            d = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
            if d > size / 2:
                row += bytes([255, 255, 255])
            elif abs(d - size * 0.33) < size * 0.04:
                row += bytes([255, 255, 255])
            else:
                row += bytes([11, 93, 87])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def runs(paragraph, *parts, bold=False, size=None):
    """Adds each part as its own run: `runs(p, "{{课", "题}}")` splits a placeholder."""
    for part in parts:
        r = paragraph.add_run(part)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        r.font.name = "宋体"
        r._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def cell(table, row, col, *parts, bold=False):
    p = table.cell(row, col).paragraphs[0]
    runs(p, *parts, bold=bold)
    return p


def repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def main():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    # The header: logo, school name and the {{学校}} placeholder split in three runs.
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run().add_picture(io.BytesIO(logo_png()), width=Cm(1.2))
    runs(header, "  青禾实验小学心理健康教育教案本　", "{{学", "校", "}}", size=10)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs(footer, "心理辅导室“青禾小屋”印制 · 授课日期：", "{{日期}}", size=9)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs(title, "{{", "课题", "}}", bold=True, size=18)

    info = doc.add_table(rows=7, cols=4)
    info.style = "Table Grid"
    cell(info, 0, 0, "课　题", bold=True)
    info.cell(0, 1).merge(info.cell(0, 3))
    cell(info, 0, 1, "{{课", "题}}")
    cell(info, 1, 0, "年　级", bold=True)
    cell(info, 1, 1, "{{年级}}")
    cell(info, 1, 2, "时　长", bold=True)
    cell(info, 1, 3, "{", "{时长}", "}")
    cell(info, 2, 0, "课　型", bold=True)
    cell(info, 2, 1, "{{课型}}")
    cell(info, 2, 2, "执教教师", bold=True)
    for i, (label, parts) in enumerate([
        ("教学目标", None),
        ("教学重难点", ("{{教学", "重难点}}")),
        ("教学准备", ("{{教学准备}}",)),
    ]):
        row = 3 + i
        cell(info, row, 0, label, bold=True)
        info.cell(row, 1).merge(info.cell(row, 3))
        if parts:
            cell(info, row, 1, *parts)
        else:
            p = cell(info, row, 1, "认知：", "{{认知", "目标}}")
            runs(info.cell(row, 1).add_paragraph(), "情感：", "{{情感目标}}")
            runs(info.cell(row, 1).add_paragraph(), "行为：", "{{行为", "目标", "}}")
    cell(info, 6, 0, "学　校", bold=True)
    info.cell(6, 1).merge(info.cell(6, 3))
    cell(info, 6, 1, "{{学校}}")

    heading = doc.add_paragraph()
    runs(heading, "教学过程", bold=True, size=14)
    process = doc.add_table(rows=2, cols=5)
    process.style = "Table Grid"
    for i, label in enumerate(["环节", "时间", "教师活动", "学生活动", "设计意图"]):
        cell(process, 0, i, label, bold=True)
    repeat_header(process.rows[0])
    cell(process, 1, 0, "{{环", "节}}", bold=True)
    cell(process, 1, 1, "{{环节时长}}")
    cell(process, 1, 2, "{{教师", "活动}}")
    cell(process, 1, 3, "{{学生活动}}")
    cell(process, 1, 4, "{{设计意图}}")

    for label, parts in [
        ("板书设计", ("{{板书设计}}",)),
        ("其他", ("{{其他", "内容}}")),
        ("教学反思", ("{{教学反思}}",)),
    ]:
        p = doc.add_paragraph()
        runs(p, label, bold=True, size=14)
        runs(doc.add_paragraph(), *parts)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.core_properties.author = "青禾实验小学"
    doc.save(OUT)
    print(OUT, file=sys.stderr)


if __name__ == "__main__":
    main()

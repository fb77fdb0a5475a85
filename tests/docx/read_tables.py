#!/usr/bin/env python3
"""Prints the tables of a .docx as JSON (rows of cells' text, a merged cell once), read with
python-docx: an independent reader for tests/docx.rs."""

import json
import sys

from docx import Document


def cell_text(cell):
    return "\n".join(p.text for p in cell.paragraphs).strip()


def rows(table):
    out = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx repeats a gridSpan cell once per column it covers.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell_text(cell))
        out.append(cells)
    return out


doc = Document(sys.argv[1])
json.dump([rows(t) for t in doc.tables], sys.stdout, ensure_ascii=False)

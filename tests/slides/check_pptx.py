#!/usr/bin/env python3
"""Reads every .pptx of a built site with python-pptx, as a teacher's PowerPoint would.

For each deck beside it (`<stem>-slides.html`): the same number of slides, each slide's title
in the HTML deck, 16:9, every run's Latin and East Asian font set (`<a:latin>`, `<a:ea>`),
a notes slide on every slide, and speaker notes in the deck.

usage: check_pptx.py SITE_DIR
"""
import html
import re
import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def deck_titles(deck: Path):
    text = deck.read_text(encoding="utf-8")
    sections = text.split('<section class="slide ')[1:]
    titles = []
    for s in sections:
        m = re.search(r"<h[12]>(.*?)</h[12]>", s)
        titles.append(html.unescape(m.group(1)) if m else "")
    return titles


def check(pptx: Path, problems: list):
    deck = pptx.with_name(pptx.stem + "-slides.html")
    if not deck.exists():
        problems.append(f"{pptx}: no HTML deck beside it")
        return 0
    titles = deck_titles(deck)
    p = Presentation(str(pptx))
    if (p.slide_width, p.slide_height) != (Emu(12192000), Emu(6858000)):
        problems.append(f"{pptx}: not 16:9 ({p.slide_width}×{p.slide_height})")
    if len(p.slides) != len(titles):
        problems.append(f"{pptx}: {len(p.slides)} slides, the HTML deck has {len(titles)}")
    with_notes = 0
    for i, slide in enumerate(p.slides):
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        if i < len(titles) and titles[i] and titles[i] not in texts:
            problems.append(f"{pptx} slide {i + 1}: title {titles[i]!r} not in {texts[:2]!r}")
        for run in slide.element.iter(A + "r"):
            rpr = run.find(A + "rPr")
            latin = rpr is not None and rpr.find(A + "latin") is not None
            ea = rpr is not None and rpr.find(A + "ea") is not None
            if not (latin and ea):
                problems.append(f"{pptx} slide {i + 1}: a run without latin/ea fonts: {run.findtext(A + 't')!r}")
                break
        if not slide.has_notes_slide:
            problems.append(f"{pptx} slide {i + 1}: no notes slide")
            continue
        if slide.notes_slide.notes_text_frame.text.strip():
            with_notes += 1
    if with_notes == 0:
        problems.append(f"{pptx}: no slide has speaker notes")
    return len(p.slides)


def main():
    site = Path(sys.argv[1])
    problems = []
    files = sorted(site.rglob("*.pptx"))
    if not files:
        print(f"no .pptx under {site}", file=sys.stderr)
        return 1
    slides = sum(check(f, problems) for f in files)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(files)} .pptx, {slides} slides read with python-pptx; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

// Whole sheets: run by `yuxin build --pdf` in the print view, laid out as print (A4 less its
// margins), just before the page is printed. Each sheet (a plan, handout or letter) is paginated
// as the browser will: a part that spills a few lines onto a page of its own, or more pages than
// its `pages:` asks, is tightened step by step within bounds (spacing, line height and writing
// lines, ruled lines dropped from the end of answer boxes, then the type down to the stage's
// minimum). A sheet that still does not fit is put back as it was and reported.
(async (want, pageMm) => {
  const deadline = Date.now() + 30000;
  const same = () => { try { return decodeURI(location.href) === decodeURI(want); } catch (e) { return location.href === want; } };
  while (!same() || document.readyState !== "complete") {
    if (Date.now() > deadline) throw new Error("页面没有加载完");
    await new Promise((r) => setTimeout(r, 20));
  }
  await document.fonts.ready;
  const px = (mm) => (mm * 96) / 25.4;
  const pageH = px(pageMm);
  const NEAR_EMPTY = 0.3; // a last page less full than this is a spill, not a page
  const unbreakable = (el) =>
    el.matches(".answer-box, .draw-box, .stickers, table, .objectives, .reply-slip, figure, img, .sheet-head, .facts, .hotline");
  const isHeading = (el) => /^H[1-6]$/.test(el.tagName);

  function atoms(sheet) {
    const out = [];
    for (const el of sheet.children) {
      if (el.classList.contains("content")) out.push(...el.children);
      else out.push(el);
    }
    return out.filter((el) => el.getClientRects().length > 0 || el.classList.contains("page-break-marker"));
  }

  // Pages the sheet takes, and how full its last page is (px).
  function paginate(sheet) {
    const top0 = sheet.getBoundingClientRect().top;
    const list = atoms(sheet);
    let start = 0;
    let pages = 1;
    for (let i = 0; i < list.length; i++) {
      const el = list[i];
      const r = el.getBoundingClientRect();
      const t = r.top - top0;
      const b = r.bottom - top0;
      if (el.classList.contains("page-break-marker")) {
        start = Math.max(start, t);
        pages++;
        continue;
      }
      if (b - start <= pageH + 0.5) continue;
      let from = t;
      // A heading stays with what follows it.
      if (i > 0 && isHeading(list[i - 1])) from = list[i - 1].getBoundingClientRect().top - top0;
      // A paragraph or list item of up to four lines does not split (two lines at least
      // stay on either side of a break).
      const short = /^(P|LI|DL|BLOCKQUOTE)$/.test(el.tagName) && b - t <= 4.2 * lineOf(sheet);
      if ((unbreakable(el) || isHeading(el) || short) && b - from <= pageH && from > start) {
        start = from;
        pages++;
      } else {
        while (b - start > pageH + 0.5) {
          start += pageH;
          pages++;
        }
      }
    }
    const end = sheet.getBoundingClientRect().bottom - top0;
    return { pages, last: Math.max(0, end - start) };
  }

  const lineOf = (sheet) => {
    const c = sheet.querySelector(".content") || sheet;
    const lh = parseFloat(getComputedStyle(c).lineHeight);
    return lh > 0 ? lh : px(6);
  };

  // The tightening steps, mildest first. Each returns false when it has nothing more to give.
  function steps(sheet) {
    const minPt = parseFloat(sheet.dataset.minPt || "12");
    const bodyPt = () => parseFloat(getComputedStyle(sheet).fontSize) * 0.75;
    return [
      () => (sheet.classList.add("fit-1"), true),
      () => (sheet.classList.add("fit-2"), true),
      () => {
        // Drop one ruled line from the end of the box with the most, keeping two in each.
        const boxes = [...sheet.querySelectorAll(".answer-box")]
          .map((b) => [b, b.querySelectorAll(".write-line")])
          .filter(([, l]) => l.length > 2)
          .sort((a, b) => b[1].length - a[1].length);
        if (!boxes.length) return false;
        const lines = boxes[0][1];
        lines[lines.length - 1].remove();
        sheet.dataset.dropped = String(+(sheet.dataset.dropped || 0) + 1);
        return "again";
      },
      () => {
        const now = bodyPt();
        if (now - 0.5 < minPt - 0.01) return false;
        sheet.style.setProperty("--body", `${now - 0.5}pt`);
        return "again";
      },
    ];
  }

  const results = [];
  for (const sheet of document.querySelectorAll("article.sheet")) {
    const before = paginate(sheet);
    const line = lineOf(sheet);
    const asked = parseInt(sheet.dataset.pages || "0", 10);
    const nearEmpty = before.pages > 1 && before.last < NEAR_EMPTY * pageH;
    const target = asked > 0 ? asked : nearEmpty ? before.pages - 1 : before.pages;
    const result = {
      url: sheet.dataset.url || "",
      natural: before.pages,
      pages: before.pages,
      target,
      level: 0,
      dropped: 0,
      spill: 0,
    };
    if (before.pages > target) {
      const saved = sheet.innerHTML;
      const savedClass = sheet.className;
      const savedStyle = sheet.getAttribute("style");
      let now = before;
      let level = 0;
      for (const step of steps(sheet)) {
        level++;
        let r = step();
        now = paginate(sheet);
        while (r === "again" && now.pages > target) {
          r = step();
          now = paginate(sheet);
        }
        if (now.pages <= target) break;
      }
      if (now.pages <= target) {
        Object.assign(result, { pages: now.pages, level, dropped: +(sheet.dataset.dropped || 0) });
      } else {
        sheet.innerHTML = saved;
        sheet.className = savedClass;
        if (savedStyle === null) sheet.removeAttribute("style");
        else sheet.setAttribute("style", savedStyle);
        delete sheet.dataset.dropped;
        const over = (before.pages - target - 1) * pageH + before.last;
        result.spill = Math.max(1, Math.ceil(over / line - 0.2));
      }
    }
    results.push(result);
  }
  return JSON.stringify(results);
})

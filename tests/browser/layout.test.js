// Layout in headless Chromium: every page type (pages.js) fits a 390 px phone, the training
// syllabus is stacked cards there and shown once, documents use a 1280 px screen with their
// table of contents beside the text, and the calendar page orders its events by the reader's
// own date. Run by .ci/run after `yuxin build`: SITE_DIR is the build's output folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { PAGES } from "./pages.js";
import { serve } from "./serve.js";

const SITE = process.env.SITE_DIR;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(SITE, "set SITE_DIR to the folder `yuxin build` wrote");

let server, base, browser;

before(async () => {
  server = serve(SITE);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(path, width, options = {}) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, ...options });
  const page = await context.newPage();
  if (options.today) await page.clock.setFixedTime(new Date(options.today));
  await page.goto(base + path);
  return { context, page };
}

for (const p of PAGES) {
  test(`${p.name} (${p.path}) fits a 390 px phone without scrolling sideways`, async () => {
    const { context, page } = await open(p.path, 390);
    if (p.bigText) await page.click("button.bigtext");
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    await context.close();
    assert.ok(scroll <= client, `page is ${scroll} px wide in a ${client} px window`);
  });
}

test("a training page shows one syllabus, as stacked cards on a phone", async () => {
  const { context, page } = await open("/training/crisis-intervention/", 390);
  assert.equal(await page.locator("table").count(), 1, "one syllabus table");
  const rows = await page.$$eval(".syllabus-table tbody tr:not(.total)", (trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.getBoundingClientRect());
      return { display: getComputedStyle(tr).display, left: cells.map((c) => Math.round(c.left)), width: Math.min(...cells.map((c) => c.width)) };
    }));
  await context.close();
  assert.ok(rows.length >= 3, JSON.stringify(rows));
  for (const r of rows) {
    assert.equal(r.display, "block", "each session is a card");
    assert.equal(new Set(r.left).size, 1, `cells stacked, not side by side: ${r.left}`);
    assert.ok(r.width > 250, `no narrow column: ${r.width} px`);
  }
});

test("on a 1280 px screen a lesson is centred and its table of contents sits beside the text", async () => {
  const { context, page } = await open("/primary/developmental/adaptation/hello-new-school/", 1280);
  const box = async (sel) => page.locator(sel).first().boundingBox();
  const doc = await box("article.doc");
  const toc = await box("nav.toc");
  const content = await box(".content");
  assert.ok(doc.width >= 950, `the document uses the width: ${doc.width} px`);
  assert.ok(Math.abs(doc.x - (1280 - doc.x - doc.width)) < 40, `centred: ${doc.x}`);
  assert.ok(toc.x > content.x + content.width, "the table of contents is to the right of the text");
  assert.ok(content.width >= 600 && content.width <= 820, `a readable measure: ${content.width} px`);
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(100);
  const after = await box("nav.toc");
  assert.ok(after.y >= 0 && after.y < 100, `the contents stay in view: ${after.y}`);
  await context.close();
});

// The calendar page orders its events by the reader's date, not the build's.
async function calendar(today, options = {}) {
  const { context, page } = await open("/schools/qinghe-primary/events/", 390, { today, ...options });
  const items = await page.$$eval("#event-list li.event", (lis) =>
    lis.map((li) => ({ date: li.dataset.date, ended: !li.querySelector(".ended").hidden })));
  const pastTitle = await page.locator("#event-list .past-title").count();
  await context.close();
  return { items, pastTitle };
}

function assertOrdered({ items, pastTitle }, today) {
  const day = today.slice(0, 10);
  const upcoming = items.filter((i) => i.date >= day);
  const past = items.filter((i) => i.date < day);
  assert.deepEqual(items, [...upcoming, ...past], `upcoming first: ${JSON.stringify(items)}`);
  assert.deepEqual(upcoming.map((i) => i.date), [...upcoming.map((i) => i.date)].sort());
  assert.deepEqual(past.map((i) => i.date), [...past.map((i) => i.date)].sort().reverse());
  assert.ok(upcoming.every((i) => !i.ended) && past.every((i) => i.ended), "past ones say 已结束");
  assert.equal(pastTitle, past.length ? 1 : 0);
}

for (const today of ["2026-08-01T12:00:00+08:00", "2026-12-20T12:00:00+08:00", "2027-06-30T12:00:00+08:00"]) {
  test(`the calendar is right on ${today.slice(0, 10)}, whenever the page was built`, async () => {
    const seen = await calendar(today);
    assert.ok(seen.items.length >= 3, JSON.stringify(seen));
    assertOrdered(seen, today);
  });
}

test("without JavaScript the calendar is ordered by the build date", async () => {
  const { items } = await calendar(undefined, { javaScriptEnabled: false });
  const split = items.findIndex((i) => i.ended);
  const upcoming = split === -1 ? items : items.slice(0, split);
  const past = split === -1 ? [] : items.slice(split);
  assert.ok(past.every((i) => i.ended), `past ones after the upcoming ones: ${JSON.stringify(items)}`);
  assert.deepEqual(upcoming.map((i) => i.date), upcoming.map((i) => i.date).sort());
  assert.deepEqual(past.map((i) => i.date), past.map((i) => i.date).sort().reverse());
  assert.ok(upcoming.every((u) => past.every((p) => u.date > p.date)), JSON.stringify(items));
});

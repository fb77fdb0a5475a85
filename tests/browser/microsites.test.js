// Browser tests of the parent-school microsites, in a real headless Chromium.
// Run by .ci/run after `yuxin build`: SITE_DIR is the build's output folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve } from "./serve.js";

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const SITE = process.env.SITE_DIR;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(SITE, "set SITE_DIR to the folder `yuxin build` wrote");

let server, base, browser;
const external = [];

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

async function open(path, options = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
  const page = await context.newPage();
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) external.push(r.url());
  });
  await page.goto(base + path);
  return { context, page };
}

const SCHOOLS = [
  { id: "qinghe-primary", name: "青禾实验小学" },
  { id: "chenguang-junior", name: "晨光初级中学" },
];

test("each home page shows the school's name and the hotline", async () => {
  for (const s of SCHOOLS) {
    const { context, page } = await open(`/schools/${s.id}/`);
    assert.match(await page.title(), new RegExp(s.name));
    assert.equal(await page.locator("h1").first().innerText(), `${s.name}家长学校`);
    const hotline = page.locator(".hotbar a[href='tel:12356']");
    assert.equal(await hotline.count(), 1);
    assert.ok(await hotline.isVisible(), "hotline visible without scrolling");
    await context.close();
  }
});

async function search(school, query) {
  const { context, page } = await open(`/schools/${school}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !s.includes("正在");
  });
  const hrefs = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
  await context.close();
  return hrefs;
}

for (const [school, query, expected] of [
  ["qinghe-primary", "手机", "/primary/remedial/internet-addiction/parents-pingmu-yueding/"],
  ["qinghe-primary", "不想上学", "/primary/remedial/school-adjustment/parents-buxiang-shangxue/"],
  ["chenguang-junior", "焦虑", "/junior/remedial/exam-anxiety/parents-kaoqian-jiaolv/"],
  // Pages for every stage (the index is one for all schools, filtered by stage) are found too.
  ["chenguang-junior", "倾听一刻钟", "/parents/listen-15/"],
]) {
  test(`searching ${query} in ${school} ranks ${expected} in the top three`, async () => {
    const hrefs = await search(school, query);
    assert.ok(
      hrefs.slice(0, 3).some((h) => h.endsWith(`/schools/${school}${expected}`)),
      `${query}: ${JSON.stringify(hrefs)}`,
    );
    // The school's folder once appeared twice (`/schools/x/schools/x/…`): a link that ends
    // right is not enough, it must lead to the page.
    for (const h of hrefs) {
      assert.equal(new URL(h).pathname.split("/schools/").length, 2, `one school folder in ${h}`);
    }
  });
}

test("a school's search holds only its own stages", async () => {
  const hrefs = await search("chenguang-junior", "手机");
  assert.ok(hrefs.length > 0, "手机 appears in the junior pages too");
  assert.ok(!hrefs.some((h) => h.includes("/primary/")), JSON.stringify(hrefs));
});

test("large text persists across a navigation", async () => {
  const { context, page } = await open("/schools/qinghe-primary/");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await size();
  assert.ok(normal >= 16, `base font ${normal}px`);
  await page.click("button.bigtext");
  assert.ok((await size()) > normal);
  await page.click("nav.tabs a[href='courses/']");
  await page.waitForURL(/courses\/$/);
  assert.ok((await size()) > normal, "still large on the next page");
  assert.equal(await page.getAttribute("button.bigtext", "aria-pressed"), "true");
  await context.close();
});

test("pages work without JavaScript", async () => {
  const { context, page } = await open("/schools/qinghe-primary/", { javaScriptEnabled: false });
  assert.ok(await page.locator(".hotbar a[href='tel:12356']").isVisible());
  assert.equal(await page.locator("button.bigtext").isVisible(), false, "no dead toggle");
  await page.goto(`${base}/schools/qinghe-primary/search/`);
  assert.ok((await page.locator("#all a").count()) > 3, "search page lists every course");
  await context.close();
});

for (const path of [
  "/schools/qinghe-primary/",
  "/schools/qinghe-primary/primary/remedial/internet-addiction/parents-pingmu-yueding/",
  "/schools/qinghe-primary/events/",
  "/schools/chenguang-junior/",
]) {
  test(`axe finds no serious or critical violations on ${path}`, async () => {
    const { context, page } = await open(path);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document));
    const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
    );
    await context.close();
  });
}

// The teacher site on a phone: nothing may widen the page (a long source path once did).
for (const path of [
  "/",
  "/primary/developmental/adaptation/hello-new-school/",
  "/primary/developmental/social/chao-jia-yi-hou/",
  "/training/crisis-intervention/",
]) {
  test(`teacher page ${path} fits a 390 px phone without scrolling sideways`, async () => {
    const { context, page } = await open(path);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px window`);
    await context.close();
  });
}

test("no page made an external request", () => {
  assert.deepEqual(external, []);
});

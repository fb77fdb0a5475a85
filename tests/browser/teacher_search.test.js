// Browser tests of the teacher site's search, in a real headless Chromium over plain files.
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

async function open(path, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) external.push(r.url());
  });
  await page.goto(base + path);
  return { context, page };
}

async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !s.includes("正在");
  });
}

const results = (page) =>
  page.$$eval("#search-results li", (lis) =>
    lis.map((li) => ({
      href: new URL(li.querySelector("a").href).pathname,
      label: li.querySelector(".eyebrow").textContent,
      excerpt: li.querySelector(".excerpt").textContent,
    })),
  );

/** The results of a search opened from its URL, as a teacher's link would open it. */
async function search(params) {
  const { context, page } = await open(`/search/?${new URLSearchParams(params)}`);
  await settled(page);
  const found = await results(page);
  await context.close();
  return found;
}

for (const [params, expected] of [
  [{ q: "焦虑", kind: "教案" }, "/senior/remedial/exam-anxiety/befriend-exam-nerves/"],
  [{ q: "宿舍" }, "/university/developmental/group-and-self/su-she-gong-yue/"],
  [{ q: "手机" }, "/primary/remedial/internet-addiction/parents-pingmu-yueding/"],
  [{ q: "班会" }, "/training/head-teacher/"],
]) {
  test(`searching ${JSON.stringify(params)} ranks ${expected} in the top three`, async () => {
    const found = await search(params);
    assert.ok(found.slice(0, 3).some((r) => r.href === expected), JSON.stringify(found.slice(0, 5)));
  });
}

test("a stage filter chosen on the page narrows the results to that stage", async () => {
  const { context, page } = await open("/search/?q=情绪");
  await settled(page);
  const all = await results(page);
  assert.ok(all.some((r) => !r.label.includes("小学")), "情绪 is found beyond primary school");
  await page.selectOption("#f-stage", "小学");
  await page.waitForURL(/stage=/);
  await settled(page);
  const primary = await results(page);
  assert.ok(primary.length > 0 && primary.length < all.length, `${primary.length} of ${all.length}`);
  assert.ok(primary.every((r) => r.label.endsWith("· 小学")), JSON.stringify(primary));
  assert.ok(primary.some((r) => r.href === "/primary/developmental/social/chao-jia-yi-hou/"));
  await context.close();
});

test("kind and grade filters narrow the results too", async () => {
  const kits = await search({ q: "情绪", kind: "主题班会" });
  assert.ok(kits.length > 0 && kits.every((r) => r.label.startsWith("主题班会")), JSON.stringify(kits));
  const fourth = await search({ q: "情绪", grade: "四年级" });
  assert.ok(fourth.some((r) => r.href === "/primary/developmental/social/chao-jia-yi-hou/"), JSON.stringify(fourth));
  assert.ok(fourth.every((r) => r.href.startsWith("/primary/")), JSON.stringify(fourth));
});

test("excerpts hold the text only: no heading anchors, no Latin full stop after Chinese", async () => {
  const found = await search({ q: "教学过程" });
  assert.ok(found.length > 3);
  for (const r of found) {
    assert.ok(!r.excerpt.includes("#"), r.excerpt);
    assert.ok(!/\p{Script=Han}\.(\s|$)/u.test(r.excerpt), r.excerpt);
  }
});

test("the search page is in the navigation and fits a 390 px phone", async () => {
  const { context, page } = await open("/", 390);
  await page.click(".site-nav a[href='search/']");
  await page.waitForURL(/\/search\/$/);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px window`);
  await page.fill("#q", "情绪");
  await page.press("#q", "Enter");
  await settled(page);
  assert.ok((await results(page)).length > 0);
  await context.close();
});

for (const path of ["/search/?q=情绪&stage=小学", "/class-meetings/", "/primary/"]) {
  test(`axe finds no serious or critical violations on ${path}`, async () => {
    const { context, page } = await open(path);
    if (path.startsWith("/search/")) await settled(page);
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

test("no page made an external request", () => {
  assert.deepEqual(external, []);
});

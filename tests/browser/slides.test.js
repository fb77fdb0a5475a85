// The HTML 课件 decks in a real headless Chromium, opened from file:// as from a USB stick.
// Run by .ci/run after `yuxin build`: SITE_DIR is the build's output folder; SHOTS, when set, is
// a folder for screenshots to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const SITE = process.env.SITE_DIR;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.SHOTS;
const LESSON = "primary/developmental/adaptation/hello-new-school/hello-new-school-slides.html";
assert.ok(SITE, "set SITE_DIR to the folder `yuxin build` wrote");

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});
after(async () => { await browser?.close(); });

async function decks(dir) {
  const found = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await decks(p)));
    else if (e.name.endsWith("-slides.html")) found.push(p);
  }
  return found;
}

// Opens a deck at 1920×1080; every request but the file itself is recorded.
async function open(file) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const requests = [];
  page.on("request", (r) => { if (r.url() !== url) requests.push(r.url()); });
  await page.goto(url);
  return { page, requests, context };
}

const current = (page) =>
  page.evaluate(() => [...document.querySelectorAll("#stage > .slide")].findIndex((s) => s.classList.contains("current")) + 1);

test("a shipped lesson's deck: slide count, keys and clicks, no request, presenter view", async () => {
  const { page, requests, context } = await open(join(SITE, LESSON));
  const n = await page.locator("#stage > .slide").count();
  assert.ok(n >= 3, `slides: ${n}`);
  assert.equal(await page.locator("#stage > .slide .num").first().textContent(), `1 / ${n}`);
  assert.equal(await current(page), 1);
  const steps = [["ArrowRight", 2], ["PageDown", 3], ["PageUp", 2], [" ", 3], ["ArrowLeft", 2],
    ["End", n], ["ArrowRight", n], ["Home", 1], ["ArrowDown", 2], ["ArrowUp", 1]];
  for (const [key, want] of steps) {
    await page.keyboard.press(key);
    assert.equal(await current(page), want, `after ${key}`);
  }
  await page.mouse.click(960, 540);
  assert.equal(await current(page), 2, "a click goes on");
  const size = await page.evaluate(() => {
    const p = document.querySelector(".slide.current .body li, .slide.current .body p");
    const s = parseFloat(getComputedStyle(p.closest(".slide")).getPropertyValue("--s"));
    return parseFloat(getComputedStyle(p).fontSize) * s;
  });
  assert.ok(size >= 28, `body text ${size}px at 1920×1080`);
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "slide-2.png") });
  }
  // The screenshot's text is inside the 16:9 frame.
  const outside = await page.evaluate(() => {
    const frame = document.querySelector(".slide.current").getBoundingClientRect();
    return [...document.querySelectorAll(".slide.current h2, .slide.current p, .slide.current li")]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.left < frame.left || r.right > frame.right + 0.5 || r.top < frame.top || r.bottom > frame.bottom + 0.5).length;
  });
  assert.equal(outside, 0, "text inside the slide");
  await page.keyboard.press("p");
  assert.ok(await page.locator("#side").isVisible(), "presenter view");
  assert.match(await page.locator("#timer").textContent(), /^\+?\d\d:\d\d$/);
  assert.ok((await page.locator("#notes").textContent()).includes("设计意图"));
  assert.ok((await page.locator("#next .slide h2").textContent()).length > 0, "the next slide");
  if (SHOTS) await page.screenshot({ path: join(SHOTS, "presenter.png") });
  await page.keyboard.press("p");
  assert.ok(!(await page.locator("#side").isVisible()));
  // Printing gives one page a slide.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  if (SHOTS) await writeFile(join(SHOTS, "deck.pdf"), pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, n, "one printed page a slide");
  assert.deepEqual(requests, [], "no request leaves the file");
  await context.close();
});

test("every shipped deck: all text of every slide inside its frame, no request", async () => {
  const all = await decks(SITE);
  assert.ok(all.length > 0);
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const requests = [];
  let url = "";
  page.on("request", (r) => { if (r.url() !== url) requests.push(r.url()); });
  for (const file of all) {
    url = pathToFileURL(file).href;
    await page.goto(url);
    const bad = await page.evaluate(() => {
      const out = [];
      document.querySelectorAll("#stage > .slide").forEach((s, i) => {
        document.querySelectorAll("#stage > .slide").forEach((o) => o.classList.toggle("current", o === s));
        const frame = s.getBoundingClientRect();
        for (const e of s.querySelectorAll("h1, h2, p, li, tr, figure")) {
          if (e.closest(".notes")) continue;
          const r = e.getBoundingClientRect();
          if (r.bottom > frame.bottom - 20 * (frame.height / 1080) || r.right > frame.right + 1) {
            out.push(`slide ${i + 1}: ${e.textContent.slice(0, 30)}`);
            break;
          }
        }
      });
      return out;
    });
    problems.push(...bad.map((b) => `${file.slice(SITE.length)} ${b}`));
    problems.push(...requests.splice(0).map((r) => `${file.slice(SITE.length)} requested ${r}`));
  }
  await context.close();
  assert.deepEqual(problems, []);
});

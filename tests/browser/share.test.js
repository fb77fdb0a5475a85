// What parents forward, in a real headless Chromium: the 分享海报 posters (1080 px wide PNGs
// whose QR codes zbarimg decodes to the right school's page), the A4 notice's QR code, and
// 朗读 (hidden without a Chinese voice, reading sentence by sentence with a stubbed
// speechSynthesis). Run by .ci/run after `yuxin build`: SITE_DIR is the build's output folder.
// POSTER_DIR, when set, keeps the posters' PNGs there to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.js";

const SITE = process.env.SITE_DIR;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const KEEP = process.env.POSTER_DIR;
assert.ok(SITE, "set SITE_DIR to the folder `yuxin build` wrote");

let server, base, browser, scratch;
const external = [];

before(async () => {
  server = serve(SITE);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  scratch = mkdtempSync(join(tmpdir(), "yuxin-posters-"));
});

after(async () => {
  await browser?.close();
  server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function open(path, options = {}, init) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) external.push(r.url());
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base + path);
  return { context, page, errors };
}

// A PNG's width and height from its IHDR chunk.
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString(), "PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

function zbar(file) {
  return execFileSync("zbarimg", ["-q", "--raw", file], { encoding: "utf8" }).trim();
}

// Opens the poster of `path` and returns its PNG's bytes, the QR code's text and the page's
// canonical URL.
async function poster(path, name) {
  const { context, page, errors } = await open(path);
  const button = page.locator(".poster-open");
  assert.ok(await button.isVisible(), `分享海报 on ${path}`);
  assert.equal((await button.innerText()).trim(), "分享海报");
  await button.click();
  const img = page.locator(".poster-dialog img.poster-image");
  await img.waitFor({ timeout: 10000 });
  const src = await img.getAttribute("src");
  assert.match(src, /^data:image\/png;base64,/);
  const bytes = Buffer.from(src.split(",")[1], "base64");
  const file = join(KEEP || scratch, `${name}.png`);
  writeFileSync(file, bytes);
  const canonical = await page.getAttribute('link[rel="canonical"]', "href");
  // Closing gives the focus back to the button.
  await page.keyboard.press("Escape");
  assert.equal(await page.locator(".poster-dialog").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  return { bytes, code: zbar(file), canonical };
}

for (const [school, path, name] of [
  ["qinghe-primary", "primary/remedial/internet-addiction/parents-pingmu-yueding/", "qinghe-course"],
  ["chenguang-junior", "junior/remedial/exam-anxiety/parents-kaoqian-jiaolv/", "chenguang-course"],
]) {
  test(`the poster of ${school}'s ${path} is 1080 px wide and its QR code opens that page`, async () => {
    const { bytes, code, canonical } = await poster(`/schools/${school}/${path}`, name);
    const [w, h] = pngSize(bytes);
    assert.equal(w, 1080);
    assert.ok(h > 1200 && h < 2400, `height ${h}`);
    assert.equal(code, canonical);
    assert.ok(code.endsWith(`/schools/${school}/${path}`), code);
  });
}

test("an event's poster leads to its own page, which links its A4 notice", async () => {
  const { context, page } = await open("/schools/qinghe-primary/events/");
  const link = page.locator("li.event .event-links a").first();
  const href = new URL(await link.getAttribute("href"), page.url()).pathname.replace("/schools/qinghe-primary/", "");
  assert.match(href, /^events\/e-\d{8}-\d{4}\/$/);
  await context.close();
  const path = `/schools/qinghe-primary/${href}`;
  const { bytes, code, canonical } = await poster(path, "qinghe-event");
  assert.equal(pngSize(bytes)[0], 1080);
  assert.equal(code, canonical);
  assert.ok(code.endsWith(href), code);
  // The notice: A4 print view whose QR code (SVG, drawn on load) leads to the event's page.
  const notice = await open(`${path}notice/`);
  await notice.page.waitForSelector(".notice-qr svg");
  await notice.page.emulateMedia({ media: "print" });
  const shot = join(scratch, "notice.png");
  await notice.page.locator(".notice-qr").screenshot({ path: shot });
  assert.equal(zbar(shot), canonical);
  assert.equal(await notice.page.locator(".notice-toolbar").isVisible(), false, "toolbar not printed");
  await notice.context.close();
});

test("without a Chinese voice there is no 朗读 button, and nothing breaks", async () => {
  const noVoices = () => {
    // What headless Chromium and many in-app browsers offer: speech without a zh voice.
    window.__voices = [{ lang: "en-US", name: "English" }];
  };
  // Headless Chromium's own speechSynthesis (no voices on Linux), then a stub with only English.
  for (const init of [undefined, `(${noVoices})();(${stub})();`]) {
    const { context, page, errors } = await open(
      "/schools/qinghe-primary/primary/remedial/internet-addiction/parents-pingmu-yueding/",
      {},
      init,
    );
    await page.waitForTimeout(1200); // past the script's late look for voices
    assert.equal(await page.locator(".tts").isVisible(), false);
    assert.equal(await page.locator(".tts-play").isVisible(), false);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

// A speechSynthesis that "speaks" each utterance in 150 ms and records it. `window.__voices`
// (set before) replaces its voice list.
function stub() {
  const spoken = [];
  let paused = false;
  let current = null;
  let timer = null;
  const finish = () => {
    const u = current;
    current = null;
    if (u && u.onend) u.onend({});
  };
  const synth = {
    getVoices: () => window.__voices || [{ lang: "zh-CN", name: "Stub 中文", localService: true }],
    speak(u) {
      spoken.push(u.text);
      current = u;
      if (!paused) timer = setTimeout(finish, 150);
    },
    cancel() { clearTimeout(timer); current = null; },
    pause() { paused = true; clearTimeout(timer); },
    resume() { paused = false; if (current) timer = setTimeout(finish, 150); },
    addEventListener() {},
    get speaking() { return !!current; },
    get paused() { return paused; },
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  window.__spoken = spoken;
}

for (const big of [false, true]) {
  test(`朗读 reads sentence by sentence with a zh-CN voice, pauses and stops${big ? " (大字模式)" : ""}`, async () => {
    const init = big
      ? () => { localStorage.setItem("yuxin-big", "1"); }
      : () => {};
    const { context, page, errors } = await open(
      "/schools/qinghe-primary/primary/remedial/internet-addiction/parents-pingmu-yueding/",
      {},
      `(${init})();(${stub})();`,
    );
    const play = page.locator(".tts-play");
    await play.waitFor({ state: "visible", timeout: 3000 });
    assert.equal((await play.innerText()).trim(), "朗读");
    if (big) {
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains("big")));
    }
    await play.click();
    // The first sentence is the title, highlighted while read.
    await page.waitForFunction(() => window.__spoken.length >= 3);
    const now = await page.locator(".tts-s.tts-now").count();
    assert.equal(now, 1, "one sentence highlighted");
    const first = await page.evaluate(() => window.__spoken[0]);
    assert.equal(first, (await page.locator("article h1").innerText()).trim());
    // Pause holds the reading; 继续 goes on.
    await page.click(".tts-pause");
    assert.equal((await page.locator(".tts-pause").innerText()).trim(), "继续");
    const held = await page.evaluate(() => window.__spoken.length);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__spoken.length), held, "nothing read while paused");
    await page.click(".tts-pause");
    await page.waitForFunction((n) => window.__spoken.length > n + 1, held);
    // Stop: back to the 朗读 button, no highlight.
    await page.click(".tts-stop");
    assert.ok(await play.isVisible());
    assert.equal(await page.locator(".tts-s.tts-now").count(), 0);
    const stopped = await page.evaluate(() => window.__spoken.length);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__spoken.length), stopped, "silent after stop");
    // Every sentence spoken is text of the article, none of the page's chrome.
    const spoken = await page.evaluate(() => window.__spoken);
    const article = await page.locator("article").innerText();
    for (const s of spoken) assert.ok(article.includes(s.trim()), s);
    // The controls stay inside a phone's width.
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("content pages get 朗读 but no poster", async () => {
  const { context, page } = await open("/schools/qinghe-primary/parents/help/", {}, `(${stub})();`);
  await page.locator(".tts-play").waitFor({ state: "visible", timeout: 3000 });
  assert.equal(await page.locator(".poster-open").count(), 0);
  await context.close();
});

test("no page made an external request", () => {
  assert.deepEqual(external, []);
});

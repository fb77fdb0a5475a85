// Accessibility of every page type (pages.js): no serious or critical axe-core violation of
// the WCAG 2 A/AA rules in headless Chromium, on a phone and on a desktop, and no error from
// the Nu HTML Checker (vnu, from the vnu-jar package, run once over all the files with Java).
// Run by .ci/run after `yuxin build`: SITE_DIR is the build's output folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { PAGES } from "./pages.js";
import { serve } from "./serve.js";

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = require("vnu-jar").toString();
const SITE = process.env.SITE_DIR;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(SITE, "set SITE_DIR to the folder `yuxin build` wrote");

let server, base, browser;
const counts = new Map(PAGES.map((p) => [p.name, { axe: 0, vnu: 0 }]));

before(async () => {
  server = serve(SITE);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.close();
  // The figures for a release note: one line per page type.
  for (const [name, c] of counts) console.log(`# ${name}: axe ${c.axe}, vnu ${c.vnu}`);
});

for (const p of PAGES) {
  for (const width of [390, 1280]) {
    test(`axe: no serious or critical WCAG A/AA violation on ${p.name} (${p.path}) at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 844 } });
      const page = await context.newPage();
      await page.goto(base + p.path);
      if (p.bigText) {
        await page.click("button.bigtext");
        assert.equal(await page.getAttribute("button.bigtext", "aria-pressed"), "true");
      }
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
      );
      await context.close();
      const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
      const c = counts.get(p.name);
      c.axe = Math.max(c.axe, bad.reduce((n, v) => n + v.nodes.length, 0));
      assert.deepEqual(
        bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`),
        [],
      );
    });
  }
}

test("vnu: no HTML error on any page type", async () => {
  const files = [...new Set(PAGES.map((p) => join(SITE, p.path, "index.html")))];
  const out = await new Promise((ok) =>
    execFile("java", ["-jar", VNU, "--format", "json", "--errors-only", ...files], { maxBuffer: 1 << 26 },
      (_err, stdout, stderr) => ok(stderr || stdout)),
  );
  const messages = JSON.parse(out).messages.filter((m) => m.type === "error" || m.subType === "fatal");
  for (const p of PAGES) {
    const file = join(SITE, p.path, "index.html");
    counts.get(p.name).vnu = messages.filter((m) => decodeURIComponent(new URL(m.url).pathname) === file).length;
  }
  assert.deepEqual(
    messages.map((m) => `${decodeURIComponent(new URL(m.url).pathname).slice(SITE.length)}:${m.lastLine}: ${m.message}`),
    [],
  );
});

// The teacher site's search: Pagefind's static index (pagefind/ at the site root), no server
// and no CDN. The query and filters live in the URL (?q=情绪&stage=小学&kind=教案&grade=三年级),
// so a search can be linked, and the form works as a plain GET form too.
const form = document.querySelector("form.search");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const selects = [...form.querySelectorAll("select")];
const root = new URL("../", import.meta.url); // the site root (this file is in static/)
const SHOWN = 30;
let pagefind;

// Pagefind ends a Chinese block (a heading, a list item) with ". " so that blocks do not run
// together; in Chinese text that reads as a stray Latin full stop, so it becomes "。".
// An excerpt starts and ends mid-sentence: "…" says so, instead of a stray "：" or "？”".
function tidy(excerpt) {
  const text = excerpt
    .replace(/(\p{Script=Han})((?:<\/mark>)?)\.(\s|$)/gu, "$1$2。")
    .replace(/^[\s.,:;?!)\]，。：；、？！”’）》]+/u, "")
    .trim();
  return text ? `…${text}…` : "";
}

function chosen() {
  const filters = {};
  for (const s of selects) if (s.value) filters[s.name] = s.value;
  return filters;
}

async function run() {
  list.textContent = "";
  const query = input.value.trim();
  const filters = chosen();
  const filtered = Object.keys(filters).length > 0;
  if ([...query].length < 2 && !filtered) {
    status.textContent = query ? "请至少输入两个字。" : "";
    return;
  }
  status.textContent = "正在搜索……";
  try {
    pagefind = pagefind || (await import(new URL("pagefind/pagefind.js", root).href));
    const search = await pagefind.search([...query].length < 2 ? null : query, { filters });
    const total = search.results.length;
    const results = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    status.textContent = total
      ? `找到 ${total} 篇${total > SHOWN ? `，下面是最相关的 ${SHOWN} 篇` : ""}。`
      : "没有找到，换个词或放宽筛选试试，例如“情绪”“焦虑”“班会”。";
    for (const r of results) {
      const li = document.createElement("li");
      const label = document.createElement("p");
      label.className = "eyebrow";
      label.textContent = r.meta.label || "";
      const a = document.createElement("a");
      // Pagefind's URLs are already paths from the server's root, the site's own folder
      // included (its base is the folder above pagefind/): resolving them under the site's
      // folder again put that folder in twice.
      a.href = new URL(r.url, root).href;
      a.textContent = r.meta.title || r.url;
      const h = document.createElement("h2");
      h.append(a);
      const p = document.createElement("p");
      p.className = "excerpt";
      p.innerHTML = tidy(r.excerpt); // Pagefind escapes the page text and adds only <mark>.
      li.append(label, h, p);
      list.append(li);
    }
  } catch (e) {
    // No index: `yuxin serve` makes none, and a site copied without its pagefind/ folder has none.
    status.textContent = "搜索索引不在这里（用 yuxin serve 预览时不建索引，yuxin build 之后就有）。请先按学段或主题查找。";
  }
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const s of selects) {
  const v = params.get(s.name);
  if (v && [...s.options].some((o) => o.value === v)) s.value = v;
}
if (input.value || selects.some((s) => s.value)) run();

function remember() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [k, v] of Object.entries(chosen())) params.set(k, v);
  history.replaceState(null, "", "?" + params.toString());
}
form.addEventListener("submit", (e) => {
  e.preventDefault();
  remember();
  run();
});
for (const s of selects) {
  s.addEventListener("change", () => {
    remember();
    run();
  });
}

// Search with Pagefind's static index: no server, works from any folder the site is served from.
const form = document.querySelector("form.search");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const root = new URL("../", import.meta.url); // the site root (this file is in static/)
let pagefind;

async function run(query) {
  list.textContent = "";
  query = query.trim();
  if ([...query].length < 2) {
    status.textContent = query ? "请至少输入两个字。" : "";
    return;
  }
  status.textContent = "正在搜索……";
  try {
    pagefind = pagefind || (await import(new URL("pagefind/pagefind.js", root).href));
    // One index serves every school's microsite: ask for this school's stages and for the
    // pages of every stage.
    const stages = (form.dataset.stages || "").split(" ").filter(Boolean);
    const search = await pagefind.search(query, { filters: { stage: { any: [...stages, "all"] } } });
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    status.textContent = results.length ? `找到 ${results.length} 篇。` : "没有找到，换个词试试，例如“手机”“睡不着”。";
    for (const r of results) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      // Pagefind's URLs are already paths from the server's root, the site's own folder
      // included (its base is the folder above pagefind/): resolving them under the site's
      // folder again put that folder in twice.
      a.href = new URL(r.url, root).href;
      a.textContent = r.meta.title || r.url;
      const p = document.createElement("p");
      p.innerHTML = r.excerpt; // Pagefind escapes the page text and adds only <mark>.
      li.append(a, p);
      list.append(li);
    }
  } catch (e) {
    status.textContent = "搜索暂时用不了，请在下面按学段查找。";
  }
}

const initial = new URLSearchParams(location.search).get("q") || "";
input.value = initial;
if (initial) run(initial);
form.addEventListener("submit", (e) => {
  e.preventDefault();
  history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  run(input.value);
});

// 大字模式: the page works without this script; it only adds the toggle, remembered in
// localStorage so it holds across pages (the <head> applies it before the first paint).
(function () {
  var root = document.documentElement;
  var button = document.querySelector(".bigtext");
  if (!button) return;
  function show() {
    var on = root.classList.contains("big");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    // One name in both states (axe label-content-name-mismatch): aria-pressed tells the state.
    button.title = on ? "大字模式已打开，再按一次恢复标准字" : "打开大字模式";
  }
  button.hidden = false;
  show();
  button.addEventListener("click", function () {
    var on = root.classList.toggle("big");
    try { localStorage.setItem("yuxin-big", on ? "1" : "0"); } catch (e) { /* private mode */ }
    show();
  });
})();

// 活动日历: upcoming events first, past ones after them (most recent first) and marked
// 已结束, by the reader's own date in Beijing. The page was ordered by its build date, which
// is what a reader without JavaScript sees; this keeps it right as the page ages.
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll("li.event[data-date]"));
  if (!items.length) return;
  var today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  items.forEach(function (li) {
    var past = li.getAttribute("data-date") < today;
    li.classList.toggle("past", past);
    var badge = li.querySelector(".ended");
    if (badge) badge.hidden = !past;
  });
  var list = document.getElementById("event-list");
  if (!list) return;
  var key = function (li) { return li.getAttribute("data-date") + (li.querySelector("time") || li).getAttribute("datetime"); };
  var upcoming = items.filter(function (li) { return !li.classList.contains("past"); });
  var past = items.filter(function (li) { return li.classList.contains("past"); });
  upcoming.sort(function (a, b) { return key(a) < key(b) ? -1 : 1; });
  past.sort(function (a, b) { return key(a) < key(b) ? 1 : -1; });
  var titles = {};
  Array.prototype.forEach.call(list.querySelectorAll("section[data-month]"), function (s) {
    titles[s.getAttribute("data-month")] = s.querySelector("h2").textContent;
  });
  var fresh = document.createDocumentFragment();
  function group(events, isPast) {
    var section = null;
    events.forEach(function (li) {
      var month = li.getAttribute("data-date").slice(0, 7);
      if (!section || section.getAttribute("data-month") !== month) {
        section = document.createElement("section");
        section.className = "block month" + (isPast ? " past" : "");
        section.setAttribute("data-month", month);
        var h = document.createElement("h2");
        h.textContent = titles[month] || month;
        var ul = document.createElement("ul");
        ul.className = "events";
        section.appendChild(h);
        section.appendChild(ul);
        fresh.appendChild(section);
      }
      section.lastChild.appendChild(li);
    });
  }
  group(upcoming, false);
  if (past.length) {
    var h = document.createElement("h2");
    h.className = "past-title";
    h.textContent = "已结束的活动";
    fresh.appendChild(h);
    group(past, true);
  }
  list.textContent = "";
  list.appendChild(fresh);
})();

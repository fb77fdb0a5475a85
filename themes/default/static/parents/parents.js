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

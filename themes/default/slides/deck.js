// yuxin 课件: keys, clicks, full screen and the presenter view. No request leaves the file.
(function () {
  "use strict";
  var W = 1920, H = 1080;
  var slides = Array.prototype.slice.call(document.querySelectorAll("#stage > .slide"));
  var stage = document.getElementById("stage");
  var side = document.getElementById("side");
  var nextBox = document.getElementById("next");
  var notesBox = document.getElementById("notes");
  var timerBox = document.getElementById("timer");
  var count = document.getElementById("count");
  var body = document.body;
  var index = 0, group = null, started = 0, minutes = 0;

  function fit(box, el) {
    var w = box.clientWidth, h = box.clientHeight;
    var s = Math.min(w / W, h / H);
    el.style.setProperty("--s", s);
    el.style.setProperty("--x", (w - W * s) / 2 + "px");
    el.style.setProperty("--y", (h - H * s) / 2 + "px");
  }

  function layout() {
    slides.forEach(function (el) { fit(stage, el); });
    var preview = nextBox.firstChild;
    if (preview) fit(nextBox, preview);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    if (!minutes) { timerBox.textContent = "--:--"; timerBox.className = ""; return; }
    var left = Math.round(minutes * 60 - (Date.now() - started) / 1000);
    var a = Math.abs(left);
    timerBox.textContent = (left < 0 ? "+" : "") + pad(Math.floor(a / 60)) + ":" + pad(a % 60);
    timerBox.className = left < 0 ? "over" : "";
  }

  function show(i) {
    index = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (el, k) { el.classList.toggle("current", k === index); });
    var el = slides[index];
    count.textContent = (index + 1) + " / " + slides.length;
    if (el.dataset.group !== group) {
      group = el.dataset.group;
      minutes = parseFloat(el.dataset.minutes) || 0;
      started = Date.now();
    }
    var notes = el.querySelector(".notes");
    notesBox.innerHTML = notes ? notes.innerHTML : "<p>（本页没有备注）</p>";
    nextBox.innerHTML = "";
    if (slides[index + 1]) {
      var copy = slides[index + 1].cloneNode(true);
      copy.classList.add("current");
      nextBox.appendChild(copy);
    } else {
      nextBox.innerHTML = "<p style=\"color:#aaa;padding:1em\">（最后一页）</p>";
    }
    layout();
    tick();
    if (history.replaceState) history.replaceState(null, "", "#" + (index + 1));
  }

  function presenter() {
    body.classList.toggle("presenter");
    side.hidden = !body.classList.contains("presenter");
    layout();
  }

  function full() {
    var d = document;
    if (d.fullscreenElement || d.webkitFullscreenElement) {
      (d.exitFullscreen || d.webkitExitFullscreen).call(d);
    } else {
      var e = d.documentElement;
      var go = e.requestFullscreen || e.webkitRequestFullscreen;
      if (go) go.call(e);
    }
  }

  var actions = {
    next: function () { show(index + 1); },
    prev: function () { show(index - 1); },
    presenter: presenter,
    full: full
  };

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Spacebar":
      case "Enter": case "n": case "N":
        show(index + 1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
        show(index - 1); break;
      case "Home": show(0); break;
      case "End": show(slides.length - 1); break;
      case "p": case "P": presenter(); break;
      case "f": case "F": full(); break;
      case "Escape": if (body.classList.contains("presenter")) presenter(); return;
      default: return;
    }
    e.preventDefault();
  });

  stage.addEventListener("click", function () { show(index + 1); });
  stage.addEventListener("contextmenu", function (e) { e.preventDefault(); show(index - 1); });
  document.getElementById("controls").addEventListener("click", function (e) {
    var what = e.target.getAttribute && e.target.getAttribute("data-do");
    if (what && actions[what]) actions[what]();
  });
  var hide = 0;
  document.addEventListener("mousemove", function () {
    body.classList.add("moved");
    clearTimeout(hide);
    hide = setTimeout(function () { body.classList.remove("moved"); }, 2500);
  });
  window.addEventListener("resize", layout);
  setInterval(tick, 1000);
  var start = parseInt((location.hash || "").slice(1), 10);
  show(start > 0 ? start - 1 : 0);
})();

// 朗读: reads the article aloud in Chinese with the browser's speech (Web Speech API), sentence
// by sentence, highlighting the sentence being read; pause, go on, stop. The button appears
// only where the browser has a Chinese voice: many in-app browsers and headless Chromium have
// none, and there the page is left as it is.
(function () {
  "use strict";
  var tts = window.speechSynthesis;
  var box = document.querySelector(".tts");
  var article = document.querySelector("article.doc");
  if (!tts || !box || !article || typeof window.SpeechSynthesisUtterance !== "function") return;
  var play = box.querySelector(".tts-play");
  var pause = box.querySelector(".tts-pause");
  var stop = box.querySelector(".tts-stop");
  var voice = null;
  var sentences = null;
  var at = 0;
  var state = "idle"; // idle | speaking | paused
  var run = 0; // a stopped run's late events are ignored

  function chinese(voices) {
    var zh = voices.filter(function (v) { return /^(zh|cmn)([-_]|$)/i.test(v.lang || ""); });
    var cn = zh.filter(function (v) { return /(CN|Hans)/i.test(v.lang); });
    return cn[0] || zh[0] || null;
  }

  function ready() {
    if (voice) return;
    voice = chinese(tts.getVoices() || []);
    if (voice) box.hidden = false;
  }

  // Voices arrive late in Chrome: now, when they change, and once more shortly after.
  ready();
  if (typeof tts.addEventListener === "function") tts.addEventListener("voiceschanged", ready);
  setTimeout(ready, 1000);

  var BLOCKS = "h1, .lede, .content p, .content li, .content h2, .content h3, .content h4, .content blockquote > p, .content td, .content th";

  // Wraps each sentence of the article's text blocks in <span class="tts-s"> once, so the one
  // being read can be highlighted and scrolled to.
  function split() {
    var out = [];
    Array.prototype.forEach.call(article.querySelectorAll(BLOCKS), function (block) {
      if (block.closest("[data-pagefind-ignore], .share-tools, nav, figure, pre")) return;
      if (block.querySelector("p, li")) return; // read its inner blocks instead
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var parts = node.nodeValue.match(/[^。！？!?；;…]+[。！？!?；;…”’」』）)]*|[。！？!?；;…]+/g);
        if (!parts) return;
        var frag = document.createDocumentFragment();
        parts.forEach(function (p) {
          if (!p.trim()) { frag.appendChild(document.createTextNode(p)); return; }
          var span = document.createElement("span");
          span.className = "tts-s";
          span.textContent = p;
          frag.appendChild(span);
          out.push(span);
        });
        node.parentNode.replaceChild(frag, node);
      });
    });
    return out;
  }

  function show(s) {
    state = s;
    play.hidden = s !== "idle";
    pause.hidden = s === "idle";
    stop.hidden = s === "idle";
    pause.textContent = s === "paused" ? "继续" : "暂停";
    box.classList.toggle("tts-on", s !== "idle");
  }

  function mark(i) {
    var old = article.querySelector(".tts-s.tts-now");
    if (old) old.classList.remove("tts-now");
    if (i < 0 || !sentences[i]) return;
    sentences[i].classList.add("tts-now");
    // Scrolled to only when out of sight, so the text does not jump at every sentence.
    var r = sentences[i].getBoundingClientRect();
    var tall = window.innerHeight || document.documentElement.clientHeight;
    if ((r.top < 0 || r.bottom > tall * 0.8) && typeof sentences[i].scrollIntoView === "function") {
      sentences[i].scrollIntoView({ block: "center" });
    }
  }

  function speak(i, mine) {
    if (mine !== run) return;
    // Skip sentences with nothing to say (a lone punctuation mark).
    while (i < sentences.length && !/[\p{L}\p{N}]/u.test(sentences[i].textContent)) i++;
    if (i >= sentences.length) { end(); return; }
    at = i;
    mark(i);
    var u = new SpeechSynthesisUtterance(sentences[i].textContent);
    u.lang = voice.lang || "zh-CN";
    u.voice = voice;
    // A little slower in 大字模式, which grandparents choose.
    u.rate = document.documentElement.classList.contains("big") ? 0.8 : 0.95;
    u.onend = function () { speak(i + 1, mine); };
    u.onerror = function (e) {
      if (e && (e.error === "interrupted" || e.error === "canceled")) return;
      speak(i + 1, mine);
    };
    tts.speak(u);
  }

  function end() {
    run++;
    tts.cancel();
    mark(-1);
    show("idle");
    play.focus();
  }

  play.addEventListener("click", function () {
    if (!sentences) sentences = split();
    run++;
    tts.cancel();
    show("speaking");
    pause.focus();
    speak(0, run);
  });
  pause.addEventListener("click", function () {
    if (state === "speaking") {
      tts.pause();
      show("paused");
    } else if (state === "paused") {
      tts.resume();
      show("speaking");
    }
  });
  stop.addEventListener("click", end);
  // Leaving the page stops the voice (some browsers keep talking otherwise).
  window.addEventListener("pagehide", function () { run++; tts.cancel(); });
  window.yuxinReadAloud = { at: function () { return at; }, state: function () { return state; } };
})();

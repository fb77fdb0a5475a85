// 分享海报: a 1080-pixel-wide PNG of this page to long-press, save and forward into the class
// group. Drawn here, on the reader's phone, with its own Chinese fonts, from what the page
// shows (school, colour, title, summary or the event's time and place, hotline) and a QR code
// to this page (qrcode.js, loaded on the first tap). The build makes no image per poster.
// Without a canvas (or JavaScript) the button stays hidden; the A4 notice's QR code is drawn
// here too, on load, so that printing and the build's PDF have it.
(function () {
  "use strict";
  var W = 1080;
  var PAD = 80;
  var FONT = '"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif';
  var here = document.currentScript && document.currentScript.src;
  var QR_JS = here ? here.replace(/poster\.js(\?.*)?$/, "qrcode.js") : "qrcode.js";

  function loadQr() {
    return new Promise(function (ok, fail) {
      if (window.qrcode) return ok(window.qrcode);
      var s = document.createElement("script");
      s.src = QR_JS;
      s.onload = function () { window.qrcode ? ok(window.qrcode) : fail(new Error("qrcode.js")); };
      s.onerror = function () { fail(new Error("qrcode.js")); };
      document.head.appendChild(s);
    });
  }

  function qrMatrix(url) {
    var q = window.qrcode(0, "M");
    q.addData(url);
    q.make();
    return q;
  }

  // The address a phone can open: the page's canonical URL when the site knows its own
  // (base_url), else where it was opened from.
  function pageUrl() {
    var c = document.querySelector('link[rel="canonical"]');
    if (c && /^https?:/.test(c.href)) return c.href;
    return location.href.split("#")[0];
  }

  function text(sel) {
    var el = document.querySelector(sel);
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function school() {
    var brand = getComputedStyle(document.documentElement).getPropertyValue("--brand").trim();
    var hotlines = Array.prototype.map.call(document.querySelectorAll(".hotbar a"), function (a) {
      var name = a.querySelector(".hl-name");
      var num = a.querySelector("strong");
      return {
        name: name ? name.textContent.trim() : "",
        number: num ? num.textContent.trim() : "",
        h24: !!a.querySelector(".badge24"),
      };
    });
    return { name: text(".brand-name"), color: brand || "#0b5d57", hotlines: hotlines };
  }

  // Lines of at most `width` px: Chinese breaks between any two characters, a Latin word or
  // number stays whole, closing punctuation never starts a line nor opening punctuation ends one. The last line allowed ends
  // in … when the text is longer.
  function wrap(ctx, str, width, max) {
    var tokens = str.match(/[A-Za-z0-9@.:\/_%+-]+|\s+|[\s\S]/g) || [];
    var lines = [];
    var line = "";
    var closing = /^[，。、！？；：”’）》」』】…,.!?;:)]$/;
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      if (line && ctx.measureText(line + t).width > width && !closing.test(t)) {
        // An opening quote or bracket goes down with the word it opens.
        var carry = /[“‘《（「『【(]$/.test(line) && line.length > 1 ? line.slice(-1) : "";
        lines.push(carry ? line.slice(0, -1) : line);
        line = carry + t.trim();
        if (lines.length === max) { line = null; break; }
      } else {
        line += t;
      }
    }
    if (line) lines.push(line);
    if (line === null) {
      var last = lines[max - 1];
      while (last.length && ctx.measureText(last + "…").width > width) last = last.slice(0, -1);
      lines[max - 1] = last.replace(/[，。、；：,.;:\s]+$/, "") + "…";
    }
    return lines;
  }

  // The poster as a canvas. `data`: kind, title, lines (summary) or date/time/place.
  function draw(data, url) {
    var s = school();
    var canvas = document.createElement("canvas");
    var ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("canvas");
    var font = function (px, bold) { return (bold ? "700 " : "400 ") + px + "px " + FONT; };
    var inner = W - 2 * PAD;
    // Measure first: the poster is as tall as its text.
    ctx.font = font(76, true);
    var title = wrap(ctx, data.title || document.title, inner, 3);
    var body = [];
    if (data.date) {
      ctx.font = font(48, false);
      body = body.concat(wrap(ctx, "时间：" + data.date, inner, 1));
      if (data.time) body.push("　　　" + data.time);
      if (data.place) body = body.concat(wrap(ctx, "地点：" + data.place, inner, 2));
    } else if (data.lines) {
      ctx.font = font(46, false);
      body = wrap(ctx, data.lines, inner, 3);
    }
    var q = qrMatrix(url);
    var n = q.getModuleCount();
    var cell = Math.max(4, Math.floor(400 / (n + 8)));
    var qrSide = cell * (n + 8);
    var HEAD = 300;
    var y0 = HEAD + 90;
    var titleTop = y0 + 70;
    var bodyTop = titleTop + title.length * 100 + 30;
    var qrTop = bodyTop + body.length * 72 + 60;
    var footTop = qrTop + qrSide + 70;
    var hot = s.hotlines.slice(0, 2);
    var H = footTop + 110 + hot.length * 70 + 40;
    canvas.width = W;
    canvas.height = H;
    ctx.textBaseline = "alphabetic";
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
    // Head: the school's colour, a badge with its initial, its name.
    ctx.fillStyle = s.color;
    ctx.fillRect(0, 0, W, HEAD);
    ctx.fillStyle = "#fff";
    ctx.beginPath();
    ctx.arc(PAD + 70, HEAD / 2, 70, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = s.color;
    ctx.font = font(76, true);
    ctx.textAlign = "center";
    ctx.fillText((s.name || "校").charAt(0), PAD + 70, HEAD / 2 + 27);
    ctx.textAlign = "left";
    ctx.fillStyle = "#fff";
    var nameX = PAD + 170;
    var nameSize = 60;
    ctx.font = font(nameSize, true);
    while (nameSize > 36 && ctx.measureText(s.name).width > W - PAD - nameX) {
      nameSize -= 2;
      ctx.font = font(nameSize, true);
    }
    ctx.fillText(wrap(ctx, s.name, W - PAD - nameX, 1)[0] || "", nameX, HEAD / 2 - 8);
    ctx.font = font(40, false);
    ctx.fillText("家长学校", nameX, HEAD / 2 + 56);
    // Kind, title, summary or time and place.
    ctx.fillStyle = s.color;
    ctx.font = font(40, true);
    ctx.fillText(data.kind || "家长学校", PAD, y0);
    ctx.fillStyle = "#111";
    ctx.font = font(76, true);
    title.forEach(function (l, i) { ctx.fillText(l, PAD, titleTop + 76 + i * 100); });
    ctx.fillStyle = "#333";
    ctx.font = data.date ? font(48, false) : font(46, false);
    body.forEach(function (l, i) { ctx.fillText(l, PAD, bodyTop + 50 + i * 72); });
    // QR code with its quiet zone (4 modules), framed, and what to do with it.
    ctx.fillStyle = "#fff";
    ctx.fillRect(PAD, qrTop, qrSide, qrSide);
    ctx.strokeStyle = "#ccc";
    ctx.lineWidth = 2;
    ctx.strokeRect(PAD - 1, qrTop - 1, qrSide + 2, qrSide + 2);
    ctx.fillStyle = "#000";
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) {
        if (q.isDark(r, c)) ctx.fillRect(PAD + (c + 4) * cell, qrTop + (r + 4) * cell, cell, cell);
      }
    }
    var tx = PAD + qrSide + 50;
    var tw = W - PAD - tx;
    ctx.fillStyle = "#111";
    ctx.font = font(44, true);
    wrap(ctx, "长按识别二维码", tw, 2).forEach(function (l, i) { ctx.fillText(l, tx, qrTop + 90 + i * 58); });
    ctx.fillStyle = "#555";
    ctx.font = font(36, false);
    wrap(ctx, data.date ? "看活动详情，加入手机日历" : "打开这节微课，读全文", tw, 3)
      .forEach(function (l, i) { ctx.fillText(l, tx, qrTop + 200 + i * 50); });
    // Foot: the hotlines.
    ctx.fillStyle = s.color;
    ctx.fillRect(0, footTop, W, H - footTop);
    ctx.fillStyle = "#fff";
    ctx.font = font(40, true);
    ctx.fillText("需要帮助时，请拨打", PAD, footTop + 75);
    hot.forEach(function (h, i) {
      ctx.font = font(46, true);
      var line = h.name + "  " + h.number + (h.h24 ? "（24小时）" : "");
      ctx.fillText(wrap(ctx, line, inner, 1)[0], PAD, footTop + 145 + i * 70);
    });
    return canvas;
  }

  function close(dialog, opener) {
    dialog.remove();
    document.removeEventListener("keydown", dialog._esc);
    if (opener) opener.focus();
  }

  function open(button) {
    var data = {
      kind: button.getAttribute("data-kind"),
      // A micro-course's title and summary are the page's own (h1, description): not repeated
      // in the button, which 1,500 schools' 20,000 pages would carry.
      title: button.getAttribute("data-title") || text("article h1"),
      lines: button.hasAttribute("data-date") ? null
        : button.getAttribute("data-lines") || (document.querySelector('meta[name="description"]') || {}).content,
      date: button.getAttribute("data-date"),
      time: button.getAttribute("data-time"),
      place: button.getAttribute("data-place"),
    };
    var dialog = document.createElement("div");
    dialog.className = "poster-dialog";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "分享海报");
    dialog.innerHTML = '<div class="poster-box"><p class="poster-status" role="status">正在生成海报…</p>' +
      '<button type="button" class="poster-close">关闭</button></div>';
    document.body.appendChild(dialog);
    var box = dialog.querySelector(".poster-box");
    var status = dialog.querySelector(".poster-status");
    var closeButton = dialog.querySelector(".poster-close");
    closeButton.addEventListener("click", function () { close(dialog, button); });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) close(dialog, button); });
    dialog._esc = function (e) { if (e.key === "Escape") close(dialog, button); };
    document.addEventListener("keydown", dialog._esc);
    closeButton.focus();
    loadQr().then(function () {
      var png = draw(data, pageUrl()).toDataURL("image/png");
      var img = new Image();
      img.className = "poster-image";
      img.alt = "海报：" + (data.title || document.title);
      img.src = png;
      var save = document.createElement("a");
      save.className = "button poster-save";
      save.href = png;
      save.download = (data.title || "海报").replace(/[\\/:*?"<>|]/g, "-") + ".png";
      save.textContent = "保存图片";
      status.textContent = "长按图片，可以保存或发给家长群；电脑上点“保存图片”。";
      box.insertBefore(img, status);
      box.insertBefore(save, closeButton);
    }).catch(function () {
      status.textContent = "这个浏览器画不了海报，可以直接转发本页链接。";
    });
  }

  var buttons = document.querySelectorAll(".poster-open");
  var canDraw = !!(document.createElement("canvas").getContext && window.Promise);
  Array.prototype.forEach.call(buttons, function (b) {
    if (!canDraw) return;
    b.hidden = false;
    b.addEventListener("click", function () { open(b); });
  });

  // The A4 notice's QR code, drawn as SVG (crisp in print) before the page finishes loading.
  Array.prototype.forEach.call(document.querySelectorAll(".notice-qr[data-url]"), function (el) {
    if (!window.qrcode) return;
    el.innerHTML = qrMatrix(el.getAttribute("data-url")).createSvgTag({ cellSize: 4, margin: 16, scalable: true });
  });

  window.yuxinPoster = { draw: draw, wrap: wrap };
})();

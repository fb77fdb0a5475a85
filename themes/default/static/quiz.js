/* Quiz self-check: adds answer inputs and a check button to each question. Without
   JavaScript the questions and the folded answers still read well. */
(function () {
  "use strict";
  var letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  document.querySelectorAll(".quiz .quiz-question").forEach(function (q, n) {
    var kind = q.getAttribute("data-kind");
    var answer = q.getAttribute("data-answer");
    var name = "quiz-" + n;
    var options = q.querySelectorAll(".quiz-options > li");
    if (kind === "judge") {
      var list = document.createElement("ol");
      list.className = "quiz-options quiz-judge";
      [["true", "对"], ["false", "错"]].forEach(function (pair) {
        var li = document.createElement("li");
        li.setAttribute("data-value", pair[0]);
        li.textContent = pair[1];
        list.appendChild(li);
      });
      q.insertBefore(list, q.querySelector(".quiz-answer"));
      options = list.querySelectorAll("li");
    }
    options.forEach(function (li, i) {
      var input = document.createElement("input");
      input.type = kind === "multiple" ? "checkbox" : "radio";
      input.name = name;
      input.value = li.getAttribute("data-value") || String(i);
      var label = document.createElement("label");
      label.appendChild(input);
      while (li.firstChild) { label.appendChild(li.firstChild); }
      li.appendChild(label);
    });
    var result = document.createElement("p");
    result.className = "quiz-result";
    result.setAttribute("aria-live", "polite");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "quiz-check";
    button.textContent = "检查答案";
    button.addEventListener("click", function () {
      var chosen = [];
      q.querySelectorAll("input[name='" + name + "']:checked").forEach(function (el) { chosen.push(el.value); });
      if (chosen.length === 0) { result.textContent = "请先选择答案。"; return; }
      var right = chosen.sort().join(",") === answer.split(",").sort().join(",");
      var shown = kind === "judge" ? (answer === "true" ? "对" : "错")
        : answer.split(",").map(function (i) { return letters[Number(i)]; }).join("、");
      result.textContent = right ? "✓ 回答正确。" : "✗ 再想想。正确答案：" + shown;
      result.className = "quiz-result " + (right ? "right" : "wrong");
      var details = q.querySelector(".quiz-answer");
      if (details) { details.open = true; }
    });
    q.insertBefore(button, q.querySelector(".quiz-answer"));
    q.insertBefore(result, q.querySelector(".quiz-answer"));
  });
})();

/* qbank self-check: the one script of the site. Choice and numeric questions are answered on
 * the page with immediate feedback; "Another variant" cycles through the variants generated at
 * build time, each with its own key. Content never carries script: this file is the theme's. */
(function () {
  "use strict";

  function parseNumber(text) {
    var t = String(text).trim().replace(/\u2212/g, "-").replace(/\s+/g, "");
    if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(",", ".");   // 0,5 -> 0.5
    t = t.replace(/,(?=\d{3}(\D|$))/g, "");                     // 1,000 -> 1000
    var m = t.match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/);
    if (!m) return NaN;
    var rest = t.slice(m[0].length);
    var value = parseFloat(m[0]);
    if (rest === "%") return value;
    return rest === "" || /^[a-zA-Z%\u00b5/^·*0-9-]*$/.test(rest) ? value : NaN;
  }

  function say(form, ok, text) {
    var out = form.querySelector(".qbank-feedback");
    out.textContent = text;
    out.classList.toggle("qbank-right", ok === true);
    out.classList.toggle("qbank-wrong", ok === false);
  }

  function checkChoices(form) {
    var items = form.querySelectorAll(".qbank-choice");
    var chosen = 0, right = true;
    items.forEach(function (li) {
      var input = li.querySelector("input");
      var correct = li.getAttribute("data-correct") === "true";
      var why = li.querySelector(".qbank-why");
      li.classList.remove("qbank-is-right", "qbank-is-wrong");
      if (input.checked) {
        chosen += 1;
        li.classList.add(correct ? "qbank-is-right" : "qbank-is-wrong");
        if (why) why.hidden = false;
      } else if (why) {
        why.hidden = true;
      }
      if (input.checked !== correct) right = false;
    });
    if (!chosen) { say(form, null, "Choose an answer first."); return; }
    if (right) {
      say(form, true, "Right. The answer is " + form.getAttribute("data-key") + ".");
    } else if (form.getAttribute("data-kind") === "multiple") {
      say(form, false, "Not quite: choose every correct answer, and only those.");
    } else {
      say(form, false, "Wrong. Read why, and try again.");
    }
  }

  function checkNumber(form) {
    var input = form.querySelector("input");
    var given = parseNumber(input.value);
    if (isNaN(given)) { say(form, null, "Enter a number, e.g. 0.25 or 1e-3."); return; }
    var value = parseFloat(form.getAttribute("data-value"));
    var tol = parseFloat(form.getAttribute("data-tolerance")) || 0;
    var slack = tol + 1e-9 * Math.max(1, Math.abs(value));
    if (Math.abs(given - value) <= slack) {
      say(form, true, "Right" + (tol ? " (within \u00b1" + tol + ")." : "."));
    } else {
      say(form, false, "Wrong: " + given + " is not the answer" +
          (tol ? " (tolerance \u00b1" + tol + ")." : ". Try again."));
    }
  }

  function cycle(box) {
    var variants = box.querySelectorAll(".qbank-variant");
    var shown = 0;
    variants.forEach(function (v, i) { if (!v.hidden) shown = i; });
    var next = (shown + 1) % variants.length;
    variants[shown].hidden = true;
    variants[next].hidden = false;
    var title = variants[next].getAttribute("data-title");
    var heading = document.querySelector("article h1");
    if (title && heading) heading.textContent = title;  // a variant's title has its numbers
    var label = box.querySelector(".qbank-variant-label");
    if (label) {
      label.textContent = "Variant " + (next + 1) + " of " + variants.length +
        " (seed " + variants[next].getAttribute("data-seed") + ")";
    }
  }

  function init(root) {
    root.querySelectorAll("form.qbank-check").forEach(function (form) {
      if (form.dataset.qbankReady) return;
      form.dataset.qbankReady = "1";
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (form.getAttribute("data-kind") === "numeric") checkNumber(form);
        else checkChoices(form);
      });
    });
    root.querySelectorAll(".qbank-variants").forEach(function (box) {
      var button = box.querySelector(".qbank-another");
      if (!button || button.dataset.qbankReady) return;
      button.dataset.qbankReady = "1";
      button.addEventListener("click", function () { cycle(box); });
    });
  }

  window.qbankParseNumber = parseNumber;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();

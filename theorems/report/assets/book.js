(function () {
  "use strict";
  var failures = 0;
  function typeset() {
    if (!window.katex) { return; }
    var nodes = document.querySelectorAll(".tex[data-tex]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i], plain = el.textContent;
      try {
        katex.render(el.getAttribute("data-tex"), el, {throwOnError: true, strict: "ignore", displayMode: false});
        el.setAttribute("title", plain);
      } catch (e) {
        failures += 1; el.classList.add("failed"); el.textContent = plain;
      }
    }
    if (window.renderMathInElement) {
      var slides = document.querySelectorAll(".slide-text");
      for (var j = 0; j < slides.length; j++) {
        renderMathInElement(slides[j], {delimiters: [{left: "$$", right: "$$", display: true},
          {left: "$", right: "$", display: false}], throwOnError: false, strict: "ignore"});
      }
    }
    document.body.setAttribute("data-katex-failures", String(failures));
    document.body.setAttribute("data-slide-math-errors", String(document.querySelectorAll(".slide-text .katex-error").length));
  }
  function search() {
    var box = document.getElementById("search"), list = document.getElementById("search-results");
    if (!box || !list) { return; }
    box.addEventListener("input", function () {
      var q = box.value.trim().toLowerCase();
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (q.length < 2) { return; }
      var index = window.BOOK_INDEX || [], shown = 0;
      for (var i = 0; i < index.length && shown < 40; i++) {
        var it = index[i];
        if ((it.id + " " + it.statement + " " + it.section).toLowerCase().indexOf(q) < 0) { continue; }
        var a = document.createElement("a");
        a.href = it.href; a.className = "hit"; a.setAttribute("data-id", it.id);
        var code = document.createElement("code"); code.textContent = it.id;
        a.appendChild(code);
        a.appendChild(document.createTextNode(" [" + it.outcome + "] " + it.statement));
        list.appendChild(a); shown += 1;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { typeset(); search(); });
})();

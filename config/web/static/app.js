// Relatoría: the record page's items and text point at each other. Without this script the
// links still jump to the passage; with it, the passage is highlighted and a click on a marked
// passage goes back to its item.
"use strict";
(function () {
  var text = document.getElementById("text");
  if (!text) return;
  function clear() {
    document.querySelectorAll("mark.active, li.active").forEach(function (e) { e.classList.remove("active"); });
  }
  function marksOf(key) {
    return Array.prototype.filter.call(text.querySelectorAll("mark[data-items]"), function (m) {
      return m.getAttribute("data-items").split(" ").indexOf(key) >= 0;
    });
  }
  function show(key) {
    clear();
    var marks = marksOf(key);
    marks.forEach(function (m) { m.classList.add("active"); });
    var item = document.getElementById("i-" + key);
    if (item) item.classList.add("active");
    var start = document.getElementById("t-" + key);
    if (!start) return;
    if (text.scrollHeight > text.clientHeight + 1) {
      // Side by side: the text scrolls in its own box, the page stays where it is.
      var box = text.getBoundingClientRect(), at = start.getBoundingClientRect();
      text.scrollTop += at.top - box.top - box.height / 3;
      if (box.top < 0 || box.bottom > window.innerHeight) text.scrollIntoView({ block: "nearest" });
    } else {
      // One column (a phone): the page scrolls to the passage.
      (marks[0] || start).scrollIntoView({ block: "center" });
    }
  }
  document.querySelectorAll("a.item[data-item]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      var key = a.getAttribute("data-item");
      show(key);
      history.replaceState(null, "", "#t-" + key);
    });
  });
  text.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-items]");
    if (!mark) return;
    var key = mark.getAttribute("data-items").split(" ")[0];
    var item = document.getElementById("i-" + key);
    clear();
    marksOf(key).forEach(function (m) { m.classList.add("active"); });
    if (item) {
      item.classList.add("active");
      item.scrollIntoView({ block: "center", behavior: "smooth" });
      var link = item.querySelector("a.item");
      if (link) link.focus({ preventScroll: true });
    }
  });
  if (location.hash.indexOf("#t-") === 0) show(location.hash.slice(3));
})();

// Relatoría: the review page's edit mode. Builds the JSON of every field from the form and
// sends it as PATCH /api/v1/records/{id} (the server logs only what changed); adds, removes
// and re-anchors items; makes a new item from the text selected in the document.
"use strict";
(function () {
  var page = document.querySelector(".review-edit");
  if (!page) return;
  var id = page.getAttribute("data-id"), csrf = page.getAttribute("data-csrf");
  var status = document.getElementById("edit-status");
  var text = document.getElementById("text");
  var optional = { organization: 1, role: 1, owner: 1, due: 1 };

  function say(message, bad) {
    status.textContent = message;
    status.className = "status" + (bad ? " bad" : " ok");
  }
  function value(el) { return el ? el.value.trim() : ""; }
  function orNull(s) { return s === "" ? null : s; }

  // The offsets, in Unicode scalars of the record's text, of the current selection in the text.
  function selectionOffsets() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    function offset(container, at) {
      var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT), n = 0, node;
      if (container.nodeType !== Node.TEXT_NODE) {
        // An element boundary: count the text before its at-th child.
        var r = document.createRange();
        r.setStart(text, 0);
        r.setEnd(container, at);
        return Array.from(r.toString()).length;
      }
      while ((node = walker.nextNode())) {
        if (node === container) return n + Array.from(node.data.slice(0, at)).length;
        n += Array.from(node.data).length;
      }
      return n;
    }
    var start = offset(range.startContainer, range.startOffset), end = offset(range.endContainer, range.endOffset);
    var chosen = range.toString();
    // Leading and trailing spaces are left out of the passage.
    var lead = Array.from(chosen).length - Array.from(chosen.replace(/^\s+/, "")).length;
    var trail = Array.from(chosen).length - Array.from(chosen.replace(/\s+$/, "")).length;
    start += lead; end -= trail;
    if (end <= start) return null;
    return { start: start, end: end, text: chosen.trim().replace(/\s+/g, " ") };
  }

  function setAnchor(li, a) {
    li.querySelector(".start").value = a ? String(a.start) : "";
    li.querySelector(".end").value = a ? String(a.end) : "";
    li.querySelector(".anchor-state").textContent = a ? (page.getAttribute("data-anchored") || "↧") + " " + a.start + "–" + a.end : "—";
  }

  function wire(li) {
    li.querySelector(".remove").addEventListener("click", function () {
      var list = li.parentNode;
      li.remove();
      var first = list.querySelector(".main");
      (first || list.parentNode.querySelector(".add")).focus();
    });
    li.querySelector(".reanchor").addEventListener("click", function () {
      var a = selectionOffsets();
      if (!a) { say(page.getAttribute("data-select-first") || "Select the passage in the document first.", true); return; }
      setAnchor(li, a);
      say(page.getAttribute("data-reanchored") || "Anchored at the selected passage.");
    });
  }

  function addItem(fieldset, from) {
    var li = fieldset.querySelector("template").content.firstElementChild.cloneNode(true);
    fieldset.querySelector(".edit-items").appendChild(li);
    wire(li);
    if (from) {
      li.querySelector(".main").value = from.text;
      setAnchor(li, from);
    }
    li.querySelector(".main").focus();
    return li;
  }

  document.querySelectorAll(".edit-item").forEach(wire);
  document.querySelectorAll("fieldset.list").forEach(function (fs) {
    fs.querySelector(".add").addEventListener("click", function () { addItem(fs, null); });
  });
  document.querySelectorAll(".make-item").forEach(function (b) {
    // Keep the selection when the button is pressed with the mouse.
    b.addEventListener("mousedown", function (e) { e.preventDefault(); });
    b.addEventListener("click", function () {
      var a = selectionOffsets();
      if (!a) { say(page.getAttribute("data-select-first") || "Select the passage in the document first.", true); return; }
      addItem(document.querySelector('fieldset.list[data-field="' + b.getAttribute("data-field") + '"]'), a);
      say(page.getAttribute("data-item-made") || "Added from the selected passage.");
    });
  });

  // The item of a row: its original keys (an item's confidence, ...) with the form's values.
  function item(field, li) {
    var original = li.getAttribute("data-original");
    var o = original ? JSON.parse(original) : {};
    var main = value(li.querySelector(".main"));
    if (field === "attendees") o.name = main; else o.text = main;
    ["organization", "role", "owner", "due"].forEach(function (k) {
      var el = li.querySelector("." + k);
      if (el) o[k] = orNull(value(el));
    });
    var parties = li.querySelector(".parties");
    if (parties) o.parties = value(parties) === "" ? [] : value(parties).split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    if (field === "attendees") { if (!("organization" in o)) o.organization = null; if (!("role" in o)) o.role = null; }
    if (field === "actions") { if (!("owner" in o)) o.owner = null; if (!("due" in o)) o.due = null; }
    var s = value(li.querySelector(".start")), e = value(li.querySelector(".end"));
    if (s !== "" && e !== "") o.anchor = { start: parseInt(s, 10), end: parseInt(e, 10) }; else delete o.anchor;
    return o;
  }

  function patch() {
    var body = {
      title: value(document.getElementById("f-title")),
      date: orNull(value(document.getElementById("f-date"))),
      body: orNull(value(document.getElementById("f-body"))),
      place: orNull(value(document.getElementById("f-place"))),
      kind: document.getElementById("f-kind").value,
      topics: document.getElementById("f-topics").value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean)
    };
    document.querySelectorAll("fieldset.list").forEach(function (fs) {
      var field = fs.getAttribute("data-field");
      body[field] = Array.prototype.map.call(fs.querySelectorAll(".edit-items > .edit-item"), function (li) { return item(field, li); });
    });
    return body;
  }

  function save(next) {
    var body = patch();
    if (next) body.reviewed = true;
    say("…");
    fetch("/api/v1/records/" + id, {
      method: "PATCH", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, json: j }; });
    }).then(function (r) {
      if (!r.ok) { say((r.json.error && r.json.error.message) || "error", true); return; }
      if (next) { location.href = "/review/next?after=" + id; return; }
      say(page.getAttribute("data-saved") || "Saved.");
    }).catch(function () { say("The server could not be reached.", true); });
  }
  document.getElementById("save-next").addEventListener("click", function () { save(true); });
  document.getElementById("save").addEventListener("click", function () { save(false); });
})();

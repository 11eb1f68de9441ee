// Desk: small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // A form that failed: the error summary takes the focus, so a screen reader reads it first and a
  // keyboard user starts from it; each link in it moves the focus to its field.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus();
      }
    });
  }

  // Inserting a suggested answer into the reply draft: the text goes in at the drafter's cursor and
  // what was typed stays. The insert form is still sent (in the background) so the use is counted.
  var draft = document.querySelector("textarea[data-draft]");
  var status = document.getElementById("draft-status");
  if (!draft) { return; }
  var start = null;
  var end = null;
  function remember() {
    start = draft.selectionStart;
    end = draft.selectionEnd;
  }
  ["select", "keyup", "click", "input", "focus", "blur"].forEach(function (name) {
    draft.addEventListener(name, remember);
  });

  function insertAtCursor(text) {
    var value = draft.value;
    var from = start === null ? value.length : start;
    var to = end === null ? value.length : end;
    var before = value.slice(0, from);
    var after = value.slice(to);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var trail = after && !/^\n/.test(after) ? "\n" : "";
    draft.value = before + lead + text + trail + after;
    var cursor = (before + lead + text).length;
    draft.focus();
    draft.setSelectionRange(cursor, cursor);
    remember();
    draft.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.querySelectorAll("form.insert-answer[data-insert-text]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      insertAtCursor(form.getAttribute("data-insert-text"));
      if (status) { status.textContent = "已在光标处插入参考答复，原有内容保留。请核对后保存草稿。"; }
      if (window.fetch) {
        fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
          .catch(function () {});
      }
    });
  });
})();

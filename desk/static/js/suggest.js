// Suggested answers while a citizen types (progressive enhancement: the form works without it).
(function () {
  "use strict";
  var box = document.getElementById("kb-suggest");
  if (!box || !window.fetch) { return; }
  var subject = document.getElementById("subject");
  var content = document.getElementById("content");
  var list = box.querySelector("ul");
  var timer = null;
  var last = "";

  function render(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = r.question;
      var topic = document.createElement("small");
      topic.textContent = " · " + r.topic;
      li.appendChild(a);
      li.appendChild(topic);
      list.appendChild(li);
    });
    box.hidden = results.length === 0;
  }

  function lookUp() {
    var text = ((subject && subject.value) || "") + " " + ((content && content.value) || "");
    text = text.trim();
    if (text.length < 4 || text === last) { return; }
    last = text;
    fetch(box.getAttribute("data-url") + "?q=" + encodeURIComponent(text.slice(0, 500)), {
      headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : { results: [] };
    }).then(function (data) { render(data.results || []); }).catch(function () {});
  }

  function debounced() {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 600);
  }
  [subject, content].forEach(function (field) {
    if (field) { field.addEventListener("input", debounced); }
  });
})();

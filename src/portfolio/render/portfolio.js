(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("repo-rows").textContent);
  var tools = document.getElementById("repo-tools");
  var table = tools.nextElementSibling;
  var filter = document.getElementById("repo-filter");
  var decision = document.getElementById("repo-decision");
  var label = document.getElementById("repo-page");
  var prev = document.getElementById("repo-prev");
  var next = document.getElementById("repo-next");
  var PAGE = 100, DECISION = 2;
  var of = label.getAttribute("data-of") || "of";
  var sortTitle = label.getAttribute("data-sort") || "sort";
  var page = 0, column = -1, direction = 1, shown = rows;
  var text = rows.map(function (r) { return r.join("\t").toLowerCase(); });
  var index = new Map(rows.map(function (r, i) { return [r, i]; }));

  // "5/6 (83%)" sorts by its percent, "12" as a number, anything else as text after numbers.
  function number(v) {
    var m = /\((\d+)%\)$/.exec(v);
    if (m) return +m[1];
    return /^-?\d+$/.test(v) ? +v : null;
  }
  function compare(a, b) {
    var x = a[column], y = b[column], nx = number(x), ny = number(y), c;
    if (nx !== null && ny !== null) c = nx - ny;
    else if (nx !== null) c = -1;
    else if (ny !== null) c = 1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    return c * direction || index.get(a) - index.get(b);
  }
  function show() {
    var from = page * PAGE, part = shown.slice(from, from + PAGE);
    while (table.rows.length > 1) table.deleteRow(1);
    part.forEach(function (r) {
      var tr = table.insertRow();
      r.forEach(function (cell, i) {
        var td = tr.insertCell();
        td.textContent = cell;
        if (i === DECISION) td.className = cell.replace(/[ -]/g, "_");
      });
    });
    label.textContent = shown.length
      ? (from + 1) + "–" + (from + part.length) + " " + of + " " + shown.length
      : "0 " + of + " " + rows.length;
    prev.disabled = page === 0;
    next.disabled = from + PAGE >= shown.length;
  }
  function apply() {
    var words = filter.value.toLowerCase().trim(), d = decision.value;
    shown = rows.filter(function (r, i) {
      return (!d || r[DECISION] === d) && (!words || text[i].indexOf(words) >= 0);
    });
    if (column >= 0) shown.sort(compare);
    page = 0;
    show();
  }
  Array.prototype.forEach.call(table.rows[0].cells, function (th, i) {
    th.style.cursor = "pointer";
    th.title = sortTitle;
    th.addEventListener("click", function () {
      direction = column === i ? -direction : 1;
      column = i;
      Array.prototype.forEach.call(table.rows[0].cells, function (h) {
        h.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", direction > 0 ? "ascending" : "descending");
      apply();
    });
  });
  var timer;
  filter.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  decision.addEventListener("change", apply);
  prev.addEventListener("click", function () { page -= 1; show(); });
  next.addEventListener("click", function () { page += 1; show(); });
  tools.hidden = false;
  show();
})();

/*
 * Sort and filter the comparison tables (table.compare-table), keeping the state in the address so
 * that a link (for instance from a syllabus) restores it. Written for this site; no library.
 *
 * The generator marks each column th[data-col][data-type] (text, number or year) and may give a cell
 * data-sort (the value to sort by; empty = not stated, which sorts last in either direction).
 * State in the query string, per table key K: K-sort=<column>, K-dir=asc|desc, K-q=<filter text>.
 * Text sorts by pinyin on Chinese pages (Intl.Collator zh-CN-u-co-pinyin), alphabetically otherwise.
 */
(function () {
  "use strict";

  var lang = (document.documentElement.lang || "zh").toLowerCase();
  var collator = new Intl.Collator(lang.indexOf("zh") === 0 ? "zh-CN-u-co-pinyin" : "en",
                                   { numeric: true, sensitivity: "base" });

  function cellKey(cell) {
    if (!cell) return "";
    if (cell.hasAttribute("data-sort")) return cell.getAttribute("data-sort");
    return cell.textContent.trim();
  }

  function compare(a, b, type) {
    // Not stated (empty) sorts last whatever the direction; the caller does not flip this part.
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);
    if (type === "number" || type === "year") {
      var x = parseFloat(a), y = parseFloat(b);
      if (!isNaN(x) && !isNaN(y)) return x - y;
    }
    return collator.compare(a, b);
  }

  function params() { return new URLSearchParams(window.location.search); }

  function saveState(key, name, value) {
    var p = params();
    if (value) p.set(key + "-" + name, value); else p.delete(key + "-" + name);
    var query = p.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function setup(table) {
    var key = table.getAttribute("data-table");
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var original = Array.prototype.slice.call(body.rows);
    var total = original.length;

    // Filter box and live row count, before the table.
    var tools = document.createElement("div");
    tools.className = "table-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = table.id + "-filter";
    input.setAttribute("data-filter-for", key);
    label.htmlFor = input.id;
    label.textContent = table.getAttribute("data-filter-label");
    var status = document.createElement("span");
    status.className = "table-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    tools.appendChild(label);
    tools.appendChild(input);
    tools.appendChild(status);
    var wrap = table.parentNode;
    wrap.parentNode.insertBefore(tools, wrap);

    function filter(text, save) {
      var needle = text.trim().toLocaleLowerCase();
      var shown = 0;
      original.forEach(function (row) {
        var match = !needle || row.textContent.toLocaleLowerCase().indexOf(needle) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = table.getAttribute("data-rows-shown")
        .replace("{shown}", String(shown)).replace("{total}", String(total));
      if (save) saveState(key, "q", text.trim());
    }

    function sort(column, direction, save) {
      var index = -1;
      headers.forEach(function (th, i) {
        if (th.getAttribute("data-col") === column) index = i;
        th.removeAttribute("aria-sort");
      });
      if (index < 0) return;
      var type = headers[index].getAttribute("data-type");
      var sign = direction === "desc" ? -1 : 1;
      var rows = original.slice();
      rows.sort(function (r1, r2) {
        var a = cellKey(r1.cells[index]), b = cellKey(r2.cells[index]);
        if (a === "" || b === "") return compare(a, b, type);
        return sign * compare(a, b, type) || original.indexOf(r1) - original.indexOf(r2);
      });
      rows.forEach(function (row) { body.appendChild(row); });
      headers[index].setAttribute("aria-sort", direction === "desc" ? "descending" : "ascending");
      if (save) { saveState(key, "sort", column); saveState(key, "dir", direction); }
    }

    // Each heading becomes a button; a second click reverses the order.
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      // A link inside the heading (a paper column) stays a link: move it out beside the button.
      var link = button.querySelector("a");
      if (link) {
        button.textContent = "⇅";
        button.setAttribute("aria-label", link.textContent);
        th.appendChild(link);
        th.appendChild(document.createTextNode(" "));
      }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var column = th.getAttribute("data-col");
        var next = th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc";
        sort(column, next, true);
      });
    });

    input.addEventListener("input", function () { filter(input.value, true); });

    var p = params();
    var q = p.get(key + "-q") || "";
    input.value = q;
    filter(q, false);
    if (p.get(key + "-sort")) sort(p.get(key + "-sort"), p.get(key + "-dir") === "desc" ? "desc" : "asc", false);
    table.setAttribute("data-ready", "true");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.compare-table[data-table]"), setup);
    // A row linked by its id (#theme-data-flows) is scrolled to once the rows are in place.
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/*
 * Sort and filter the comparison tables (table.compare-table), keeping the state in the address so
 * that a link (for instance from a syllabus) restores it. Written for this site; no library.
 *
 * The generator marks each column th[data-col][data-type] (text, number or year) and may give a cell
 * data-sort (the value to sort by; empty = not stated, which sorts last in either direction).
 * State in the query string, per table key K: K-sort=<column>, K-dir=asc|desc, K-q=<filter text>.
 * Text sorts by pinyin on Chinese pages (Intl.Collator zh-CN-u-co-pinyin), alphabetically otherwise.
 *
 * A table too long for its page (data-rows-src, scripts/papersite/compare_scale.py) holds its first rows;
 * the first sort, filter, "show all" or link to a row it lacks fetches every row (rendered by the
 * generator, from escaped content) and shows them PAGE at a time.
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

  var PAGE = 200;

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
    var source = table.getAttribute("data-rows-src");
    var loading = null;   // the fetch of every row, once
    var limit = Infinity; // rows shown after every row is loaded; "show more" raises it

    function loadAll() {
      if (!source) return Promise.resolve();
      if (!loading) {
        loading = fetch(source).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + source);
          return response.json();
        }).then(function (data) {
          var template = document.createElement("template");
          template.innerHTML = data.rows.join("");
          body.textContent = "";
          body.appendChild(template.content);
          original = Array.prototype.slice.call(body.rows);
          total = original.length;
          limit = PAGE;
          source = null;
          if (showAll) showAll.hidden = true;
        });
      }
      return loading;
    }

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
    var showAll = null, showMore = null;
    if (source) {
      total = parseInt(table.getAttribute("data-rows-total"), 10) || total;
      showAll = document.createElement("button");
      showAll.type = "button";
      showAll.className = "rows-button";
      showAll.textContent = table.getAttribute("data-show-all");
      showAll.addEventListener("click", function () { loadAll().then(function () { filter(input.value, false); }); });
      tools.appendChild(showAll);
      showMore = document.createElement("button");
      showMore.type = "button";
      showMore.className = "rows-button";
      showMore.textContent = table.getAttribute("data-show-more");
      showMore.hidden = true;
      showMore.addEventListener("click", function () { limit += PAGE; filter(input.value, false); });
    }
    var wrap = table.parentNode;
    wrap.parentNode.insertBefore(tools, wrap);
    if (showMore) wrap.parentNode.insertBefore(showMore, wrap.nextSibling);

    function filter(text, save) {
      var needle = text.trim().toLocaleLowerCase();
      var shown = 0;
      // In the order shown (sorted or not): the first `limit` matches stay visible.
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !needle || row.textContent.toLocaleLowerCase().indexOf(needle) !== -1;
        if (match) shown += 1;
        row.hidden = !match || shown > limit;
      });
      if (showMore) showMore.hidden = shown <= limit;
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
        loadAll().then(function () { sort(column, next, true); filter(input.value, false); });
      });
    });

    input.addEventListener("input", function () {
      loadAll().then(function () { limit = source ? limit : PAGE; filter(input.value, true); });
    });

    var p = params();
    var q = p.get(key + "-q") || "";
    input.value = q;
    var wanted = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
    var needsAll = q || p.get(key + "-sort") || (wanted && wanted.indexOf(table.id) !== 0 &&
                                                  !document.getElementById(wanted));
    (needsAll ? loadAll() : Promise.resolve()).then(function () {
      filter(q, false);
      if (p.get(key + "-sort")) {
        sort(p.get(key + "-sort"), p.get(key + "-dir") === "desc" ? "desc" : "asc", false);
        filter(q, false);
      }
      var target = wanted && document.getElementById(wanted);
      if (target && target.closest && target.closest("tr") && table.contains(target)) {
        target.closest("tr").hidden = false;
        target.scrollIntoView();
      }
      table.setAttribute("data-ready", "true");
    }, function () { table.setAttribute("data-ready", "true"); });
    // A later link to a row the page does not hold yet (#row-id in the address).
    window.addEventListener("hashchange", function () {
      var id = decodeURIComponent(window.location.hash.slice(1));
      if (!id || document.getElementById(id) || !source) return;
      loadAll().then(function () {
        filter(input.value, false);
        var row = document.getElementById(id);
        if (row && table.contains(row)) { row.closest("tr").hidden = false; row.scrollIntoView(); }
      });
    });
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

/* Two papers side by side (written for this site, no third-party code). Reads data/pair/index.json and
 * data/pair/<slug>.json (scripts/papersite/pair.py) and builds, theme by theme, a table of what each of
 * the two papers says, each entry linked to its item on the paper's page. The pair is in the address
 * (?a=<slug>&b=<slug>): the pickers change it with history.replaceState, so the address can be copied
 * into a syllabus. Text from the data is set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var view = document.getElementById("pair-view");
  if (!view) return;
  var root = view.getAttribute("data-root");
  var lang = view.getAttribute("data-lang");
  var status = view.querySelector(".pair-status");
  var result = document.getElementById("pair-result");
  var pickA = document.getElementById("pair-a");
  var pickB = document.getElementById("pair-b");
  var cache = {};
  var index = null;

  function s(key) { return view.getAttribute("data-s-" + key) || key; }

  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + path);
        return response.json();
      });
    }
    return cache[path];
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function paperLink(paper, id) {
    // From compare/pair/ (and en/compare/pair/) to the papers of the same language.
    return "../../papers/" + paper.slug + "/" + (id ? "#" + id : "");
  }

  function entries(paper, list) {
    var cell = el("td");
    if (!list.length) {
      cell.appendChild(el("span", { "class": "absent" }, s("none")));
      return cell;
    }
    var ul = el("ul", { "class": "cell-items" });
    list.forEach(function (entry) {
      var li = el("li");
      li.appendChild(el("a", { href: paperLink(paper, entry.id) }, entry.label));
      ul.appendChild(li);
    });
    cell.appendChild(ul);
    return cell;
  }

  function section(table, title, rows, papers) {
    // rows: [{label, a: [entries], b: [entries]}]; a section heading spans the row.
    var head = el("tr", { "class": "pair-section" });
    var cell = el("td", { colspan: "3" });
    cell.appendChild(el("strong", {}, title));
    head.appendChild(cell);
    table.tBodies[0].appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, row.label));
      var cellA = entries(papers[0], row.a), cellB = entries(papers[1], row.b);
      cellA.setAttribute("data-label", papers[0].title[lang]);
      cellB.setAttribute("data-label", papers[1].title[lang]);
      tr.appendChild(cellA);
      tr.appendChild(cellB);
      table.tBodies[0].appendChild(tr);
    });
  }

  function render(papers) {
    result.textContent = "";
    var table = el("table", { "class": "compare-table pair-table", id: "pair-table" });
    var thead = el("thead"), tr = el("tr");
    tr.appendChild(el("th", { scope: "col" }, s("theme")));
    papers.forEach(function (paper) {
      var th = el("th", { scope: "col" });
      th.appendChild(el("a", { href: paperLink(paper) }, paper.title[lang]));
      if (paper.year) th.appendChild(el("span", { "class": "pair-year" }, " " + paper.year));
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    table.appendChild(el("tbody"));
    ["mechanisms", "challenges", "recommendations", "arguments", "cases"].forEach(function (list) {
      var rows = [];
      index.themes.forEach(function (theme) {
        var pick = function (paper) {
          return paper.items.filter(function (item) {
            return item.list === list && item.themes.indexOf(theme.id) >= 0;
          }).map(function (item) { return { id: item.id, label: item.text[lang] }; });
        };
        var a = pick(papers[0]), b = pick(papers[1]);
        if (a.length || b.length) rows.push({ label: theme.label[lang], a: a, b: b });
      });
      if (rows.length) section(table, s(list), rows, papers);
    });
    var byKey = function (key, labels, listName) {
      var keys = [];
      papers.forEach(function (paper) {
        paper[listName].forEach(function (entry) { if (keys.indexOf(entry[key]) < 0) keys.push(entry[key]); });
      });
      return keys.map(function (k) {
        var pick = function (paper) {
          return paper[listName].filter(function (entry) { return entry[key] === k; })
            .map(function (entry) { return { id: entry.id, label: entry.text[lang] }; });
        };
        return { label: labels[k] ? labels[k][lang] : k, a: pick(papers[0]), b: pick(papers[1]) };
      });
    };
    var definitions = byKey("term", index.terms, "definitions");
    if (definitions.length) section(table, s("definitions"), definitions, papers);
    var figures = byKey("indicator", index.indicators, "figures");
    if (figures.length) section(table, s("statistics"), figures, papers);
    var scroll = el("div", { "class": "compare-scroll", tabindex: "0", role: "region", "aria-label": s("theme") });
    scroll.appendChild(table);
    result.appendChild(scroll);
  }

  function show() {
    var a = pickA.value, b = pickB.value;
    var url = new URL(window.location.href);
    url.searchParams.set("a", a);
    url.searchParams.set("b", b);
    window.history.replaceState(null, "", url.toString());
    if (a === b) {
      status.textContent = s("same");
      result.textContent = "";
      return;
    }
    status.textContent = s("loading");
    Promise.all([fetchJSON("data/pair/" + a + ".json"), fetchJSON("data/pair/" + b + ".json")])
      .then(function (papers) { render(papers); status.textContent = ""; })
      .catch(function () { status.textContent = s("failed"); });
  }

  function fill(select, chosen) {
    select.textContent = "";
    index.papers.forEach(function (paper) {
      var option = el("option", { value: paper.slug }, paper.title[lang] + (paper.year ? " (" + paper.year + ")" : ""));
      if (paper.slug === chosen) option.selected = true;
      select.appendChild(option);
    });
  }

  fetchJSON("data/pair/index.json").then(function (data) {
    index = data;
    var params = new URLSearchParams(window.location.search);
    var known = function (slug) { return index.papers.some(function (p) { return p.slug === slug; }); };
    var a = params.get("a"), b = params.get("b");
    fill(pickA, known(a) ? a : view.getAttribute("data-first"));
    fill(pickB, known(b) ? b : view.getAttribute("data-second"));
    pickA.addEventListener("change", show);
    pickB.addEventListener("change", show);
    view.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); show(); });
    show();
  }).catch(function () { status.textContent = s("failed"); });
})();

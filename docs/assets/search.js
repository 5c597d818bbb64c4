/* Site search: Material's search box (docs/overrides/partials/search.html) answered from Pagefind's
   chunked index, which the build writes to pagefind/ at the site root (scripts/mkdocs_hooks.py).

   Why not Material's own search: it downloads the whole index on every first visit to any page and
   builds it in the browser, which grows with every paper (hundreds of MB at 500 papers). Pagefind
   fetches a small entry file when the search box is first used and then only the index chunks and
   result fragments a query needs, so a first visit transfers no index at all. Chinese pages search the
   Chinese index and English pages the English one (Pagefind picks it from <html lang>).

   In: the box's markup (data-site-search…), Material's __config (base URL and the result strings) and
   its search toggle (#__search). Out: results rendered in Material's own result markup, keyboard
   handling as Material's (f, s or / opens; arrows move; Enter opens; Escape closes), and the search
   terms highlighted on the page a result leads to. No request leaves the site. */
(function () {
  "use strict";

  var box = document.querySelector("[data-site-search]");
  var toggle = document.getElementById("__search");
  var configElement = document.getElementById("__config");
  if (!box || !toggle || !configElement) return;

  var config = JSON.parse(configElement.textContent);
  var strings = config.translations;
  var siteRoot = new URL(config.base + "/", location.href);
  var input = box.querySelector("[data-site-search-query]");
  var form = input.form;
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scroller = box.querySelector("[data-site-search-scroll]");

  var HIGHLIGHT_PARAM = "h";
  var PAGE_SIZE = 10;
  var SUB_RESULTS_SHOWN = 3;

  // ------------------------------------------------------------------------------------ Pagefind
  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        return module.options({
          // Result URLs are stored from the site root; the site may be served under a sub-path.
          baseUrl: siteRoot.pathname,
          excerptLength: 30,
          highlightParam: HIGHLIGHT_PARAM
        }).then(function () { return module.init(); })
          // filters() makes Pagefind load its entry file, the index metadata and its WebAssembly now,
          // while the reader is still typing, not after the first query (about 100 ms saved).
          .then(function () { return module.filters(); })
          .then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  // ------------------------------------------------------------------------------------ rendering
  function setMeta(text) { meta.textContent = text; }

  function countText(count) {
    if (count === 0) return strings["search.result.none"];
    if (count === 1) return strings["search.result.one"];
    return strings["search.result.other"].replace("#", String(count));
  }

  // Pagefind's excerpts are HTML (escaped page text with <mark> around matches). Copy only the text and
  // the marks into fresh nodes, so nothing else from an excerpt can ever become markup.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var fragment = document.createDocumentFragment();
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          to.appendChild(mark);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          copy(node, to);
        }
      });
    })(parsed.querySelector("p") || parsed, fragment);
    return fragment;
  }

  function cleanTitle(text) {
    return (text || "").replace(/\s*¶\s*$/, "").trim();
  }

  function resultLink(url, headingTag, title, excerpt, withIcon) {
    var link = document.createElement("a");
    link.href = url;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (withIcon) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var heading = document.createElement(headingTag);
    heading.textContent = title;
    article.appendChild(heading);
    if (excerpt) {
      var paragraph = document.createElement("p");
      paragraph.appendChild(excerptNodes(excerpt));
      article.appendChild(paragraph);
    }
    link.appendChild(article);
    return link;
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var title = cleanTitle(data.meta && data.meta.title) || data.url;
    item.appendChild(resultLink(data.url, "h1", title, data.excerpt, true));
    // Sections of the page where the words occur; not the one whose excerpt the page result already shows.
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && cleanTitle(sub.title) !== title && sub.excerpt !== data.excerpt;
    });
    sections.slice(0, SUB_RESULTS_SHOWN).forEach(function (sub) {
      item.appendChild(resultLink(sub.url, "h2", cleanTitle(sub.title), sub.excerpt, false));
    });
    return item;
  }

  // ------------------------------------------------------------------------------------ searching
  var current = { query: "", results: [], shown: 0, generation: 0 };

  // Each result's page data is fetched separately; ask for all of the batch at once and show each in
  // rank order as soon as it and those before it have arrived, so the first result appears first.
  function showMore() {
    var state = current;
    var batch = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    state.shown += batch.length;
    var shown = Promise.resolve();
    batch.map(function (result) { return result.data(); }).forEach(function (data) {
      shown = shown.then(function () { return data; }).then(function (page) {
        if (state === current) list.appendChild(resultItem(page));
      });
    });
    return shown;
  }

  // Pagefind splits a Chinese query into words and finds the pages that have all of them, anywhere:
  // 服务贸易 also finds pages that say 服务 here and 贸易 there. A reader typing one Chinese term wants
  // the pages that contain the term, so search it as a phrase first and fall back to the words only
  // when no page contains the phrase.
  var CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;
  function searchIndex(module, query) {
    if (!CHINESE.test(query) || /[\s"]/.test(query)) return module.search(query);
    return module.search('"' + query + '"').then(function (phrase) {
      return phrase && phrase.results.length ? phrase : module.search(query);
    });
  }

  function runSearch() {
    var query = input.value.trim();
    if (query === current.query) return;
    var state = { query: query, results: [], shown: 0, generation: current.generation + 1 };
    current = state;
    if (!query) {
      list.replaceChildren();
      setMeta(strings["search.result.placeholder"]);
      return;
    }
    loadPagefind().then(function (module) {
      return searchIndex(module, query);
    }).then(function (search) {
      if (state !== current || !search) return;
      state.results = search.results;
      list.replaceChildren();
      setMeta(countText(search.results.length));
      return showMore();
    }).catch(function () {
      if (state === current) setMeta(strings["search.result.none"]);
    });
  }

  // ------------------------------------------------------------------------------------ the dialog
  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }
  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      loadPagefind();
      // After the dialog's opening transition has started, so the focus is not lost to it; and only
      // if no Escape closed it meanwhile, or the focus would open it again.
      setTimeout(function () { if (toggle.checked) input.focus(); }, 0);
    } else {
      input.blur();
    }
  });
  input.addEventListener("focus", function () { loadPagefind(); open(); });
  // Start fetching the search entry as soon as the pointer heads for the box or its button.
  document.querySelectorAll("label[for=__search], .md-search__input").forEach(function (element) {
    element.addEventListener("pointerenter", loadPagefind, { once: true });
  });

  // A Chinese input method commits whole words; do not search the half-typed pinyin in between.
  input.addEventListener("input", function (event) { if (!event.isComposing) runSearch(); });
  input.addEventListener("compositionend", runSearch);
  input.addEventListener("keyup", runSearch);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { runSearch(); if (toggle.checked) input.focus(); }, 0);
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close();
  });
  scroller.addEventListener("scroll", function () {
    if (current.shown < current.results.length &&
        scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 32) {
      showMore();
    }
  });

  function editable(element) {
    return element && (element.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if ((event.key === "f" || event.key === "s" || event.key === "/") && !editable(document.activeElement)) {
        event.preventDefault();
        open();
        input.focus();
        input.select();
      }
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
    var position = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && document.activeElement === input && links.length) {
      event.preventDefault();
      links[0].click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? position + 1 : position - 1;
      if (next < -1) next = links.length - 1;
      if (next >= links.length) next = -1;
      (next === -1 ? input : links[next]).focus();
    }
  });

  // ------------------------------------------------------------------------------------ highlight
  // A result's link carries the query (?h=…); mark its words on the page it opens, as Material did.
  if (new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) {
    import(new URL("pagefind/pagefind-highlight.js", siteRoot).href).then(function (module) {
      new module.default({ highlightParam: HIGHLIGHT_PARAM });
    }).catch(function () { /* highlighting is a convenience; the page is complete without it */ });
  }
})();

/* Evidence on demand (written for this site, no third-party code). Paper pages fold each item's
 * evidence and each section's one-line summary into <details>. This script:
 * - opens the folds around the element a link points to (#item-q1, #sec-2-1), on arrival and on every
 *   later jump, then scrolls to it, so a deep link from a syllabus shows its quote;
 * - shows the page-wide switch that opens or closes every evidence fold (aria-pressed says which);
 * - opens every fold for printing and restores them afterwards.
 * Without JavaScript the folds still open by click, tap or keyboard (Enter, Space on the summary). */
(function () {
  "use strict";

  function reveal(id) {
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var opened = false;
    // The target's own fold (an outline section) and every fold around it.
    var own = target.firstElementChild;
    if (own && own.tagName === "DETAILS" && !own.open) { own.open = true; opened = true; }
    // A section heading whose list is folded below it (cases, statistics, the full record …).
    var next = target.nextElementSibling;
    if (/^H[1-6]$/.test(target.tagName) && next && next.tagName === "DETAILS" && !next.open) {
      next.open = true; opened = true;
    }
    for (var d = target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      if (!d.open) { d.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView({ block: "start" });
  }

  function fromHash() {
    var hash = window.location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep it as it is */ }
    reveal(hash);
  }

  function folds() {
    return document.querySelectorAll(".md-content details.evidence-fold");
  }

  function setup() {
    fromHash();
    var button = document.querySelector(".evidence-switch");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var show = button.getAttribute("aria-pressed") !== "true";
        var all = folds();
        for (var i = 0; i < all.length; i++) all[i].open = show;
        button.setAttribute("aria-pressed", show ? "true" : "false");
        button.textContent = button.getAttribute(show ? "data-hide" : "data-show");
      });
    }
    // A click on a link to this page's own anchor that is already the address fires no hashchange.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (link) window.setTimeout(function () { reveal(link.getAttribute("href").slice(1)); }, 0);
    });
  }

  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll(".md-content details");
    closedForPrint = [];
    for (var i = 0; i < all.length; i++) {
      if (!all[i].open) { closedForPrint.push(all[i]); all[i].open = true; }
    }
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < closedForPrint.length; i++) closedForPrint[i].open = false;
    closedForPrint = [];
  });
  window.addEventListener("hashchange", fromHash);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

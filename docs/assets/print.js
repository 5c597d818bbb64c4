/* Print support (written for this site, no third-party code): gives every link in the page content
 * a data-print-url with its absolute address, which assets/print.css prints after the link text.
 * In-page anchors (href starting with #) are left alone: their address is this page. */
(function () {
  "use strict";
  function mark() {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (!href || href.charAt(0) === "#" || href.indexOf("javascript:") === 0) continue;
      links[i].setAttribute("data-print-url", links[i].href);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mark);
})();

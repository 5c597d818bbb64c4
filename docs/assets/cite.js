/* Copy buttons for the citation blocks of paper pages ("Cite this paper", "Cite this page").
 * Written for this site (no third-party code); licence: the site's own. The buttons are hidden in
 * the HTML and shown here, so readers without scripts see no button that does nothing.
 * Each button copies the plain text of the <pre> in its .cite-block; the label changes to the
 * button's data-copied text for two seconds. Where the Clipboard API is unavailable (plain http,
 * older browsers) the text is selected and copied with execCommand. */
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function reveal(root) {
    var buttons = root.querySelectorAll(".cite-block .cite-copy[hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite-copy");
    if (!button) return;
    var block = button.closest(".cite-block");
    var pre = block && block.querySelector("pre");
    if (!pre) return;
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    copy(pre.textContent).then(function () {
      button.textContent = button.getAttribute("data-copied") || label;
      button.classList.add("cite-copied");
      setTimeout(function () { button.textContent = label; button.classList.remove("cite-copied"); }, 2000);
    }, function () { /* leave the label: the reader can still select the text */ });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  } else {
    reveal(document);
  }
  // Material's instant navigation (if turned on) swaps pages without a load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { reveal(document); });
  }
})();

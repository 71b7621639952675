/* The site's small enhancements, each optional: without JavaScript the pages work as their HTML says.
   - The header's « Menu » <details> becomes a <button aria-expanded> that shows or hides the same panel.
   - Filter panels (<details data-filter-panel>) of a listing open on wide screens, beside the results. */
(function () {
  "use strict";

  var WIDE_FILTERS = "(min-width: 60rem)";

  function enhanceMenu(details) {
    var summary = details.querySelector(".site-menu__toggle");
    var panel = details.querySelector(".site-menu__panel");
    if (!summary || !panel) return;
    var menu = document.createElement("div");
    menu.className = "site-menu site-menu--js";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "site-menu__toggle";
    button.setAttribute("aria-expanded", details.open ? "true" : "false");
    button.setAttribute("aria-controls", panel.id);
    while (summary.firstChild) button.appendChild(summary.firstChild);
    menu.appendChild(button);
    menu.appendChild(panel);
    details.replaceWith(menu);

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu and gives the focus back to its button.
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  function openFiltersOnWideScreens() {
    var wide = window.matchMedia(WIDE_FILTERS);
    function update() {
      if (!wide.matches) return; // on a phone the visitor opens them: the results come first
      document.querySelectorAll(".listing-layout > details[data-filter-panel]").forEach(function (panel) {
        panel.open = true;
      });
    }
    update();
    wide.addEventListener("change", update);
  }

  function start() {
    document.querySelectorAll("details[data-site-menu]").forEach(enhanceMenu);
    openFiltersOnWideScreens();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

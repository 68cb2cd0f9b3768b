// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // After an htmx swap, move focus to the swapped region's heading so screen-reader and
  // keyboard users know where they are. (The language switch is deliberately not
  // auto-submitted on change: WCAG 3.2.2 "On Input".)
  // The phone menu is a <details> and works without this; Escape closes it and returns
  // the focus to its toggle.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var menu = document.querySelector("details[data-site-menu][open]");
    if (menu && getComputedStyle(menu.querySelector("summary")).display !== "none") {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  // A table wider than the screen scrolls inside its wrapper: make such a wrapper reachable
  // with the keyboard (so it can be scrolled with the arrow keys), named after its table's
  // caption. Templates may already do this themselves (tabindex="0" role="region").
  function markScrollableTables() {
    document.querySelectorAll(".table-wrapper, .table-wrap").forEach(function (wrapper) {
      if (wrapper.hasAttribute("data-static-tabindex")) {
        return;
      }
      if (!wrapper.hasAttribute("data-scroll-managed") && wrapper.hasAttribute("tabindex")) {
        wrapper.setAttribute("data-static-tabindex", "");
        return;
      }
      wrapper.setAttribute("data-scroll-managed", "");
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        var caption = wrapper.querySelector("caption");
        wrapper.setAttribute("tabindex", "0");
        if (caption) {
          // A region named like its table (not like its section: that name is taken).
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-label", caption.textContent.trim());
        }
      } else {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markScrollableTables);
  } else {
    markScrollableTables();
  }
  window.addEventListener("resize", markScrollableTables);
  document.addEventListener("htmx:afterSettle", markScrollableTables);

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var heading = target && target.querySelector("[data-focus-after-swap]");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
})();

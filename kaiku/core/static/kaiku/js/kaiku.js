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

  // A form with errors: the error summary takes the focus once the page has loaded, and
  // its links move the focus to their field (scrolling its label into view too).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = field.closest("fieldset") ? field.closest("fieldset").querySelector("legend")
      : document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // Enter in a text field saves the form: the "Preview" buttons of Markdown fields come
  // first in the form, and would otherwise be its default button.
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || input.tagName !== "INPUT" || !input.form) {
      return;
    }
    if (!input.form.querySelector("button[name='preview']")) {
      return;
    }
    var save = input.form.querySelector("button[type='submit']:not([name='preview'])");
    if (save) {
      event.preventDefault();
      save.click();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var heading = target && target.querySelector("[data-focus-after-swap]");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
})();

// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // After an htmx swap, move focus to the swapped region's heading so screen-reader and
  // keyboard users know where they are. (The language switch is deliberately not
  // auto-submitted on change: WCAG 3.2.2 "On Input".)
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var heading = target && target.querySelector("[data-focus-after-swap]");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
})();

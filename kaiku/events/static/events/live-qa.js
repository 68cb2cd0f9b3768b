// The live Q&A list polls its fragment every 5 seconds (hx-trigger on [data-live-poll]).
// This file makes the polling cheap and polite: no request while the tab is hidden (and one
// at once when it is shown again), the list's ETag sent as If-None-Match so an unchanged
// list is a 304 with no body, which is not swapped; and no swap while the person is
// typing a reason or has a hiding form open in the list. Without this file the list still
// polls; without JavaScript the page has its own reload.
(function () {
  "use strict";
  function busy(list) {
    var active = document.activeElement;
    if (active && list.contains(active) && (active.tagName === "INPUT" || active.tagName === "TEXTAREA")) {
      return true;
    }
    return !!list.querySelector("details[open]");
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var list = event.detail.elt;
    if (!list || !list.hasAttribute || !list.hasAttribute("data-live-poll") || event.detail.verb !== "get") {
      return;
    }
    if (document.visibilityState !== "visible" || busy(list)) {
      event.preventDefault();
      return;
    }
    var etag = list.getAttribute("data-etag");
    if (etag) {
      event.detail.headers["If-None-Match"] = etag;
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 304) {
      event.detail.shouldSwap = false;
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && window.htmx) {
      document.querySelectorAll("[data-live-poll]").forEach(function (list) {
        window.htmx.trigger(list, "kaiku:poll");
      });
    }
  });
})();

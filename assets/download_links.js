/* The Download menus' and the header's live links follow the page's URL (its query names the
   view; the download routes fill in the years as the page does). They are plain DOM attributes
   kept current here, not callback outputs: a Dash output per link was ~57 store updates, each a
   pass of Dash's renderer over the page, on every filter change. The URLs are those of
   components.layout.download_href; a link names its file with data-download-chart ("" for the
   whole view) and data-download-fmt. */
(function () {
  "use strict";
  var SELECTOR = "a[data-download-fmt]";

  function hrefFor(chart, fmt, query) {
    var data = fmt === "csv" || fmt === "xlsx";
    if (data) {
      var base = "/download/data." + fmt;
      if (chart) { return base + "?chart=" + chart + (query ? "&" + query : ""); }
      return base + (query ? "?" + query : "");
    }
    return "/download/" + chart + "." + fmt + (query ? "?" + query : "");
  }

  function update(link) {
    var query = window.location.search.replace(/^\?/, "");
    var href = hrefFor(link.getAttribute("data-download-chart") || "",
                       link.getAttribute("data-download-fmt"), query);
    if (link.getAttribute("href") !== href) { link.setAttribute("href", href); }
  }

  function updateAll() {
    var links = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < links.length; i++) { update(links[i]); }
  }

  // dcc.Location writes the URL through the History API, which fires no event for it.
  ["pushState", "replaceState"].forEach(function (name) {
    var original = window.history[name];
    window.history[name] = function () {
      var result = original.apply(this, arguments);
      updateAll();
      return result;
    };
  });
  window.addEventListener("popstate", updateAll);
  // A link that joins the page later (a menu rendered on its first opening) starts current.
  window.pakcarWatch(SELECTOR, function (link) { update(link); });
  // And once more as a link is used (opened, focused, copied), whatever happened before.
  ["pointerdown", "focusin", "contextmenu", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target && event.target.closest && event.target.closest(SELECTOR);
      if (link) { update(link); }
    }, true);
  });

  window.pakcarDownloadHref = hrefFor;
})();

/* Accessibility helpers (a file, not inline: the CSP allows no inline script).
   - the Chart | Table switch (a Dash clientside callback: dash_clientside.a11y.switchView);
   - "Copy link", a real button: copies the view's permalink and says so in a live region. */
(function () {
  "use strict";
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.a11y = {
    switchView: function () {
      var ctx = window.dash_clientside.callback_context;
      var prop = ctx && ctx.triggered && ctx.triggered.length ? ctx.triggered[0].prop_id : "";
      var showTable = false;
      try {
        showTable = JSON.parse(prop.slice(0, prop.lastIndexOf("."))).mode === "table";
      } catch (e) {
        showTable = false;
      }
      return [showTable ? "false" : "true", showTable ? "true" : "false", showTable, !showTable];
    }
  };

  function announce(text) {
    var live = document.getElementById("app-live");
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("#app-copy-link") : null;
    if (!button) { return; }
    var holder = document.getElementById("app-permalink");
    var link = (holder && holder.textContent.trim()) || window.location.href;
    var done = function () { announce(button.getAttribute("data-done") || "Link copied"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(done, function () { announce(link); });
    } else {
      announce(link);
    }
  });
})();

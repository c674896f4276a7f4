/* Clientside callbacks of the view tabs (a file, not inline: the page's CSP forbids inline
   scripts). Registered in callbacks/state.py. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  views: {
    /* A newly opened view (a tab, a map click) starts at its top, in sight. */
    scrollToView: function () {
      var tabs = document.getElementById("app-view-tabs");
      if (tabs && tabs.getBoundingClientRect().top < 0) {
        tabs.scrollIntoView({block: "start"});
      }
      return "";
    },
    /* The phone's filter drawer: the button opens it; Close or another view closes it. */
    toggleFilters: function (_open, _close, _views, current) {
      var base = (current || "").split(" ").filter(function (c) { return c && c !== "open"; });
      var triggered = (window.dash_clientside.callback_context.triggered || [])[0];
      if (triggered && triggered.prop_id === "filters-toggle.n_clicks") {
        base.push("open");
      }
      return base.join(" ");
    }
  }
});

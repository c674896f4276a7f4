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

  // dcc.Dropdown (Dash 4) puts the tab stop on an aria-hidden input that hands focus on to its
  // button: a focusable element inside aria-hidden (axe: aria-hidden-focus). The button itself
  // becomes the tab stop; the input leaves the tab order.
  function fixDropdowns(root) {
    var inputs = root.querySelectorAll ? root.querySelectorAll(".dash-dropdown-focus-target") : [];
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].tabIndex = -1;
      var button = inputs[i].nextElementSibling;
      if (button && button.tagName === "BUTTON" && !button.disabled) { button.tabIndex = 0; }
    }
  }
  // dbc.Progress draws role=progressbar with no name: it takes the line above it (the target and
  // how far it has come) as its accessible name.
  function nameProgressBars(root) {
    var bars = root.querySelectorAll('.progress-bar[role="progressbar"]:not([aria-label])');
    for (var i = 0; i < bars.length; i++) {
      var line = bars[i].parentElement && bars[i].parentElement.previousElementSibling;
      var text = line ? line.textContent.trim() : "";
      bars[i].setAttribute("aria-label", text || "Progress");
    }
  }
  // A sort button is drawn anew with its sorted table: focus returns to it, so Enter again
  // reverses the order and the reader's place is kept.
  var sortFocus = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".sort-button") : null;
    if (button) { sortFocus = button.id; }
  });
  function restoreSortFocus() {
    if (!sortFocus) { return; }
    var active = document.activeElement;
    if (active && active !== document.body && active.id !== sortFocus) { sortFocus = null; return; }
    var button = document.getElementById(sortFocus);
    if (button && active !== button) { button.focus(); }
  }
  new MutationObserver(function () {
    fixDropdowns(document);
    nameProgressBars(document);
    restoreSortFocus();
  })
    .observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("focusout", function (event) {
    var wrapper = event.target.closest ? event.target.closest(".dash-dropdown-wrapper") : null;
    if (wrapper) { window.setTimeout(function () { fixDropdowns(wrapper); }, 0); }
  });

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

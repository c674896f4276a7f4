/* Light or dark (Bootstrap 5.3 colour modes: data-bs-theme on <html>): the reader's stored choice,
   else the system's prefers-color-scheme. Loaded in <head> by app.py's index string (a file:
   the CSP allows no inline script), so the page paints in its theme from the start. */
(function () {
  "use strict";
  var KEY = "pakcar-theme";
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function preferred() { return media && media.matches ? "dark" : "light"; }
  function sync() {
    var button = document.getElementById("app-theme-switch");
    if (button) {
      var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    return button;
  }
  function apply(theme) {
    document.documentElement.setAttribute("data-bs-theme", theme === "dark" ? "dark" : "light");
    sync();
  }

  apply(stored() || preferred());
  if (media && media.addEventListener) {
    media.addEventListener("change", function () { if (!stored()) { apply(preferred()); } });
  }
  // The switch is drawn by React after this runs: mark its state once it appears.
  var observer = new MutationObserver(function () { if (sync()) { observer.disconnect(); } });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("#app-theme-switch") : null;
    if (!button) { return; }
    var next = document.documentElement.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
    try { window.localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
    apply(next);
  });
})();

/* Each element matching a selector, handed once to a function as it appears in the page (Dash
   renders the views and cards after the scripts ran): lazy.js observes the chart panes and
   narrow.js hooks the plots through it. One scan per animation frame after any DOM change. A
   function that returns false is asked again on the next scan (the element is not ready). */
(function () {
  "use strict";
  var watchers = [];

  function scan() {
    watchers.forEach(function (w) {
      var found = document.querySelectorAll(w.selector);
      for (var i = 0; i < found.length; i++) {
        if (!found[i][w.mark] && w.fn(found[i]) !== false) { found[i][w.mark] = true; }
      }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; scan(); });
  }
  new MutationObserver(schedule).observe(document.documentElement, {childList: true, subtree: true});

  window.pakcarWatch = function (selector, fn) {
    watchers.push({selector: selector, fn: fn, mark: "__pakcarWatched" + watchers.length});
    schedule();
  };
})();

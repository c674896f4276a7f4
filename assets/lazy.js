/* Speed (#14): draw only the charts a reader can see. The Overview's server callback fills each
   graph card's figure store ({chart, digest, figure}); an IntersectionObserver keeps the store
   overview-cards-in-view (the cards whose chart pane is within MARGIN of the viewport), and the
   clientside callback drawInView (registered in callbacks/charts.py) hands a store's figure to
   its graph only while the card is in view and its graph shows an older digest. A change thus
   redraws the charts in sight; a card scrolled to later draws the latest figure its store holds,
   with no server round trip. A hidden pane (Table shown, another view open) is not in view.
   Printing draws every card first. */
(function () {
  "use strict";
  var STORE = "overview-cards-in-view";  // components/ids.py CARDS_IN_VIEW
  // Drawn as it comes within 100px of the viewport (a draw takes ~50-150 ms, about the time a
  // wheel notch takes to scroll that far), so it is usually drawn before it is seen.
  var MARGIN = "100px 0px";
  var near = new Set();
  var sent = null;

  function publish(names) {
    var key = names.slice().sort().join(" ");
    var dc = window.dash_clientside;
    if (key === sent || !dc || typeof dc.set_props !== "function") { return; }
    sent = key;
    dc.set_props(STORE, {data: key ? key.split(" ") : []});
  }

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var chart = entry.target.getAttribute("data-chart");
      if (entry.isIntersecting) { near.add(chart); } else { near.delete(chart); }
    });
    publish(Array.from(near));
  }, {rootMargin: MARGIN});

  // assets/dom_watch.js: each chart pane once, as Dash renders it.
  window.pakcarWatch(".lazy-chart[data-chart]", function (pane) { observer.observe(pane); });

  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll(".lazy-chart[data-chart]");
    publish(Array.prototype.map.call(all, function (el) { return el.getAttribute("data-chart"); }));
  });

  /* A graph out of sight that shows an older view than the filters is dimmed until it is
     redrawn (on scrolling to it): a reader never takes its numbers for the current ones. */
  function markStale(chart, stale) {
    var pane = document.querySelector('.lazy-chart[data-chart="' + chart + '"]');
    if (pane) { pane.classList.toggle("is-stale", stale); }
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    lazy: {
      /* (inView, ...figureStores, shown) -> [shown, ...graphFigures]: a store's figure for each
         card in view whose graph shows another digest; no_update for every other graph. */
      drawInView: function () {
        var args = Array.prototype.slice.call(arguments);
        var inView = new Set(args[0] || []);
        var stores = args.slice(1, -1);
        var shown = Object.assign({}, args[args.length - 1] || {});
        var noUpdate = window.dash_clientside.no_update;
        var changed = false;
        var figures = stores.map(function (store) {
          if (!store || shown[store.chart] === store.digest) { return noUpdate; }
          if (!inView.has(store.chart)) {
            markStale(store.chart, shown[store.chart] !== undefined);
            return noUpdate;
          }
          markStale(store.chart, false);
          shown[store.chart] = store.digest;
          changed = true;
          return store.figure;
        });
        return [changed ? shown : noUpdate].concat(figures);
      }
    }
  });
})();

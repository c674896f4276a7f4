/* Side-by-side figures on a phone: a figure whose layout.meta carries a `narrow` layout
   (figures/narrow.py) gets it while the chart is narrower than 576 px, and its `wide` one back
   when it grows again. Plotly redraws on every new figure, resize and relayout
   (plotly_afterplot), so each draw is checked once; a relayout that changes nothing is skipped. */
(function () {
  "use strict";
  var NARROW_PX = 576;  // figures/narrow.py NARROW_PX

  function fit(gd) {
    var meta = gd.layout && gd.layout.meta;
    if (!meta || !meta.narrow || !meta.wide || !window.Plotly) { return; }
    var width = gd.getBoundingClientRect().width;
    if (!width) { return; }  // a hidden pane: decided when it is shown and drawn
    var want = width < NARROW_PX;
    if (Boolean(meta.narrowApplied) === want) { return; }
    var update = Object.assign({}, want ? meta.narrow : meta.wide, {"meta.narrowApplied": want});
    // dcc.Graph sizes the plot to its box (autosize): the box gets the layout's height.
    gd.style.height = update.height + "px";
    delete update.height;
    // A relayout of domains alone keeps the old size: resize to the new box once it is laid out.
    window.Plotly.relayout(gd, update).then(function () { return window.Plotly.Plots.resize(gd); });
  }

  function hook(gd) {
    if (typeof gd.on !== "function") { return false; }  // not a plot yet: asked again
    gd.on("plotly_afterplot", function () { fit(gd); });
    fit(gd);
  }

  // assets/dom_watch.js: each plot once, as Plotly makes it.
  window.pakcarWatch(".js-plotly-plot", hook);
})();

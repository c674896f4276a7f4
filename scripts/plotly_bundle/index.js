// plotly.js with only the trace types the dashboard draws (traces.json; a test checks that every
// trace type the figures use is listed). scripts/build_plotly_bundle.sh bundles this file.
'use strict';

var Plotly = require('plotly.js/lib/core');
var traces = require('./traces.json');

// esbuild resolves only static requires: one line per trace type, checked against traces.json.
var modules = {
    scatter: require('plotly.js/lib/scatter'),
    bar: require('plotly.js/lib/bar'),
    choropleth: require('plotly.js/lib/choropleth'),
    scattergeo: require('plotly.js/lib/scattergeo'),
};

Plotly.register(
    traces.map(function (name) {
        if (!modules[name]) throw new Error('plotly bundle: no module for trace ' + name);
        return modules[name];
    })
);

module.exports = Plotly;

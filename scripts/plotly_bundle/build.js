// esbuild settings of plotly.js's own build (its esbuild-config.js), minus the WebGL plugins the
// chosen traces do not need: an IIFE that sets window.Plotly, minified, target ES2016.
'use strict';

const esbuild = require('esbuild');
const traces = require('./traces.json');

const [outfile, version] = process.argv.slice(2);
if (!outfile || !version) {
    throw new Error('usage: node build.js <outfile> <plotly.js version>');
}

const banner = [
    '/**',
    `* plotly.js (pak-car custom: ${traces.join(', ')} - minified) v${version}`,
    '* Copyright 2012-2026, Plotly, Inc.',
    '* All rights reserved.',
    '* Licensed under the MIT license (LICENSE.txt beside this file)',
    '* Built by scripts/build_plotly_bundle.sh',
    '*/',
].join('\n');

esbuild
    .build({
        entryPoints: [require.resolve('./index.js')],
        outfile,
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        sourcemap: false,
        legalComments: 'none',
        banner: { js: banner },
        define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
        alias: { stream: 'stream-browserify' },
        // Only map (MapLibre) subplots pull in CSS, and no trace here has one: import nothing.
        loader: { '.css': 'empty' },
        target: 'es2016',
        logLevel: 'warning',
    })
    .catch(() => process.exit(1));

// Builds the course's JupyterLab into build/: bundle.js, plus the schemas,
// themes and style.js of the extensions in package.json, copied by
// @jupyterlab/builder's Build.ensureAssets.
const path = require('path');
const webpack = require('webpack');
const miniSVGDataURI = require('mini-svg-data-uri');
const { Build } = require('@jupyterlab/builder');
const { jupyterlab } = require('./package.json');

const assets = Build.ensureAssets({ packageNames: jupyterlab.extensions, output: './build' });

module.exports = [
  {
    entry: './index.js',
    output: { path: path.resolve(__dirname, 'build'), filename: 'bundle.js' },
    bail: true,
    mode: 'development', // a production build takes minutes more for the same app
    devtool: false, // no source maps: they would double what is served
    module: {
      rules: [
        // Some dependencies ship ES modules that import files without their
        // extension (@jupyter/web-components): let webpack resolve them.
        { test: /\.m?js$/, type: 'javascript/auto' },
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        { test: /\.c?js$/, resolve: { fullySpecified: false } },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.html$/, type: 'asset/resource' },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
        { test: /\.js\.map$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
        {
          // An SVG a stylesheet uses becomes a data URL ...
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          type: 'asset/inline',
          generator: { dataUrl: content => miniSVGDataURI(content.toString()) }
        },
        {
          // ... and one the code imports (an icon) stays a string.
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.js$/,
          type: 'asset/source'
        }
      ]
    },
    resolve: {
      fallback: {
        url: false,
        buffer: false,
        crypto: false,
        path: require.resolve('path-browserify'),
        process: require.resolve('process/browser')
      }
    },
    plugins: [
      new webpack.DefinePlugin({ process: { cwd: () => '/', env: {} } })
    ]
  }
].concat(assets);

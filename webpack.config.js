/**
 * Webpack build of the Excel add-in (the command line is built by tsc, see tsconfig.cli.json).
 *
 *   npm run build        production build into dist/
 *   npm run build:dev    development build into dist/
 *   npm run dev-server   https://localhost:3000 (the URLs in manifest.xml), in memory
 *
 * Options (`--env NAME[=VALUE]`, e.g. `npm run build -- --env baseUrl=https://addin.example.com/`):
 *   baseUrl=URL   rewrite https://localhost:3000/ in dist/manifest.xml to URL (deployments)
 *   officeJsCdn   load office.js from Microsoft's CDN instead of the copy in dist/office-js/
 *   http          dev server over plain http (Office itself requires https)
 *
 * Shared runtime: taskpane.html hosts the taskpane, commands and functions bundles in one
 * JavaScript runtime (manifest.xml <Runtimes>). functions.html and commands.html are standalone
 * debugging harnesses that the manifest does not reference.
 *
 * dist/ is shared with the tsc build of the CLI (dist/cli, dist/rules, ...), so this build does not
 * clean dist/; its own outputs all live at the top of dist/ or under dist/assets and dist/office-js.
 */
'use strict';

const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const pkg = require('./package.json');

const DEV_BASE_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** office.js loads host/locale scripts next to itself; only Excel's are copied (non-debug builds). */
const OFFICE_JS_IGNORE = [
  '**/*.debug.js',
  '**/office-vsdoc.js',
  '**/office.d.ts',
  ...['access', 'onenote', 'outlook', 'powerpoint', 'project', 'visio', 'word'].map((host) => `**/dist/${host}*`),
];

function swcRule(test, tsx, dev) {
  return {
    test,
    exclude: /node_modules/,
    use: {
      loader: 'swc-loader',
      options: {
        swcrc: false, // independent of any .swcrc used by Jest
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', tsx },
          target: 'es2020',
          transform: { react: { runtime: 'automatic', development: dev } },
        },
      },
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  const officeJsUrl = env.officeJsCdn ? OFFICE_JS_CDN : 'office-js/office.js';
  const baseUrl = typeof env.baseUrl === 'string' ? env.baseUrl.replace(/\/?$/, '/') : undefined;

  const page = (name, chunks) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template: `./src/${name}/${name}.html`,
      chunks,
      chunksSortMode: 'manual',
      officeJsUrl,
    });

  const config = {
    mode: dev ? 'development' : 'production',
    context: __dirname,
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      functions: './src/functions/functions.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: false,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    module: {
      rules: [swcRule(/\.[cm]?ts$/, false, dev), swcRule(/\.tsx$/, true, dev)],
    },
    plugins: [
      new webpack.DefinePlugin({ __LAUNCH_TRACKER_VERSION__: JSON.stringify(pkg.version) }),
      new CustomFunctionsMetadataPlugin({ input: './src/functions/functions.ts', output: 'functions.json' }),
      page('taskpane', ['taskpane', 'commands', 'functions']),
      page('functions', ['functions']),
      page('commands', ['commands']),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) =>
              baseUrl ? content.toString().split(DEV_BASE_URL).join(baseUrl) : content,
          },
          ...(env.officeJsCdn
            ? []
            : [
                {
                  from: 'node_modules/@microsoft/office-js/dist',
                  to: 'office-js',
                  globOptions: { ignore: OFFICE_JS_IGNORE },
                  info: { minimized: true }, // already minified: keep Terser off these 300+ files
                },
              ]),
        ],
      }),
    ],
    // Fluent UI + React make a ~1 MB task pane bundle; it is served locally, not over a mobile link.
    performance: { hints: false },
  };

  if (serving) {
    config.devServer = {
      port: DEV_PORT,
      hot: true,
      static: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      // Certificates are needed only here, never by `webpack` builds. The first run creates a
      // development CA and asks to trust it (see office-addin-dev-certs).
      server: env.http
        ? 'http'
        : { type: 'https', options: await require('office-addin-dev-certs').getHttpsServerOptions() },
    };
  }
  return config;
};

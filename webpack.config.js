/**
 * Webpack build of the Excel add-in (the command line is built by tsc, see tsconfig.cli.json).
 *
 *   npm run build        production build into dist/
 *   npm run build:dev    development build into dist/
 *   npm run dev-server   https://localhost:3000 (the URLs in manifest.xml), in memory
 *
 * Options (`--env NAME[=VALUE]`, e.g. `npm run build -- --env baseUrl=https://addin.example.com/`):
 *   baseUrl=URL   rewrite https://localhost:3000/ in dist/manifest.xml to URL (deployments)
 *   officeJsCdn   development builds too load office.js from Microsoft's CDN (production builds always do)
 *   cloud=china   load office.js from the CDN of Office 365 operated by 21Vianet (世纪互联), for tenants there
 *   http          dev server over plain http (Office itself requires https)
 *
 * office.js: production builds load https://appsforoffice.microsoft.com/lib/1/hosted/office.js, the
 * reference Microsoft requires ("If you plan to publish your Office Add-in from Microsoft Marketplace,
 * you must use this CDN reference. Local references are only appropriate for internal, development,
 * and debugging scenarios.":
 * https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn;
 * the @microsoft/office-js README: "The NPM package associated with this repo is no longer officially
 * supported"). The npm copy still goes to dist/office-js/: a plain browser that cannot reach the CDN
 * (preview mode, the browser tests) gets it in the CDN's place, and development builds load it first.
 * Each page starts with src/taskpane/boot.js inline (ES5), which tells an Office host from a plain
 * browser before office.js loads and makes that choice (see taskpane.html).
 *
 * Shared runtime: taskpane.html hosts the taskpane, commands and functions bundles in one
 * JavaScript runtime (manifest.xml <Runtimes>), on one webpack runtime chunk (runtime.js) so that
 * they share module instances. functions.html and commands.html are standalone debugging harnesses
 * that the manifest does not reference.
 *
 * Custom functions metadata: functions.json (English, generated from the JSDoc of
 * src/functions/functions.ts) and functions-zh-cn.json (the same functions with the Chinese texts of
 * src/functions/descriptions.zh-CN.json; manifest.xml's zh-CN override).
 *
 * dist/ is shared with the tsc build of the CLI (dist/cli, dist/rules, ...), so this build does not
 * clean dist/; its own outputs all live at the top of dist/ or under dist/assets and dist/office-js.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const pkg = require('./package.json');

const DEV_BASE_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/**
 * Office 365 operated by 21Vianet (世纪互联), the China cloud: "Add-ins developed for use within this
 * cloud environment should use corresponding CDN. Use
 * https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js instead of the
 * standard CDN reference" (office-js-docs-pr docs/includes/21Vianet-cdn.md, included in
 * referencing-the-javascript-api-for-office-library-from-its-cdn.md). `--env cloud=china` builds for it.
 */
const OFFICE_JS_CDN_CHINA = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';
const OFFICE_JS_LOCAL = 'office-js/office.js';
/** Written inline at the top of each page (plain ES5; host.ts imports the same file). */
const BOOT_SCRIPT = path.resolve(__dirname, 'src/taskpane/boot.js');
/** office.js loads host/locale scripts next to itself; only Excel's are copied (non-debug builds). */
const OFFICE_JS_IGNORE = [
  '**/*.debug.js',
  '**/office-vsdoc.js',
  '**/office.d.ts',
  ...['access', 'onenote', 'outlook', 'powerpoint', 'project', 'visio', 'word'].map((host) => `**/dist/${host}*`),
];

/**
 * Custom functions metadata in Chinese: takes the functions.json that custom-functions-metadata-plugin
 * generated from the JSDoc (English) and writes functions-zh-cn.json, the same functions (ids, names,
 * parameters, types, options) with the descriptions of src/functions/descriptions.zh-CN.json.
 * Function and parameter names are not translated: formulas read LAUNCH.NEXTSTEP in every language.
 * A function or parameter without a Chinese description, or a description for one that does not
 * exist, fails the build. manifest.xml points zh-CN at this file (bt:Url Functions.Metadata.Url).
 */
class LocalizedFunctionsMetadataPlugin {
  constructor({ source, output, descriptions }) {
    this.source = source;
    this.output = output;
    this.descriptions = path.resolve(__dirname, descriptions);
  }

  apply(compiler) {
    const name = 'LocalizedFunctionsMetadataPlugin';
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(this.descriptions);
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(this.source);
        if (!asset) return; // the metadata plugin reported why
        try {
          const english = JSON.parse(asset.source.source().toString());
          const table = JSON.parse(fs.readFileSync(this.descriptions, 'utf8'));
          const { metadata, problems } = localizeFunctionsMetadata(english, table);
          for (const problem of problems) compilation.errors.push(new webpack.WebpackError(`${this.descriptions}: ${problem}`));
          compilation.emitAsset(this.output, new webpack.sources.RawSource(JSON.stringify(metadata, null, 4)));
        } catch (error) {
          compilation.errors.push(new webpack.WebpackError(`${name}: ${error.message}`));
        }
      });
    });
  }
}

/** English metadata + { ID: { description, parameters: { name: text } } } → localized metadata and what is missing. */
function localizeFunctionsMetadata(english, table) {
  const problems = [];
  const ids = new Set();
  const functions = english.functions.map((fn) => {
    ids.add(fn.id);
    const texts = table[fn.id];
    if (!texts || typeof texts.description !== 'string' || texts.description.trim() === '') {
      problems.push(`${fn.id}: no Chinese description`);
    }
    const parameters = (fn.parameters || []).map((p) => {
      const text = texts && texts.parameters ? texts.parameters[p.name] : undefined;
      if (typeof text !== 'string' || text.trim() === '') problems.push(`${fn.id}(${p.name}): no Chinese description`);
      return { ...p, description: text || p.description };
    });
    for (const extra of Object.keys((texts && texts.parameters) || {})) {
      if (!parameters.some((p) => p.name === extra)) problems.push(`${fn.id}(${extra}): no such parameter`);
    }
    return { ...fn, description: (texts && texts.description) || fn.description, parameters };
  });
  for (const id of Object.keys(table)) if (!ids.has(id)) problems.push(`${id}: no such function`);
  return { metadata: { ...english, functions }, problems };
}

/**
 * boot.js for a <script> element: without its leading doc comment (it stays in the source), and
 * checked for a sequence that would end the element early.
 */
function inlineBootScript() {
  const source = fs.readFileSync(BOOT_SCRIPT, 'utf8').replace(/^\/\*[\s\S]*?\*\/\s*/, '');
  if (/<\/script|<!--/i.test(source)) throw new Error(`${BOOT_SCRIPT}: cannot be inlined (contains </script or <!--)`);
  return `/* src/taskpane/boot.js */\n${source}`;
}

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
  const officeJsFromCdn = !dev || Boolean(env.officeJsCdn);
  if (env.cloud !== undefined && env.cloud !== 'china') throw new Error(`--env cloud=${env.cloud}: the only other cloud is "china" (21Vianet)`);
  const officeJsUrl = officeJsFromCdn ? (env.cloud === 'china' ? OFFICE_JS_CDN_CHINA : OFFICE_JS_CDN) : OFFICE_JS_LOCAL;
  // The local copy in the CDN's place, outside Office only (boot.js's afterOfficeJs).
  const officeJsFallback = officeJsFromCdn ? OFFICE_JS_LOCAL : null;
  const baseUrl = typeof env.baseUrl === 'string' ? env.baseUrl.replace(/\/?$/, '/') : undefined;

  const page = (name, chunks) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template: `./src/${name}/${name}.html`,
      chunks,
      chunksSortMode: 'manual',
      officeJsUrl,
      officeJsFallback,
      // Read at each compilation, so that the dev server picks up edits to boot.js.
      templateParameters: (compilation, assets, assetTags, options) => ({
        compilation,
        webpackConfig: compilation.options,
        htmlWebpackPlugin: { tags: assetTags, files: assets, options },
        bootScript: inlineBootScript(),
      }),
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
      new LocalizedFunctionsMetadataPlugin({
        source: 'functions.json',
        output: 'functions-zh-cn.json',
        descriptions: 'src/functions/descriptions.zh-CN.json',
      }),
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
          {
            from: 'node_modules/@microsoft/office-js/dist',
            to: 'office-js',
            globOptions: { ignore: OFFICE_JS_IGNORE },
            info: { minimized: true }, // already minified: keep Terser off these 300+ files
          },
        ],
      }),
    ],
    // One webpack runtime (runtime.js) for every bundle of a page: taskpane.html loads the taskpane,
    // commands and functions bundles, and with one runtime they share module instances — one
    // sharedRuntime(), one PortfolioStore, one workbook read for the pane and every LAUNCH formula.
    // (Each entry with its own runtime would instantiate src/excel/runtime.ts once per bundle.)
    // splitChunks: code the bundles share (React, the rules) is loaded once, not once per bundle.
    optimization: { runtimeChunk: 'single', splitChunks: { chunks: 'all' } },
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

// For the tests (test/functions/metadata.test.ts); webpack only calls the exported function.
module.exports.localizeFunctionsMetadata = localizeFunctionsMetadata;

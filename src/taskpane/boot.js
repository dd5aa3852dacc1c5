/*
 * Launch Tracker's first script. ES5 only, no modules, no bundler: webpack.config.js writes this file
 * inline at the top of taskpane.html (before office.js and the bundles), where it must run in every
 * webview Office may use, Internet Explorer 11 included. The bundles (src/taskpane/host.ts) import the
 * same file for its functions, so there is one copy of the decision and the tests check that copy.
 *
 * It decides two things before anything else loads:
 *
 * 1. Whether the page is inside an Office host or in a plain browser, from what Office itself puts
 *    on the page — never from a timeout. The signals are the ones office.js reads in
 *    OSF._OfficeAppFactory._retrieveHostInfo and OSF.OUtil.parseXdmInfo (office.debug.js of
 *    @microsoft/office-js 1.1.110, node_modules/@microsoft/office-js/dist/office.debug.js, and the
 *    OfficeDev/office-js repository):
 *    - window.external.GetHostInfo() / GetContext(): the Windows desktop hosts (IE, EdgeHTML, WebView2)
 *      put them there; office.js asks GetHostInfo() first and treats a page whose
 *      window.external.GetContext() works as "not a plain browser".
 *    - the `_host_Info` query parameter, `<App>$<Platform>$<Version>$<locale>$...$<flags>` ('$' or '|'
 *      separated), e.g. `_host_Info=Excel$Win32$16.01$en-US$$$$0`: Office appends it to the page URL
 *      (Microsoft's own debugging docs open `taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0`:
 *      https://learn.microsoft.com/office/dev/add-ins/testing/debug-with-vs-extension; public add-in
 *      projects' server logs and tests show WebView2 on Windows requesting
 *      `taskpane.html?_host_Info=Excel$Win32$16.01$fr-FR$$$$0` and Office on Mac
 *      `?_host_Info=Excel$Mac$16.01$en-US$telemetry$isDialog$$0`).
 *    - window.name holding JSON with `hostInfo` or `xdmInfo`, or `&_xdm_Info=` in the URL fragment or
 *      window.name: how Office on the web hands the same facts to the iframe.
 *    - sessionStorage `hostInfoValue`: office.js stores the host info there, so a page the pane
 *      navigates to (a reload) still knows.
 *    - window.chrome.webview: present only inside a WebView2 control, which only a host application
 *      (here: Office on Windows) embeds; a plain Edge or Chrome has window.chrome but no .webview.
 *    The WKWebView hint window.webkit.messageHandlers is NOT used: Chrome and other browsers on iOS
 *    are WKWebViews too, and Office on Mac and iPad passes `_host_Info` anyway.
 *
 * 2. Whether the webview is Internet Explorer 11 (Trident) or Microsoft Edge Legacy (EdgeHTML,
 *    "Edge/" in the user agent; Chromium Edge and WebView2 say "Edg/"), which cannot run the bundles:
 *    "Support older Microsoft webviews and Office versions"
 *    (https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11) recommends a graceful
 *    failure message and reads navigator.userAgent for "Trident" and "Edge" exactly so. With
 *    <Runtimes> in the manifest (ours has it) Office never uses EdgeHTML, and uses Trident whenever
 *    WebView2 is not available ("Browsers and webview controls used by Office Add-ins", footnotes on
 *    <Runtimes>: https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins).
 *    There the page shows the #old-webview paragraph of taskpane.html instead of a blank pane.
 *
 * After office.js's <script> tag, taskpane.html calls LaunchTrackerBoot.afterOfficeJs(localCopy):
 * if office.js did not load (Microsoft's CDN unreachable) and the page is not in a host, the local
 * copy is written in its place, synchronously, so that office.js is still there before the bundles
 * run (functions.ts registers the custom functions at load). Inside a host nothing replaces the CDN:
 * the pane says office.js could not load (host.ts), never preview mode.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else if (root) api.install(root);
})(typeof window !== 'undefined' ? window : null, function () {
  'use strict';

  var HOST_INFO_PARAM = '_host_Info';
  var XDM_INFO_KEY = '_xdm_Info=';
  var OLD_WEBVIEW = /Trident\/|MSIE |\bEdge\/\d/;

  /** The value of a query parameter, the way office.js's getQueryStringValue cuts it (up to & or #). */
  function queryValue(search, name) {
    if (typeof search !== 'string' || search === '') return null;
    var parts = search.split(name + '=');
    if (parts.length < 2) return null;
    var value = parts[1].split(/[&#]/)[0];
    return value === '' ? null : value;
  }

  function safe(read) {
    try {
      return read();
    } catch (e) {
      return null;
    }
  }

  /**
   * The first sign that Office hosts this page, as a short text naming where it was seen (for the
   * developer tools and the tests), or null in a plain browser. `win` is the window (a fake in tests).
   */
  function hostSignal(win) {
    if (!win) return null;
    var external = safe(function () {
      return win.external;
    });
    if (external) {
      var hostInfo = safe(function () {
        return typeof external.GetHostInfo !== 'undefined' ? String(external.GetHostInfo()) : null;
      });
      if (hostInfo) return 'window.external.GetHostInfo: ' + hostInfo;
      var context = safe(function () {
        return typeof external.GetContext !== 'undefined' && external.GetContext() ? 'yes' : null;
      });
      if (context) return 'window.external.GetContext';
    }
    var location = safe(function () {
      return win.location;
    });
    var search = location ? safe(function () {
      return location.search;
    }) : null;
    var hash = location ? safe(function () {
      return location.hash;
    }) : null;
    var fromQuery = queryValue(search, HOST_INFO_PARAM);
    if (fromQuery) return HOST_INFO_PARAM + ' query: ' + safe(function () {
      return decodeURIComponent(fromQuery);
    });
    if (typeof hash === 'string' && hash.indexOf(XDM_INFO_KEY) >= 0) return '_xdm_Info in the URL fragment';
    var name = safe(function () {
      return win.name;
    });
    if (typeof name === 'string' && name !== '') {
      if (name.indexOf(XDM_INFO_KEY) >= 0) return '_xdm_Info in window.name';
      var parsed = name.charAt(0) === '{' ? safe(function () {
        return JSON.parse(name);
      }) : null;
      if (parsed && typeof parsed === 'object' && (parsed.hostInfo || parsed.xdmInfo)) {
        return 'window.name: ' + (parsed.hostInfo ? 'hostInfo ' + parsed.hostInfo : 'xdmInfo');
      }
    }
    var stored = safe(function () {
      return win.sessionStorage ? win.sessionStorage.getItem('hostInfoValue') : null;
    });
    if (stored) return 'sessionStorage hostInfoValue: ' + stored;
    var webview = safe(function () {
      return win.chrome && win.chrome.webview ? 'yes' : null;
    });
    if (webview) return 'window.chrome.webview (WebView2)';
    return null;
  }

  /** Internet Explorer 11 (Trident) or Microsoft Edge Legacy (EdgeHTML): the bundles cannot run there. */
  function isOldWebview(userAgent) {
    return typeof userAgent === 'string' && OLD_WEBVIEW.test(userAgent);
  }

  /** What the page saw before anything loaded; host.ts reads it as window.LaunchTrackerBoot.state. */
  function observe(win) {
    var signal = hostSignal(win);
    var ua = safe(function () {
      return win.navigator.userAgent;
    });
    return { hostSignal: signal, inHost: signal !== null, oldWebview: isOldWebview(ua), officeJs: 'pending' };
  }

  /** Shows the old-webview paragraph instead of the pane (the bundles will not run or will not start). */
  function showOldWebviewMessage(doc) {
    var message = doc.getElementById('old-webview');
    var pane = doc.getElementById('root');
    if (message) message.style.display = 'block';
    if (pane) pane.style.display = 'none';
  }

  /**
   * Runs right after office.js's <script> tag. office.js found → nothing to do. Not found outside a
   * host → the local copy, written in the CDN tag's place. office.js takes its base path (where it
   * loads its Excel and locale scripts from) from the first <script> whose src ends in office.js,
   * so the failed CDN tag is removed first.
   */
  function afterOfficeJs(win, state, localCopy, cdnTagId) {
    if (typeof win.Office !== 'undefined') {
      state.officeJs = 'loaded';
      return;
    }
    if (state.inHost || !localCopy) {
      state.officeJs = 'failed';
      return;
    }
    var doc = win.document;
    var tag = cdnTagId ? doc.getElementById(cdnTagId) : null;
    if (tag && tag.parentNode) tag.parentNode.removeChild(tag);
    doc.write('<script src="' + localCopy + '"><\/script>');
    state.officeJs = 'local copy';
  }

  function install(win) {
    var state = observe(win);
    var boot = {
      state: state,
      afterOfficeJs: function (localCopy, cdnTagId) {
        afterOfficeJs(win, state, localCopy, cdnTagId);
      },
    };
    win.LaunchTrackerBoot = boot;
    if (state.oldWebview) {
      var doc = win.document;
      if (doc.readyState === 'loading') {
        doc.addEventListener('DOMContentLoaded', function () {
          showOldWebviewMessage(doc);
        });
      } else {
        showOldWebviewMessage(doc);
      }
    }
    return boot;
  }

  return {
    hostSignal: hostSignal,
    isOldWebview: isOldWebview,
    observe: observe,
    afterOfficeJs: afterOfficeJs,
    install: install,
  };
});

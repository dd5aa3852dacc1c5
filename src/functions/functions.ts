/**
 * Excel custom functions, namespace LAUNCH (manifest.xml: Functions.Namespace).
 *
 * TODO(later issue): the real LAUNCH.* functions (next step, due date, ICP deadlines, live-stream
 * eligibility) go here, as thin wrappers over src/rules. Until then this file holds one harmless
 * stub so the whole pipeline is exercised: custom-functions-metadata-plugin reads the JSDoc tags
 * below, writes dist/functions.json, and appends `CustomFunctions.associate("ADDINVERSION", addinVersion)`
 * to this module when webpack bundles it.
 *
 * How functions are declared (see Microsoft's "Autogenerate JSON metadata for custom functions"):
 * a top-level function with a JSDoc `@customfunction ID` tag; the id is upper case A-Z, 0-9, `_`, `.`;
 * parameter and return types come from the TypeScript signature. The function must stay a
 * top-level declaration of this file (the appended associate call refers to it by name).
 */

/** Replaced by webpack's DefinePlugin with package.json's version; absent under Jest/tsc. */
declare const __LAUNCH_TRACKER_VERSION__: string | undefined;

/**
 * Returns the version of the Launch Tracker add-in (placeholder: shows that the custom functions load).
 * @customfunction ADDINVERSION
 * @returns The add-in version, e.g. "0.1.0".
 */
export function addinVersion(): string {
  return typeof __LAUNCH_TRACKER_VERSION__ === 'string' ? __LAUNCH_TRACKER_VERSION__ : 'dev';
}

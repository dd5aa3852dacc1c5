/**
 * The add-in's version: package.json's, put in by webpack's DefinePlugin (webpack.config.js);
 * 'dev' where no bundle was made (tests).
 */
declare const __LAUNCH_TRACKER_VERSION__: string | undefined;

export const ADDIN_VERSION: string = typeof __LAUNCH_TRACKER_VERSION__ === 'string' ? __LAUNCH_TRACKER_VERSION__ : 'dev';

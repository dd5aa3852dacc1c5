/**
 * The one door to Office.js: everything in src/excel receives an `ExcelRun` instead of
 * calling the global `Excel.run`, so the same adapter code drives real Excel, the
 * in-memory workbook of preview mode, and the tests (src/excel/fake).
 */

/** Excel.run's shape: a batch against a request context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel.run on an earlier batch's context: how event handlers are removed. */
export type ExcelRunIn = <T>(context: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelApi {
  run: ExcelRun;
  runIn: ExcelRunIn;
}

/** Real Excel, once Office.js is loaded and the host is Excel. */
export function officeExcel(): ExcelApi {
  return {
    run: (batch) => Excel.run(batch),
    runIn: (context, batch) => Excel.run(context, batch),
  };
}

/** The error code of an Office.js error (OfficeExtension.Error), or '' for anything else. */
export function officeErrorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return '';
}

/** Excel on the web refuses requests (and responses) over 5 MB; stay under with room for the envelope. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** UTF-8 bytes of a value as Office.js would put it in a request (JSON). */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value);
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return bytes;
}

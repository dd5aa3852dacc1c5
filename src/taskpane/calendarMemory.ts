/**
 * The pane's last calendar export, per owner, remembered on this machine (the webview's
 * localStorage) — what the command line reads back from the .ics file it replaces. A pane cannot
 * read the file it saved, so it keeps the text it gave: the next export then updates those events
 * and cancels the ones no longer due, as the command line does (src/workbook/calendar.ts).
 */
const PREFIX = 'launchTracker.calendar:';

/** Which calendar: one owner's (their name) or everyone's (''); per workbook where Office says which. */
function key(owner: string | null, workbook: string): string {
  return `${PREFIX}${workbook}\u0000${owner ?? ''}`;
}

export function rememberedCalendar(owner: string | null, workbook: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key(owner, workbook)) ?? null;
  } catch {
    return null; // storage refused: this export starts afresh (nothing to cancel)
  }
}

export function rememberCalendar(owner: string | null, workbook: string, text: string): void {
  try {
    globalThis.localStorage?.setItem(key(owner, workbook), text);
  } catch {
    // refused or over the storage quota (a few MB): the next export cannot cancel what this one held
  }
}

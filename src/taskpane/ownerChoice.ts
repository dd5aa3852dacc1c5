/**
 * Which owner I am: remembered for this user on this machine (the webview's localStorage), not in
 * the workbook, which colleagues share. null: all owners; undefined: never chosen (the pane asks).
 */
const KEY = 'launchTracker.owner';
/** Stored for "all owners": no owner's name is empty (blank owners are not offered). */
const ALL = '';

export function rememberedOwner(): string | null | undefined {
  try {
    const stored = globalThis.localStorage?.getItem(KEY);
    if (stored === null || stored === undefined) return undefined;
    return stored === ALL ? null : stored;
  } catch {
    return undefined; // storage refused (private mode, a locked-down webview): nothing remembered
  }
}

export function rememberOwner(owner: string | null): void {
  try {
    globalThis.localStorage?.setItem(KEY, owner ?? ALL);
  } catch {
    // not remembered: the choice holds until the pane closes
  }
}

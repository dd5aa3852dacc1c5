/**
 * Which owner I am: remembered for this user on this machine (the webview's localStorage), not in
 * the workbook, which colleagues share. null: all owners.
 */
const KEY = 'launchTracker.owner';

export function rememberedOwner(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null; // storage refused (private mode, a locked-down webview): nothing remembered
  }
}

export function rememberOwner(owner: string | null): void {
  try {
    if (owner === null) globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, owner);
  } catch {
    // not remembered: the choice holds until the pane closes
  }
}

/**
 * Turning whatever an action threw into a PaneError the pane can explain. The controller is meant
 * to throw PaneErrors only; anything else still ends as 'unexpected' with its message (never a
 * stack trace), so a bug shows as a sentence rather than a blank pane.
 */
import { PaneError, type PaneErrorCode } from '../service';

const CODES: readonly PaneErrorCode[] = ['no-portfolio', 'no-key-column', 'wrong-shape', 'off-sheet', 'too-many-cells', 'busy', 'host-too-old', 'unexpected'];

export function toPaneError(thrown: unknown): PaneError {
  if (thrown instanceof PaneError) return thrown;
  // A PaneError from another copy of service.ts (e.g. another bundle) fails instanceof: go by
  // shape; so does an adapter's WorkbookError that reached the pane unconverted (same codes).
  if (isRecord(thrown) && (thrown.name === 'PaneError' || thrown.name === 'WorkbookError') && CODES.includes(thrown.code as PaneErrorCode)) {
    const details = isRecord(thrown.details) ? thrown.details : {};
    return new PaneError(thrown.code as PaneErrorCode, details, typeof thrown.message === 'string' ? thrown.message : undefined);
  }
  const message = thrown instanceof Error ? thrown.message : typeof thrown === 'string' ? thrown : null;
  return new PaneError('unexpected', {}, message || undefined);
}

/** What the message texts may quote, each checked to be text: details come from the workbook. */
export interface ErrorFacts {
  looked: string[];
  found: string[];
  address: string | null;
  missing: string | null;
  message: string | null;
}

/** At most this many found headers are named: a wide sheet would otherwise fill the pane. */
const MAX_FOUND = 12;

export function errorFacts(error: PaneError): ErrorFacts {
  const d = error.details;
  const found = strings(d.found);
  return {
    looked: strings(d.looked),
    found: found.length > MAX_FOUND ? [...found.slice(0, MAX_FOUND), '…'] : found,
    address: text(d.address),
    missing: Array.isArray(d.missing) ? strings(d.missing).join(', ') || null : text(d.missing),
    // PaneError's message defaults to its code, which says nothing to a user.
    message: error.message && error.message !== error.code ? firstLine(error.message) : null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(text).filter((s): s is string => s !== null) : [];
}

/** Messages of wrapped errors sometimes carry a trace after a line break: keep the sentence only. */
function firstLine(message: string): string {
  return message.split(/\r?\n\s*at\s/)[0].trim();
}

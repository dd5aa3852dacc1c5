/**
 * QUAL-MATERIALS (rules.md §1, seed 000 第五步): qualification materials listed in the
 * workbook's Materials table. Files must be JPG, BMP or PNG and at most 2 MB; with payment
 * applied for, at most one file in each of the licence and copyright slots; a file in a
 * slot the platform does not have is rejected.
 */
import type { RowEval } from './context';
import { normalizeKey } from './keys';

export interface Material {
  id: string;
  slot: string | null;
  file: string | null;
  sizeKB: number | null;
  /** 1-based row in the Materials table, so a message can point at it. */
  line: number;
}

export type MaterialIndex = Map<string, Material[]>;

export function indexMaterials(materials: readonly Material[]): MaterialIndex {
  const index: MaterialIndex = new Map();
  for (const m of materials) {
    const key = normalizeKey(m.id);
    const list = index.get(key);
    if (list) list.push(m);
    else index.set(key, [m]);
  }
  return index;
}

const slotKey = (slot: string) => slot.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? '' : file.slice(dot + 1).trim().toLowerCase();
}

export function checkMaterials(ev: RowEval): void {
  const index = ev.ctx.materials;
  if (index === null || ev.row.id === null) return;
  const list = index.get(normalizeKey(ev.row.id));
  if (!list) return;
  const s = ev.settings;
  const formats = new Set(s['materials.formats'].map((f) => f.toLowerCase().replace(/^\./, '')));
  const slots = new Set(s['materials.slots'].map(slotKey));
  const perSlot = new Map<string, number>();
  for (const m of list) {
    const file = m.file ?? '';
    if (m.file !== null && !formats.has(extensionOf(file))) {
      ev.add('QUAL-MATERIALS', 'error', 'qualification', { problem: 'format', file, line: m.line, formats: s['materials.formats'] });
    }
    if (m.sizeKB !== null && m.sizeKB > s['materials.maxSizeKB']) {
      ev.add('QUAL-MATERIALS', 'error', 'qualification', { problem: 'size', file, line: m.line, sizeKB: m.sizeKB, maxKB: s['materials.maxSizeKB'] });
    }
    if (m.slot === null || !slots.has(slotKey(m.slot))) {
      ev.add('QUAL-MATERIALS', 'error', 'qualification', { problem: 'slot', file, line: m.line, slot: m.slot });
    } else {
      perSlot.set(slotKey(m.slot), (perSlot.get(slotKey(m.slot)) ?? 0) + 1);
    }
  }
  if (ev.row.withPayment !== true) return;
  for (const slot of s['materials.singleFileSlots']) {
    const count = perSlot.get(slotKey(slot)) ?? 0;
    if (count > 1) ev.add('QUAL-MATERIALS', 'error', 'qualification', { problem: 'count', slot, count });
  }
}

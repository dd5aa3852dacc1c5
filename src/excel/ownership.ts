/**
 * The ownership record in the open workbook: which columns of the portfolio are the product's.
 * What the record says and how columns are planned from it is decided once, for every surface,
 * in src/workbook/ownership.ts; this is how the add-in reads and saves it through Office.js.
 *
 * The record is one custom XML part in OWNERSHIP_NAMESPACE (Workbook.customXmlParts,
 * ExcelApi 1.5 — the add-in requires 1.8, src/excel/workbook.ts). It is read in the same request
 * as the tables (getByNamespace(…).getOnlyItemOrNullObject() and getXml()), and saved in the
 * same request as the first block of a write, after the columns it names were added.
 */
import type { Cell } from '../workbook/values';
import {
  OutputColumnPlan,
  OWNERSHIP_NAMESPACE,
  OwnershipRecord,
  parseOwnership,
  planOutputColumns,
  recordedColumnsFor,
  serializeOwnership,
} from '../workbook/ownership';
import type { OutputKey } from '../workbook/columns';

export interface OwnershipPart {
  id: string;
  xml: string;
}

export interface WorkbookOwnership {
  /** The custom XML parts in the ownership namespace, as last read or saved (normally none or one). */
  parts: OwnershipPart[];
  /** The record they hold (the one describing the portfolio, when several do), or null. */
  record: OwnershipRecord | null;
}

export const NO_OWNERSHIP: WorkbookOwnership = { parts: [], record: null };

/** Where the portfolio is: the record names its table and sheet. */
export interface PortfolioPlace {
  tableName: string;
  sheetName: string;
}

export interface PendingOwnershipRead {
  count: OfficeExtension.ClientResult<number>;
  only: Excel.CustomXmlPart;
  xml: OfficeExtension.ClientResult<string>;
}

/** Queue the read of the record, to go in the same request as other reads. */
export function queueOwnershipRead(ctx: Excel.RequestContext): PendingOwnershipRead {
  const scoped = ctx.workbook.customXmlParts.getByNamespace(OWNERSHIP_NAMESPACE);
  // getOnlyItemOrNullObject gives a null object for none and for several alike: the count tells.
  const count = scoped.getCount();
  const only = scoped.getOnlyItemOrNullObject();
  only.load('id');
  return { count, only, xml: only.getXml() };
}

/**
 * The parts read, once the request has run. Several parts in the namespace (two tools each
 * adding one, a merge of workbooks) cost one more request for their IDs and one for their XML.
 */
export async function finishOwnershipRead(ctx: Excel.RequestContext, pending: PendingOwnershipRead, sync: () => Promise<void>): Promise<OwnershipPart[]> {
  if (!pending.only.isNullObject) return typeof pending.xml.value === 'string' ? [{ id: pending.only.id, xml: pending.xml.value }] : [];
  if (pending.count.value < 2) return [];
  const scoped = ctx.workbook.customXmlParts.getByNamespace(OWNERSHIP_NAMESPACE).load('items/id');
  await sync();
  const xmls = scoped.items.map((part) => ({ id: part.id, xml: part.getXml() }));
  await sync();
  return xmls.filter((p) => typeof p.xml.value === 'string').map((p) => ({ id: p.id, xml: p.xml.value }));
}

/** The record of these parts for this portfolio: the one that describes it, else the first that parses. */
export function ownershipOf(parts: OwnershipPart[], place: PortfolioPlace | null): WorkbookOwnership {
  const records = parts.map((p) => parseOwnership(p.xml)).filter((r): r is OwnershipRecord => r !== null);
  const describing = place ? records.find((r) => recordedColumnsFor(r, place.tableName, place.sheetName) !== null) : undefined;
  return { parts, record: describing ?? records[0] ?? null };
}

/** Where each output column goes in this table, by the record (or, without one, the legacy rule). */
export function planFor(ownership: WorkbookOwnership, place: PortfolioPlace, headers: readonly Cell[], language: 'zh-CN' | 'en'): OutputColumnPlan {
  return planOutputColumns(headers, recordedColumnsFor(ownership.record, place.tableName, place.sheetName), language);
}

/** The table columns that are the product's, by the plan (before anything is added). */
export function ownedColumns(plan: OutputColumnPlan): Set<number> {
  return new Set(Object.values(plan.existing));
}

/** The record after a write by this plan: the portfolio's output columns; what else it said stays. */
export function recordAfter(ownership: WorkbookOwnership, place: PortfolioPlace, headers: Record<OutputKey, string>): OwnershipRecord {
  return {
    portfolio: { table: place.tableName, sheet: place.sheetName, columns: { ...headers } },
    summarySheet: ownership.record?.summarySheet ?? null,
  };
}

export interface PendingOwnershipSave {
  part: Excel.CustomXmlPart;
  xml: string;
  record: OwnershipRecord;
}

/**
 * Queue saving `record` when it differs from what the workbook holds: setXml on the part that
 * holds it (the others in the namespace are deleted, so one record remains), or a new part.
 * Null when the workbook already says this.
 */
export function queueOwnershipSave(ctx: Excel.RequestContext, ownership: WorkbookOwnership, record: OwnershipRecord): PendingOwnershipSave | null {
  const xml = serializeOwnership(record);
  const same = ownership.parts.length === 1 && ownership.record !== null && serializeOwnership(ownership.record) === xml;
  if (same) return null;
  const parts = ctx.workbook.customXmlParts;
  const [first, ...others] = ownership.parts;
  let part: Excel.CustomXmlPart;
  if (first) {
    part = parts.getItem(first.id);
    part.setXml(xml);
    for (const other of others) parts.getItem(other.id).delete();
  } else {
    part = parts.add(xml);
  }
  part.load('id');
  return { part, xml, record };
}

/** What the workbook holds once the save's request has run. */
export function finishOwnershipSave(save: PendingOwnershipSave): WorkbookOwnership {
  return { parts: [{ id: save.part.id, xml: save.xml }], record: save.record };
}

/**
 * Which cells of a workbook are the product's own. A column is ours because the workbook
 * records it, not because its header looks like one of ours: a user's own 级别 holding "VIP",
 * or 下一步 holding the manager's own plan, is never written to.
 *
 * The record is one custom XML part (ECMA-376 Part 1 §15.2.4 "Custom XML Data Storage Part";
 * Office.js `Workbook.customXmlParts`, ExcelApi 1.5) in the namespace OWNERSHIP_NAMESPACE,
 * written and read by the command line and the add-in alike:
 *
 *   <launchTracker xmlns="urn:launch-tracker:ownership:1" version="1">
 *     <portfolio table="Portfolio" sheet="项目">
 *       <column key="severity" header="级别"/> …
 *     </portfolio>
 *     <summary sheet="汇总"/>
 *   </launchTracker>
 *
 * A custom XML part rather than a hidden defined name: a name's value is a formula whose
 * string constants Excel limits to 255 characters, and a structured record would need
 * escaping in it; a custom XML part is plain XML of any size, invisible to the user, and both
 * Office.js and the file format address it by namespace.
 *
 * Workbooks checked by versions before the record (and copies saved by tools that drop
 * custom XML parts — LibreOffice 7.4 keeps them) are recognised by their output columns: when all ten
 * output headers are present, the table was set up by the product (its template, or an earlier
 * check that added the missing ones), and those columns are ours. Fewer than ten output
 * headers without a record are the user's.
 */
import { SaxesParser } from 'saxes';
import { normalizeHeader, OUTPUT_COLUMNS, OutputKey } from './columns';
import { Cell, cellText } from './values';
import { xmlAttr } from './xmlText';

export const OWNERSHIP_NAMESPACE = 'urn:launch-tracker:ownership:1';

export interface OwnedPortfolio {
  /** Excel table (ListObject) name; null when the portfolio is a plain range. */
  table: string | null;
  /** The sheet the portfolio is on. */
  sheet: string | null;
  /** Header of each output column that is ours, by key. */
  columns: Partial<Record<OutputKey, string>>;
}

export interface OwnershipRecord {
  portfolio: OwnedPortfolio | null;
  /** The summary sheet the command line writes (replaced on every check), when there is one. */
  summarySheet: string | null;
}

const OUTPUT_KEY_SET = new Set<string>(OUTPUT_COLUMNS.map((c) => c.key));

export function serializeOwnership(record: OwnershipRecord): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', `<launchTracker xmlns="${OWNERSHIP_NAMESPACE}" version="1">`];
  const p = record.portfolio;
  if (p) {
    const attrs = `${p.table !== null ? ` table="${xmlAttr(p.table, false)}"` : ''}${p.sheet !== null ? ` sheet="${xmlAttr(p.sheet, false)}"` : ''}`;
    lines.push(`  <portfolio${attrs}>`);
    for (const def of OUTPUT_COLUMNS) {
      const header = p.columns[def.key];
      if (header !== undefined) lines.push(`    <column key="${def.key}" header="${xmlAttr(header, false)}"/>`);
    }
    lines.push('  </portfolio>');
  }
  if (record.summarySheet !== null) lines.push(`  <summary sheet="${xmlAttr(record.summarySheet, false)}"/>`);
  lines.push('</launchTracker>');
  return `${lines.join('\n')}\n`;
}

/** The record in a custom XML part's text; null when the XML is not ours or not well-formed. */
export function parseOwnership(xml: string): OwnershipRecord | null {
  const record: OwnershipRecord = { portfolio: null, summarySheet: null };
  const parser = new SaxesParser({ xmlns: true });
  let depth = 0;
  let ours = false;
  parser.on('opentag', (tag) => {
    depth++;
    const attr = (name: string): string | null => {
      const a = tag.attributes[name] as { value: string } | undefined;
      return a === undefined ? null : a.value;
    };
    if (depth === 1) ours = tag.local === 'launchTracker' && tag.uri === OWNERSHIP_NAMESPACE;
    if (!ours) return;
    if (depth === 2 && tag.local === 'portfolio') record.portfolio = { table: attr('table'), sheet: attr('sheet'), columns: {} };
    if (depth === 2 && tag.local === 'summary') record.summarySheet = attr('sheet');
    if (depth === 3 && tag.local === 'column' && record.portfolio) {
      const key = attr('key');
      const header = attr('header');
      if (key !== null && header !== null && OUTPUT_KEY_SET.has(key)) record.portfolio.columns[key as OutputKey] = header;
    }
  });
  parser.on('closetag', () => {
    depth--;
  });
  try {
    parser.write(xml).close();
  } catch {
    return null;
  }
  return ours ? record : null;
}

/** Does the record's portfolio entry describe this table (by table name, else by sheet)? */
export function recordedColumnsFor(record: OwnershipRecord | null, table: string | null, sheet: string | null): Partial<Record<OutputKey, string>> | null {
  const p = record?.portfolio;
  if (!p) return null;
  if (p.table !== null && table !== null) return p.table.toLowerCase() === table.toLowerCase() ? p.columns : null;
  if (p.table === null && table === null) return p.sheet !== null && sheet !== null && p.sheet.toLowerCase() === sheet.toLowerCase() ? p.columns : null;
  return null;
}

export interface OutputColumnPlan {
  /** Table column (0-based) of each output column that is ours and stays where it is. */
  existing: Partial<Record<OutputKey, number>>;
  /** Output columns to add at the right of the table, in this order, under these headers. */
  added: { key: OutputKey; header: string }[];
  /** The user's columns whose header is an output header: kept as they are, ours added beside. */
  clashes: { key: OutputKey; userHeader: string; header: string }[];
  /** How the existing output columns were recognised. */
  basis: 'record' | 'legacy' | 'none';
  /** Header of every output column after the write: what the record stores. */
  headers: Record<OutputKey, string>;
}

/** Normal forms of the headers an output column can have (Chinese, English, and ours beside a user's). */
function outputForms(key: OutputKey): Set<string> {
  const def = OUTPUT_COLUMNS.find((c) => c.key === key)!;
  return new Set([def.zh, def.en, distinctHeader(def.zh, 'zh-CN'), distinctHeader(def.en, 'en')].map(normalizeHeader));
}

const FORMS = new Map<OutputKey, Set<string>>(OUTPUT_COLUMNS.map((c) => [c.key, outputForms(c.key)]));

/** Normal forms of the headers only the product gives a column: ours beside a user's. */
const BESIDE_FORMS = new Map<OutputKey, Set<string>>(
  OUTPUT_COLUMNS.map((c) => [c.key, new Set([distinctHeader(c.zh, 'zh-CN'), distinctHeader(c.en, 'en')].map(normalizeHeader))]),
);

/** The header the product's column takes beside a user's column of the same name. */
export function distinctHeader(header: string, language: 'zh-CN' | 'en'): string {
  return language === 'en' ? `${header} (Launch Tracker)` : `${header}（Launch Tracker）`;
}

/** Table columns whose header is an output header of `key` (any language, ours-beside form included). */
function columnsLike(headers: readonly string[], key: OutputKey): number[] {
  const forms = FORMS.get(key)!;
  const out: number[] = [];
  headers.forEach((h, i) => {
    if (h !== '' && forms.has(normalizeHeader(h))) out.push(i);
  });
  return out;
}

/**
 * Where each output column goes, from the table's headers and the recorded ownership.
 * Decided once here for every surface (command line and task pane).
 */
export function planOutputColumns(
  headerCells: readonly Cell[],
  recorded: Partial<Record<OutputKey, string>> | null,
  language: 'zh-CN' | 'en',
): OutputColumnPlan {
  const headers = headerCells.map((cell) => cellText(cell) ?? '');
  const existing: Partial<Record<OutputKey, number>> = {};
  let basis: OutputColumnPlan['basis'] = 'none';
  if (recorded) {
    basis = 'record';
    const taken = new Set<number>();
    for (const def of OUTPUT_COLUMNS) {
      const want = recorded[def.key];
      if (want === undefined) continue;
      let at = headers.findIndex((h, i) => !taken.has(i) && h === want.trim());
      if (at < 0) at = headers.findIndex((h, i) => !taken.has(i) && normalizeHeader(h) === normalizeHeader(want));
      if (at >= 0) {
        existing[def.key] = at;
        taken.add(at);
      }
    }
  } else {
    const found = OUTPUT_COLUMNS.map((def) => columnsLike(headers, def.key));
    if (found.every((cols) => cols.length > 0)) {
      basis = 'legacy';
      // A column headed 级别（Launch Tracker） exists only because the product added it beside a
      // user's 级别 (a record since lost, e.g. by a tool that drops custom XML parts): it is
      // ours, wherever it stands; the plain 级别 beside it stays the user's.
      OUTPUT_COLUMNS.forEach((def, k) => (existing[def.key] = found[k].find((i) => BESIDE_FORMS.get(def.key)!.has(normalizeHeader(headers[i]))) ?? found[k][0]));
    }
  }

  const ownCols = new Set(Object.values(existing));
  const used = new Set(headers.map((h) => h.toLowerCase()));
  const added: OutputColumnPlan['added'] = [];
  const clashes: OutputColumnPlan['clashes'] = [];
  const finalHeaders = {} as Record<OutputKey, string>;
  for (const def of OUTPUT_COLUMNS) {
    const at = existing[def.key];
    if (at !== undefined) {
      finalHeaders[def.key] = headers[at];
      continue;
    }
    const standard = language === 'en' ? def.en : def.zh;
    const userCol = columnsLike(headers, def.key).find((i) => !ownCols.has(i));
    let header = userCol === undefined && !used.has(standard.toLowerCase()) ? standard : distinctHeader(standard, language);
    for (let n = 2; used.has(header.toLowerCase()); n++) header = `${distinctHeader(standard, language)} ${n}`;
    used.add(header.toLowerCase());
    if (userCol !== undefined) clashes.push({ key: def.key, userHeader: headers[userCol], header });
    added.push({ key: def.key, header });
    finalHeaders[def.key] = header;
  }
  return { existing, added, clashes, basis, headers: finalHeaders };
}

/**
 * Column (0-based) of every output column once the plan is carried out: those that are ours where
 * they stand, the added ones at the right of `width` columns, in the plan's order.
 */
export function outputPositions(plan: OutputColumnPlan, width: number): Record<OutputKey, number> {
  const positions = { ...plan.existing } as Record<OutputKey, number>;
  plan.added.forEach(({ key }, i) => (positions[key] = width + i));
  return positions;
}

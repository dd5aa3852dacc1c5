/**
 * 自上次检查 / Since last check: what the check found changed since the previous one (by the pane,
 * keep-up-to-date or the command line) — newly overdue, approved or rejected steps, severities
 * that rose or fell, rows released, findings cleared … — each item a link that selects its row.
 * Of my rows when the owner filter is on. Texts are rendered here from the items' codes, so a
 * language switch changes them at once.
 */
import { Caption1, Link, makeStyles, tokens, useId } from '@fluentui/react-components';
import { catalogFor } from '../../rules/i18n';
import type { Language, RowSeverity, Topic } from '../../rules/types';
import { SINCE_KINDS, type SinceKind } from '../../workbook/history';
import type { SinceEntry, SinceView } from '../service';
import { useStrings } from '../strings';
import type { UiStrings } from '../strings/types';
import { formatMoment } from './format';

/** Items shown per kind (the count says how many there are). */
export const SINCE_SHOWN = 5;

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  // The heading and what it compares with share a line: at 320 × 700 the day's first rows still show.
  head: { margin: 0 },
  heading: { display: 'inline', margin: 0, marginInlineEnd: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, fontWeight: tokens.fontWeightSemibold },
  kinds: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  kind: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, alignItems: 'baseline' },
  label: { fontWeight: tokens.fontWeightSemibold },
  items: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
});

export interface SinceLastCheckProps {
  since: SinceView;
  /** My rows only (null: everyone's). */
  owner: string | null;
  language: Language;
  onSelectRow: (row: number) => void;
}

/** What an item is about, in the language: a step's name, "Warning → Error", a rule ID, a date. */
function detailText(entry: SinceEntry, s: UiStrings, language: Language): string | null {
  const { kind, detail } = entry;
  if (detail === null) return null;
  if (kind === 'approved' || kind === 'rejected') return catalogFor(language).topic[detail as Topic] ?? detail;
  if (kind === 'severityUp' || kind === 'severityDown') return detail.split('>').map((level) => s.severity[level as RowSeverity] ?? level).join(' → ');
  return detail;
}

export function itemText(entry: SinceEntry, s: UiStrings, language: Language): string {
  const detail = detailText(entry, s, language);
  return detail === null ? entry.id : s.since.item(entry.id, detail);
}

export function SinceLastCheck({ since, owner, language, onSelectRow }: SinceLastCheckProps) {
  const styles = useStyles();
  const s = useStrings();
  const headingId = useId('since');
  const mine = owner === null ? since.items : since.items.filter((i) => i.owner === owner);
  const byKind = new Map<SinceKind, SinceEntry[]>();
  for (const item of mine) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  // A first check has nothing to compare with: it records the baseline, and the section (which
  // would push the day's first rows below a 320 × 700 pane's fold) appears from the next check.
  if (since.previous === null && !since.blocked) return null;
  const caption = since.blocked
    ? s.since.blocked(since.blocked.what, since.blocked.name)
    : `${s.since.previous(formatMoment(since.previous!.checkedAt), s.since.sources[since.previous!.source])} ${s.since.records(since.records)}`;
  return (
    <section className={styles.box} aria-labelledby={headingId} data-testid="since-last-check">
      <div className={styles.head}>
        <h2 id={headingId} className={styles.heading}>
          {s.since.title}
        </h2>
        <Caption1 data-testid="since-caption">{caption}</Caption1>
      </div>
      {since.previous !== null && !since.blocked && mine.length === 0 && <Caption1>{s.since.nothing}</Caption1>}
      {byKind.size > 0 && (
        <ul className={styles.kinds}>
          {SINCE_KINDS.filter((k) => byKind.has(k)).map((kind) => {
            const items = byKind.get(kind)!;
            return (
              <li key={kind} className={styles.kind} data-testid={`since-kind-${kind}`}>
                <span className={styles.label}>
                  {s.since.kinds[kind]} {items.length}
                </span>
                <ul className={styles.items}>
                  {items.slice(0, SINCE_SHOWN).map((item, k) => {
                    const text = itemText(item, s, language);
                    return (
                      <li key={`${item.id}-${k}`}>
                        {item.row === null ? (
                          <span>{text}</span>
                        ) : (
                          <Link
                            as="button"
                            data-testid={`since-item-${item.row}`}
                            data-kind={kind}
                            aria-label={s.since.selectLabel(s.since.kinds[kind], text)}
                            onClick={() => onSelectRow(item.row!)}
                          >
                            {text}
                          </Link>
                        )}
                      </li>
                    );
                  })}
                  {items.length > SINCE_SHOWN && (
                    <li>
                      <Caption1>{s.since.more(items.length - SINCE_SHOWN)}</Caption1>
                    </li>
                  )}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * The preview grid's sheet tabs: a WAI-ARIA tab list (APG "Tabs" pattern, manual activation) of
 * plain buttons. Fluent's TabList is not used here: its arrow-key navigation (Tabster) puts
 * focusable, aria-hidden "dummy" elements around the tabs, which axe reports as
 * aria-hidden-focus (microsoft/tabster#288) — a real tab stop a screen reader is told not to see.
 *
 * Keyboard: one tab in the tab order (the active sheet's); Left/Right (wrapping), Home, End move
 * the focus between tabs; Enter, Space or a click open the sheet.
 */
import { useRef, type KeyboardEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
  tab: {
    position: 'relative',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: 0 },
  },
  // The active sheet: bold, with the brand-coloured bar under it that Fluent's tabs have.
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalS,
      right: tokens.spacingHorizontalS,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowRight: (at, count) => (at + 1) % count,
  ArrowLeft: (at, count) => (at - 1 + count) % count,
  Home: () => 0,
  End: (_, count) => count - 1,
};

export function SheetTabs(props: { sheets: string[]; active: string; label: string; onSelect(sheet: string): void }) {
  const { sheets, active, label, onSelect } = props;
  const styles = useStyles();
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[move(at, sheets.length)]?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className={styles.list} ref={list}>
      {sheets.map((name, at) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={name === active}
          tabIndex={name === active ? 0 : -1}
          className={mergeClasses(styles.tab, name === active && styles.selected)}
          onClick={() => onSelect(name)}
          onKeyDown={(event) => onKeyDown(event, at)}
          data-testid={`preview-sheet-${name}`}
        >
          {name}
        </button>
      ))}
    </div>
  );
}

/** The pane's title and the language toggle (Chinese by default, English as a setting). */
import { Button, Caption1, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  // Title and subtitle share a line (wrapping when they must): a 700 px tall pane needs its height for the list.
  titles: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  title: { margin: 0 },
  // The name in the other language is a nicety: a 320 px pane gives its line to the day's list.
  subtitle: { '@media (max-width: 359px)': { display: 'none' } },
});

export function PaneHeader({ onToggleLanguage }: { onToggleLanguage: () => void }) {
  const styles = useStyles();
  const s = useStrings();
  return (
    <header className={styles.header}>
      <div className={styles.titles}>
        <Subtitle1 as="h1" className={styles.title}>{s.appTitle}</Subtitle1>
        <Caption1 className={styles.subtitle}>{s.appSubtitle}</Caption1>
      </div>
      <Button
        size="small"
        appearance="subtle"
        onClick={onToggleLanguage}
        aria-label={s.languageToggle.ariaLabel}
        data-testid="language-toggle"
      >
        {s.languageToggle.text}
      </Button>
    </header>
  );
}

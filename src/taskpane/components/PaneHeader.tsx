/** The pane's title and the language toggle (Chinese by default, English as a setting). */
import { Button, Caption1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
  },
  titles: { display: 'flex', flexDirection: 'column' },
});

export function PaneHeader({ onToggleLanguage }: { onToggleLanguage: () => void }) {
  const styles = useStyles();
  const s = useStrings();
  return (
    <header className={styles.header}>
      <div className={styles.titles}>
        <Title3 as="h1">{s.appTitle}</Title3>
        <Caption1>{s.appSubtitle}</Caption1>
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

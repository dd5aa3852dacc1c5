/**
 * A text whose YYYY-MM-DD dates never break across lines. The pane wraps long words anywhere so
 * that it fits 320 px, and Chromium would otherwise break "2026-11-18" after a hyphen.
 */
import { makeStyles } from '@fluentui/react-components';
import { splitDates } from './format';

const useStyles = makeStyles({
  date: { whiteSpace: 'nowrap' },
});

export function WholeDates({ text }: { text: string }) {
  const styles = useStyles();
  return (
    <>
      {splitDates(text).map((part, i) =>
        part.date ? (
          <span key={i} className={styles.date} data-date="">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

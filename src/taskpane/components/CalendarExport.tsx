/**
 * "My due dates in my calendar": the last check's open due dates and launch dates, of the owner
 * the list shows (or everyone's), as an .ics file for Outlook, Google Calendar, Feishu/Lark or
 * WeCom — the same file `launch-tracker calendar` makes. Where Excel cannot download (Mac, iPad),
 * the steps to make it from the command line instead.
 */
import { useState } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Language } from '../../rules/types';
import type { PaneService } from '../service';
import { useStrings } from '../strings';
import { saveFile } from './download';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  command: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

export interface CalendarExportProps {
  service: Pick<PaneService, 'canDownload' | 'exportCalendar'>;
  language: Language;
  /** Whose rows (null: everyone's). */
  owner: string | null;
  disabled: boolean;
  onError: (thrown: unknown) => void;
}

export function CalendarExport({ service, language, owner, disabled, onError }: CalendarExportProps) {
  const styles = useStyles();
  const s = useStrings();
  const [said, setSaid] = useState<string | null>(null);
  const [steps, setSteps] = useState(false);
  const [busy, setBusy] = useState(false);

  const onClick = async () => {
    if (!service.canDownload) return setSteps(true);
    setBusy(true);
    try {
      const file = await service.exportCalendar(language, owner);
      saveFile(file.fileName, file.text, 'text/calendar');
      setSaid(s.calendar.saved(file.fileName, file.open, file.cancelled, file.withoutId));
    } catch (thrown) {
      onError(thrown);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.box} aria-label={s.calendar.label}>
      <Button size="small" onClick={() => void onClick()} disabledFocusable={disabled || busy} data-testid="calendar-export">
        {owner ? s.calendar.mine(owner) : s.calendar.all}
      </Button>
      {said && (
        <Caption1 role="status" data-testid="calendar-saved">
          {said}
        </Caption1>
      )}
      {steps && (
        <Caption1 data-testid="calendar-steps">
          {s.calendar.steps}{' '}
          <span className={styles.command}>{`launch-tracker calendar ${language === 'en' ? 'portfolio.xlsx' : '项目表.xlsx'}${owner ? ` --owner ${owner}` : ''}${language === 'en' ? ' --lang en' : ''}`}</span>
        </Caption1>
      )}
    </section>
  );
}

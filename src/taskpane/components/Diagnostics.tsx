/**
 * The Diagnostics section: a button that runs the self-test of every Excel call the product
 * makes (PaneService.runDiagnostics), the checks' results as they come, the one request to the
 * person (type into a cell), and a button that copies the report as text for the developers.
 */
import { useState } from 'react';
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DiagnosticReport, DiagnosticResult, DiagnosticState } from '../../excel/diagnostics';
import { reportText } from '../../excel/diagnostics';
import type { DiagnosticsListener } from '../service';
import { useStrings } from '../strings';
import { ADDIN_VERSION } from '../version';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  reason: { gridColumn: '2', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  prompt: { padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorPaletteYellowBackground1 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const BADGE: Record<DiagnosticState, 'success' | 'danger' | 'informative'> = { pass: 'success', fail: 'danger', skip: 'informative' };

export interface DiagnosticsProps {
  run: (listener: DiagnosticsListener) => Promise<DiagnosticReport>;
  /** Another command is running: the run waits for it. */
  disabled: boolean;
}

export function Diagnostics({ run, disabled }: DiagnosticsProps) {
  const styles = useStyles();
  const s = useStrings();
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<DiagnosticResult[]>([]);
  const [report, setReport] = useState<DiagnosticReport | null>(null);
  const [prompt, setPrompt] = useState<{ sheet: string; address: string } | null>(null);
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);

  const start = async () => {
    setRunning(true);
    setResults([]);
    setReport(null);
    setCopy(null);
    try {
      const done = await run({
        onResult: (r) => {
          setResults((list) => [...list, r]);
          if (r.name === 'event-user-edit') setPrompt(null);
        },
        onAskForEdit: (sheet, address) => setPrompt({ sheet, address }),
      });
      setReport(done);
    } finally {
      setPrompt(null);
      setRunning(false);
    }
  };

  const copyReport = async () => {
    if (!report) return;
    const text = reportText(report, ADDIN_VERSION);
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      setCopy(copyWithSelection(text) ? 'copied' : 'failed');
    }
  };

  const count = (state: DiagnosticState) => results.filter((r) => r.state === state).length;
  return (
    <section className={styles.section} aria-label={s.diagnostics.title}>
      <div className={styles.row}>
        <Button onClick={() => void start()} disabledFocusable={disabled || running} data-testid="run-diagnostics" title={s.diagnostics.hint}>
          {s.diagnostics.action}
        </Button>
        {running && <Text>{s.diagnostics.running}</Text>}
      </div>
      {prompt && (
        <Text className={styles.prompt} role="alert" data-testid="diagnostics-prompt">
          {s.diagnostics.prompt(prompt.sheet, prompt.address)}
        </Text>
      )}
      {results.length > 0 && (
        <ul className={styles.list} data-testid="diagnostics-report" aria-live="polite">
          {results.map((r) => (
            <li key={r.name} className={styles.item} data-testid={`diagnostic-${r.name}`} data-state={r.state}>
              <Badge appearance="tint" color={BADGE[r.state]}>
                {s.diagnostics.states[r.state]}
              </Badge>
              <Text>{s.diagnostics.names[r.name]}</Text>
              <Text className={styles.reason}>{r.reason}</Text>
            </li>
          ))}
        </ul>
      )}
      {report && (
        <div className={styles.row}>
          <Text data-testid="diagnostics-summary">{s.diagnostics.summary(count('pass'), count('fail'), count('skip'))}</Text>
          <Button onClick={() => void copyReport()} data-testid="diagnostics-copy">
            {s.diagnostics.copy}
          </Button>
          {copy && <Text role="status">{copy === 'copied' ? s.diagnostics.copied : s.diagnostics.copyFailed}</Text>}
        </div>
      )}
    </section>
  );
}

/** Where the clipboard API is refused (some webviews), copy through a selected text area. */
function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/**
 * The task pane: commands, the last check's counts and attention list, messages, and in preview
 * mode the example workbook beside it. All workbook access goes through the PaneService prop;
 * this component only keeps what the user sees (language, running command, last summary, message).
 */
import { Suspense, lazy, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { FluentProvider, Spinner, makeStaticStyles, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Language } from '../rules/types';
import type { CheckSummary, ColumnClash, PaneError, PaneService, Progress } from './service';
import { StringsContext, stringsFor } from './strings';
import { ActionBar, type PaneAction } from './components/ActionBar';
import { AttentionList } from './components/AttentionList';
import { CheckProgress } from './components/CheckProgress';
import { CalendarExport } from './components/CalendarExport';
import { Diagnostics } from './components/Diagnostics';
import { FilterBar } from './components/FilterBar';
import { rememberedOwner, rememberOwner } from './ownerChoice';
import { PaneHeader } from './components/PaneHeader';
import { ClashMessage, ErrorMessage, OutcomeMessage, ProblemsMessage, type Outcome } from './components/PaneMessage';
import { PreviewBanner } from './components/PreviewBanner';
import { SummaryCounts } from './components/SummaryCounts';
import { SinceLastCheck } from './components/SinceLastCheck';
import { isPressed, looksBeyondToday, NO_FILTERS, ownerRows, toggleTile, viewCounts, visibleRows, type ViewFilters } from './dayView';
import { problemText } from '../workbook/check';
import { toPaneError } from './components/paneError';
import { officeTheme } from './components/theme';

// Only the preview needs the grid: it stays out of the bundle Excel loads for the first paint.
const PreviewGrid = lazy(() => import(/* webpackChunkName: "preview-grid" */ './components/PreviewGrid'));

// The browser's 8 px body margin would take 16 px of a 320 px pane (and frame the dark theme in white).
const useBodyStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: { minHeight: '100vh' },
  layout: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXXL,
    padding: tokens.spacingHorizontalL,
  },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    flex: '1 1 300px',
    minWidth: 0,
    // A 320 px pane (Excel's default on Windows) must never scroll sideways: any word too long for
    // its line (an ID, a header name in a message) wraps rather than widening the pane.
    overflowWrap: 'anywhere',
  },
  // In preview the pane keeps a task pane's width and the workbook takes the rest (or wraps below).
  previewPane: { flex: '0 1 380px' },
  grid: { flex: '1 1 480px', minWidth: 0 },
});

type Notice = { kind: 'error'; error: PaneError; retry?: () => void } | { kind: 'outcome'; outcome: Outcome };

/** Runs a check of service.checkRequirements() once; a failure replaces the commands. */
function requirementsError(service: PaneService): PaneError | null {
  try {
    service.checkRequirements();
    return null;
  } catch (thrown) {
    return toPaneError(thrown);
  }
}

function initialKeepUpToDate(service: PaneService): boolean {
  try {
    return service.keepUpToDate();
  } catch {
    return false; // the settings cannot be read (e.g. host too old): show the switch off
  }
}

export function App({ service }: { service: PaneService }) {
  useBodyStyles();
  const styles = useStyles();
  const theme = useMemo(officeTheme, []);
  const [language, setLanguage] = useState<Language>(service.officeLanguage);
  const strings = stringsFor(language);
  const [hostError] = useState(() => requirementsError(service));
  const [running, setRunning] = useState<PaneAction | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<CheckSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** The user's own columns the last write left alone (its product columns added beside them). */
  const [clashes, setClashes] = useState<{ clashes: ColumnClash[]; after: 'check' | 'create' } | null>(null);
  const [keepUpToDate, setKeepUpToDateState] = useState(() => initialKeepUpToDate(service));
  const [keepUpToDatePending, setKeepUpToDatePending] = useState(false);
  /** Which owner I am (null: all; undefined: never said), remembered on this machine. */
  const [ownerChosen, setOwnerChosen] = useState(() => rememberedOwner() !== undefined);
  /** What the list shows: it starts with my rows; clearing the filters shows everyone's for now. */
  const [filters, setFilters] = useState<ViewFilters>(() => ({ ...NO_FILTERS, owner: rememberedOwner() ?? null }));
  const setOwner = (next: string | null) => {
    setFilters((f) => ({ ...f, owner: next }));
    rememberOwner(next);
    setOwnerChosen(true);
  };

  useEffect(() => {
    document.documentElement.lang = strings.htmlLang; // screen readers pick the voice from it
  }, [strings]);

  /** Name the user's columns a write left alone, when it left any. */
  const showClashes = useCallback((found: ColumnClash[] | undefined, after: 'check' | 'create') => {
    if (found?.length) setClashes({ clashes: found, after });
  }, []);

  // Automatic re-checks after edits ("keep up to date") bring a new summary.
  useEffect(
    () =>
      service.onUpdate((next) => {
        setSummary(next);
        showClashes(next.clashes, 'check');
      }),
    [service, showClashes],
  );

  const showError = useCallback((thrown: unknown, retry?: () => void) => {
    setNotice({ kind: 'error', error: toPaneError(thrown), retry });
  }, []);

  /** One command at a time: the buttons are disabled while it runs, its error replaces the message. */
  const run = useCallback(
    async (action: PaneAction, work: () => Promise<void>) => {
      setRunning(action);
      setNotice(null);
      setClashes(null);
      try {
        await work();
      } catch (thrown) {
        showError(thrown, () => void run(action, work));
      } finally {
        setRunning(null);
        setProgress(null);
      }
    },
    [showError],
  );

  const create = () =>
    run('create', async () => {
      const outcome = await service.createPortfolio(language);
      setNotice({ kind: 'outcome', outcome: { kind: 'portfolio', outcome } });
      showClashes(outcome.clashes, 'create');
    });

  const check = () =>
    run('check', async () => {
      setProgress(null);
      const checked = await service.checkPortfolio(language, setProgress);
      setSummary(checked);
      showClashes(checked.clashes, 'check');
    });

  const dashboard = () =>
    run('dashboard', async () => {
      await service.buildDashboard(language);
      setNotice({ kind: 'outcome', outcome: { kind: 'dashboard' } });
    });

  const toggleKeepUpToDate = async (on: boolean) => {
    setKeepUpToDateState(on); // the switch moves at once; it moves back if the service refuses
    setKeepUpToDatePending(true);
    try {
      await service.setKeepUpToDate(on, language);
    } catch (thrown) {
      setKeepUpToDateState(!on);
      showError(thrown, () => void toggleKeepUpToDate(on));
    } finally {
      setKeepUpToDatePending(false);
    }
  };

  const selectRow = (row: number) => {
    service.selectRow(row).catch((thrown: unknown) => showError(thrown));
  };

  const dismiss = () => setNotice(null);
  // A remembered owner the portfolio no longer has shows everyone's rows.
  const mine = filters.owner !== null && summary?.owners.includes(filters.owner) ? filters.owner : null;
  // Typing in the search box stays responsive on 100,000 rows: the list follows when React has time.
  const search = useDeferredValue(filters.search);
  const view = useMemo(() => ({ ...filters, owner: mine, search }), [filters, mine, search]);
  const mineRows = useMemo(() => (summary ? ownerRows(summary.rows, mine) : []), [summary, mine]);
  const counts = useMemo(() => (summary ? viewCounts(mineRows, summary.today) : null), [summary, mineRows]);
  const shown = useMemo(() => (summary ? visibleRows(mineRows, view, summary.today) : []), [summary, mineRows, view]);
  const beyondToday = looksBeyondToday(view);
  const activeFilters = [
    mine,
    view.severity && strings.severity[view.severity],
    view.due && (view.due === 'overdue' ? strings.summary.overdue : strings.summary.dueWithin7),
    view.search.trim() && strings.filters.searchPart(view.search.trim()),
  ].filter((part): part is string => typeof part === 'string' && part !== '');

  // Automatic re-checks write texts in the language given to setKeepUpToDate: keep it current.
  const changeLanguage = (next: Language) => {
    setLanguage(next);
    if (keepUpToDate) service.setKeepUpToDate(true, next).catch((thrown: unknown) => showError(thrown));
  };

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <StringsContext.Provider value={strings}>
        <div className={styles.layout}>
          <main className={mergeClasses(styles.pane, service.preview && styles.previewPane)}>
            <PaneHeader onToggleLanguage={() => changeLanguage(language === 'en' ? 'zh-CN' : 'en')} />
            {service.preview && <PreviewBanner />}
            {hostError ? (
              <ErrorMessage error={hostError} />
            ) : (
              <>
                <ActionBar
                  running={running}
                  keepUpToDate={keepUpToDate}
                  keepUpToDatePending={keepUpToDatePending}
                  onCreate={create}
                  onCheck={check}
                  onDashboard={dashboard}
                  onKeepUpToDate={(on) => void toggleKeepUpToDate(on)}
                />
                {running === 'check' && <CheckProgress progress={progress} />}
                {notice?.kind === 'error' && (
                  <ErrorMessage
                    error={notice.error}
                    onCreate={notice.error.code === 'no-portfolio' ? create : undefined}
                    onRetry={notice.retry}
                    onDismiss={dismiss}
                  />
                )}
                {notice?.kind === 'outcome' && <OutcomeMessage outcome={notice.outcome} onDismiss={dismiss} />}
                {clashes && <ClashMessage clashes={clashes.clashes} after={clashes.after} onDismiss={() => setClashes(null)} />}
                {summary && summary.problems.length > 0 && <ProblemsMessage problems={summary.problems.map((p) => problemText(p, language))} />}
                {summary && counts && (
                  <SummaryCounts
                    summary={summary}
                    counts={counts}
                    isPressed={(tile) => isPressed(view, tile)}
                    onToggle={(tile) => setFilters((f) => toggleTile(f, tile))}
                  >
                    {summary.since && <SinceLastCheck since={summary.since} owner={mine} language={language} onSelectRow={selectRow} />}
                  </SummaryCounts>
                )}
                {summary && (
                  <FilterBar
                    owners={summary.owners}
                    owner={mine}
                    onOwner={setOwner}
                    askWhoAmI={!ownerChosen}
                    search={filters.search}
                    onSearch={(text) => setFilters((f) => ({ ...f, search: text }))}
                    active={activeFilters}
                    onClear={() => setFilters(NO_FILTERS)}
                  />
                )}
                {summary && (
                  <AttentionList
                    rows={shown}
                    title={beyondToday ? strings.attention.filteredTitle : strings.attention.title}
                    // Rows that need nothing now are counted only for the day's list (of my rows, or all).
                    fine={beyondToday ? null : (counts?.fine ?? 0)}
                    emptyText={beyondToday ? strings.attention.emptyFiltered : strings.attention.empty}
                    today={summary.today}
                    language={language}
                    onSelectRow={selectRow}
                    viewKey={JSON.stringify(view)}
                  />
                )}
                {summary && <CalendarExport service={service} language={language} owner={mine} disabled={running !== null} onError={showError} />}
                <Diagnostics run={(listener) => service.runDiagnostics(listener)} disabled={running !== null} />
              </>
            )}
          </main>
          {service.preview && service.previewWorkbook && (
            <div className={styles.grid}>
              <Suspense fallback={<Spinner size="small" />}>
                <PreviewGrid workbook={service.previewWorkbook} />
              </Suspense>
            </div>
          )}
        </div>
      </StringsContext.Provider>
    </FluentProvider>
  );
}

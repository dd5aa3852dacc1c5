/**
 * The filters above the list: which owner I am (a Fluent combobox of the portfolio's owners, or
 * all), a search over ID, client and name, and — when any filter is on — what the list shows and
 * one button that clears them all. The tiles (SummaryCounts) are the severity and due filters.
 */
import { Button, Caption1, Field, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../strings';
import { OwnerFilter } from './OwnerFilter';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  // Owner and search side by side when the pane is wide enough, stacked at 320 px.
  fields: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, '& > *': { flex: '1 1 140px', minWidth: 0 } },
  active: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  // A native input is as wide as its 20 characters unless told otherwise: let it shrink to the pane.
  search: { width: '100%', minWidth: 0, maxWidth: 'none', boxSizing: 'border-box' },
  searchInput: { minWidth: 0, width: '100%' },
});

export interface FilterBarProps {
  owners: readonly string[];
  owner: string | null;
  onOwner: (owner: string | null) => void;
  /** The person has never said which owner they are: ask. */
  askWhoAmI: boolean;
  search: string;
  onSearch: (text: string) => void;
  /** Each filter that is on, in words (empty: none). */
  active: string[];
  onClear: () => void;
}

export function FilterBar({ owners, owner, onOwner, askWhoAmI, search, onSearch, active, onClear }: FilterBarProps) {
  const styles = useStyles();
  const s = useStrings();
  return (
    <div className={styles.box} role="search" data-testid="filters">
      {askWhoAmI && owners.length > 0 && <Caption1 data-testid="who-am-i">{s.filters.whoAmI}</Caption1>}
      <div className={styles.fields}>
        {owners.length > 0 && <OwnerFilter owners={owners} value={owner} onChange={onOwner} />}
        <Field label={s.filters.search}>
          <SearchBox
            className={styles.search}
            input={{ className: styles.searchInput }}
            // Fluent keeps the clear button of an empty box, invisible, just past its right edge: none until there is text to clear.
            dismiss={search === '' ? null : undefined}
            value={search}
            placeholder={s.filters.searchPlaceholder}
            onChange={(_, data) => onSearch(data.value)}
            data-testid="filter-search"
          />
        </Field>
      </div>
      {active.length > 0 && (
        <div className={styles.active}>
          <Caption1 data-testid="filters-active">{s.filters.active(active)}</Caption1>
          <Button size="small" appearance="subtle" onClick={onClear} data-testid="filters-clear">
            {s.filters.clear}
          </Button>
        </div>
      )}
    </div>
  );
}

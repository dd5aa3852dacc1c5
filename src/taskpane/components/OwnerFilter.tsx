/**
 * The owner filter above the day's list: a Fluent combobox of the portfolio's owners and "all".
 */
import { Combobox, Field, Option, makeStyles } from '@fluentui/react-components';
import { useStrings } from '../strings';

export interface OwnerFilterProps {
  owners: readonly string[];
  /** null: all owners. */
  value: string | null;
  onChange: (owner: string | null) => void;
}

const ALL = '';

// Fluent's combobox is at least 250 px wide: too wide for a 320 px pane beside its padding.
const useStyles = makeStyles({ combobox: { minWidth: 0, width: '100%' } });

export function OwnerFilter({ owners, value, onChange }: OwnerFilterProps) {
  const s = useStrings();
  const styles = useStyles();
  const selected = value ?? ALL;
  return (
    <Field label={s.filters.owner}>
      <Combobox
        className={styles.combobox}
        data-testid="filter-owner"
        value={value ?? s.filters.allOwners}
        selectedOptions={[selected]}
        onOptionSelect={(_, data) => onChange(data.optionValue === undefined || data.optionValue === ALL ? null : data.optionValue)}
      >
        <Option value={ALL} data-testid="filter-owner-all">
          {s.filters.allOwners}
        </Option>
        {owners.map((o) => (
          <Option key={o} value={o} data-testid={`filter-owner-${o}`}>
            {o}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

/**
 * A labelled drop-down in a filter bar (dashboards, trainer reports): "label [all | option …]".
 * Options are [value, label] pairs; with `allLabel` the first choice is "" (no filter).
 */
export type FilterOption = readonly [value: string, label: string];

export function FilterSelect<V extends string>({
  label,
  value,
  onChange,
  options,
  allLabel,
  testId,
}: {
  label: string;
  value: V | '';
  onChange: (value: V) => void;
  options: readonly (readonly [V, string])[];
  allLabel?: string;
  testId?: string;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** People (clerks, trainees) as options: "王晓梅 (C0042)". */
export const personOptions = (entries: Iterable<readonly [string, string]>): FilterOption[] => [...entries].map(([id, name]) => [id, `${name} (${id})`] as const);

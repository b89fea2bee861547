/** A labelled row of checkboxes over a list of values. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  selected,
  onChange,
  testId,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  testId?: string;
}) {
  return (
    <fieldset class="check-group" data-testid={testId}>
      <legend>{legend}</legend>
      {options.length === 0 && <span class="muted small">none</span>}
      {options.map((o) => (
        <label class="check" key={o.value}>
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            onChange={(event) => onChange(event.currentTarget.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

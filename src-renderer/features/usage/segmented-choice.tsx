import { useId, type ReactNode } from 'react';

export interface SegmentedChoiceProps<Value extends string> {
  legend: string;
  choices: ReadonlyArray<readonly [Value, string]>;
  value: Value;
  onChoose(value: Value): void;
  /** Shown after the segments, inside the same group (the range picker's custom days). */
  children?: ReactNode;
}

/** One choice of a few, as joined buttons: a labelled radio group (a fieldset with its legend). */
export function SegmentedChoice<Value extends string>({ legend, choices, value, onChoose, children }: SegmentedChoiceProps<Value>) {
  const name = useId();
  return (
    <fieldset className="segmented-choice">
      <legend className="field-label">{legend}</legend>
      <div className="segmented">
        {choices.map(([choice, label]) => (
          <label key={choice} className="segment">
            <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => onChoose(choice)} />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

import { useId, useState } from 'react';
import { SegmentedChoice } from './segmented-choice';
import { customWindow, localDayOf, type CustomDays, type RangePreset, type UsageWindow } from './usage-range';

const presets: ReadonlyArray<[RangePreset, string]> = [
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['30d', '30 days'],
  ['custom', 'Custom'],
];

const DAY_MS = 86_400_000;

export interface RangePickerProps {
  preset: RangePreset;
  onPreset(preset: RangePreset): void;
  /** Called with each complete, valid custom range. */
  onCustom(usageWindow: UsageWindow): void;
}

/**
 * 24 h (hourly), 7 d and 30 d (daily), or custom days: radio buttons, then two date fields for custom.
 * The custom fields start at the last 7 days, so "Custom" alone shows the same as "7 days".
 */
export function RangePicker({ preset, onPreset, onCustom }: RangePickerProps) {
  const fromId = useId();
  const toId = useId();
  const problemId = useId();
  const [days, setDays] = useState<CustomDays>(() => ({ fromDay: localDayOf(Date.now() - 6 * DAY_MS), toDay: localDayOf(Date.now()) }));
  const [problem, setProblem] = useState<string | null>(null);
  const change = (next: CustomDays) => {
    setDays(next);
    const usageWindow = customWindow(next);
    if ('problem' in usageWindow) {
      setProblem(usageWindow.problem);
      return;
    }
    setProblem(null);
    onCustom(usageWindow);
  };
  const describedBy = problem === null ? undefined : problemId;
  return (
    <SegmentedChoice legend="Range" choices={presets} value={preset} onChoose={onPreset}>
      {preset === 'custom' && (
        <div className="custom-range">
          <label htmlFor={fromId}>From</label>
          <input id={fromId} type="date" value={days.fromDay} aria-describedby={describedBy} onChange={(event) => change({ ...days, fromDay: event.target.value })} />
          <label htmlFor={toId}>to</label>
          <input id={toId} type="date" value={days.toDay} aria-describedby={describedBy} onChange={(event) => change({ ...days, toDay: event.target.value })} />
          {problem !== null && (
            <span id={problemId} role="alert" className="message-error">
              {problem}
            </span>
          )}
        </div>
      )}
    </SegmentedChoice>
  );
}

import { describe, expect, it } from 'vitest';
import { bucketStarts, customWindow, localDayOf, presetWindow } from './usage-range';

const HOUR = 3_600_000;
// Local times, so the tests hold in any time zone.
const now = new Date(2026, 10, 26, 14, 37, 12).getTime();

describe('range presets', () => {
  it('24 h is hourly, from the start of the hour 23 h ago: 24 bars, the current hour last', () => {
    const usageWindow = presetWindow('24h', now);
    expect(usageWindow.bucket).toBe('hour');
    expect(usageWindow.to).toBe(now);
    const starts = bucketStarts(usageWindow);
    expect(starts).toHaveLength(24);
    expect(starts.at(-1)).toBe(new Date(2026, 10, 26, 14).getTime());
    expect(starts[1]! - starts[0]!).toBe(HOUR);
  });

  it('7 d and 30 d are daily from local midnight, today included', () => {
    const week = presetWindow('7d', now);
    expect(week).toEqual({ from: new Date(2026, 10, 20).getTime(), to: now, bucket: 'day' });
    expect(bucketStarts(week)).toHaveLength(7);
    const month = presetWindow('30d', now);
    expect(month.from).toBe(new Date(2026, 9, 28).getTime());
    expect(bucketStarts(month)).toHaveLength(30);
    expect(bucketStarts(month).at(-1)).toBe(new Date(2026, 10, 26).getTime());
  });
});

describe('custom ranges', () => {
  it('covers whole local days, both ends included; two days or less are hourly', () => {
    expect(customWindow({ fromDay: '2026-11-01', toDay: '2026-11-02' })).toEqual({
      from: new Date(2026, 10, 1).getTime(),
      to: new Date(2026, 10, 3).getTime(),
      bucket: 'hour',
    });
    const longer = customWindow({ fromDay: '2026-10-01', toDay: '2026-11-15' });
    expect(longer).toMatchObject({ bucket: 'day' });
    if ('problem' in longer) throw new Error(longer.problem);
    expect(bucketStarts(longer)).toHaveLength(46);
  });

  it('says what is wrong with a reversed or incomplete range', () => {
    expect(customWindow({ fromDay: '2026-11-05', toDay: '2026-11-01' })).toEqual({ problem: 'The last day is before the first day: swap them.' });
    expect(customWindow({ fromDay: '', toDay: '2026-11-01' })).toEqual({ problem: 'Choose both a first and a last day.' });
  });

  it('prefills from a time as the local day', () => {
    expect(localDayOf(now)).toBe('2026-11-26');
  });
});
